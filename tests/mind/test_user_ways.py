"""How the user lives ("I play the violin") gets the question it raises, not "tell me more"."""

from __future__ import annotations

import pytest

from game.mind.session import MindSession
from game.mind.user_ways import told_way
from tests.support.talk import reply_to


@pytest.mark.parametrize(
    ("line", "told"),
    [
        ("I play the violin", ("you play the violin", "How long have you been playing?")),
        ("I also play the cello.", ("you also play the cello", "How long have you been playing?")),
        ("I work nights at the hospital", ("you work nights at the hospital", "What's the work like?")),
        ("I work as a nurse", ("you work as a nurse", "What's the work like?")),
        ("so I live near Leeds", ("you live near Leeds", "What's it like living there?")),
        ("I grew up by the sea too", ("you grew up by the sea", "What was it like, growing up there?")),
        ("I was born in Cork", ("you were born in Cork", "Do you still go back?")),
        ("I collect stamps.", ("you collect stamps", "What's the pride of the collection?")),
        ("I speak a bit of Spanish", ("you speak a bit of Spanish", "Where did you pick it up?")),
        ("I teach maths", ("you teach maths", "What's the best part of teaching it?")),
        ("I've never been to Bath", ("you've never been to Bath", "Would you like to, one day?")),
        ("I have never tried sushi", ("you have never tried sushi", "Would you like to, one day?")),
        ("I can't swim at all", ("you can't swim at all", "Would you like to learn?")),
        ("I play it safe", None),  # no instrument or game
        ("I work from home", None),  # no workplace named
        ("I can't sleep", None),  # no skill to learn: a trouble, for the ask-back
        ("I've never been so tired", None),
        ("I've never seen anything like it", None),
        ("I've never done that", None),
        ("Do you play the violin?", None),  # asks the NPC
        ("I play the violin in an orchestra on Tuesdays and Thursdays with my best friend", None),
    ],
)
def test_how_the_user_lives_is_read_with_the_question_it_raises(
    line: str, told: tuple[str, str] | None
) -> None:
    assert told_way(line) == told


def test_the_npc_asks_what_the_way_of_living_raises_in_its_own_voice(session: MindSession) -> None:
    reply = reply_to(session, "Bo, I work nights at the hospital")
    assert reply.text.endswith("mate. What's the work like?"), reply.evidence
    assert reply.text.startswith("You work nights at the hospital"), reply.evidence
    assert reply.layer == "skill"


def test_a_detail_of_news_just_told_is_not_asked_about_as_a_way_of_living(session: MindSession) -> None:
    reply_to(session, "Bo, I'm running a marathon next month")
    reply = reply_to(session, "I've never run more than ten miles", "Bo")
    assert "one day" not in reply.text, reply.evidence  # the marathon is that day
