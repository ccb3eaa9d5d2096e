"""A yes/no question about something the character has never done gets an honest "no, never".

"Bo, do you play cards?" found Bo's sport topic (0.54) and got five-a-side football; "have you
ever been to Japan?" found Ada's travel topic and got her line about friends who like beaches.
Neither answers the question, and the ask-back ("Cards? Good question, what's yours?") dodges
it. When a line asks whether the NPC *does*, *did* or *would* do a thing ("do/have/can you …?",
"did/would you ever …?"), and that thing is neither in the reply about to be said, nor in the
phrasing it matched, nor among the persona's own words (every noun of it: "the back of
receipts" is not covered by a back that Cleo mentions elsewhere), the persona has no such thing
in its life: it says so in its own voice (``never_done``) and turns the question back with the
line's own verb ("Cards? Never, mate. … Do you?").
When a reply of the persona does name the thing ("can you still play the piano?" and Ada's "I
played the piano as a girl"), that reply answers instead of a dodge (:mod:`game.mind.open_talk`).

A strong topic match (:data:`TRUSTED`) is left alone: its reply was written for the question
even when it does not repeat the thing's word. So is a thing near in meaning to something the
persona says (:data:`COVERED`): "have you ever tried Portuguese food?" is answered by Cleo's
custard tarts.
"""

from __future__ import annotations

import re

from game.mind.ask_back import phrase_of
from game.mind.reply_fit import content_stems
from game.mind.skill_io import Answer, SkillInput
from game.mind.topics import TopicIndex, TopicMatch

_ASKS_IF_YOU = re.compile(
    r"^(?:[a-z]+,\s*)?(?:(?P<aux>do|have|can)\s+you\s+(?:ever\s+|still\s+|often\s+)?"
    r"|(?P<ever>did|would)\s+you\s+ever\s+)(?P<verb>[a-z']+)\b"
)
""""Did you ever …?" and "would you ever …?" ask the same of a life; without "ever" they are a
past event ("did you see the match?") or a request ("would you play something for me?")."""
_NOT_A_DEED = frozenset(
    {"like", "love", "enjoy", "hate", "prefer", "think", "know", "want", "mean", "remember", "have", "got",
     "feel", "mind", "need", "believe", "agree", "see", "get", "miss", "wish", "reckon", "fancy", "find",
     "care", "understand", "speak", "live", "work", "sleep", "dream", "worry", "heard", "hear", "a", "any",
     "the", "to"}
)  # fmt: skip
"""Verbs that ask about a taste, a thought, a want, what the NPC knows of, or its everyday life,
not a thing done: "do you miss the sea?" and "have you heard of the Higgs boson?" are not
answered by "never"."""
_DONE_ONCE = frozenset({"sleep", "live", "work", "speak"})
"""Everyday verbs that ask about a deed once "ever" comes with them: "did you ever sleep in a tent?",
"would you ever live on a boat?", where "do you sleep well?" asks about the NPC's nights."""
_TRAVELLED = frozenset({"been", "visited", "gone", "travelled", "traveled", "sailed", "lived"})
"""A place never visited has its own line: a ship's cook saw ports, if not that one."""
TRUSTED = 0.62
"""A topic matched this closely answers the line itself; below it, the thing must be in the reply."""
COVERED = 0.45
"""A thing this near in meaning to a reply the persona has is in its life ("Portuguese" and Cleo's
custard tarts 0.61, "an instrument" and Bo's spoons 0.60). Below it the nearness is the embedder's
alone: "a turtle" is 0.40 from Bo's gull mascot, "octopus" from his tomcat, "marmalade" 0.37 from
a seaweed line, "bungee jumping" from a chowder contest. Session 40 raised it from 0.30 on the
development half: two replies changed (octopus, a turtle), both from another thing to a "never";
at 0.50 "a houseboat" (Ada's boat line) is lost."""


def asked_deed(text: str) -> tuple[str, str, str] | None:
    """``(aux, verb, thing)`` for "do/have/can you (ever, still) …?" or "did/would you ever …?"."""
    low = text.strip().lower()
    found = _ASKS_IF_YOU.match(low)
    if found is None or not low.endswith("?"):
        return None
    verb = found.group("verb")
    if verb in _NOT_A_DEED and not (found.group("ever") and verb in _DONE_ONCE):
        return None
    if re.match(r"\s+(?:me|us)\b", low[found.end("verb") :]):
        return None  # "can you give me a tip …?" asks something of the NPC, not whether it ever did
    aux = found.group("aux") or found.group("ever")
    thing = phrase_of(text[found.end("verb") :] if aux != "have" else text[found.end("aux") :])
    return (aux, found.group("verb"), thing) if thing else None


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
    nouns = content_stems(thing, ("noun",)) or stems
    if not stems or stems & content_stems(f"{said} {matched}") or nouns <= topics.life_stems:
        return None  # "the back of receipts": her life has a back (of a bus) but no receipt
    kind = "never_been" if verb in _TRAVELLED else "never_done"
    if kind == "never_done" and near_enough and topics.closest_said(thing) >= COVERED:
        return None  # a place is named or not: "Iceland" is not covered by "only two countries"
    text = turn.line(kind, thing=thing[:1].upper() + thing[1:], back=f"{aux.capitalize()} you?")
    return Answer(
        text,
        evidence=[f"asks if {turn.persona.name} has done '{thing}': nothing of it in the persona, so no"],
        layer="skill",
    )
