"""The user asks the character to judge a deed: a kind verdict with the deed said back."""

from __future__ import annotations

import pytest

from game.mind.judgement import asked
from game.mind.session import MindSession
from tests.support.talk import reply_to


@pytest.mark.parametrize(
    ("line", "kind", "deed"),
    [
        ("Bo, is it rude to send food back?", "judge_not:rude", "sending food back"),
        ("is it silly to talk to plants?", "judge_not:silly", "talking to plants"),
        ("do you think it's weird if I sing to my cat?", "judge_not:weird", "singing to your cat"),
        ("is it okay to nap at lunch?", "judge_fine", "napping at lunch"),
        ("is it normal to stop at a café every morning?", "judge_fine", "stopping at a café every morning"),
        ("is it worth paying for a good chair?", "judge_worth", "paying for a good chair"),
        ("Ada, are old churches worth keeping?", "judge_worth", "old churches"),
        ("is it wrong to lie to my boss?", "judge_careful", "lying to your boss"),
        ("is it bad to read my sister's diary?", "judge_careful", "reading your sister's diary"),
        ("Bo, is it rude to be late?", "judge_careful", "being late"),  # had got "Not rude at all"
        ("is it rude to interrupt people?", "judge_careful", "interrupting people"),
    ],
)  # fmt: skip
def test_a_deed_to_judge_is_read_with_the_verdict_it_asks(line: str, kind: str, deed: str) -> None:
    assert asked(line) == (kind, deed)


@pytest.mark.parametrize(
    "line",
    ["is it raining?", "is it rude?", "is it far to the harbour?", "was it worth it?",
     "is it rude to ask how a person who has just come back from a very long trip abroad feels about home?",
     "do you think people are rude?"],
)  # fmt: skip
def test_other_lines_ask_no_judgement(line: str) -> None:
    assert asked(line) is None


def test_the_character_gives_its_verdict_in_its_own_voice(session: MindSession) -> None:
    reply = reply_to(session, "Bo, is it wrong to eat cereal for dinner?")
    assert reply.text.startswith("Eating cereal for dinner? ") and "not wrong" in reply.text.lower(), reply
    assert reply.layer == "skill" and "mate" in reply.text, reply.evidence


def test_a_harmful_deed_is_never_waved_through(session: MindSession) -> None:
    reply = reply_to(session, "Cleo, is it okay to read my flatmate's messages?")
    assert reply.text.startswith("Reading your flatmate's messages? "), reply.evidence
    assert "fine" not in reply.text.lower() and "of course" not in reply.text.lower(), reply.text


def test_the_it_of_a_question_to_judge_stands_for_no_thing(session: MindSession) -> None:
    reply = reply_to(session, "Ada, is it worth paying for a good chair?")
    assert not any("'it' =" in note for note in reply.evidence), reply.evidence  # was "'it' = Bo"
