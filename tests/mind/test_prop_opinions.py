"""Asked for a view of the room, a character gives one, grounded in the props that are there."""

from __future__ import annotations

from game.mind.protocols import Reply
from game.mind.session import MindSession


def _say(talk: MindSession, npc: str, line: str) -> Reply:
    exchange = talk.say(line, npc)
    assert exchange is not None, line
    return exchange.reply


def test_an_opinion_of_a_named_prop_is_a_view_of_that_prop(talk: MindSession) -> None:
    reply = _say(talk, "Ada", "What's your opinion of the lamp?")
    assert "lamp" in reply.text and "like" in reply.text.lower(), reply.evidence
    assert [a.name for a in reply.actions] == ["look_at"] and reply.actions[0].arg("target") == "lamp"


def test_a_favourite_thing_here_follows_the_personas_tastes(talk: MindSession) -> None:
    bo = _say(talk, "Bo", "What's your favourite thing in this room?")
    assert "sofa" in bo.text, bo.evidence  # Bo likes the sofa
    ada = _say(talk, "Ada", "Which thing here do you like most?")
    assert "shelf" in ada.text, ada.evidence  # Ada likes tidy shelves


def test_a_prop_not_in_the_room_gets_no_opinion_about_being_here(talk: MindSession) -> None:
    reply = _say(talk, "Cleo", "What do you think of the piano?")
    assert "piano" not in reply.text.lower() or "?" in reply.text, reply.text
    assert "suits the room" not in reply.text


def test_a_persona_line_about_the_prop_beats_the_plain_view(talk: MindSession) -> None:
    reply = _say(talk, "Bo", "Is that sofa comfy?")
    assert reply.layer == "topic" and "sofa" in reply.text.lower(), reply.evidence


def test_a_favourite_thing_to_do_is_not_a_thing_in_the_room(talk: MindSession) -> None:
    reply = _say(talk, "Bo", "What's your favourite thing to cook on a Sunday?")
    assert not any(e.startswith("favourite prop") for e in reply.evidence), reply.evidence


def test_a_favourite_room_in_the_npcs_own_home_is_not_this_room(talk: MindSession) -> None:
    reply = _say(talk, "Cleo", "Which is your favourite room of your flat?")
    assert not any(e.startswith("favourite prop") for e in reply.evidence), reply.evidence


def test_whether_a_prop_suits_the_room_is_a_view_of_it_not_a_list(talk: MindSession) -> None:
    reply = _say(talk, "Cleo", "Cleo, do you think the sofa suits this room?")
    assert "sofa" in reply.text and "table" not in reply.text, reply.text  # was the whole room listed
    assert [a.name for a in reply.actions] == ["look_at"], reply.actions
