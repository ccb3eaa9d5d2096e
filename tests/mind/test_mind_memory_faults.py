"""Memory across restarts, the memory CLI, corrupt stores, bad input, refusals, confirmations."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.commands.chat import run_chat
from game.commands.memory import run_memory
from game.errors import UserError
from game.mind.brain import EmbeddingBrain
from game.mind.memory import MemoryStore
from game.mind.protocols import Action
from game.mind.session import MindSession
from game.mind.user_facts import extract_user_facts
from game.sim.scene import Scene


def test_extract_user_facts() -> None:
    assert extract_user_facts("my name is sam") == {"name": "Sam"}
    assert extract_user_facts("I really love jazz.") == {"likes": ["jazz"]}
    assert extract_user_facts("I can't stand spiders") == {"dislikes": ["spiders"]}
    assert extract_user_facts("I'm tired") == {}
    assert extract_user_facts("Bo, my favourite colour is green") == {"likes": ["green"]}  # got "Blue"
    assert extract_user_facts("jazz is my favourite music") == {"likes": ["jazz"]}
    assert extract_user_facts("this is my favourite room") == {}
    assert extract_user_facts("what is my favourite colour") == {}


def test_memory_across_restarts(scene: Scene, brain: EmbeddingBrain, tmp_path: Path) -> None:
    store_dir = tmp_path / "memory"
    first = MindSession(scene, brain, MemoryStore(store_dir))
    first.say("hello Ada", "Ada")
    first.say("my name is Sam", "Ada")
    first.say("I love jazz", "Ada")
    # A new process: new store, new session, same folder.
    second = MindSession(scene, brain, MemoryStore(store_dir))
    hello = second.say("hello Ada", "Ada")
    assert hello is not None and "Sam" in hello.reply.text and hello.reply.intent == "greet"
    name = second.say("what's my name?", "Ada")
    assert name is not None and "Sam" in name.reply.text
    likes = second.say("what do I like?", "Ada")
    assert likes is not None and "jazz" in likes.reply.text
    bo = second.say("what's my name?", "Bo")
    assert bo is not None and "Sam" not in bo.reply.text, "memories are per NPC"


def test_corrupt_memory_is_moved_aside_and_reported(
    scene: Scene, brain: EmbeddingBrain, tmp_path: Path
) -> None:
    folder = tmp_path / "memory"
    folder.mkdir()
    (folder / "ada.json").write_text("{ this is not json", encoding="utf-8")
    (folder / "bo.json").write_text(json.dumps({"schema": 99}), encoding="utf-8")
    talk = MindSession(scene, brain, MemoryStore(folder))
    assert len([p for p in talk.problems if "moved aside" in p]) == 2
    aside = sorted(p.name for p in folder.glob("*.corrupt-*.json"))
    assert len(aside) == 2 and aside[0].startswith("ada.corrupt-")
    assert (folder / aside[0]).read_text(encoding="utf-8") == "{ this is not json"
    ex = talk.say("my name is Kim", "Ada")
    assert ex is not None and MemoryStore(folder).load("Ada").user_name == "Kim"


def _ns(**kw: object) -> argparse.Namespace:
    return argparse.Namespace(**kw)


def test_memory_cli_show_and_forget(scene: Scene, brain: EmbeddingBrain, tmp_path: Path) -> None:
    store = MemoryStore(tmp_path / "memory")
    MindSession(scene, brain, store).say("call me Robin", "Bo")
    out = io.StringIO()
    assert run_memory(_ns(verb="show", npc="Bo", json=False), MemoryStore(store.folder), out) == 0
    assert "your name: Robin" in out.getvalue() and "call me Robin" in out.getvalue()
    out = io.StringIO()
    run_memory(_ns(verb="show", npc="", json=True), MemoryStore(store.folder), out)
    assert '"name": "Robin"' in out.getvalue()
    with pytest.raises(UserError, match="no memory stored for 'Nobody'"):
        run_memory(_ns(verb="show", npc="Nobody", json=False), MemoryStore(store.folder), io.StringIO())
    assert run_memory(_ns(verb="forget", npc="Bo", all=False), MemoryStore(store.folder), io.StringIO()) == 0
    assert not store.has("Bo")
    with pytest.raises(UserError, match="--all"):
        run_memory(_ns(verb="forget", npc="", all=False), MemoryStore(store.folder), io.StringIO())
    MindSession(scene, brain, store).say("hi", "Ada")
    out = io.StringIO()
    run_memory(_ns(verb="forget", npc="", all=True), MemoryStore(store.folder), out)
    assert "Erased the memory of 1 NPC" in out.getvalue() and store.stored_npcs() == []


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("", "empty"),
        ("   \t ", "empty"),
        ("?!?!", "empty"),
        ("qwxzv plmkjq zzxxqq", "nonsense"),
        ("\x00\x07", "empty"),
    ],
)
def test_bad_input_gets_a_clear_answer(session: MindSession, text: str, intent: str) -> None:
    ex = session.say(text, "Ada")
    assert ex is not None and ex.reply.intent == intent and ex.reply.text and not ex.reply.actions


@pytest.mark.parametrize("text", ["I'm procrastinating again", "we've redecorated", "I'm knackered today"])
def test_contractions_and_long_real_words_are_not_nonsense(session: MindSession, text: str) -> None:
    ex = session.say(text, "Ada")
    assert ex is not None and ex.reply.intent != "nonsense", ex.reply.evidence


def test_very_long_input_is_cut_not_crashed(session: MindSession) -> None:
    ex = session.say("where is the lamp " * 2000, "Bo")
    assert ex is not None and ex.reply.text
    assert any("input cut" in e for e in ex.reply.evidence)
    assert ex.reply.latency_ms < 2000


def test_refusals_stay_in_character(session: MindSession) -> None:
    bo = session.say("paint the sofa green", "Bo")
    assert bo is not None and "Ada" in bo.reply.text and not any(a.is_edit for a in bo.reply.actions)
    cleo = session.say("follow me", "Cleo")
    assert cleo is not None and not any(a.name == "follow" for a in cleo.reply.actions)
    dragon = session.say("add a dragon next to the sofa", "Ada")
    assert dragon is not None and not dragon.applied and "don't" in dragon.reply.text.lower()
    chair = session.say("paint the blue chair red", "Ada")
    assert chair is not None and "blue chair" in chair.reply.text and not chair.applied


@pytest.mark.parametrize("npc", ["Ada", "Bo", "Cleo"])
def test_never_claims_to_be_human(session: MindSession, npc: str) -> None:
    for question in ("are you human?", "honestly, are you a real person?"):
        ex = session.say(question, npc)
        assert ex is not None and ex.reply.intent == "are_you_human"
        assert "program" in ex.reply.text and "human" not in ex.reply.text.replace("not human", "")


def test_chat_cli_prints_one_json_line_per_reply(tmp_path: Path) -> None:
    args = _ns(scene="default", npc=None, brain="embed", model="", save=str(tmp_path / "out.toml"),
               no_memory=True, seed=3)  # fmt: skip
    stdin = io.StringIO("Ada, put a lamp on the table\n\nBo, what is on the table?\n")
    stdout = io.StringIO()
    assert run_chat(args, stdin, stdout) == 0
    lines = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert [line["npc"] for line in lines] == ["Ada", "Bo"]
    for line in lines:
        assert {"npc", "text", "intent", "score", "actions", "emotion", "brain", "latency_ms"} <= set(line)
    assert lines[0]["actions"][0]["name"] == "add_prop" and lines[0]["applied"] == ["added lamp 2"]
    assert "lamp" in lines[1]["text"]
    assert "lamp 2" in (tmp_path / "out.toml").read_text()


def test_chat_cli_rejects_unknown_npc_and_scene() -> None:
    with pytest.raises(UserError, match="no NPC called 'Zed'"):
        run_chat(_ns(scene="default", npc="Zed", brain="embed", model="", save="", no_memory=True, seed=0))
    with pytest.raises(UserError, match="no such scene"):
        run_chat(_ns(scene="nowhere", npc=None, brain="embed", model="", save="", no_memory=True, seed=0))


def test_narrow_command_is_confirmed_then_done(session: MindSession, brain: EmbeddingBrain) -> None:
    from game.mind.intents import IntentResult
    from game.mind.skill_io import SkillInput
    from game.mind.slots import extract

    ctx = session.context("Ada")
    text = "maybe the plant"
    unsure = IntentResult("walk_to", 0.5, "chat", 0.49, "go to the plant", "nearest examples")
    turn = SkillInput(
        text, brain.embedder.embed(text), extract(text, ctx.snapshot, ctx.focus), unsure, ctx, brain.rng
    )
    ask = brain._dispatch(turn)
    assert ask.text.startswith("Do you want me to go to the plant?") and not ask.actions
    yes = brain.reply("yes please", ctx)
    assert yes.actions == (Action.make("walk_to", target="plant"),)
    brain._dispatch(turn)
    no = brain.reply("no thanks", ctx)
    assert not no.actions and "leave it" in no.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_gets_an_answer(session: MindSession, text: str) -> None:
    ex = session.say(text, "Bo")
    assert ex is not None and ex.reply.text.strip() and ex.reply.intent != "error", ex.reply.evidence


def test_bystanders_notice_and_idle_chatter(session: MindSession) -> None:
    import random

    ex = session.say("Ada, hello", None)
    assert ex is not None and ex.npc == "Ada" and {n for n, _ in ex.noticed} == {"Bo", "Cleo"}
    remarks = [session.idle(60.0, random.Random(seed)) for seed in range(30)]
    assert any(r is not None for r in remarks)
