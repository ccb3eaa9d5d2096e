"""Poems, songs and stories are composed from the room as it is and from the persona, never canned."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from game.mind.brain import EmbeddingBrain
from game.mind.compose import MOVABLE, Request, _story, creative_request
from game.mind.grounding import snapshot_world
from game.mind.memory import MemoryStore
from game.mind.persona import load_persona
from game.mind.session import MindSession
from game.sim.scene import PROP_TYPES, load_scene
from game.sim.world import World


@pytest.fixture
def session(brain: EmbeddingBrain, tmp_path: Path) -> MindSession:
    return MindSession(load_scene("default"), brain, MemoryStore(tmp_path / "memory"), remember=False)


@pytest.mark.parametrize(
    ("text", "request_"),
    [
        ("write a poem about the lamp", Request("poem", "lamp", "the")),
        ("could you compose a few verses about this room?", Request("poem", "room")),
        ("can you make up a haiku", Request("poem", "")),
        ("please write me a little rhyme about me", Request("poem", "me")),
        ("sing me something", Request("song", "")),
        ("would you sing a shanty about fish pie?", Request("song", "fish pie")),
        ("tell me a story", Request("story", "")),
        ("could you tell us a tale about the plant", Request("story", "plant", "the")),
        ("write me two lines about my bike", Request("poem", "bike", "your")),
        ("could you make up a riddle?", Request("riddle", "")),
        ("can you read me a line?", Request("poem", "")),
    ],
)
def test_requests_to_compose_are_recognised(text: str, request_: Request) -> None:
    assert creative_request(text) == request_


@pytest.mark.parametrize(
    "text",
    [
        "how do you write a poem?",
        "did you write poems as a kid?",
        "is poetry still important today?",
        "what do choirs sing about?",
        "do you still write poems?",
        "does Bo ever sing?",
        "which poem of his do you like best?",
        "tell me a joke",
        "put a lamp on the table",
    ],
)
def test_questions_about_poems_are_not_requests(text: str) -> None:
    assert creative_request(text) is None


def _props_named(text: str) -> set[str]:
    return {kind for kind in re.findall(r"[a-z]+", text.lower()) if kind in PROP_TYPES}


def test_cleos_poem_about_the_room_names_real_props(session: MindSession) -> None:
    exchange = session.say("Cleo, could you make up a poem about this room?")
    assert exchange is not None and exchange.reply.intent == "compose"
    named = _props_named(exchange.reply.text)
    in_room = {p.type for p in session.world.scene.props}
    assert len(named) >= 3 and named <= in_room
    assert not any(a.name not in ("emote",) for a in exchange.reply.actions)


def test_a_poem_follows_the_room_as_it_changes(session: MindSession) -> None:
    session.world.recolour_prop("lamp", (0.1, 0.2, 0.9))
    exchange = session.say("Cleo, write a poem about the lamp")
    assert exchange is not None
    assert exchange.reply.text.startswith("Here is a little poem. The blue-shaded lamp")


def test_a_second_lamp_is_no_second_line_and_its_number_no_word(session: MindSession) -> None:
    session.say("Ada, put a lamp on the table")
    for subject in ("the lamp", "lamp 2", "this room"):
        poem = session.say(f"Cleo, write a poem about {subject}")
        assert poem is not None and poem.reply.intent == "compose"
        assert poem.reply.text.count("keeps a small sun") <= 1 and "lamp 2" not in poem.reply.text


def test_songs_sound_like_the_singer(session: MindSession) -> None:
    bo = session.say("Bo, sing me a song about fish pie")
    ada = session.say("Ada, sing me a song")
    assert bo is not None and ada is not None
    assert "fish pie" in bo.reply.text and re.search(r"Heave|Way, hey", bo.reply.text)
    assert not re.search(r"Heave|Way, hey", ada.reply.text)
    ada_likes = ("jazz", "tidy shelves", "earl grey tea", "straight lines", "rainy")
    assert any(like in ada.reply.text for like in ada_likes)


def test_a_story_has_a_real_prop_for_a_hero_and_a_real_friend_to_help(session: MindSession) -> None:
    exchange = session.say("Ada, tell me a story about this room")
    assert exchange is not None and exchange.reply.intent == "compose"
    text = exchange.reply.text
    assert _props_named(text) <= {p.type for p in session.world.scene.props}
    assert re.search(r"until (Bo|Cleo) listened", text)
    assert session.world.scene.props == load_scene("default").props  # telling a story moves nothing


def test_a_story_finds_a_hero_even_when_the_props_drawn_are_all_fixtures() -> None:
    snap = snapshot_world(World(load_scene("default")))
    fixtures = [p for p in snap.props if p.type not in MOVABLE][:3]  # lamp, shelf, window…
    text = _story(snap, fixtures, ["Bo"], "tea", random.Random(1))
    assert "until Bo listened" in text, text  # was "a room with nothing in it but tea"


def test_a_story_asked_of_nothing_in_the_room_is_one_of_the_personas_own(session: MindSession) -> None:
    stories = next(t for t in load_persona("bo").talk_topics if t.name == "stories")
    exchange = session.say("Bo, tell me a sea story")  # was a red box that wanted to look out of the window
    assert exchange is not None and any(exchange.reply.text.startswith(s) for s in stories.say), (
        exchange.reply.evidence
    )
    dragon = session.say("Bo, tell me a story about a dragon")  # no story of his names one: composed
    assert dragon is not None and "composed a story" in " ".join(dragon.reply.evidence)
    assert "Once there was a dragon that" in dragon.reply.text  # the dragon is the hero, not a chair


def test_the_last_about_names_the_subject() -> None:
    request = creative_request("give me a line of poetry about tea")
    assert request is not None and request.subject == "tea"


def test_a_poem_about_something_the_room_lacks_is_made_from_the_characters_own_memory(
    session: MindSession,
) -> None:
    exchange = session.say("Cleo, write me a little poem about coffee")
    assert exchange is not None
    text = exchange.reply.text
    assert "you are not in this room" in text and "I remember: coffee" in text, text


def test_a_poem_about_something_the_room_lacks_opens_and_ends_on_it(session: MindSession) -> None:
    exchange = session.say("Cleo, can you write me a poem about Mondays?")
    assert exchange is not None and exchange.reply.intent == "compose"
    lines = exchange.reply.text.removeprefix("Here is a little poem. ").split(" / ")
    assert lines[0].startswith("Mondays,") and len(lines) >= 3, exchange.reply.text
    assert "Mondays" in lines[-1] or "find your way in" in lines[-1], exchange.reply.text


def test_a_poem_about_the_users_own_thing_calls_it_theirs(session: MindSession) -> None:
    exchange = session.say("Cleo, write me two lines about my bike")
    assert exchange is not None and exchange.reply.text.startswith("Here is a little poem. Your bike,")


def test_a_riddle_is_on_a_real_prop_and_gives_its_answer(session: MindSession) -> None:
    exchange = session.say("Cleo, could you make up a riddle?")
    assert exchange is not None and exchange.reply.intent == "compose"
    text = exchange.reply.text
    assert "What am I?" in text and text.startswith("A riddle"), text
    answer = text.rsplit("Give up? The ", 1)[1].rstrip("!")
    assert answer in {p.name for p in session.world.scene.props}, text
