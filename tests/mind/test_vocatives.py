"""Addressing from what was said: a name calls someone at the start (after greetings) or at the end."""

from __future__ import annotations

import pytest

from game.mind.vocatives import find_vocative, strip_vocative, tokens

NAMES = ("Ada", "Bo", "Cleo")


@pytest.mark.parametrize(
    ("said", "called"),
    [
        ("Cleo, where is Ada?", "Cleo"),
        ("hi there Cleo, give me a wave", "Cleo"),
        ("excuse me Bo, could you walk to the door", "Bo"),
        ("um Ada what's your name", "Ada"),
        ("i ada make the walls blue", "Ada"),  # a recogniser's stray "i" before the name
        ("good morning Cleo", "Cleo"),
        ("thanks a lot Bo", "Bo"),
        ("bye Ada, see you later", "Ada"),
        ("thank you Cleo, that was lovely", "Cleo"),
        ("goodnight Bo", "Bo"),
        ("you and Bo should dance", None),  # "you" leads in only in "thank you"
        ("where is Ada?", None),
        ("look at Bo", None),
        ("I like Ada", None),
        ("make the walls blue", None),
    ],
)
def test_who_is_called(said: str, called: str | None) -> None:
    found = find_vocative(tokens(said), NAMES)
    assert (found[1] if found else None) == called


def test_a_doubtful_name_calls_nobody() -> None:
    assert find_vocative(tokens("bo go to the window"), NAMES, frozenset({"bo"})) is None


@pytest.mark.parametrize(
    ("said", "name", "left"),
    [
        ("Cleo, where is Ada?", "Cleo", "where is Ada?"),
        ("hi there Bo, where is the lamp?", "Bo", "hi there where is the lamp?"),
        ("how are you Bo?", "Bo", "how are you?"),
        ("where is Ada?", "Ada", "where is Ada?"),
        ("Ada", "Ada", "Ada"),
    ],
)
def test_the_vocative_is_taken_out_before_classifying(said: str, name: str, left: str) -> None:
    assert strip_vocative(said, name) == left


def test_a_name_glued_to_an_underscore_is_left_alone() -> None:
    assert strip_vocative("ada_x hello", "Ada") == "ada_x hello"
