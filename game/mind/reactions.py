"""The user's reaction to what the NPC just said ("sounds relaxing", "that sounds hard"), agreed with.

A reaction asks for nothing, yet "sounds relaxing" sat nearest "relax" and the NPC asked "Do
you want me to sit down?". A whole line of that shape is read by a rule and answered with the
persona's ``agree`` line (``agree_hard`` for something hard or sad, ``own_it`` for how much of
it there is, "that's early!", and ``disagreed`` for "you're wrong"): short, in character, and
never an action.
"""

from __future__ import annotations

import re

from game.mind.protocols import Action
from game.mind.skill_io import Answer, SkillInput

_REACTION = re.compile(
    r"^(?:oh|wow|ah|aw|ooh|mm|hmm)?[\s,!.]*"
    r"(?:(?:that |it |this |that's |it's )?(?:sounds|looks|seems|is|must be)|that's|it's)\s+"
    r"(?:so |really |very |pretty |quite |a bit |rather )?"
    r"(?P<how>[a-z]+)[\s!.]*$"
)
HARD = frozenset(
    {"hard", "tough", "awful", "terrible", "boring", "difficult", "exhausting", "tiring", "scary", "sad",
     "lonely", "rough", "stressful", "horrible", "miserable", "frightening", "sore", "painful"}
)  # fmt: skip
GOOD = frozenset(
    {"nice", "lovely", "great", "relaxing", "fun", "good", "amazing", "wonderful", "interesting", "delicious",
     "brilliant", "perfect", "cool", "cosy", "cozy", "peaceful", "beautiful", "exciting", "tasty",
     "fantastic", "magical", "romantic", "wise", "clever", "cute", "sweet"}
)  # fmt: skip


MEASURED = frozenset(
    {"early", "late", "far", "expensive", "dear", "cheap", "long", "short", "young", "old", "big", "small",
     "huge", "tiny", "quick", "fast", "slow", "precise", "exact", "strict", "loud", "quiet", "posh", "fancy"}
)  # fmt: skip
"""How much of something the NPC just told ("that's early!" of its half-five start): it owns it."""
_DISAGREES = re.compile(
    r"^(?:no[\s,!.]+|nah[\s,!.]+|oh )?(?:you're wrong|you are wrong|i disagree|i don't agree|i do not agree|"
    r"i don't think so|i'm not so sure|i am not so sure|rubbish|nonsense)"
    r"(?:[\s,]+(?:mate|there|at all|with you|about that|sorry))*[\s!.]*$"
)
"""The user disagrees with what the NPC just said ("you're wrong, mate"): it holds its view kindly.
"No way!" is left out: after a story it says wonder, not disagreement."""


def reacted(text: str) -> str:
    """``agree``, ``agree_hard``, ``own_it`` or ``disagreed`` for a line that only reacts, else ""."""
    said = " ".join(text.lower().split())
    if _DISAGREES.match(said):
        return "disagreed"
    found = _REACTION.match(said)
    if found is None:
        return ""
    how = found.group("how")
    return "agree_hard" if how in HARD else "agree" if how in GOOD else "own_it" if how in MEASURED else ""


def answer(turn: SkillInput) -> Answer:
    """The persona agrees, in its own words, and does nothing."""
    kind = reacted(turn.text) or "agree"
    actions = (Action.make("nod"),) if turn.persona.allows("nod") else ()
    return Answer(
        turn.line(kind), actions, "sad" if kind == "agree_hard" else "happy", [f"a reaction: {kind}"]
    )
