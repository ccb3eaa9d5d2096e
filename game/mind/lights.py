"""Light requests ("make it brighter", "dim the lights"): one step of the light level, said as done.

The direction comes from the line's own words; "too dark" asks for more light, though it
says "dark". Switching the lights off is not offered: the user would be left in the dark,
so the NPC says so and offers to dim them, and nothing changes.
"""

from __future__ import annotations

import re

from game.mind.protocols import Action
from game.mind.skill_io import Answer, SkillInput
from game.sim.lighting import BRIGHTER, DIMMER

_TOO_BRIGHT = re.compile(r"\btoo bright\b")
_TOO_DARK = re.compile(r"\b(?:too dark|so dark|can't see|cannot see)\b")
_LESS = re.compile(r"\b(?:dark\w*|dim\w*|lower|less light|lights? down|turn \w* ?down|softer)\b")
_OFF = re.compile(r"\b(?:off|out)\b")


def lights(turn: SkillInput, done: str) -> Answer:
    """One step brighter or dimmer, whichever the line asks for (brighter when it says neither)."""
    text = turn.text.lower()
    if _OFF.search(text):
        return Answer(
            "I'd rather not switch them off: you wouldn't see a thing. I can dim them, if you like.",
            evidence=["lights off: not offered"],
        )
    dimmer = bool(_TOO_BRIGHT.search(text) or (_LESS.search(text) and not _TOO_DARK.search(text)))
    factor, now = (DIMMER, "The lights are lower now.") if dimmer else (BRIGHTER, "The room is brighter now.")
    return Answer(
        f"{done} {now}",
        (Action.make("lights", factor=factor),),
        evidence=[f"lights x{factor:.2f}"],
    )
