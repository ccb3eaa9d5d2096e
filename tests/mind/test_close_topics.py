"""Two topics close by their phrasings are told apart by what their replies say."""

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
