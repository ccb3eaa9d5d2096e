"""Mod API 2: completion events, timers, stop, aimed gestures, room reads, the log, kept state."""

from __future__ import annotations

import logging

import pytest

from game.events import FinalTranscript, NpcLine, PlaybackEnded, Silence, TextInput

from .conftest import Harness, touch_write, write_mod

HEADER = "from game.modding import api\nmod = api.this_mod()\nseen = []\n"


def _seen(harness: Harness, name: str) -> list[object]:
    import sys

    return sys.modules[f"voxroom_mods.{name}.main"].seen  # type: ignore[no-any-return]


def _walk_until_still(harness: Harness, npc: str, seconds: float = 20.0) -> None:
    for _ in range(int(seconds * 60)):
        harness.step()
        if harness.world.animator.get(npc).walk_target is None:
            harness.step()  # the host notices the arrival on the next tick
            return
    raise AssertionError(f"{npc} never arrived")


def test_on_arrived_fires_when_a_walk_ends_and_not_when_it_is_stopped(harness: Harness) -> None:
    write_mod(
        harness.root,
        "guide",
        HEADER
        + """
@mod.on_load
def go():
    mod.walk("Bo", "sofa")

@mod.on_arrived
def arrived(npc, target):
    seen.append((npc, target))
""",
    )
    harness.load()
    _walk_until_still(harness, "Bo")
    assert _seen(harness, "guide") == [("Bo", "sofa")]
    mod = harness.host.lifecycle.entries["guide"].mod
    assert mod is not None
    mod.walk("Bo", "table")
    harness.step()
    mod.stop("Bo")
    harness.step()
    for _ in range(120):
        harness.step()
    assert harness.world.animator.get("Bo").walk_target is None
    assert _seen(harness, "guide") == [("Bo", "sofa")], "a stopped walk is not an arrival"


def test_on_line_hears_the_user_the_brain_and_the_mods(harness: Harness) -> None:
    write_mod(
        harness.root,
        "ears",
        HEADER
        + """
@mod.on_line
def line(speaker, text, source):
    seen.append((speaker, text, source))

@mod.on_speech_done
def done(npc):
    seen.append(("done", npc))
""",
    )
    harness.load()
    harness.host.observe(TextInput(text="hello Ada"))
    harness.host.observe(FinalTranscript(text="where is the lamp"))
    harness.host.observe(NpcLine(npc="Ada", text="It is by the sofa.", source="reply"))
    harness.host.observe(PlaybackEnded(npc="Ada"))
    mod = harness.host.lifecycle.entries["ears"].mod
    assert mod is not None
    mod.say("Bo", "Tour starts now.")
    harness.step()
    assert _seen(harness, "ears") == [
        ("user", "hello Ada", "user"),
        ("user", "where is the lamp", "user"),
        ("Ada", "It is by the sofa.", "reply"),
        ("done", "Ada"),
        ("Bo", "Tour starts now.", "mod:ears"),
    ]
    assert harness.said == [("Bo", "Tour starts now.")]


def test_after_fires_once_and_every_until_cancelled(harness: Harness) -> None:
    write_mod(
        harness.root,
        "timers",
        HEADER
        + """
ticker = None

@mod.on_load
def start():
    global ticker
    mod.after(1.0, lambda: seen.append("after"))
    ticker = mod.every(0.5, lambda: seen.append("every"))
""",
    )
    harness.load()
    for _ in range(30):  # 0.5 s
        harness.host.tick(1 / 60, harness.world)
    assert _seen(harness, "timers") == ["every"]
    for _ in range(30):  # 1.0 s
        harness.host.tick(1 / 60, harness.world)
    assert _seen(harness, "timers") == ["every", "after", "every"]
    import sys

    sys.modules["voxroom_mods.timers.main"].ticker.cancel()
    for _ in range(120):
        harness.host.tick(1 / 60, harness.world)
    assert _seen(harness, "timers") == ["every", "after", "every"]


def test_stop_silences_and_stands_an_npc_and_gestures_can_be_aimed(harness: Harness) -> None:
    write_mod(harness.root, "ctl", HEADER)
    harness.load()
    mod = harness.host.lifecycle.entries["ctl"].mod
    assert mod is not None
    mod.gesture("Ada", "point", at="lamp")
    harness.host.apply(harness.world, harness.say)
    ada = harness.world.animator.get("Ada")
    lamp = harness.world.find_prop("lamp")
    assert ada.gesture == "point" and lamp is not None and ada.point_at == lamp.position
    assert ada.look_target == lamp.position
    mod.walk("Ada", "table")
    harness.host.apply(harness.world, harness.say)
    mod.stop("Ada")
    harness.host.apply(harness.world, harness.say)
    assert ada.walk_target is None and ada.gesture is None
    silences = [e for e in harness.bus.drain() if isinstance(e, Silence)]
    assert silences == [Silence(npc="Ada", source="mod:ctl", t=silences[0].t)]


def test_room_and_colours_are_read_only_and_log_lines_skip_the_hud(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    write_mod(harness.root, "reader", HEADER)
    harness.load()
    mod = harness.host.lifecycle.entries["reader"].mod
    assert mod is not None
    assert mod.room.name == "Lounge" and mod.room.size == harness.world.scene.room.size
    assert mod.colours["red"][0] > 0.5
    with pytest.raises(TypeError):
        mod.colours["red"] = (0.0, 0.0, 0.0)  # type: ignore[index]
    with caplog.at_level(logging.INFO, logger="game.modding.reader"):
        mod.log("counted", 3, "visitors")
    logged = [r.getMessage() for r in caplog.records if r.name == "game.modding.reader"]
    assert logged == ["counted 3 visitors"]
    assert harness.messages() == []


def test_a_disabled_mod_fixed_gets_its_state_back(harness: Harness) -> None:
    folder = write_mod(
        harness.root,
        "keeper",
        HEADER
        + """
count = 41

@mod.on_tick
def t(dt):
    1/0

@mod.on_unload
def bye():
    return {"count": count + 1}
""",
    )
    harness.load()
    for _ in range(3):
        harness.step()
    assert harness.state("keeper") == "disabled"
    touch_write(
        folder / "main.py",
        HEADER
        + """
@mod.on_reload
def back(state):
    seen.append(state)
""",
    )
    harness.reload()
    assert harness.state("keeper") == "loaded"
    assert _seen(harness, "keeper") == [{"count": 42}]


def test_a_mod_written_for_api_1_still_loads(harness: Harness) -> None:
    write_mod(
        harness.root,
        "old",
        "from game.modding import api\nmod = api.this_mod()\n",
        toml='name = "old"\nversion = "1.0"\napi_version = 1\n',
    )
    harness.load()
    assert harness.state("old") == "loaded"
