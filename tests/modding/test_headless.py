"""Mods without a window: ``voxroom chat --mods`` and ``voxroom simulate --mods``, and ``ModRoom``'s clock."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from game.commands.chat import run_chat
from game.modding.testing import ModRoom

from .conftest import write_mod

HEADER = "from game.modding import api\nmod = api.this_mod()\n"
DOTS = (
    HEADER
    + """
@mod.on_load
def start():
    mod.spawn_npc("Dot", at=(1.0, 0.0, 1.0))
    mod.say("Ada", "Meet Dot.")

def where(npc, utterance, slots):
    return f"{npc} is right here."

mod.intent("where", ["where are you"], where)
"""
)


def chat(tmp_path: Path, lines: str, **flags: object) -> tuple[list[dict], str]:
    args = argparse.Namespace(
        scene="default", npc=None, brain="embed", model="", save="", no_memory=True, seed=0,
        mods="", mods_dir=[],
    )  # fmt: skip
    for key, value in flags.items():
        setattr(args, key, value)
    out = io.StringIO()
    assert run_chat(args, io.BytesIO(lines.encode()), out) == 0
    return [json.loads(line) for line in out.getvalue().splitlines()], ""


@pytest.mark.slow
def test_chat_loads_mods_from_a_mods_dir_talks_to_a_spawned_npc_and_prints_mod_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOXROOM_DATA_DIR", str(tmp_path / "data"))
    write_mod(tmp_path / "mine", "dots", DOTS)
    rows, _ = chat(tmp_path, "Dot, where are you\n", mods="dots", mods_dir=[str(tmp_path / "mine")])
    assert rows[0] == {"npc": "Ada", "text": "Meet Dot.", "source": "mod"}
    assert rows[1]["npc"] == "Dot" and rows[1]["text"] == "Dot is right here."


@pytest.mark.slow
def test_chat_without_mods_ignores_an_unenabled_mod(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOXROOM_DATA_DIR", str(tmp_path / "data"))
    write_mod(tmp_path / "mine", "dots", DOTS)
    rows, _ = chat(tmp_path, "Ada, where are you\n", mods_dir=[str(tmp_path / "mine")])
    assert len(rows) == 1 and rows[0]["npc"] == "Ada" and rows[0]["text"] != "Ada is right here."


def test_a_missing_mods_dir_is_a_user_error(tmp_path: Path) -> None:
    from game.errors import UserError

    with pytest.raises(UserError, match="no such folder"):
        chat(tmp_path, "", mods="x", mods_dir=[str(tmp_path / "nowhere")])


def test_mod_room_timers_run_on_the_fake_clock_only(tmp_path: Path) -> None:
    write_mod(tmp_path / "mods", "t", HEADER + "@mod.every(2.0)\ndef ping():\n    mod.say('Bo', 'ping')\n")
    with ModRoom(["t"], mods_dirs=[tmp_path / "mods"], only_dirs=True, data_dir=tmp_path / "d") as room:
        room.advance(1.9)
        assert room.said == []
        room.advance(0.2)
        assert room.said == [("Bo", "ping")]
        room.advance(10.0)
        assert len(room.said) == 6, "the say limit reads the same fake clock"
        assert room.errors() == []


@pytest.mark.slow
def test_simulate_loads_mods_and_talks_to_a_spawned_npc(tmp_path: Path) -> None:
    from tests.e2e.cli import voxroom

    write_mod(tmp_path / "mine", "dots", DOTS)
    done = voxroom(
        "simulate", "--mods", "dots", "--mods-dir", str(tmp_path / "mine"), "--text", "Dot, where are you",
        "--out", str(tmp_path / "out"), env={"VOXROOM_DATA_DIR": str(tmp_path / "data")},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "→ Dot: 'Dot is right here.'" in done.stdout
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert [t["npc"] for t in summary["turns"]] == ["Dot"]
