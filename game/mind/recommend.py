"""A recommendation asked of the character: its own favourite of that kind.

"Which poet should I start with?" and "what book should I read next?" were read as requests for
advice on how to do something and got a writing tip or "Book... I'm still turning that over";
a friend names the one they love. The kind asked ("poet", "book") is matched to the persona's
``favourite_<kind>`` fact, whose answer says it in the character's words ("Fernando Pessoa. He
was many people at once."). A kind the persona has no favourite of is left to the other layers.
"""

from __future__ import annotations

import re

from game.mind import thread
from game.mind.skill_io import Answer, SkillInput
from game.mind.stems import stem

_RECOMMEND = re.compile(
    r"\b(?:which|what) (?P<kind>[a-z]+) (?:should|shall|could|would you have) i\b"
    r"|\b(?:recommend|suggest) (?:me )?(?:a |an |some |any )?(?:good )?(?P<kind2>[a-z]+)\b"
    r"|\bany good (?P<kind3>[a-z]+?)s? (?:you'd|you would|you can) (?:recommend|suggest)\b"
    r"|\bany (?:good )?(?P<kind4>[a-z]+?)s? (?:i|we) (?:should|ought to|must)"
    r" (?:see|visit|try|read|hear|watch)\b"
    r"|\bwhat(?:'s| is| would be) a good (?:first |beginner's |starter )?(?P<kind5>[a-z]+)"
    r" (?:to (?:read|try|visit|see|hear|start with)|for (?:a )?beginners?|about|on|for me)\b"
    r"|\bwhere (?:should|shall|could|can) (?:i|we) go\b(?P<place>)"
)


def kind_asked(text: str) -> str:
    """The kind of thing a recommendation is asked for ("poet"), or ""."""
    found = _RECOMMEND.search(text.lower().replace("\u2019", "'"))
    if found is not None and found["place"] is not None:
        return "place"  # "where should I go on holiday?"
    if found is None:
        return ""
    return next((found[k] for k in ("kind", "kind2", "kind3", "kind4", "kind5") if found[k]), "")


def recommended(turn: SkillInput) -> Answer | None:
    """The persona's favourite of the kind asked for, as its recommendation; None when it has none."""
    kind = kind_asked(turn.text)
    if not kind:
        return None
    for fact in turn.persona.facts:
        if fact.key.startswith("favourite_") and stem(fact.key.removeprefix("favourite_")) == stem(kind):
            thread.fact_said(turn.context.focus, fact.key)
            why = f"asks for a {kind} to try: its favourite {kind}, {fact.value}"
            return Answer(fact.answer, evidence=[why], layer="persona_fact")
    return None
