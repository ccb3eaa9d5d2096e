"""Advice the user asks for on something of their own: "how do I get better at writing?".

Asked back ("Writing? I don't know yet. Tell me what you'd say.") a character dodges the one
thing the user asked of it, and the rubric counts a dodge as no answer. Every persona says how
to go about learning or making a thing in its own voice (``how_to`` lines in the persona TOML,
``{thing}`` = what the user named), so the reply names the user's own thing and stays in
character. Only a line that both asks how (or for tips) and names what it is about gets it.
"""

from __future__ import annotations

import re

from game.mind.ask_back import is_question, phrase_of
from game.mind.reply_fit import asks_advice
from game.mind.skill_io import Answer, SkillInput

MAX_WORDS = 4
"""A longer "thing" is a clause the template would mangle; such a line is asked back instead."""
_TIPS = re.compile(
    r"^\s*(?:so,?\s+|ok,?\s+|and\s+)?(?:(?:(?:have )?you )?(?:got |have )?any (tips|advice)\b"
    r"|how (?:do|can|could|would|should) (?:i|you|we|one) (?:stop|avoid|prevent|fix|sort out)"
    r" (?:that|it|this)\b"
    r"|(?:where|how) (?:do|should|would|can) i (?:start|begin|get started)\b"
    r"|what (?:should|do) i do first\b)"
)
_THING = re.compile(
    r"\b(?:learn(?:ing)?(?: how)?(?: to)?|get(?:ting)? better at|improve(?: at)?|make|cook|bake|"
    r"take up|pick up|practi[cs]e|grow|write|paint|draw|play)\s+"
    r"((?:an? |the |my |some )?[a-z' ]+?)(?=[?.!,]|$| (?:where|how|but|and|when|if|without|properly)\b)"
)


_ACTIVITIES = frozenset(
    {"cook", "bake", "sing", "dance", "swim", "knit", "paint", "draw", "write", "sew", "ski", "skate", "surf",
     "sail", "fish", "garden", "drive", "code", "program", "climb", "run", "cycle", "row", "read", "box",
     "juggle", "sketch", "act", "fly", "ride", "dive", "rap", "fence", "meditate", "crochet"}
)  # fmt: skip
"""Things learned that are said as a verb ("learn to cook"), named as the activity ("cooking")."""


_UNTIL_WHEN = re.compile(r"\s+(?:this|next|last|every|on|in|at|by|tomorrow|tonight|today|soon|one day)\b")
"""Where the plan's thing ends and its time begins ("swim | this summer")."""


def request(text: str) -> str:
    """What the user asks advice about ("a decent soup"), or "" when the line asks none."""
    low = text.lower().strip()
    found = _THING.search(low) if asks_advice(low) else None
    if found is None:
        return ""
    thing = found.group(1).strip()
    return thing if 0 < len(thing.split()) <= MAX_WORDS else ""


def tips_on(text: str, before: str) -> str:
    """The thing a bare "any tips?" asks about: the one the user's line ``before`` named, or "".

    "How do you stop that happening?" and "where should I start?" ask the same.

    "I burned the rice again last night." … "any tips?" asks about the rice. The persona's
    general topic of advice ("Tie your knots properly") would answer a different question.
    """
    if not _TIPS.match(text.lower()) or not before or is_question(before):
        return ""
    learning = _THING.search(before.lower())
    if learning is None:
        return phrase_of(before)
    return _as_activity(_UNTIL_WHEN.split(learning.group(1).strip())[0])


def _as_activity(thing: str) -> str:
    """A bare verb as the activity ("cook" → "cooking"); anything longer as it is."""
    if thing not in _ACTIVITIES:
        return thing
    if thing.endswith("e") and not thing.endswith("ee"):
        return thing[:-1] + "ing"
    short = len(thing) <= 4 and re.fullmatch(r".*[^aeiou][aeiou][^aeiouwxy]", thing)
    return thing + (thing[-1] if short else "") + "ing"


def split_request(text: str) -> tuple[str, str]:
    """``(what was said first, the bare request)`` for "I burnt the rice again. Any tips?", else ("", "").

    A line can carry its own "line before": the request then asks about the sentences ahead of it.
    """
    parts = [p for p in re.split(r"(?<=[.!])\s+", text.strip()) if p]
    if len(parts) >= 2 and _TIPS.match(parts[-1].lower()):
        return " ".join(parts[:-1]), parts[-1]
    return "", ""


def advise(turn: SkillInput, thing: str) -> Answer:
    """The persona's advice on the user's thing, in its own words."""
    said = turn.line("how_to", thing=thing)
    return Answer(
        said[:1].upper() + said[1:],
        evidence=[f"advice asked on '{thing}': the persona's own way of going about it"],
        layer="skill",
    )
