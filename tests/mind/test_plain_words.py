"""Idioms are read for what they mean ("what annoys you?"), not for their words ("nervous")."""

from __future__ import annotations

import pytest

from game.mind.plain_words import MAX_INPUT_CHARS, clean_input, said_plainly
from game.mind.session import MindSession
from tests.support.talk import reply_to


@pytest.mark.parametrize(
    ("line", "plain"),
    [
        ("Ada, what really makes you tick?", "Ada, what matters most to you?"),
        ("so what drives you up the wall?", "so what annoys you?"),
        ("What winds you up, Bo?", "what annoys you, Bo?"),
        ("is opera your cup of tea?", "do you like opera?"),
        ("I\u2019m down in the dumps", "I'm sad"),
        ("I'm a little under the weather today", "I'm unwell today"),
        ("do you have green fingers?", "are you good at gardening?"),
        ("the clock goes tick tock", "the clock goes tick tock"),  # no idiom: untouched
        ("are you a night owl?", "are you a night owl?"),  # the personas answer this one as said
        ("I'm feeling blue about it", "I'm feeling sad about it"),
        ("which time of the year do you like best?", "which season do you like best?"),
        ("Bo, I'm knackered today", "Bo, I'm exhausted today"),
        ("I'm absolutely shattered", "I'm exhausted"),
        ("the glass shattered", "the glass shattered"),  # not about the user: untouched
        ("didn't sleep a wink", "didn't sleep at all"),
        ("I'm a bit peckish", "I'm a bit hungry"),
        ("Bo, what are your pet peeves?", "Bo, what annoys you most?"),
        ("Bo, what's cooking?", "Bo, what have you been up to?"),
        ("what's new with you?", "what have you been up to?"),
        ("what's new in the room?", "what's new in the room?"),  # asks after the room: untouched
        (
            "what would you build if money were no object?",
            "what would you build if you had all the money in the world?",
        ),
    ],
)
def test_an_idiom_is_said_plainly(line: str, plain: str) -> None:
    text, note = said_plainly(line)
    assert text == plain
    assert bool(note) == (line != plain)


def test_the_swap_is_shown_for_f3() -> None:
    text, notes = clean_input("Cleo,   what's eating you?")
    assert text == "Cleo, what's bothering you?"
    assert notes == ["idiom: 'what's eating you' read as 'what's bothering you'"]


def test_a_long_line_is_still_bounded() -> None:
    text, notes = clean_input("word " * 200)
    assert len(text) <= MAX_INPUT_CHARS and notes[0].startswith("input cut")


def test_what_gets_on_the_npcs_nerves_is_what_it_dislikes(session: MindSession) -> None:
    reply = reply_to(session, "Bo, what gets on your nerves?")
    assert reply.text.startswith("I can't stand"), reply.evidence  # not "penalty shoot-outs make me nervous"


def test_under_the_weather_is_met_as_low_news(session: MindSession) -> None:
    reply = reply_to(session, "Ada, I'm feeling a bit under the weather.")
    assert "sorry" in reply.text.lower() and reply.layer == "skill", reply.evidence


def test_a_time_of_year_is_a_season_not_a_time_of_day(session: MindSession) -> None:
    reply = reply_to(session, "Bo, which time of year do you like best?")
    assert "season" in " ".join(reply.evidence), reply.evidence
    assert not any(w in reply.text.lower() for w in ("morning", "dawn", "evening")), reply.text
