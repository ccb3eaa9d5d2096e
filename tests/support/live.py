"""Drive a real :class:`game.conversation.runtime.Runtime` the way the app's main loop does, without a window.

Workers run on their own threads; this thread drains the bus, hands events to the
conversation and ticks the runtime, so fault tests see exactly what the app would.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.conversation.assemble import build_runtime
from game.conversation.runtime import Runtime
from game.conversation.watchdog import Deadlines
from game.events import Event, NpcSpeech
from game.modding.host import ModHost
from game.sim.scene import load_scene
from tests.support.fakes import FakeSynthesizer
from tests.support.waiting import FRAME_S, WatchedBus, frames

DT = FRAME_S


def make_runtime(
    deadlines: Deadlines | None = None,
    synthesizer: Any = None,
    brain: Any = None,
    bus: WatchedBus | None = None,
    mods: Any = None,
    memory_dir: Any = None,
) -> Runtime:
    """The default room with the fake synthesizer (short clips) and, when given, another brain.

    Its bus is a :class:`WatchedBus`, so :func:`drive` wakes as soon as a worker posts.
    ``mods`` is a mod host built on the same ``bus``, as ``voxroom run`` wires it.
    """
    rt = build_runtime(
        load_scene("default"),
        bus or WatchedBus(),
        synthesizer=synthesizer or FakeSynthesizer(seconds_per_word=0.05),
        deadlines=deadlines,
        mods=mods,
        memory_dir=memory_dir,
    )
    if brain is not None:
        rt.set_brain(brain)
    return rt


def make_runtime_with_mods(
    search: list[Path], data_dir: Path, enabled: list[str] | None = None
) -> tuple[Runtime, ModHost]:
    """:func:`make_runtime` with a mod host loaded on its world, as ``voxroom run`` composes them."""
    rt = make_runtime()
    host = ModHost(rt.bus, search, enabled=enabled, data_dir=data_dir)
    host.load(rt.world)
    rt.conversation.mods = host
    return rt, host


def drive(
    rt: Runtime,
    until: Callable[[], bool],
    timeout: float,
    log: list[Event],
    outcomes: list[str] | None = None,
    mods: Any = None,
) -> bool:
    """Run main-loop steps until ``until()`` holds (True) or ``timeout`` seconds pass (False).

    Events go to ``log``; what :meth:`Runtime.handle` reports (hearing swaps) to ``outcomes``.
    Between steps it waits for the next post on the bus, or one frame. ``mods``: a mod host
    driven as the app drives it (it observes every event, ticks, and its ``say`` lines are
    spoken).
    """
    bus = rt.bus
    assert isinstance(bus, WatchedBus), "drive a runtime from make_runtime"

    def step() -> None:
        for event in bus.drain():
            log.append(event)
            if mods is not None:
                mods.observe(event)
            outcome = rt.handle(event)
            if outcome and outcomes is not None:
                outcomes.append(outcome)
        rt.tick(DT)
        if mods is not None:
            mods.tick(DT, rt.world)
            mods.apply(rt.world, lambda npc, text: bus.put(NpcSpeech(npc=npc, text=text)))
        rt.world.tick(DT, time.monotonic())

    return frames(step, until, timeout, bus)


def of(log: list[Event], kind: type[Any]) -> list[Any]:
    """The events of one type, in order."""
    return [e for e in log if isinstance(e, kind)]
