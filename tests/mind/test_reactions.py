"""A reaction to what the NPC said ("sounds relaxing") is agreed with, never taken as an order."""

from __future__ import annotations

import pytest

from game.mind.reactions import reacted
from game.mind.session import MindSession


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("sounds relaxing", "agree"),
        ("Oh, that sounds lovely!", "agree"),
        ("it must be so hard", "agree_hard"),
        ("that sounds really tough.", "agree_hard"),
        ("sounds nice. can I come along?", ""),  # more than a reaction
        ("the lamp looks nice", ""),  # about a thing in the room
        ("sounds like a plan to me", ""),
        ("that's early!", "own_it"),
        ("that's a lot", ""),
        ("you're wrong, mate", "disagreed"),
        ("I don't agree with you", "disagreed"),
        ("no way!", ""),  # after a story it is wonder
    ],
)
def test_a_reaction_is_read_by_its_shape(line: str, kind: str) -> None:
    assert reacted(line) == kind


def test_a_reaction_after_a_reply_is_agreed_with_and_nothing_happens(session: MindSession) -> None:
    session.say("Bo, what do you do on your day off?")
    exchange = session.say("sounds relaxing")  # sat nearest "relax": "Do you want me to sit down?"
    assert exchange is not None and exchange.npc == "Bo"
    reply = exchange.reply
    assert reply.intent == "reaction" and reply.text in session.context("Bo").persona.lines["agree"], reply
    assert {a.name for a in reply.actions} <= {"nod"}
