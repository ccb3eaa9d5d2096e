"""Turn detection: tell a finished sentence from a pause mid-sentence.

A fixed end-of-speech silence cuts people off when they pause after "and…" or
"I want the…". Looking at the last words of the running transcript tells these
apart cheaply: an utterance ending in a conjunction, article, preposition or
filler is clearly unfinished, so the endpointer waits longer before closing it.
"""

from __future__ import annotations

UNFINISHED_ENDINGS = frozenset(
    {
        "and",
        "or",
        "but",
        "because",
        "the",
        "a",
        "an",
        "to",
        "of",
        "on",
        "onto",
        "into",
        "in",
        "at",
        "with",
        "for",
        "from",
        "by",
        "about",
        "my",
        "your",
        "his",
        "her",
        "their",
        "our",
        "is",
        "are",
        "was",
        "were",
        "i",
        "we",
        "they",
        "he",
        "she",
        "want",
        "wanna",
        "um",
        "uh",
        "er",
        "erm",
        "where",
        "which",
    }
)
"""Words after which an English sentence almost never ends."""


def is_unfinished(text: str) -> bool:
    """True when the words so far clearly continue (the last word cannot end a turn)."""
    words = [w.strip(".,!?;:").lower() for w in text.split()]
    words = [w for w in words if w and w != "[unk]"]
    return bool(words) and words[-1] in UNFINISHED_ENDINGS
