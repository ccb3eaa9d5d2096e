"""The user asks for the NPC's faith in their own plan: "do you think I can finish it?".

After "I'm running a marathon on Sunday", that question is about the marathon, and a friend
answers it: "The marathon? Course you can, mate." Asked back ("Never thought about it. What
would you say?") the character dodges the one thing the user wanted from it. Each persona
reassures in its own voice (``reassure`` lines in the persona TOML, ``{thing}`` = what the
user's line before named). Only a question about the user's own prospects ("will I …",
"do you think I'll …") after a line of their own that names a thing gets it; "should I …?"
asks for advice, not faith, and is left to the other layers.
"""

from __future__ import annotations

import re

from game.mind.ask_back import is_question, phrase_of
from game.mind.skill_io import Answer, SkillInput

_PROSPECT = re.compile(
    r"^(?:so\s+|and\s+|but\s+)?(?:(?:do|d'you) you (?:think|reckon) |you (?:think|reckon) )"
    r"(?:that )?i(?:'ll| will| can| could|'m going to| am going to|'m gonna)\s+\w+"
    r"|^(?:so\s+|and\s+|but\s+)?(?:will i|am i going to|am i gonna)\s+"
    r"(?:like|love|enjoy|manage|make|finish|pass|win|get|be|do|cope|survive|fit)\b"
)


def asked(text: str, before: str) -> str:
    """The user's own thing the line asks the NPC's faith in ("a marathon"), or "" when it asks none."""
    low = " ".join(text.lower().replace(",", " ").replace("do ya", "do you").split())
    if not _PROSPECT.match(low) or not before or is_question(before):
        return ""
    return phrase_of(before)


def reassure(turn: SkillInput, thing: str) -> Answer:
    """The persona's faith in the user's plan, in its own words."""
    said = turn.line("reassure", thing=thing)
    return Answer(
        said[:1].upper() + said[1:],
        emotion="happy",
        evidence=[f"asked for faith in the user's own '{thing}': the persona reassures"],
        layer="skill",
    )
