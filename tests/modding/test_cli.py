"""``voxroom new-mod`` and ``voxroom mods`` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.cli import voxroom

from .room import Room


def test_new_mod_scaffolds_a_mod_that_loads_and_answers(tmp_path: Path) -> None:
    env = {"VOXROOM_DATA_DIR": str(tmp_path / "data")}
    done = voxroom("new-mod", "greeter", "--dir", str(tmp_path / "mine"), env=env)
    assert done.returncode == 0, done.stderr
    assert "created" in done.stdout and (tmp_path / "mine" / "greeter" / "mod.toml").is_file()
    again = voxroom("new-mod", "greeter", "--dir", str(tmp_path / "mine"), env=env)
    assert again.returncode == 2 and "already exists" in again.stderr
    bad = voxroom("new-mod", "Bad Name", "--dir", str(tmp_path / "mine"), env=env)
    assert bad.returncode == 2 and "is not a mod name" in bad.stderr and "Traceback" not in bad.stderr

    room = Room(tmp_path, ["greeter"], search=[tmp_path / "mine"])
    assert [s.state for s in room.host.status()] == ["loaded"]
    assert any("greeter is loaded" in n.message for n in room.notices)
    reply = room.hear("hello greeter", npc="Ada")
    assert reply.reply.text == "Hello from the greeter mod! That's greeting number 1."
    room.host.key("f6")
    room.step(0.1)
    assert all(room.world.animator.get(n).gesture == "wave" for n in ("Ada", "Bo", "Cleo"))
    assert room.errors() == []


def test_mods_lists_states(tmp_path: Path) -> None:
    env = {"VOXROOM_DATA_DIR": str(tmp_path / "data")}
    broken = tmp_path / "extra" / "broken"
    broken.mkdir(parents=True)
    (broken / "mod.toml").write_text('name = "broken"\napi_version = 9\n')
    (broken / "main.py").write_text("")
    done = voxroom("mods", "--dir", str(tmp_path / "extra"), "--mods", "cafe,quiz,broken", env=env)
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith("cafe ") and " enabled " in line for line in lines)
    assert any(line.startswith("builder ") and " disabled " in line for line in lines)
    assert any("written for mod API version 9" in line for line in lines)
    assert any("no mod code ran" in line for line in lines)
    ok = voxroom("mods", "--json", "--check", "--mods", "builder", env=env)
    assert ok.returncode == 0, ok.stderr
    rows = {r["name"]: r for r in map(json.loads, ok.stdout.splitlines())}
    assert rows["builder"]["state"] == "loaded" and rows["quiz"]["state"] == "disabled"
    helptext = voxroom("new-mod", "--help").stdout
    assert "--dir" in helptext and "mod name" in helptext


def _mod_with_side_effect(root: Path, name: str, marker: Path) -> None:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "mod.toml").write_text(
        f'name = "{name}"\nversion = "0.1"\ndescription = "writes a file on import"\napi_version = 1\n'
    )
    (folder / "main.py").write_text(f"from pathlib import Path\nPath({str(marker)!r}).write_text('ran')\n")


def test_mods_lists_without_running_any_mod_code(tmp_path: Path) -> None:
    """Listing reads mod.toml only; --check runs the enabled mods and no others."""
    env = {"VOXROOM_DATA_DIR": str(tmp_path / "data")}
    extra = tmp_path / "extra"
    _mod_with_side_effect(extra, "noisy", tmp_path / "noisy-ran")
    _mod_with_side_effect(extra, "quiet", tmp_path / "quiet-ran")
    listed = voxroom("mods", "--dir", str(extra), "--mods", "noisy", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    rows = {r["name"]: r for r in map(json.loads, listed.stdout.splitlines())}
    assert rows["noisy"]["state"] == "enabled" and rows["noisy"]["description"] == "writes a file on import"
    assert rows["quiet"]["state"] == "disabled"
    assert not (tmp_path / "noisy-ran").exists() and not (tmp_path / "quiet-ran").exists()
    checked = voxroom("mods", "--dir", str(extra), "--mods", "noisy", "--check", env=env)
    assert (tmp_path / "noisy-ran").exists(), checked.stdout + checked.stderr
    assert not (tmp_path / "quiet-ran").exists()


@pytest.mark.slow
def test_new_mod_elsewhere_prints_a_command_that_finds_it_and_a_test_that_passes(tmp_path: Path) -> None:
    import importlib.util
    import shlex

    from game.cli import build_parser

    env = {"VOXROOM_DATA_DIR": str(tmp_path / "data")}
    done = voxroom("new-mod", "my-mod", "--dir", str(tmp_path / "mine"), env=env)
    assert done.returncode == 0, done.stderr
    command = next(line.split("then: ", 1)[1] for line in done.stdout.splitlines() if "then: " in line)
    argv = shlex.split(command)
    assert argv[:2] == ["voxroom", "run"]
    args = build_parser().parse_args(argv[1:])
    assert args.mods == "my-mod" and [Path(d) for d in args.mods_dir] == [(tmp_path / "mine").resolve()]
    # The same flags load the mod headless, through the real CLI.
    flags = ["--mods", "my-mod", "--mods-dir", args.mods_dir[0], "--npc", "Ada"]
    chat = subprocess_chat(flags, env, "hello my mod\n")
    assert json.loads(chat.splitlines()[0])["text"] == "Hello from the my-mod mod! That's greeting number 1."
    # The generated pytest test uses game.modding.testing and passes as it is.
    path = tmp_path / "mine" / "my-mod" / "tests" / "test_my_mod.py"
    spec = importlib.util.spec_from_file_location("generated_test", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.test_hello_is_answered_by_the_mod(tmp_path / "t1")
    module.test_f6_makes_everyone_wave_and_nothing_goes_wrong(tmp_path / "t2")
    assert "python -m pytest" in done.stdout and "game.modding.testing" in path.read_text()


def subprocess_chat(flags: list[str], env: dict[str, str], stdin: str) -> str:
    import os
    import subprocess
    import sys

    from tests.e2e.cli import ROOT

    full = {**os.environ, "SDL_AUDIODRIVER": "dummy", "PYTHONPATH": str(ROOT), **env}
    done = subprocess.run(
        [sys.executable, "-m", "game", "chat", "--no-memory", *flags],
        input=stdin, capture_output=True, text=True, timeout=120, cwd=ROOT, env=full,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout
