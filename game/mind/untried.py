"""A yes/no question about something the character has never done gets an honest "no, never".

"Bo, do you play cards?" found Bo's sport topic (0.54) and got five-a-side football; "have you
ever been to Japan?" found Ada's travel topic and got her line about friends who like beaches.
Neither answers the question, and the ask-back ("Cards? Good question, what's yours?") dodges
it. When a line asks whether the NPC *does* or *has done* a thing, and that thing is neither in
the reply about to be said, nor in the phrasing it matched, nor anywhere in the persona's own
words, the persona has no such thing in its life: it says so in its own voice (``never_done``)
and turns the question back with the line's own verb ("Cards? Never, mate. … Do you?").
When a reply of the persona does name the thing ("can you still play the piano?" and Ada's "I
played the piano as a girl"), that reply answers instead of a dodge (:mod:`game.mind.open_talk`).

A strong topic match (:data:`TRUSTED`) is left alone: its reply was written for the question
even when it does not repeat the thing's word. So is a thing near in meaning to something the
persona says (:data:`COVERED`): "do you play an instrument?" is answered by Ada's piano, which
never says "instrument".
"""

from __future__ import annotations

import re

from game.mind.ask_back import phrase_of
from game.mind.reply_fit import content_stems
from game.mind.skill_io import Answer, SkillInput
from game.mind.topics import TopicIndex, TopicMatch

_ASKS_IF_YOU = re.compile(
    r"^(?:[a-z]+,\s*)?(?P<aux>do|have|can)\s+you\s+(?:ever\s+|still\s+|often\s+)?(?P<verb>[a-z']+)\b"
)
_NOT_A_DEED = frozenset(
    {"like", "love", "enjoy", "hate", "prefer", "think", "know", "want", "mean", "remember", "have", "got",
     "feel", "mind", "need", "believe", "agree", "see", "get", "miss", "wish", "reckon", "fancy", "find",
     "care", "understand", "speak", "live", "work", "sleep", "dream", "worry", "heard", "hear", "a", "any",
     "the", "to"}
)  # fmt: skip
"""Verbs that ask about a taste, a thought, a want, what the NPC knows of, or its everyday life,
not a thing done: "do you miss the sea?" and "have you heard of the Higgs boson?" are not
answered by "never"."""
_TRAVELLED = frozenset({"been", "visited", "gone", "travelled", "traveled", "sailed", "lived"})
"""A place never visited has its own line: a ship's cook saw ports, if not that one."""
TRUSTED = 0.62
"""A topic matched this closely answers the line itself; below it, the thing must be in the reply."""
COVERED = 0.30
"""A thing this near in meaning to a reply the persona has is in its life ("an instrument" and
the piano 0.38, "Portuguese food" and olives 0.43; "cards" and five-a-side 0.14, "Japan" and
Ada's travel line 0.17)."""


def asked_deed(text: str) -> tuple[str, str, str] | None:
    """``(aux, verb, thing)`` for "do/have/can you (ever, still) <verb> <thing>?", else None."""
    low = text.strip().lower()
    found = _ASKS_IF_YOU.match(low)
    if found is None or found.group("verb") in _NOT_A_DEED or not low.endswith("?"):
        return None
    if re.match(r"\s+(?:me|us)\b", low[found.end("verb") :]):
        return None  # "can you give me a tip …?" asks something of the NPC, not whether it ever did
    thing = phrase_of(text[found.end("verb") :] if found.group("aux") != "have" else text[found.end("aux") :])
    return (found.group("aux"), found.group("verb"), thing) if thing else None


def never_done(
    turn: SkillInput,
    topics: TopicIndex,
    said: str = "",
    match: TopicMatch | None = None,
    near_enough: bool = True,
) -> Answer | None:
    """The persona's "no, never" for a deed it has no word of, in place of ``said``; else None.

    ``near_enough`` keeps a thing near in meaning to a reply (:data:`COVERED`) from a "never"; once
    every layer has passed the line by, no reply took it up, and the nearness was only the
    embedder's ("pottery" is 0.42 from Ada's glass of red wine), so the "never" is said after all.
    """
    if match is not None and match.score >= TRUSTED:
        return None
    asked = asked_deed(turn.text)
    if asked is None:
        return None
    aux, verb, thing = asked
    stems = content_stems(thing)
    matched = match.matched if match is not None else ""
    if not stems or stems & content_stems(f"{said} {matched}") or stems & topics.life_stems:
        return None
    kind = "never_been" if verb in _TRAVELLED else "never_done"
    if kind == "never_done" and near_enough and topics.closest_said(thing) >= COVERED:
        return None  # a place is named or not: "Iceland" is not covered by "only two countries"
    text = turn.line(kind, thing=thing[:1].upper() + thing[1:], back=f"{aux.capitalize()} you?")
    return Answer(
        text,
        evidence=[f"asks if {turn.persona.name} has done '{thing}': nothing of it in the persona, so no"],
        layer="skill",
    )
