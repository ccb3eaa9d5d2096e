"""A memory that cannot be written is said, never promised over; any bytes in chat are a turn."""

from __future__ import annotations

import argparse
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from game.commands.chat import run_chat
from game.mind.brain import EmbeddingBrain
from game.mind.memory import MemoryStore
from game.mind.session import MindSession
from game.sim.scene import Scene

ROOT = Path(__file__).resolve().parents[2]
SORRY = "I'm sorry — I couldn't save that to memory"


def _chat_args() -> argparse.Namespace:
    return argparse.Namespace(
        scene="default", npc="Ada", brain="embed", model="", save="", no_memory=False, seed=1
    )


def test_memory_folder_replaced_by_a_file_chat_json_says_so(
    _data_dir: Path, brain: EmbeddingBrain, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's case: Ada said "Noted. I'll remember that." and nothing was saved."""
    monkeypatch.setattr("game.mind.factory.make_brain", lambda *_a, **_k: (brain, []))  # built once
    _data_dir.mkdir(parents=True)
    (_data_dir / "memory").write_text("I am a file, not a folder", encoding="utf-8")
    stdout = io.StringIO()
    assert run_chat(_chat_args(), io.BytesIO(b"my name is Sam\n"), stdout) == 0
    [line] = [json.loads(x) for x in stdout.getvalue().splitlines()]
    assert line["memory_error"] == "the memory folder is a file"
    assert SORRY in line["text"] and "remember" not in line["text"].lower(), line["text"]


class _FullDisk(MemoryStore):
    def _before_commit(self, db: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("database or disk is full")


def test_a_write_that_fails_after_the_reply_takes_the_promise_back(
    scene: Scene, brain: EmbeddingBrain, tmp_path: Path
) -> None:
    talk = MindSession(scene, brain, _FullDisk(tmp_path))
    ex = talk.say("my name is Sam", "Ada")
    assert ex is not None and ex.memory_error == "database or disk is full"
    assert ex.reply.text.startswith("Nice to meet you, Sam.") and SORRY in ex.reply.text
    assert not any(p in ex.reply.text for p in talk.personas["Ada"].lines["remember"])
    assert any("could not save Ada's memory" in p for p in talk.problems)
    ok = MindSession(scene, brain, MemoryStore(tmp_path)).say("my name is Kim", "Ada")
    assert ok is not None and not ok.memory_error and SORRY not in ok.reply.text


def test_chat_in_a_subprocess_takes_latin1_bytes(tmp_path: Path) -> None:
    """ "José" in Latin-1 crashed ``voxroom chat`` with a UnicodeEncodeError while saving memory."""
    env = {**os.environ, "SDL_AUDIODRIVER": "dummy", "PYTHONPATH": str(ROOT), "LC_ALL": "C",
           "VOXROOM_DATA_DIR": str(tmp_path / "data")}  # fmt: skip
    env.pop("PYTHONUTF8", None)
    env.pop("PYTHONIOENCODING", None)
    done = subprocess.run(
        [sys.executable, "-m", "game", "chat", "--npc", "Ada", "--seed", "1"],
        input=b"my name is Jos\xe9\nI like caf\xe9 con leche\n",
        capture_output=True,
        timeout=180,
        cwd=ROOT,
        env=env,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    lines = [json.loads(x) for x in done.stdout.decode("utf-8").splitlines()]
    assert [x["intent"] for x in lines] == ["tell_fact", "tell_fact"] and "memory_error" not in lines[0]
    memory = MemoryStore(tmp_path / "data" / "memory").load("Ada")
    assert [t["user"] for t in memory.turns] == ["my name is Jos\ufffd", "I like caf\ufffd con leche"]
    assert memory.user_name == "Jos" and memory.likes == ["caf\ufffd con leche"]
