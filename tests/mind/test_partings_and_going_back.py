"""Going back in life is not a walk, and a parting word is not the emote it sounds like.

"Would you go back?" after Bo's years at sea sat nearest "would you walk to the door" and was
confirmed as a walk; "cheerio" sat nearest the emote "cheer". The lines here are written for
this file: the misread ones, and the commands and emotes that must stay as they were.
"""

from __future__ import annotations

import pytest

from game.mind import intent_rules
from game.mind.intents import IntentResult
from game.mind.protocols import Reply
from game.mind.session import MindSession


def _reply(session: MindSession, line: str) -> Reply:
    exchange = session.say(line)
    assert exchange is not None, line
    return exchange.reply


def _guess(intent: str, score: float = 0.6) -> IntentResult:
    return IntentResult(intent, score, "chat", 0.3, "cheer", "nearest examples")


@pytest.mark.parametrize(
    ("before", "line"),
    [
        ("Bo, what was it like working on the ships?", "would you go back?"),
        ("Bo, tell me about being a ship's cook", "would you ever go back"),
        ("Ada, where did you study?", "could you ever go back?"),
        ("Cleo, tell me about Lisbon", "will you return there one day?"),
        ("Cleo, where did you grow up?", "would you go back there?"),
    ],
)
def test_going_back_after_the_npc_told_of_its_past_is_open_talk(
    session: MindSession, before: str, line: str
) -> None:
    _reply(session, before)
    reply = _reply(session, line)
    assert reply.intent != "walk_to" and reply.layer != "command", reply.evidence
    assert not reply.actions and "Say yes or no" not in reply.text, reply.text


@pytest.mark.parametrize(
    ("line", "target"),
    [
        ("Bo, go back to the door", "door"),
        ("Ada, would you go back to the window?", "window"),
        ("Cleo, walk back to the lamp", "lamp"),
        ("Bo, head back to the sofa please", "sofa"),
    ],
)
def test_going_back_to_a_thing_in_the_room_is_still_a_walk(
    session: MindSession, line: str, target: str
) -> None:
    reply = _reply(session, line)
    assert reply.intent == "walk_to", reply.evidence
    assert [(a.name, a.arg("target")) for a in reply.actions] == [("walk_to", target)], reply.evidence


@pytest.mark.parametrize("line", ["Bo, cheerio", "ta-ra, Cleo", "see ya, Ada", "Bo, toodle-oo then"])
def test_a_parting_word_is_a_goodbye_not_a_cheer(session: MindSession, line: str) -> None:
    reply = _reply(session, line)
    assert reply.intent == "farewell", reply.evidence
    assert all(a.name != "emote" for a in reply.actions) and "Say yes or no" not in reply.text


@pytest.mark.parametrize("line", ["cheers, Bo", "Ada, ta very much", "Cleo, ta!"])
def test_a_thanks_word_is_thanks(session: MindSession, line: str) -> None:
    assert _reply(session, line).intent == "thanks"


@pytest.mark.parametrize("line", ["Bo, cheer!", "Cleo, can you cheer?", "Ada, give us a cheer"])
def test_asking_for_a_cheer_is_still_the_emote(session: MindSession, line: str) -> None:
    reply = _reply(session, line)
    assert reply.intent == "emote", reply.evidence
    assert [(a.name, a.arg("kind")) for a in reply.actions] == [("emote", "cheer")], reply.evidence


@pytest.mark.parametrize(
    "line",
    [
        "Tara is my sister",  # a name, not "tara"
        "so long ago, that was",
        "see you dancing was fun",
        "thanks to the rain, I'm soaked",  # "thanks to" thanks no one
        "thanks, I can hardly believe it",  # says more than thanks
        "ta-da!",
        "cheer up",
    ],
)
def test_only_a_bare_parting_or_thanks_word_overrules_the_guess(line: str) -> None:
    guessed = _guess("emote")
    assert intent_rules.apply(line, guessed).intent not in ("farewell", "thanks"), line


def test_thanks_for_something_overrules_the_guess_too() -> None:
    assert intent_rules.apply("thanks for the tea", _guess("emote")).intent == "thanks"


def test_the_guess_is_kept_as_the_runner_up() -> None:
    result = intent_rules.apply("cheerio then", _guess("emote", 0.61))
    assert (result.intent, result.runner_up, result.runner_score) == ("farewell", "emote", 0.61)
    assert intent_rules.apply("ta", _guess("chat", 0.36)).intent == "thanks"
