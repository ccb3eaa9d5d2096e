from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import ClassVar

import pytest

from game.bus import EventBus
from game.clock import FixedStepClock
from game.events import DataEvent, Interrupt, Notice, Shutdown, TextInput
from game.sim.camera import Camera, lerp_camera, parse_camera


@dataclass(frozen=True, kw_only=True)
class _Speech(DataEvent):
    kind: ClassVar[str] = "speech_chunk"
    droppable: ClassVar[bool] = True
    n: int


def test_bus_control_first_and_order_kept() -> None:
    bus = EventBus()
    bus.put(TextInput(text="a"))
    bus.put(Notice(source="x", message="m"))
    bus.put(TextInput(text="b"))
    bus.put(Shutdown())
    kinds = [e.kind for e in bus.drain()]
    assert kinds == ["notice", "shutdown", "text_input", "text_input"]
    assert bus.drain() == []


def test_interrupt_drops_only_droppable_data() -> None:
    bus = EventBus()
    bus.put(_Speech(n=1))
    bus.put(TextInput(text="keep"))
    bus.put(Interrupt())
    batch = bus.drain()
    assert [e.kind for e in batch] == ["interrupt", "text_input"]


def test_bus_many_producers_lose_nothing() -> None:
    bus = EventBus()
    seen: list[str] = []
    bus.tap(lambda e: seen.append(e.kind))

    def produce(k: int) -> None:
        for i in range(500):
            bus.put(TextInput(text=f"{k}-{i}"))

    threads = [threading.Thread(target=produce, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    got = []
    while any(t.is_alive() for t in threads) or not bus.empty():
        got += bus.drain()
    for t in threads:
        t.join()
    got += bus.drain()
    texts = [e.text for e in got if isinstance(e, TextInput)]
    assert len(texts) == len(set(texts)) == 2000
    for k in range(4):
        mine = [int(t.split("-")[1]) for t in texts if t.startswith(f"{k}-")]
        assert mine == sorted(mine)
    assert len(seen) == 2000


def test_fixed_step_clock_accumulates_and_caps() -> None:
    now = [0.0]
    clock = FixedStepClock(step=0.01, now=lambda: now[0], max_steps=5)
    now[0] = 0.025
    assert clock.advance() == 2
    assert clock.alpha == pytest.approx(0.5)
    now[0] = 10.0
    assert clock.advance() == 5  # long stall: capped, not a spiral of death
    assert clock.alpha == 0.0


def test_camera_move_turn_and_lerp() -> None:
    cam = Camera(position=(0.0, 1.6, 0.0), yaw=0.0)
    assert cam.moved(1.0, 0.0).position == pytest.approx((0.0, 1.6, -1.0))
    assert cam.turned(90, 0).moved(1.0, 0.0).position == pytest.approx((-1.0, 1.6, 0.0), abs=1e-6)
    a, b = Camera(yaw=350.0), Camera(yaw=10.0)
    assert lerp_camera(a, b, 0.5).yaw == pytest.approx(0.0, abs=1e-6) or lerp_camera(
        a, b, 0.5
    ).yaw == pytest.approx(360.0)
    assert cam.turned(0, 500).pitch == 85.0
    with pytest.raises(ValueError, match="x,y,z,yaw,pitch"):
        parse_camera("1,2,3")


def test_interrupt_keeps_events_posted_after_it() -> None:
    bus = EventBus()
    bus.put(_Speech(n=1))
    bus.put(Interrupt())
    bus.put(_Speech(n=2))  # e.g. the answer to what the user said when interrupting
    batch = bus.drain()
    assert [getattr(e, "n", None) for e in batch] == [None, 2]
