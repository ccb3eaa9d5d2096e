"""Which topic or skill answers a line that two could claim: close topics, jokes, how a thing looks."""

from __future__ import annotations

from game.mind.session import MindSession
from tests.support.talk import reply_to


def test_the_topic_whose_reply_says_the_lines_words_answers(session: MindSession) -> None:
    reply = reply_to(session, "Ada, what do you do if you can't sleep?")
    said = " ".join(reply.evidence)
    assert "topic sleep" in said and "2nd hobbies" in said, reply.evidence  # hobbies led by its phrasings


def test_a_clear_lead_by_phrasings_is_kept(session: MindSession) -> None:
    reply = reply_to(session, "Bo, do you still see your shipmates often?")
    assert "topic shipmates" in " ".join(reply.evidence), reply.evidence


def test_a_joke_asked_about_a_thing_stays_a_joke(session: MindSession) -> None:
    reply = reply_to(session, "Bo, tell me a joke about fish")
    assert "topic jokes" in " ".join(reply.evidence), reply.evidence


def test_how_a_thing_of_the_room_looks_asks_an_opinion(session: MindSession) -> None:
    reply = reply_to(session, "Bo, does the lamp look nicer there?")
    assert "opinion of lamp" in " ".join(reply.evidence), reply.evidence  # not where the lamp is


def test_how_the_room_looks_is_not_what_is_in_it(session: MindSession) -> None:
    reply = reply_to(session, "Cleo, does the room look nicer these days?")
    assert reply.intent != "room_contents" and "There's the table" not in reply.text, reply.evidence


def test_why_after_a_pick_goes_on_with_its_reason_not_the_pick_again(session: MindSession) -> None:
    first = reply_to(session, "Bo, would you rather cook or sail?")
    again = reply_to(session, "how come?")
    assert first.text.startswith("Cook, I'd say.") and again.text != first.text, again.evidence
    assert "its more" in " ".join(again.evidence), again.evidence
