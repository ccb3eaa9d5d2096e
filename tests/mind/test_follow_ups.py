"""Follow-ups are made whole from the previous line, and go back to the NPC the user was talking to."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.mind.brain import EmbeddingBrain
from game.mind.follow_ups import context_text, resolve
from game.mind.memory import MemoryStore
from game.mind.session import MindSession
from game.sim.scene import load_scene

NAMES = ("ada", "bo", "cleo")


@pytest.mark.parametrize(
    ("previous", "line", "whole"),
    [
        ("what do you think of Bo?", "and what about Cleo?", "what do you think of cleo?"),
        ("where is the lamp?", "and the chair?", "where is the chair?"),
        ("what is on the table?", "how about the shelf?", "what is on the shelf?"),
        ("I like jazz too.", "and you?", "do you like jazz?"),
        ("I'm from Leeds", "what about you?", "are you from leeds?"),
        ("I've been to Rome", "you?", "have you been to rome?"),
        ("my favourite colour is red", "and you?", "what is your favourite colour?"),
        ("Do you enjoy being an architect?", "why?", "why do you enjoy being an architect?"),
        ("Did you like being a ship's cook?", "why not?", "why didn't you like being a ship's cook?"),
        ("Are you happy here?", "really?", "are you really happy here?"),
    ],
)
def test_elliptical_lines_are_made_whole(previous: str, line: str, whole: str) -> None:
    assert resolve(line, previous, NAMES) == whole


@pytest.mark.parametrize(
    ("previous", "line"),
    [
        ("", "and you?"),  # nothing to lean on
        ("what should I make for dinner tonight?", "and for pudding?"),  # not a subject to swap in
        ("I like tea", "and Bo?"),  # does Bo like tea, or the user Bo? left to the meaning
        ("where is the lamp?", "go to the window"),  # stands alone
        ("what is your name?", "why?"),  # why what? no yes/no question to ask again
    ],
)
def test_lines_that_stand_alone_or_cannot_be_made_whole_are_left(previous: str, line: str) -> None:
    assert resolve(line, previous, NAMES) is None


def test_short_lines_lean_on_the_line_before_long_ones_do_not() -> None:
    assert context_text("what helps?", "are you ever sad?") == "are you ever sad? what helps?"
    assert context_text("how long does it take?", "how do you write a poem?") is not None
    assert context_text("do you miss the sea?", "where is the chair?") is None
    assert context_text("what helps?", "") is None
    trip = "I'm going to Lisbon next month"  # "what should I see?" asks about the trip, not the room
    assert context_text("what should I see?", trip) == "i'm going to lisbon next month what should i see?"
    assert context_text("where should we eat?", trip) == "i'm going to lisbon next month where should we eat?"
    assert context_text("anything I should try there?", trip) is not None


def test_what_to_see_after_a_trip_is_about_the_trip_not_the_room(session: MindSession) -> None:
    session.say("Cleo, I'm going to Lisbon next month")
    then = session.say("what should I see?")
    assert then is not None and then.reply.intent == "chat", then.reply
    assert any(w in then.reply.text for w in ("Lisbon", "Alfama", "tram")), then.reply  # not the room


@pytest.fixture
def session(brain: EmbeddingBrain, tmp_path: Path) -> MindSession:
    return MindSession(load_scene("default"), brain, MemoryStore(tmp_path / "memory"), remember=False)


def test_an_unnamed_follow_up_goes_back_to_the_npc_just_talked_to(session: MindSession) -> None:
    first = session.say("Ada, where is the lamp?")
    follow = session.say("and the chair?")
    assert first is not None and follow is not None
    assert follow.npc == "Ada" and follow.reason == "still talking with"
    assert follow.reply.intent == "where_is" and "chair" in follow.reply.text.lower()


def test_turning_to_look_at_another_npc_addresses_that_one(session: MindSession) -> None:
    session.say("Ada, where is the lamp?")
    cleo = session.world.npc_position("Cleo")
    x, _, z = session.user_position
    session.user_forward = (cleo[0] - x, 0.0, cleo[2] - z)
    turned = session.say("and the chair?")
    assert turned is not None and turned.npc == "Cleo" and turned.reason == "looked at"


def test_a_turned_back_question_is_answered_from_the_persona(session: MindSession) -> None:
    session.say("Ada, I love jazz")
    back = session.say("and you?")
    assert back is not None and back.npc == "Ada"
    assert "jazz" in back.reply.text.lower() and back.reply.intent == "likes_question"


@pytest.mark.parametrize(
    ("line", "previous", "thing", "whole"),
    [
        ("how come?", "what's your favourite thing in this room?", "shelf", "why do you like the shelf?"),
        ("why?", "which thing here do you like best?", "sofa", "why do you like the sofa?"),
        ("why?", "what's your favourite thing in this room?", "", None),  # no thing was named
        ("why?", "where is the lamp?", "lamp", None),  # not a favourite
    ],
)
def test_why_after_a_favourite_thing_asks_why_the_npc_likes_it(
    line: str, previous: str, thing: str, whole: str | None
) -> None:
    assert resolve(line, previous, NAMES, thing) == whole
