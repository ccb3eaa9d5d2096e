"""A "who/when/how long/how many" question gets the reply naming a person, a time, a length or a number.

Lines here were written for this file, not taken from the open-talk set.
"""

from __future__ import annotations

import pytest

from game.mind.answer_kind import asked_kind, gives_kind
from game.mind.reply_fit import narrow
from game.mind.session import MindSession
from tests.support.talk import reply_to


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Bo, who taught you to cook?", "who"),
        ("and whose idea was the café?", "who"),
        ("did you ever tell anyone?", "who"),
        ("when did you first see the sea?", "when"),
        ("at what age did you start?", "when"),
        ("how long have you lived here?", "how_long"),
        ("how many languages do you speak?", "how_many"),
        ("how often do you swim?", "how_many"),
        ("what do you do when it rains?", ""),  # "when" joins a clause here, it asks nothing
        ("which poet do you read?", "who"),
        ("where is the lamp?", ""),
    ],
)
def test_the_kind_of_answer_a_line_asks_for(line: str, kind: str) -> None:
    assert asked_kind(line) == kind


@pytest.mark.parametrize(
    ("reply", "kinds"),
    [
        ("Old Mrs Pike from next door. She burnt everything, cheerfully.", {"who"}),
        ("Telford, the bridge man. He built nothing dull.", {"who"}),
        ("The Alhambra in Granada. I cried in the courtyard.", set()),  # places and things: after "in", "the"
        ("Cooking is patience, mostly.", set()),  # a first word before "is" is not taken for a name
        ("I was eleven, on a ferry to Calais.", {"when", "how_many"}),
        ("Twelve years, give or take.", {"how_long", "how_many"}),
        ("Every Sunday, rain or shine.", {"when", "how_many"}),
    ],
)
def test_the_kind_of_answer_a_reply_gives(reply: str, kinds: set[str]) -> None:
    assert {k for k in ("who", "when", "how_long", "how_many") if gives_kind(reply, k)} == kinds


def test_within_a_topic_the_reply_of_the_asked_kind_is_kept() -> None:
    replies = [
        "I like bridges more than towers; they admit what holds them up.",
        "Telford, the bridge man. He built nothing dull.",
        "I was eleven when I drew my first bridge.",
    ]
    assert narrow("who do you look up to?", replies) == [1]
    assert narrow("when did you start drawing?", replies) == [2]
    assert narrow("do you like towers?", replies) == [0]  # the line's own word first


def test_a_who_question_gets_the_reply_that_names_someone(session: MindSession) -> None:
    reply = reply_to(session, "Ada, which architect do you look up to most?")
    assert "Brunel" in reply.text, (reply.text, reply.evidence)
