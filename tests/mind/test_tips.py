"""A request for advice gets the persona's own tip when it has one close enough, else its general way."""

from __future__ import annotations

import pytest

from game.mind.reply_fit import is_advice
from game.mind.session import MindSession
from tests.support.talk import reply_to


@pytest.mark.parametrize(
    ("line", "word"),
    [
        ("Cleo, how do I stop being shy?", "shy"),  # was "I'm still turning that over"
        ("Ada, how do I make a small bedroom feel cosy?", "cosy"),  # was "Good question. I haven't drawn…"
        ("Bo, how do I make a good gravy?", "gravy"),  # was the general "Start simple, mate…"
    ],
)
def test_advice_asked_is_the_personas_own_tip(session: MindSession, line: str, word: str) -> None:
    reply = reply_to(session, line)
    assert is_advice(reply.text) and word in reply.text, reply.evidence
    assert any("the persona's own tip" in e for e in reply.evidence), reply.evidence


def test_advice_with_no_tip_near_it_gets_the_general_way(session: MindSession) -> None:
    reply = reply_to(session, "Bo, how do I tune a car engine?")
    assert not any("the persona's own tip" in e for e in reply.evidence), reply.evidence
