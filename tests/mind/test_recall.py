"""Free talk remembered end to end with the real default brain: told, saved, brought back, shown, erased."""

from __future__ import annotations

import argparse
import io
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.commands.memory import run_memory
from game.mind.factory import make_brain
from game.mind.memory import MemoryStore
from game.mind.protocols import Brain
from game.mind.session import Exchange, MindSession
from game.sim.scene import Scene

SORRY = "I'm sorry — I couldn't save that to memory"


@pytest.fixture(scope="module")
def embed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Brain]:
    """``make_brain("embed")``: what ``voxroom run`` and ``voxroom chat`` use by default."""
    old = os.environ.get("VOXROOM_DATA_DIR")
    os.environ["VOXROOM_DATA_DIR"] = str(tmp_path_factory.mktemp("embed-data"))
    try:
        brain, problems = make_brain("embed", seed=3)
        assert problems == []
        yield brain
    finally:
        if old is None:
            os.environ.pop("VOXROOM_DATA_DIR", None)
        else:
            os.environ["VOXROOM_DATA_DIR"] = old


def _say(talk: MindSession, line: str, npc: str = "Ada") -> Exchange:
    exchange = talk.say(line, npc)
    assert exchange is not None
    return exchange


def _show(folder: Path, npc: str = "Ada") -> str:
    out = io.StringIO()
    assert run_memory(argparse.Namespace(verb="show", npc=npc, json=False), MemoryStore(folder), out) == 0
    return out.getvalue()


def test_news_told_on_one_visit_comes_back_on_the_next(scene: Scene, embed: Brain, tmp_path: Path) -> None:
    first = MindSession(scene, embed, MemoryStore(tmp_path))
    _say(first, "hello Ada")
    _say(first, "my name is Sam")
    painting = _say(first, "Ada, I'm learning to paint")
    sister = _say(first, "my sister is visiting next week")
    assert painting.reply.intent == "tell_news" and "learning to paint" in painting.reply.text
    assert sister.reply.text.startswith("Your sister is visiting?") and not sister.memory_error
    again = _say(first, "hi Ada")
    assert "visit?" not in again.reply.text and "painting" not in again.reply.text, "not back within a visit"
    question = _say(first, "are you learning to paint?")
    assert question.reply.intent != "tell_news"

    second = MindSession(scene, embed, MemoryStore(tmp_path))  # a new process on the same memory
    hello = _say(second, "hello Ada")
    assert hello.reply.intent == "greet" and "Sam" in hello.reply.text
    assert hello.reply.text.endswith("Did your sister enjoy her visit?"), hello.reply.text
    other = _say(second, "where did you grow up?")
    assert "Thank you for telling me" not in other.reply.text, "a question is not the answer"
    remind = _say(second, "do you remember my sister?")
    assert remind.reply.text.endswith("Yes: you told me your sister is visiting."), "asked once only"
    answer = _say(second, "she had a lovely time")
    assert "good to hear" in answer.reply.text
    related = _say(second, "painting is harder than I thought")
    assert related.reply.text == "You told me you're learning to paint. How is the painting going?"
    asked = _say(second, "what do you remember about me?")
    assert "learning to paint" in asked.reply.text and "sister" in asked.reply.text
    hello_again = _say(second, "hello again Ada")
    assert "painting" not in hello_again.reply.text and "visit?" not in hello_again.reply.text, "asked once"
    bo = _say(second, "hello Bo", "Bo")
    assert "paint" not in bo.reply.text and "sister" not in bo.reply.text, "Bo was not told"


def test_memory_show_lists_the_news_and_forget_erases_it(scene: Scene, embed: Brain, tmp_path: Path) -> None:
    _say(MindSession(scene, embed, MemoryStore(tmp_path)), "I just got back from Lisbon")
    shown = _show(tmp_path)
    assert "you told me:" in shown and "you just got back from Lisbon (trip, " in shown
    assert "later: How was Lisbon?" in shown
    forget = argparse.Namespace(verb="forget", npc="Ada", all=False)
    assert run_memory(forget, MemoryStore(tmp_path), io.StringIO()) == 0
    hello = _say(MindSession(scene, embed, MemoryStore(tmp_path)), "hello Ada")
    assert "Lisbon" not in hello.reply.text
    db = sqlite3.connect(tmp_path / "memory.sqlite3")
    assert db.execute("SELECT COUNT(*) FROM notes").fetchone() == (0,)
    db.close()


class _FullDisk(MemoryStore):
    def _before_commit(self, db: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("database or disk is full")


def test_news_that_cannot_be_saved_is_not_promised(scene: Scene, embed: Brain, tmp_path: Path) -> None:
    talk = MindSession(scene, embed, _FullDisk(tmp_path))
    told = _say(talk, "I'm learning to paint")
    assert told.memory_error == "database or disk is full" and SORRY in told.reply.text
    assert not any(p in told.reply.text for p in talk.personas["Ada"].lines["remember"])
    news = _say(talk, "I got a promotion today!")
    assert SORRY in news.reply.text, "news is noted too, so a failed write is said"
    assert MemoryStore(tmp_path).load("Ada").notes == []
