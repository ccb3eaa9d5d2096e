"""Readings from the `ds` and `dt` batches: a cold, what to eat for it, whose mum, a snag, an accident."""

from __future__ import annotations

from game.mind.retrieval import load_corpus
from game.mind.session import MindSession
from tests.support.talk import reply_to


def test_a_cold_is_bad_news_and_what_to_eat_for_it_is_the_personas_remedy(session: MindSession) -> None:
    told = reply_to(session, "Bo, I've got a stinking cold")
    assert told.text.startswith("You've got a stinking cold? Oh no"), told.evidence  # was "I'll remember"
    after = reply_to(session, "what should I eat?", "Bo")
    assert after.text in session.context("Bo").persona.lines["get_well"], after.evidence


def test_what_to_eat_after_other_bad_news_is_no_remedy(session: MindSession) -> None:
    reply_to(session, "Bo, I lost my job today")
    after = reply_to(session, "what should I eat?", "Bo")
    assert after.text not in session.context("Bo").persona.lines["get_well"], after.evidence


def test_a_side_of_the_characters_own_is_said_as_its_own(session: MindSession) -> None:
    reply = reply_to(session, "Ada, do you look like your mum or your dad?")
    assert reply.text.startswith(("My mum, I'd say.", "My dad, I'd say.")), reply.text  # was "Your mum"


def test_a_booked_trip_is_good_news_said_back(session: MindSession) -> None:
    reply = reply_to(session, "Cleo, I've booked a trip to the Azores")
    assert reply.text.startswith("You've booked a trip to the Azores? That's wonderful news!"), reply.evidence


def test_the_small_talk_corpus_speaks_as_no_machine_about_food() -> None:
    said = " ".join(response for _, _, response in load_corpus()).lower()
    assert "wrong guy" not in said and "electricity" not in said and "processor" not in said


def test_a_catch_in_good_news_is_met_as_a_snag_not_cheered(session: MindSession) -> None:
    reply_to(session, "Ada, I just bought my first house plant")
    after = reply_to(session, "it's already drooping", "Ada")
    assert "Good for you" not in after.text and "house plant" in after.text, (
        after.evidence
    )  # "Drooping! Good…"


def test_an_accident_is_bad_news_said_back(session: MindSession) -> None:
    reply = reply_to(session, "Bo, I accidentally dyed all my shirts pink")
    assert reply.text.startswith("You accidentally dyed all your shirts pink? Oh no"), reply.evidence
