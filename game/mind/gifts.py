"""The user asks what to give someone: the character suggests a present in its own way.

"What should I get my mum for her birthday?" was asked back ("Your mum… What do you think?"), and
"my friend's birthday is tomorrow and I've got nothing for her" was congratulated on the birthday.
A friend asked either suggests something, so each persona has ``gift_idea`` lines
(``{thing}`` = whom the present is for, as the user would hear it said back: "your mum", "her").
"""

from __future__ import annotations

import re

from game.mind.skill_io import Answer, SkillInput
from game.mind.user_news import you

_WHOM = r"(?:(?:my|our) [a-z']+|him|her|them)"
_ASKED = re.compile(
    rf"\bwhat (?:should|could|shall|can|do) (?:i|we) (?:get|buy|give) (?P<get>{_WHOM})"
    r"(?: (?:for|as) (?:a |an |(?:his|her|their) )?(?:birthday|christmas|present|gift|anniversary))?"
    r"\s*[?.!]*$"
    rf"|\bwhat(?:'s| is) a good (?:gift|present) for (?P<good>{_WHOM})\b"
    rf"|\b(?:gift|present) ideas? for (?P<ideas>{_WHOM})\b"
    rf"|\bi(?:'ve| have)?(?: got| bought)? nothing for (?P<nothing>{_WHOM})\b"
    r"|\bi (?:don't|do not|can't|cannot) (?:know|think of|decide) what to (?:get|buy|give) "
    rf"(?P<idea>{_WHOM})\b"
)
"""What to give someone, asked ("what should I get my dad?") or owned up to ("I've got nothing for
her"). Only a person is someone to give to: "what should I get for dinner?" asks no present."""


def asked_for(text: str) -> str:
    """Whom the user wants a present for, said back ("your mum"), or "" when the line asks none."""
    found = _ASKED.search(text.lower().replace("\u2019", "'"))
    if found is None:
        return ""
    whom = next(group for group in found.groups() if group)
    return you(whom)


def answer(turn: SkillInput) -> Answer:
    """The persona's idea for a present, naming whom it is for."""
    whom = asked_for(turn.text) or "them"
    said = turn.line("gift_idea", thing=whom)
    return Answer(
        said[:1].upper() + said[1:],
        emotion="happy",
        evidence=[f"asks what to give {whom}: the persona's own idea for a present"],
    )
