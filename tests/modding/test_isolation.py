"""A broken mod is reported with its name and disabled; the app and the other mods carry on."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from game.modding.world_api import SAY_BURST, SAY_EVERY_S
from tests.support.clock import FakeClock

from .conftest import Harness, write_mod

HEADER = "from game.modding import api\nmod = api.this_mod()\n"
GOOD = (
    HEADER
    + """
ticks = []

@mod.on_tick
def tick(dt):
    ticks.append(dt)
"""
)


def _ticks() -> int:
    import sys

    return len(sys.modules["voxroom_mods.good.main"].ticks)


def test_exception_is_reported_with_mod_name_and_traceback_then_disabled(harness: Harness, caplog) -> None:
    write_mod(harness.root, "good", GOOD)
    write_mod(
        harness.root,
        "bad",
        HEADER
        + """
def helper(x):
    return 1 / x

@mod.on_tick
def tick(dt):
    helper(0)
""",
    )
    harness.load()
    with caplog.at_level("ERROR", logger="game.modding"):
        for _ in range(5):
            harness.step()
    errors = harness.messages("error")
    assert errors[0] == "bad: on_tick failed: ZeroDivisionError: division by zero (main.py:5 in helper)"
    assert "disabled after 3 failures" in errors[2] and len(errors) == 3
    assert all(n.source == "mod:bad" for n in harness.notices if n.level == "error")
    assert "Traceback" in caplog.text and "helper(0)" in caplog.text, "the full traceback goes to the log"
    assert harness.state("bad") == "disabled" and harness.state("good") == "loaded"
    assert _ticks() == 5


def test_slow_hook_is_reported_but_keeps_running(harness: Harness) -> None:
    slow = """
import time

@mod.on_tick
def t(dt):  # computes for 80 ms, past the 50 ms budget and far inside the 0.5 s limit
    end = time.perf_counter() + 0.08
    while time.perf_counter() < end:
        pass
"""
    write_mod(harness.root, "slow", HEADER + slow)
    harness.load()
    harness.step()
    harness.step()
    warnings = harness.messages("warning")
    assert len(warnings) == 1 and warnings[0].startswith("slow: on_tick took ")
    assert "(budget 50 ms)" in warnings[0]
    assert harness.state("slow") == "loaded"


def test_endless_loop_does_not_freeze_the_loop_and_disables_the_mod(harness: Harness) -> None:
    write_mod(harness.root, "good", GOOD)
    write_mod(
        harness.root,
        "loop",
        HEADER
        + """
@mod.on_heard
def heard(npc, text):
    while True:
        try:
            pass
        except Exception:
            pass
""",
    )
    harness.load()
    start = time.monotonic()
    assert harness.host.heard("Ada", "hello") is None
    assert time.monotonic() - start < 1.5
    assert harness.state("loop") == "disabled"
    assert any("did not return within 0.5 s" in m for m in harness.messages("error"))
    # the runaway thread was stopped by the injected exception, and the next hooks run on a fresh one
    start = time.monotonic()
    for _ in range(10):
        harness.step()
    assert time.monotonic() - start < 1.0 and _ticks() == 10


def test_endless_loop_at_import_time(harness: Harness) -> None:
    harness.host.load_limit_s = 0.5
    write_mod(harness.root, "hang", "while True:\n    pass\n")
    write_mod(harness.root, "good", GOOD)
    harness.load()
    assert harness.state("hang") == "error" and harness.state("good") == "loaded"
    assert any("loading did not finish within 0.5 s" in m for m in harness.messages("error"))


def test_syntax_error_names_file_and_line(harness: Harness) -> None:
    write_mod(harness.root, "broken", HEADER + "def oops(:\n    pass\n")
    write_mod(harness.root, "good", GOOD)
    harness.load()
    status = {s.name: s for s in harness.host.status()}
    assert status["broken"].state == "error"
    assert "main.py:3" in status["broken"].error and "syntax error" in status["broken"].error
    assert status["good"].state == "loaded"


def test_missing_module_import(harness: Harness) -> None:
    write_mod(harness.root, "needs", HEADER + "import surely_not_a_module_xyz\n")
    harness.load()
    (error,) = harness.messages("error")
    assert error.startswith("mod 'needs' (")
    assert "main.py:3): imports a missing module 'surely_not_a_module_xyz'" in error


def test_unknown_hook_and_duplicate_names(harness: Harness) -> None:
    write_mod(harness.root, "typo", HEADER + "@mod.on_tik\ndef t(dt):\n    pass\n")
    write_mod(harness.root, "generic", HEADER + "@mod.hook('on_tock')\ndef t(dt):\n    pass\n")
    write_mod(
        harness.root,
        "twice",
        HEADER + "mod.intent('hi', ['hi'], print)\nmod.intent('hi', ['hello'], print)\n",
    )
    harness.load()
    status = {s.name: s.error for s in harness.host.status()}
    assert "the mod API has no 'on_tik'; did you mean 'on_tick'?" in status["typo"]
    assert "unknown hook 'on_tock'; did you mean 'on_tick'?" in status["generic"]
    assert "intent 'twice:hi' is registered twice" in status["twice"]
    assert all("main.py:" in e for e in status.values())


def test_bad_manifests(harness: Harness) -> None:
    write_mod(harness.root, "malformed", "", toml='name = "malformed"\napi_version = = 1\n')
    write_mod(harness.root, "noentry", "", toml='name = "noentry"\napi_version = 1\nentry = "start.py"\n')
    write_mod(harness.root, "future", "", toml='name = "future"\napi_version = 3\n')
    write_mod(harness.root, "extra", "", toml='name = "extra"\napi_version = 1\nhooks = ["on_tick"]\n')
    write_mod(
        harness.root, "escape", "", toml='name = "escape"\napi_version = 1\nscenes = ["../../x.toml"]\n'
    )
    write_mod(harness.root, "good", GOOD)
    harness.load()
    errors = "\n".join(harness.messages("error"))
    assert "mod 'malformed' (" in errors and "mod.toml): not valid TOML" in errors
    assert "mod 'noentry'" in errors and "entry: 'start.py' does not exist" in errors
    assert (
        "written for mod API version 3, but this Voxroom runs versions 1 and 2 (this mod needs a newer"
        in errors
    )
    assert "unknown key 'hooks'" in errors
    assert "scenes: '../../x.toml' points outside the mod folder (not allowed)" in errors
    assert harness.state("good") == "loaded"
    for s in harness.host.status():
        if s.name != "good":
            assert s.state == "error" and s.error


def test_name_clash_between_two_mods(tmp_path: Path) -> None:
    write_mod(tmp_path / "a", "cafe", GOOD.replace("ticks", "a_ticks"))
    write_mod(tmp_path / "b", "cafe", GOOD)
    h = Harness(tmp_path / "a", tmp_path / "data")
    h.host.search_dirs.append(tmp_path / "b")
    h.load()
    status = h.host.status()
    assert [s.state for s in status if s.name == "cafe"] == ["error", "loaded"] or [
        s.state for s in status if s.name == "cafe"
    ] == ["loaded", "error"]
    clash = next(s for s in status if s.state == "error")
    assert "name clash: a mod called 'cafe' is already loaded from" in clash.error
    assert str(tmp_path / "b") in clash.error
    h.host.shutdown()


def test_dependencies_load_first_and_missing_ones_are_reported(harness: Harness) -> None:
    order = "import builtins\nbuiltins.__dict__.setdefault('_mod_order', []).append(__name__)\n"
    write_mod(harness.root, "base", order, toml='name = "base"\napi_version = 1\n')
    write_mod(harness.root, "addon", order, toml='name = "addon"\napi_version = 1\ndepends = ["base"]\n')
    write_mod(harness.root, "orphan", order, toml='name = "orphan"\napi_version = 1\ndepends = ["ghost"]\n')
    import builtins

    builtins.__dict__.pop("_mod_order", None)
    harness.load()
    loaded = builtins.__dict__.pop("_mod_order")
    assert loaded.index("voxroom_mods.base.main") < loaded.index("voxroom_mods.addon.main")
    assert harness.state("orphan") == "error"
    assert any(
        "depends on 'ghost', which is not installed or enabled" in m for m in harness.messages("error")
    )


def test_only_enabled_mods_load(tmp_path: Path) -> None:
    write_mod(tmp_path / "mods", "good", GOOD)
    write_mod(tmp_path / "mods", "other", GOOD)
    h = Harness(tmp_path / "mods", tmp_path / "data", enabled=["good", "nope"])
    h.load()
    assert h.state("good") == "loaded" and h.state("other") == "disabled"
    assert any("no mod called 'nope'" in m for m in h.messages("error"))
    h.host.shutdown()


def test_data_files_cannot_escape_the_mod(harness: Harness, tmp_path: Path) -> None:
    (tmp_path / "outside.toml").write_text("secret = 1\n")
    folder = write_mod(
        harness.root,
        "sneaky",
        HEADER + "@mod.on_load\ndef go():\n    mod.data_path('../../outside.toml')\n",
        toml='name = "sneaky"\napi_version = 1\nscenes = ["link.toml"]\n',
    )
    (folder / "link.toml").symlink_to(tmp_path / "outside.toml")
    harness.load()
    assert "scenes: 'link.toml' leads outside the mod folder (not allowed)" in harness.messages("error")[0]
    (folder / "link.toml").unlink()
    (folder / "mod.toml").write_text('name = "sneaky"\napi_version = 1\n')
    harness.reload()
    assert any("is outside this mod's data folder" in m for m in harness.messages("error"))


def test_a_mod_saying_a_thousand_lines_is_rate_limited_and_told(tmp_path: Path) -> None:
    clock = FakeClock()
    h = Harness(tmp_path / "mods", tmp_path / "data", clock=clock)
    write_mod(
        tmp_path / "mods",
        "chatter",
        HEADER
        + """
@mod.on_load
def spam():
    for i in range(1000):
        mod.say("Ada", f"line {i}")
""",
    )
    try:
        h.load()
        assert [text for _, text in h.said] == [f"line {i}" for i in range(SAY_BURST)]
        limit = [m for m in h.messages("warning") if "say() limit hit" in m]
        assert len(limit) == 1 and limit[0].startswith("chatter: ")
        mod = h.host.lifecycle.entries["chatter"].mod
        assert mod is not None
        clock.advance(SAY_EVERY_S)
        mod.say("Ada", "after a pause")
        h.step()
        assert h.said[-1] == ("Ada", "after a pause")
        with pytest.raises(ValueError, match="the limit is 1000"):
            mod.say("Ada", "x" * 1001)
    finally:
        h.host.shutdown()
