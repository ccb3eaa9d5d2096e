"""The user's reaction to what the NPC just said ("sounds relaxing", "that sounds hard"), agreed with.

A reaction asks for nothing, yet "sounds relaxing" sat nearest "relax" and the NPC asked "Do
you want me to sit down?". A whole line of that shape is read by a rule and answered with the
persona's ``agree`` line (``agree_hard`` for something hard or sad): short, in character, and
never an action.
"""

from __future__ import annotations

import re

from game.mind.protocols import Action
from game.mind.skill_io import Answer, SkillInput

_REACTION = re.compile(
    r"^(?:oh|wow|ah|aw|ooh|mm|hmm)?[\s,!.]*(?:that |it |this |that's |it's )?"
    r"(?:sounds|looks|seems|is|must be)\s+(?:so |really |very |pretty |quite |a bit |rather )?"
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


def reacted(text: str) -> str:
    """``agree`` or ``agree_hard`` for a line that only reacts ("sounds relaxing"), else ""."""
    found = _REACTION.match(" ".join(text.lower().split()))
    if found is None:
        return ""
    how = found.group("how")
    return "agree_hard" if how in HARD else "agree" if how in GOOD else ""


def answer(turn: SkillInput) -> Answer:
    """The persona agrees, in its own words, and does nothing."""
    kind = reacted(turn.text) or "agree"
    actions = (Action.make("nod"),) if turn.persona.allows("nod") else ()
    return Answer(
        turn.line(kind), actions, "sad" if kind == "agree_hard" else "happy", [f"a reaction: {kind}"]
    )
