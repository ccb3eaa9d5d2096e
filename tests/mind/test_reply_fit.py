"""Within a topic, the reply that says the line's own words, in its tense, is the one said.

Lines here were written for this file, not taken from the open-talk set.
"""

from __future__ import annotations

import pytest

from game.mind.persona import load_persona
from game.mind.reply_fit import asked_tense, content_stems, narrow, told_tense
from game.mind.session import MindSession


def test_telling_words_are_compared_by_stem_without_glue_or_common_words() -> None:
    assert content_stems("Have you got sisters?") == {"sister"}
    assert content_stems("Give me the best recipe") == {"recip"}
    assert "sister" in content_stems("My sister teaches maths")


@pytest.mark.parametrize(
    ("line", "tense"),
    [
        ("did you cook as a boy?", "past"),
        ("what was the worst storm?", "past"),
        ("will you ever go back?", "future"),
        ("what's next for you?", "future"),
        ("do you cook?", ""),
    ],
)
def test_the_time_a_line_asks_about(line: str, tense: str) -> None:
    assert asked_tense(line) == tense


def test_the_time_a_reply_tells_of() -> None:
    assert told_tense("One day I'd love to see Kyoto.") == "future"
    assert told_tense("I wrote my first poem at seven.") == "past"
    assert told_tense("I cook every day.") == ""


def test_a_shared_word_narrows_first_and_the_other_tense_is_dropped() -> None:
    replies = ["I'd love to sail to Chile one day.", "I sailed to Chile once.", "Chile is far."]
    assert narrow("did you ever sail to Chile?", replies) == [1]
    assert narrow("what do you think of Chile?", replies, topic="chile") == [0, 1, 2]  # the topic's name
    assert narrow("do you like jam?", replies) == [0, 1, 2]  # nothing shared: every reply stays


def test_a_persona_topic_answers_with_the_reply_that_names_what_was_asked(talk: MindSession) -> None:
    ada = load_persona("ada")
    family = next(t for t in ada.talk_topics if t.name == "family")
    sister = next(line for line in family.say if "sister" in line)
    exchange = talk.say("Ada, have you got a sister?")
    assert exchange is not None and exchange.reply.layer == "topic"
    assert exchange.reply.text.startswith(sister)
