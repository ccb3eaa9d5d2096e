"""How the user's own thing was ("it was freezing" after "I went sea swimming this morning").

Right after a line about the user's own doings, a short line saying how it was tells more of
that, and asks for nothing. It had been read on its own: "it was freezing" as the weather now,
or with the line before as a topic ("sea … freezing": Bo nearly going over the side in Biscay),
and "it was amazing" after a trip got "Go on, give me the details". It is met with the word said
back and the persona's ``told_good`` or ``told_hard`` line.
"""

from __future__ import annotations

import re

from game.mind.protocols import Action
from game.mind.reactions import GOOD, HARD
from game.mind.skill_io import Answer, SkillInput

_OWN_LINE = re.compile(r"^(?:[a-z]+,\s*)?(?:and |so |well )?(?:i|i'm|i've|we|we're|we've|my|our)\b")
"""A line about the user's own doings ("Bo, I went sea swimming this morning")."""
_HOW = re.compile(
    r"^(?:oh|well|and|but|yeah|yes|honestly|ah)?[\s,]*"
    r"(?:it|that|they|we|everyone|everybody|the [a-z]+)\s+(?:was|were|felt|looked|tasted|got)\s+"
    r"(?:so |really |very |pretty |quite |a bit |rather |absolutely |bloody |too |just )?"
    r"(?P<how>[a-z]+)(?: though| actually| really| too)?[\s!.]*$"
)
HARD_TOO = frozenset(
    {"freezing", "cold", "wet", "crowded", "packed", "busy", "loud", "noisy", "expensive", "hot", "boiling",
     "dull", "disappointing", "stressful", "chaotic", "muddy", "windy", "rainy", "grim", "long", "awkward",
     "embarrassing", "weird", "strange", "bad", "rubbish", "dreadful", "pricey"}
)  # fmt: skip
GOOD_TOO = frozenset(
    {"incredible", "stunning", "gorgeous", "warm", "sunny", "quiet", "excellent", "superb", "awesome", "fab",
     "fabulous", "glorious", "special", "unforgettable", "worth", "funny", "hilarious", "calm"}
)  # fmt: skip


def told(text: str, line_before: str) -> str:
    """``told_good`` / ``told_hard`` when ``text`` says how the user's thing of ``line_before`` was."""
    before = " ".join(line_before.lower().split())
    if not _OWN_LINE.match(before) or before.endswith("?"):
        return ""
    found = _HOW.match(" ".join(text.lower().split()))
    if found is None:
        return ""
    how = found.group("how")
    return "told_hard" if how in HARD | HARD_TOO else "told_good" if how in GOOD | GOOD_TOO else ""


def answer(turn: SkillInput, kind: str) -> Answer:
    """The word said back, in the persona's words for a good or a hard time."""
    found = _HOW.match(" ".join(turn.text.lower().split()))
    how = found.group("how") if found is not None else ""
    actions = (Action.make("nod"),) if turn.persona.allows("nod") else ()
    mood = "happy" if kind == "told_good" else "sad"
    return Answer(turn.line(kind, how=how.capitalize()), actions, mood, [f"how it was: {how}"])
