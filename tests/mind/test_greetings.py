"""What kind of line it is: greeting again is a greeting ("nice to see you again" was asked to "say
more"), praise is a compliment, "what's your mam like?" asks no likes."""

from __future__ import annotations

import pytest

from game.mind.persona import load_persona
from game.mind.session import MindSession
from tests.support.talk import reply_to


@pytest.mark.parametrize("line", ["Cleo, nice to see you again.", "Bo, good to see you!", "Ada, hello again"])
def test_greeting_again_is_a_greeting(session: MindSession, line: str) -> None:
    assert reply_to(session, line).intent == "greet"


def test_how_the_day_has_been_asks_how_the_npc_is(session: MindSession) -> None:
    assert reply_to(session, "Bo, how's your day been?").intent == "wellbeing"


def test_what_someone_is_like_asks_no_likes(session: MindSession) -> None:
    reply = reply_to(session, "Bo, what's your mam like?")
    assert reply.intent != "likes_question", reply.evidence  # was "I like fish pie, football, …"


@pytest.mark.parametrize("line", ["Ada, you always give good advice.", "Bo, your cooking is wonderful."])
def test_praise_of_what_the_npc_does_is_a_compliment(session: MindSession, line: str) -> None:
    assert reply_to(session, line).intent == "compliment"


def test_a_question_is_no_compliment(session: MindSession) -> None:
    assert reply_to(session, "Bo, what smells so good?").intent != "compliment"


def test_nice_to_see_you_again_is_met_as_again(session: MindSession) -> None:
    """With no remembered name, "nice to see you again" gets the persona's greet_again, not a first hello."""
    exchange = session.say("Bo, nice to see you again!")
    assert exchange is not None and exchange.reply.text in load_persona("bo").lines["greet_again"]
    first = session.say("Ada, hello")
    assert first is not None and first.reply.text not in load_persona("ada").lines["greet_again"]
