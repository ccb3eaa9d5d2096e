"""``voxroom chat --no-memory`` neither reads nor writes the user's stored memory.

It used to only skip the writes: the NPCs still greeted the user by the name told in an
earlier chat and asked after their news.
"""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from game.commands.chat import run_chat
from game.mind.brain import EmbeddingBrain


def _chat(lines: list[str], no_memory: bool) -> list[str]:
    args = argparse.Namespace(
        scene="default", npc="Bo", brain="embed", model="", save="", no_memory=no_memory, seed=1
    )
    stdout = io.StringIO()
    assert run_chat(args, io.BytesIO("".join(f"{line}\n" for line in lines).encode()), stdout) == 0
    return [json.loads(x)["text"] for x in stdout.getvalue().splitlines()]


@pytest.fixture
def _one_brain(brain: EmbeddingBrain, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("game.mind.factory.make_brain", lambda *_a, **_k: (brain, []))  # built once


@pytest.mark.usefixtures("_one_brain")
def test_no_memory_starts_empty_and_leaves_the_stored_memory_as_it_was(_data_dir: Path) -> None:
    _chat(["my name is Zed", "I'm learning to paint"], no_memory=False)
    db = _data_dir / "memory" / "memory.sqlite3"
    stored = db.read_bytes()
    replies = _chat(
        ["what do you remember about me?", "what's my name?", "hello", "my name is Quin", "I got a puppy"],
        no_memory=True,
    )
    said = " ".join(replies).lower()
    assert "zed" not in said and "paint" not in said, replies
    assert db.read_bytes() == stored  # nothing written, nothing migrated
    assert "Zed" in " ".join(_chat(["what's my name?"], no_memory=False))  # not Quin: he was never saved


@pytest.mark.usefixtures("_one_brain")
def test_no_memory_on_a_fresh_data_folder_makes_no_memory_there(_data_dir: Path) -> None:
    replies = _chat(["my name is Ivo", "what's my name?"], no_memory=True)
    assert "Ivo" in replies[-1]  # remembered for the chat itself
    assert not (_data_dir / "memory").exists()
