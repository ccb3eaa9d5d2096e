"""A statement about the user's own life gets the character's own side of the same thing."""

from __future__ import annotations

from game.mind.session import MindSession
from tests.support.talk import reply_to

SIDE = "the persona's side of"


def test_the_character_answers_with_its_own_experience_of_the_thing(session: MindSession) -> None:
    fishing = reply_to(session, "Bo, I'm going fishing with my grandad on Saturday")
    assert SIDE in " ".join(fishing.evidence) and "fishing" in fishing.text, fishing.evidence
    school = reply_to(session, "Ada, my nephew wants to study architecture")
    assert "Architecture" in school.text, school.evidence


def test_a_tip_is_only_for_a_plan_or_a_thing_under_way(session: MindSession) -> None:
    walked = reply_to(session, "Bo, I walked the dog this morning")
    assert not walked.text.startswith("Get a dog"), walked.evidence
    plan = reply_to(session, "Bo, I'm thinking of getting a dog")
    assert plan.text.startswith("Get a dog"), plan.evidence


def test_questions_and_news_are_not_met_with_the_characters_own_side(session: MindSession) -> None:
    for line in ("Bo, what's the best fish to eat?", "Bo, I lost my wallet on the bus"):
        assert SIDE not in " ".join(reply_to(session, line).evidence), line


def test_news_naming_a_thing_of_the_characters_life_gets_its_own_side_too(session: MindSession) -> None:
    dad = reply_to(session, "Bo, my dad was a fisherman")
    noted = any(line in dad.text for line in session.personas["Bo"].lines["remember"])
    assert "trawlerman out of Hull" in dad.text and noted, dad.evidence  # and still promised
    twelve = reply_to(session, "Bo, I'm cooking for twelve people on Saturday")
    assert "twelve helpers" not in twelve.text, twelve.evidence  # a count names no thing


def test_a_reply_that_answers_a_question_is_no_side_of_a_statement(session: MindSession) -> None:
    reply_to(session, "Ada, I've started drawing again after years.")
    trees = reply_to(session, "mostly trees and houses")
    assert "Yes," not in trees.text, trees.evidence  # "More trees? Yes, every street." answers another line
    poetry = reply_to(session, "Cleo, my mum writes poetry too")
    assert "So yes" not in poetry.text, poetry.evidence
