"""A recommendation asked of the character is its own favourite of that kind."""

from __future__ import annotations

import pytest

from game.mind.recommend import kind_asked
from game.mind.session import MindSession
from tests.support.talk import reply_to


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("which book should I take on holiday?", "book"),
        ("can you recommend a poet?", "poet"),
        ("any good books you'd recommend?", "book"),
        ("what's a good first book about architecture?", "book"),
        ("what's a good time to call?", ""),  # a time, not a thing to try
        ("what should I do?", ""),  # no kind of thing: advice, not a recommendation
        ("which way is the door?", ""),
        ("any museums we ought to visit?", "museum"),
        ("any good films I should watch this winter?", "film"),
        ("where should I go on holiday this summer?", "place"),
        ("where would you go on holiday?", ""),  # the NPC's own wish: its travel talk answers
    ],
)
def test_the_kind_a_recommendation_asks_for_is_read(line: str, kind: str) -> None:
    assert kind_asked(line) == kind


def test_the_npc_recommends_its_own_favourite(session: MindSession) -> None:
    reply = reply_to(session, "Ada, which book should I take on holiday?")
    assert "Bachelard" in reply.text and reply.layer == "persona_fact", reply.evidence


def test_where_to_go_is_the_npcs_favourite_place(session: MindSession) -> None:
    reply = reply_to(session, "Cleo, where should I go on holiday?")  # was Ada's tip on city living
    assert "Douro" in reply.text and reply.layer == "persona_fact", reply.evidence


def test_a_kind_without_a_favourite_is_left_to_the_talk(session: MindSession) -> None:
    reply = reply_to(session, "Bo, which film should I watch tonight?")
    assert reply.layer != "persona_fact", reply.evidence  # no favourite-film fact is made up


def test_a_kind_without_a_favourite_is_answered_from_the_npcs_own_taste(session: MindSession) -> None:
    """Cleo has no favourite-book fact; her books topic answers, as the line asks her taste."""
    reply = reply_to(session, "Cleo, which novel should I try next?")
    passed_over = [e for e in reply.evidence if e.startswith("topic") and "about the user" in e]
    assert reply.layer == "topic" and not passed_over, reply.evidence
