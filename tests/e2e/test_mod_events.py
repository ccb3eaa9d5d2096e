"""Mod API 2 through the real conversation: every line reaches ``on_line``, speech ends reach
``on_speech_done``, and ``mod.stop`` cuts an NPC off mid-line."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from game.events import Event, NpcLine, NpcSpeech, PlaybackEnded, PlaybackStarted, TextInput
from game.modding.host import ModHost
from tests.modding.conftest import write_mod
from tests.support.live import DT, make_runtime, of
from tests.support.waiting import frames

RECORDER = """
from game.modding import api
mod = api.this_mod()
seen = []

@mod.on_line
def line(speaker, text, source):
    seen.append(("line", speaker, source))

@mod.on_speech_done
def done(npc):
    seen.append(("done", npc))
"""


def test_lines_and_speech_ends_reach_mods_and_stop_cuts_a_line(tmp_path: Path) -> None:
    write_mod(tmp_path / "mods", "recorder", RECORDER)
    rt = make_runtime()
    host = ModHost(rt.bus, [tmp_path / "mods"], data_dir=tmp_path / "data")
    host.load(rt.world)
    rt.conversation.mods = host
    rt.start()
    log: list[Event] = []

    def step() -> None:
        for event in rt.bus.drain():
            log.append(event)
            host.observe(event)
            rt.handle(event)
        rt.tick(DT)
        host.tick(DT, rt.world)
        host.apply(rt.world, lambda npc, text: rt.bus.put(NpcSpeech(npc=npc, text=text)))
        rt.world.tick(DT, time.monotonic())

    try:
        rt.bus.put(TextInput(text="Ada, what is your name?"))
        assert frames(step, lambda: bool(of(log, PlaybackEnded)), 20.0, rt.bus)
        seen = sys.modules["voxroom_mods.recorder.main"].seen
        assert ("line", "user", "user") in seen and ("line", "Ada", "reply") in seen
        assert ("done", "Ada") in seen
        assert of(log, NpcLine)[0].npc == "Ada"

        mod = host.lifecycle.entries["recorder"].mod
        assert mod is not None
        mod.say("Ada", "This is a long line that the mod will cut off before it ends, " * 3)
        assert frames(step, lambda: len(of(log, PlaybackStarted)) >= 2, 20.0, rt.bus)
        mod.stop("Ada")
        ended = len(of(log, PlaybackEnded))
        assert frames(step, lambda: len(of(log, PlaybackEnded)) > ended, 20.0, rt.bus)
        assert of(log, PlaybackEnded)[-1].interrupted
        assert ("line", "Ada", "mod:recorder") in seen and seen[-1] == ("done", "Ada")
    finally:
        host.shutdown()
        rt.stop()

