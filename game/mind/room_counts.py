"""Whether the room holds a thing, and how many: "is there a lamp in here?", "how many chairs are there?".

Both used to be read as the nearest room question, and "how many chairs are there?" got a
list of everything in the room. They are recognised by shape (:data:`IS_THERE`,
:func:`counted`) and answered from the snapshot, never guessed. A count of the NPC's own
things ("how many chairs do you have at home?") is not the room's, so it is left to open talk.
"""

from __future__ import annotations

import re

from game.mind.grounding import describe_where, join_names, with_article
from game.mind.line_shape import ELSEWHERE
from game.mind.room_words import NUMBER_WORDS, TYPE_WORDS
from game.mind.skill_io import Answer, SkillInput
from game.sim.scene import PROP_TYPES

IS_THERE = re.compile(
    r"\b(?:is|are)\s+there\s+(?:a|an|any|some)\s+([a-z]+(?: (?!in\b|here\b|the\b)[a-z]+)?)"
    r"(?:\s+(?:in\s+)?(?:here|the room|this room))?\s*\??$"
)
""""Is there a lamp in here?": a question of existence, answered from the room, not a "where"."""
HOW_MANY = re.compile(r"\bhow many ([a-z]+)\b")
""""How many chairs are there?": a count of a kind, answered from the room, not a list of everything."""
_PEOPLE = frozenset({"people", "persons", "characters", "npcs"})
_OF_ITS_OWN = re.compile(r"\b(your|yours|do you have|have you|did you|were you|you own|you've)\b")
_A_SPAN = re.compile(
    r"\b(?:a|per|each|every|on a) (?:day|night|week|month|year|busy day|good day|weekend|morning|evening)\b"
)
"""A count over a span of time ("how many people come in on a busy day?") is not the room's now;
nor is one of another place (:data:`~game.mind.line_shape.ELSEWHERE`)."""


def is_there(turn: SkillInput, thing: str) -> Answer:
    """Whether a thing of that kind (or name) is in the room, and where the nearest one is."""
    kind = thing[:-1] if thing.endswith("s") and thing[:-1] in PROP_TYPES else thing
    found = [
        p for p in turn.snap.props if kind in (p.type, p.name.lower()) or p.name.lower().endswith(" " + kind)
    ]
    if not found:
        return Answer(f"No, there's no {kind} here.", evidence=[f"room: no {kind}"])
    where = describe_where(turn.snap, found[0].name)
    more = f" There are {len(found)} of them." if len(found) > 1 else ""
    return Answer(
        f"Yes. {where}{more}",
        evidence=[f"room: {len(found)} × {kind}"],
        focus=found[0].name,
    )


def _singular(noun: str) -> str:
    """The room word a counted noun is a plural of ("couches" → "couch"), or "" for none."""
    for word in (noun.removesuffix("es"), noun.removesuffix("s"), noun):
        if word in TYPE_WORDS:
            return word
    return ""


def counted(text: str) -> str:
    """What the line asks the room's count of ("chairs", "people"), or "" when it asks no such thing."""
    low = text.lower()
    asked = HOW_MANY.search(low)
    if asked is None or _OF_ITS_OWN.search(low) or ELSEWHERE.search(low) or _A_SPAN.search(low):
        return ""
    noun = asked.group(1)
    return noun if noun in _PEOPLE or _singular(noun) else ""


def count(turn: SkillInput, noun: str) -> Answer:
    """How many things of a kind (or people) the room holds, and which."""
    if noun in _PEOPLE:
        names = [n.name for n in turn.snap.npcs]
        return Answer(
            f"{_number(len(names)).capitalize()} of us: {join_names(names)}. And you, of course.",
            evidence=[f"room: {len(names)} NPCs"],
        )
    word = _singular(noun)
    kind = TYPE_WORDS.get(word, "")
    found = [p.name for p in turn.snap.props if p.type == kind]
    one = kind if word.endswith("s") else word  # "shelves" is a word of its own: one is a "shelf"
    plural = noun if noun.endswith("s") else f"{word}es" if word.endswith(("x", "ch", "sh")) else f"{word}s"
    if not found:
        return Answer(f"There are no {plural} here.", evidence=[f"room: no {kind}"])
    said = f"There's one {one}" if len(found) == 1 else f"There are {_number(len(found))} {plural}"
    return Answer(
        f"{said}: {join_names([with_article(n) for n in found])}.",
        evidence=[f"room: {len(found)} × {kind}"],
        focus=found[0],
    )


def _number(n: int) -> str:
    return NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else str(n)
