"""A new user asks what they can do here and is told, in plain words."""

from __future__ import annotations

import pytest

from game.mind.how_to_use import asked
from game.mind.session import MindSession
from tests.support.talk import reply_to


@pytest.mark.parametrize(
    ("line", "asks"),
    [("Ada, what can I do here?", True), ("what can you do?", True), ("how do I change the room?", True),
     ("can you help me?", True), ("I'm new here", True), ("who should I talk to?", True),
     ("what can you do with old timber?", False), ("how do I make a good soup?", False),
     ("can you help me move house next week?", False),
     ("what do I do now?", False), ("what can I do?", False)],  # at a loss, after bad news
)  # fmt: skip
def test_asking_what_can_be_done_here_is_read(line: str, asks: bool) -> None:
    assert asked(line) is asks


def test_the_editor_offers_edits_and_the_others_say_who_does_them(session: MindSession) -> None:
    ada = reply_to(session, "Ada, what can I do here?")
    assert "paint the sofa green" in ada.text and "F1" in ada.text and not ada.actions, ada.evidence
    bo = reply_to(session, "Bo, how do I change the room?")
    assert "whoever looks after it" in bo.text and "F1" in bo.text, bo.evidence  # not a list of the furniture
