"""Everyday questions about the character itself are answered from its own ``about_me`` topic.

"Do you have a nickname?" had got "I'm Bo. Ship's cook, retired." and "how would your friends
describe you?" a line on what makes a good friend; each persona now says these in its own words.
"""

from __future__ import annotations

import pytest

from game.mind.session import MindSession
from tests.support.talk import reply_to


@pytest.mark.parametrize("npc", ["Ada", "Bo", "Cleo"])
@pytest.mark.parametrize(
    ("line", "word"),
    [("do you have a nickname?", "Nickname"), ("how would your friends describe you?", "friends"),
     ("are you good at keeping secrets?", "ecret"), ("what was your favourite toy?", "toy"),
     ("what's your favourite smell?", "Smell")],
)  # fmt: skip
def test_a_question_about_the_character_itself_gets_its_own_answer(
    session: MindSession, npc: str, line: str, word: str
) -> None:
    reply = reply_to(session, f"{npc}, {line}")
    assert word in reply.text, (npc, line, reply.text, reply.evidence)
