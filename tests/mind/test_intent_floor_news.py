"""News is news even when the classifier's guess fell under its intent's floor."""

from __future__ import annotations

from game.mind import intent_rules
from game.mind.intents import IntentResult

_FLOORED = IntentResult("are_you_human", 0.47, "chat", 0.40, "am I talking to a person", "nearest examples")


def test_news_under_a_floored_guess_is_news() -> None:
    assert intent_rules.apply("I've been asked to sing at my cousin's wedding", _FLOORED).intent == "news"


def test_a_floored_guess_without_news_is_open_talk() -> None:
    assert intent_rules.apply("I've been thinking about the sea", _FLOORED).intent == "chat"
