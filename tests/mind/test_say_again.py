"""Everyday turns a person answers without thinking: "sorry?", "sorry I'm late", a birthday."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.mind.apology import apologises
from game.mind.brain import EmbeddingBrain
from game.mind.everyday import news_of
from game.mind.free_time import asks_what_to_do
from game.mind.memory import MemoryStore
from game.mind.say_again import asks_again
from game.mind.session import MindSession
from game.sim.scene import load_scene


@pytest.fixture
def fresh(brain: EmbeddingBrain, tmp_path: Path) -> MindSession:
    return MindSession(load_scene("default"), brain, MemoryStore(tmp_path), remember=False)


@pytest.mark.parametrize(
    "line",
    ["sorry?", "pardon?", "Pardon.", "what?", "sorry, what did you say?", "say that again?",
     "could you repeat that please", "I didn't catch that", "come again?"],
)  # fmt: skip
def test_asking_to_hear_it_again(line: str) -> None:
    assert asks_again(line)


@pytest.mark.parametrize(
    "line", ["sorry", "what did you say about the lamp?", "what is that?", "repeat after me: hello"]
)
def test_other_lines_are_not_asking_again(line: str) -> None:
    assert not asks_again(line)


def test_the_last_line_is_said_again_without_its_actions(fresh: MindSession) -> None:
    added = fresh.say("Ada, add a lamp")
    assert added is not None and added.applied, added
    lamps = len(fresh.world.props)
    again = fresh.say("sorry, what did you say?", "Ada")
    assert again is not None and again.reply.intent == "say_again", again.reply.evidence
    assert again.reply.text == added.reply.text and not again.reply.actions
    assert len(fresh.world.props) == lamps, "nothing added a second time"


def test_nothing_said_yet_is_not_said_again(fresh: MindSession) -> None:
    first = fresh.say("what did you say?", "Bo")
    assert first is not None and first.reply.layer == "confused", first.reply.evidence
    assert first.reply.text in fresh.personas["Bo"].lines["unknown"], "not 'of course I remember you'"


@pytest.mark.parametrize(
    ("line", "apology"),
    [("sorry I'm late", True), ("so sorry to keep you waiting", True), ("apologies for the mess", True),
     ("I'm sorry about earlier", True), ("sorry to hear that", False), ("sorry for your loss", False),
     ("sorry?", False), ("sorry, what did you say?", False), ("sorry to bother you, but is it late?", False),
     ("sorry, I was wondering about the lamp", False), ("sorry I haven't been in for a while", True)],
)  # fmt: skip
def test_an_apology_for_what_the_user_did(line: str, apology: bool) -> None:
    assert apologises(line) == apology


def test_an_apology_is_let_go_in_character(fresh: MindSession) -> None:
    reply = fresh.say("Cleo, sorry I'm late", "Cleo")
    assert reply is not None
    assert reply.reply.layer == "skill" and "lets it go" in " ".join(reply.reply.evidence)
    assert reply.reply.text in fresh.personas["Cleo"].lines["forgive"]


def test_a_birthday_told_by_the_age_reached_is_good_news() -> None:
    assert news_of("my grandad turned ninety yesterday") == "good"
    assert news_of("I turn 30 on Friday") == "good"
    assert news_of("I turned off the lamp") == ""


@pytest.mark.parametrize(
    ("line", "asks"),
    [("what should I do this afternoon?", True), ("I'm bored, what should I do?", True),
     ("I've got the whole afternoon free and no idea what to do", True),
     ("what should I do about my landlord?", False), ("I don't know what to do now", False)],
)  # fmt: skip
def test_asking_what_to_do_with_free_time(line: str, asks: bool) -> None:
    assert asks_what_to_do(line) == asks


def test_free_time_gets_one_of_the_characters_own_pastimes(fresh: MindSession) -> None:
    reply = fresh.say("Bo, what should I do this afternoon?", "Bo")
    assert reply is not None and "own pastime" in " ".join(reply.reply.evidence), reply.reply.evidence
    lead = next(x for x in fresh.personas["Bo"].lines["free_time"] if reply.reply.text.startswith(x))
    assert len(reply.reply.text) > len(lead) + 10


@pytest.mark.parametrize(
    ("line", "intent"),
    [("Cleo, thanks for listening", "thanks"), ("thank you for the poem", "thanks"),
     ("nice talking to you, Cleo", "farewell"), ("Cleo, what's my favourite colour?", "ask_memory"),
     ("Cleo, happy birthday!", "compliment"), ("Cleo, I'm proud of you", "compliment"),
     ("Cleo, I love your poems", "compliment"), ("Cleo, love your earrings", "compliment"),
     ("Cleo, I'm back", "greet"),
     ("long time no see, Cleo", "greet"),
     ("Cleo, I didn't mean to upset you", "chat")],
)  # fmt: skip
def test_thanks_for_something_a_closing_word_and_the_users_own_things(
    fresh: MindSession, line: str, intent: str
) -> None:
    exchange = fresh.say(line, "Cleo")
    assert exchange is not None and exchange.reply.intent == intent, exchange.reply.evidence
    assert "green" not in exchange.reply.text.lower(), "the user's favourite is not Cleo's own"
    assert "you?" not in exchange.reply.text.lower(), "not 'You're proud of you?'"


def test_nothing_told_yet_is_said_honestly(fresh: MindSession) -> None:
    exchange = fresh.say("Cleo, what did I tell you yesterday?")
    assert exchange is not None and "haven't told me" in exchange.reply.text, exchange.reply.text


@pytest.mark.parametrize(
    ("line", "mood"),
    [("I work nights at the hospital", ""), ("my mum is in hospital", "bad")],
)
def test_a_hospital_is_bad_news_only_for_someone_in_it(line: str, mood: str) -> None:
    assert news_of(line) == mood
