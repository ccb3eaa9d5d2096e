"""How the user's own thing was ("it was freezing" after their swim) is met as part of their story."""

from __future__ import annotations

import pytest

from game.mind.how_it_was import told
from game.mind.session import MindSession
from tests.support.talk import reply_to


@pytest.mark.parametrize(
    ("line", "before", "kind"),
    [
        ("it was freezing", "Bo, I went sea swimming this morning", "told_hard"),
        ("oh, it was lovely", "we went to the fair on Sunday", "told_good"),
        ("the food was amazing", "I went to Paris last week", "told_good"),
        ("it was really crowded though", "Cleo, I went to a concert last night", "told_hard"),
        ("it was freezing", "Bo, what's the sea like today?", ""),  # the line before asked the NPC
        ("it was freezing", "", ""),
        ("it was purple", "I painted my door", ""),  # no telling how it went
        ("it was freezing, so I came home and had a bath", "I went out", ""),  # more than how it was
    ],
)
def test_how_it_was_is_read_only_after_the_users_own_line(line: str, before: str, kind: str) -> None:
    assert told(line, before) == kind


def test_the_character_meets_it_with_the_word_said_back(session: MindSession) -> None:
    reply_to(session, "Bo, I went sea swimming this morning")
    cold = reply_to(session, "it was freezing")
    assert cold.text.startswith("Freezing?") and "how it was: freezing" in cold.evidence, cold.evidence
    reply_to(session, "Ada, I went to the highlands last month")
    fine = reply_to(session, "it was stunning")
    assert fine.text.startswith("Stunning!"), fine.evidence
