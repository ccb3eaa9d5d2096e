"""Who is being called by name: a vocative at the start (after any greeting or filler) or at the end.

"hi there Cleo, give me a wave", "excuse me Bo, …", "um Ada, …", "bye Ada, see you later",
"thank you Cleo, …" and "thanks, Ada" name the one spoken to; "where is Ada?" and "look at
Bo" only mention someone, and in "Cleo, where is Ada?" Cleo answers, about Ada. A name the
recognizer was unsure of calls nobody: the decoder must not invent an addressee.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

LEAD_INS = frozenset(
    {
        *("hey", "hi", "hello", "ok", "okay", "oh", "um", "uh", "er", "so", "well", "i", "please"),
        *("sorry", "excuse", "me", "there", "yo", "and", "now", "right", "good", "morning", "evening"),
        *("afternoon", "pardon", "bye", "goodbye", "night", "goodnight", "thanks", "thank", "you", "cheers"),
    }
)
"""Words that may come before a vocative at the start: greetings, farewells, thanks, fillers, "excuse me"."""
NEEDS_OBJECT = frozenset(
    {
        *("is", "are", "at", "to", "with", "near", "by", "follow", "face", "find", "about", "like"),
        *("see", "beside", "and", "of", "for", "where's", "wheres", "behind", "than", "watch"),
        *("towards", "toward", "from"),
    }
)
"""Words after which a name at the end is the object ("look at Bo"), not the one called."""
_TOKEN = re.compile(r"[a-z0-9']+")
_ATTENTION = re.compile(r"\b(?:excuse|pardon)\s+me\b[\s,]*", re.IGNORECASE)
"""Asking for attention before a name: its "me" is not the user as an object ("where is … me")."""


def tokens(text: str) -> list[str]:
    """Lower-case words, punctuation dropped."""
    return _TOKEN.findall(text.lower())


def find_vocative(
    words: list[str], names: Iterable[str], doubtful: frozenset[str] = frozenset()
) -> tuple[int, str] | None:
    """``(index in words, name as written)`` of the name that calls someone, or None."""
    lookup = {n.lower(): n for n in names}
    for i, word in enumerate(words):
        if word in lookup and word not in doubtful:
            return i, lookup[word]
        if word not in LEAD_INS or (word == "you" and words[i - 1 : i] != ["thank"]):
            break  # "you" only in "thank you": "you and Bo should dance" calls nobody
    last = words[-1] if words else ""
    if len(words) > 1 and last in lookup and last not in doubtful and words[-2] not in NEEDS_OBJECT:
        return len(words) - 1, lookup[last]
    return None


def strip_vocative(text: str, name: str) -> str:
    """``"hi there Bo, where is the lamp?"`` → ``"hi there where is the lamp?"`` when Bo is called."""
    words = tokens(text)
    found = find_vocative(words, [name])
    if found is None:
        return text
    spots = list(re.finditer(rf"\b{re.escape(name)}\b[\s,:!.]*", text, re.IGNORECASE))
    if not spots:  # the tokens saw the name where a regex word boundary does not ("ada_2")
        return text
    spot = spots[-1] if found[0] == len(words) - 1 and found[0] > 0 else spots[0]
    before = text[: spot.start()]
    if found[0] < len(words) - 1 or found[0] == 0:  # called at the start: "excuse me" only asks for attention
        before = _ATTENTION.sub(" ", before)
    out = re.sub(r"\s+([?!.,])", r"\1", before + " " + text[spot.end() :])
    out = re.sub(r",+([?!.])", r"\1", out)  # "where is the lamp, Cleo?" leaves no ",?"
    return " ".join(out.split()).strip(" ,") or name
