"""Mod API 2 through the real conversation: every line reaches ``on_line``, speech ends reach
``on_speech_done``, and ``mod.stop`` cuts an NPC off mid-line."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from game.events import Event, NpcLine, PlaybackEnded, PlaybackStarted, TextInput
from tests.modding.conftest import write_mod
from tests.support.live import drive, make_runtime_with_mods, of

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
    rt, host = make_runtime_with_mods([tmp_path / "mods"], tmp_path / "data")
    rt.start()
    log: list[Event] = []

    def run_until(until: Callable[[], bool]) -> bool:
        return drive(rt, until, 60.0, log, mods=host)

    try:
        rt.bus.put(TextInput(text="Ada, what is your name?"))
        assert run_until(lambda: bool(of(log, PlaybackEnded)))
        seen = sys.modules["voxroom_mods.recorder.main"].seen
        assert ("line", "user", "user") in seen and ("line", "Ada", "reply") in seen
        assert ("done", "Ada") in seen
        assert of(log, NpcLine)[0].npc == "Ada"

        mod = host.lifecycle.entries["recorder"].mod
        assert mod is not None
        mod.say("Ada", "This is a long line that the mod will cut off before it ends, " * 3)
        assert run_until(lambda: len(of(log, PlaybackStarted)) >= 2)
        mod.stop("Ada")
        ended = len(of(log, PlaybackEnded))
        assert run_until(lambda: len(of(log, PlaybackEnded)) > ended)
        assert of(log, PlaybackEnded)[-1].interrupted
        assert ("line", "Ada", "mod:recorder") in seen and seen[-1] == ("done", "Ada")
    finally:
        host.shutdown()
        rt.stop()
