"""``voxroom new-mod`` and ``voxroom mods`` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

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
    assert any(line.startswith("cafe ") and " loaded " in line for line in lines)
    assert any(line.startswith("builder ") and " disabled " in line for line in lines)
    assert any("written for mod API version 9" in line for line in lines)
    ok = voxroom("mods", "--json", "--mods", "builder", env=env)
    assert ok.returncode == 0, ok.stderr
    rows = {r["name"]: r for r in map(json.loads, ok.stdout.splitlines())}
    assert rows["builder"]["state"] == "loaded" and rows["quiz"]["state"] == "disabled"
    helptext = voxroom("new-mod", "--help").stdout
    assert "--dir" in helptext and "mod name" in helptext
