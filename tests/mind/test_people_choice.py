"""Who of two characters ("who'd catch more, Ada or Cleo?"): a pick of the two, or the reply that says it."""

from __future__ import annotations

import pytest

from game.mind.either_or import options, picked_in
from game.mind.session import MindSession
from tests.support.talk import reply_to

NAMES = frozenset({"ada", "bo", "cleo"})


@pytest.mark.parametrize(
    ("line", "pair"),
    [
        ("Bo, if you took Ada or Cleo fishing, who'd catch more?", ("Ada", "Cleo")),
        ("Who's the better dancer, Ada or Cleo?", ("Ada", "Cleo")),
        ("Cleo, who cooks better, Bo or Ada?", ("Bo", "Ada")),
        ("Cleo, do you ever write about Ada or Bo?", None),  # asks no who: not a pick of the two
    ],
)
def test_a_choice_between_two_characters_asks_who(line: str, pair: tuple[str, str] | None) -> None:
    assert options(line, NAMES) == pair


SINGER = "Bo, who's the better singer, Ada or Cleo?"
FISHING = "Bo, if you took Ada or Cleo fishing, who'd catch more?"


@pytest.mark.parametrize(
    ("asked", "reply", "picks"),
    [
        (SINGER, "Better singer? Cleo, mate, no contest.", True),
        (SINGER, "What I like best about Cleo is they listen properly, mate.", False),  # nothing of singing
        (FISHING, "A fish pie cut into squares, mate. Ada checks them with a ruler.", False),  # no catching
    ],
)
def test_a_reply_picks_one_of_two_people_only_by_the_questions_own_words(
    asked: str, reply: str, picks: bool
) -> None:
    assert picked_in(reply, ("Ada", "Cleo"), asked) is picks


def test_the_pick_of_two_characters_is_said_not_a_line_about_one_of_them(session: MindSession) -> None:
    reply = reply_to(session, FISHING)
    assert reply.text in (
        "Ada, I'd say. But don't tell Cleo I said so.",
        "Cleo, I'd say. But don't tell Ada I said so.",
    )
    assert "Took" not in reply.text  # was "Took, I'd say.": the verb before the names as a side


def test_an_authored_answer_of_who_is_said_as_written(session: MindSession) -> None:
    reply = reply_to(session, SINGER)
    assert reply.text.startswith("Better singer? Cleo, mate, no contest."), reply.evidence
