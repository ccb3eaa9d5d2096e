"""Counting the room and placing everyone ("how many chairs are there?", "where is everyone?")."""

from __future__ import annotations

import pytest

from game.mind.room_counts import counted
from game.mind.session import MindSession


@pytest.mark.parametrize(
    ("line", "counts"),
    [("how many chairs are there?", True), ("Ada, how many lamps are in the room?", True),
     ("how many people are here?", True), ("Bo, how many couches can you see?", True),
     ("how many shelves are there", True),
     ("Bo, how many ships have you sailed on?", False), ("how many chairs do you have at home?", False),
     ("how many years were you at sea?", False), ("how many languages do you speak?", False),
     ("where are the chairs?", False), ("how many people eat at the pub each night?", False),
     ("how many chairs were in the office?", False)],
)  # fmt: skip
def test_a_count_of_the_room_is_told_from_other_how_many_questions(line: str, counts: bool) -> None:
    assert (counted(line) != "") is counts


def test_counts_follow_the_room_as_it_changes(session: MindSession) -> None:
    def answer(line: str) -> str:
        exchange = session.say(line, "Bo")
        assert exchange is not None and exchange.reply.intent == "where_is" and not exchange.reply.actions
        return exchange.reply.text

    assert answer("how many lamps are there?").endswith("There's one lamp: the lamp.")
    assert answer("how many boxes are there?").endswith("There's one box: the red box.")
    session.say("Ada, put a lamp on the table", "Ada")
    assert answer("how many lamps are there now?").endswith("There are two lamps: the lamp and the lamp 2.")
    session.say("Ada, remove the chair", "Ada")
    assert answer("how many chairs are there?").endswith("There are no chairs here.")
    assert answer("how many people are here?").endswith("Three of us: Ada, Bo and Cleo. And you, of course.")


def test_where_is_everyone_places_each_npc_and_the_one_asked_as_i(session: MindSession) -> None:
    for line in ("where is everyone?", "Ada, where are the others?"):
        exchange = session.say(line, "Ada")
        assert exchange is not None and exchange.reply.intent == "where_is"
        text = exchange.reply.text
        assert "Bo is " in text and "Cleo is " in text and "I'm " in text and "Ada is" not in text
