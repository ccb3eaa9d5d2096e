"""What to give someone: asked for or owned up to, the character suggests a present.

Lines here were written for this file, said to the real default brain (real embedder, personas).
"""

from __future__ import annotations

import pytest

from game.mind.gifts import asked_for
from game.mind.session import MindSession


@pytest.mark.parametrize(
    ("line", "whom"),
    [("what should I get my mum for her birthday?", "your mum"), ("what can I buy him?", "him"),
     ("what's a good present for my grandad?", "your grandad"),
     ("any gift ideas for my sister?", "your sister"),
     ("it's her birthday tomorrow and I've got nothing for her", "her"),
     ("I don't know what to get my husband", "your husband"),
     ("what should I get for dinner?", ""), ("what should I get my hair cut like?", ""),
     ("what did you get your mum?", ""), ("what should we get him?", "him")],
)  # fmt: skip
def test_whom_a_present_is_for_is_read_from_the_line(line: str, whom: str) -> None:
    assert asked_for(line) == whom


def test_a_present_asked_for_gets_the_personas_idea_naming_whom_it_is_for(session: MindSession) -> None:
    told = session.say("Cleo, my friend's birthday is tomorrow and I've got nothing for her")
    assert told is not None and told.reply.intent == "gift", told and told.reply.evidence
    assert told.reply.text.startswith("For her?"), told.reply.text
    assert "Congratulations" not in told.reply.text
    bo = session.say("Bo, what should I get my dad?")
    assert bo is not None and bo.reply.text in [
        line.format(thing="your dad") for line in session.personas["Bo"].lines["gift_idea"]
    ]
