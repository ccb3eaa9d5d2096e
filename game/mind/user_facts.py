"""What the user says about themself: their name, likes and dislikes, read from plain sentences.

"My name is José", "I really like jazz", "I can't stand rain": the brain turns these into
facts for the NPC's memory. Kept apart from :mod:`game.mind.memory`, which stores facts and
does not need to know how they were heard.
"""

from __future__ import annotations

import re
from typing import Any

_NAME_RE = re.compile(
    r"\b(?:my name is|my name's|call me|i am called|i'm called|people call me|you can call me)"
    r"\s+([^\W\d_](?:[^\W\d_]|['\-]){0,30})",
    re.IGNORECASE,
)
_LIKE_RE = re.compile(
    r"\bi\s+(?:really\s+|do\s+|quite\s+)?"
    r"(like|love|enjoy|adore|hate|dislike|can't stand|cannot stand|don't like|do not like)"
    r"\s+(.{2,60}?)\s*(?:[.!?,]|$)",
    re.IGNORECASE,
)
_FAVOURITE_RE = re.compile(
    r"\bmy (?:favourite|favorite|fave) [a-z]+(?: [a-z]+)? (?:is|are|has to be) "
    r"(?P<thing>[^.!?,]{2,40}?)\s*(?:[.!?,]|$)"
    r"|^(?:[a-z]+,\s*)?(?P<thing2>[a-z' ]{2,30}?) (?:is|are) my (?:favourite|favorite|fave)\b",
    re.IGNORECASE,
)
"""A favourite told ("my favourite colour is green", "jazz is my favourite music"): a like."""
_NOT_THINGS = {"what", "which", "who", "this", "that", "it", "these", "those", "there", "here", "you"}
_NOT_NAMES = {
    "not",
    "just",
    "so",
    "very",
    "a",
    "an",
    "the",
    "here",
    "back",
    "fine",
    "tired",
    "sorry",
    "bored",
}


def extract_user_facts(text: str) -> dict[str, Any]:
    """Facts the user states about themself: ``{"name": ..., "likes": [...], "dislikes": [...]}``."""
    facts: dict[str, Any] = {}
    match = _NAME_RE.search(text)
    if match and match.group(1).lower() not in _NOT_NAMES:
        facts["name"] = match.group(1).capitalize()
    favourite = _FAVOURITE_RE.search(text)
    told = (favourite["thing"] or favourite["thing2"] or "").strip().lower() if favourite else ""
    if told and told.split()[0] not in _NOT_THINGS:
        facts.setdefault("likes", []).append(re.sub(r"^(?:the|a|an)\s+", "", told))
    for verb, thing in _LIKE_RE.findall(text):
        thing = re.sub(r"^(?:to\s+|the\s+)", "", thing.strip().lower())
        if not thing or thing in ("you", "it", "that", "this"):
            continue
        key = (
            "dislikes"
            if verb.lower() in ("hate", "dislike", "can't stand", "cannot stand", "don't like", "do not like")
            else "likes"
        )
        facts.setdefault(key, []).append(thing)
    return facts
