"""The ends a question asks after: "the hardest building", "your best dish", "the fanciest thing".

Two questions of one template that ask other ends are other questions: "what's the worst thing
you ever cooked?" sits 0.8 from "what's the fanciest thing you've ever cooked?" by meaning, yet
the reply to one is no answer to the other.
"""

from __future__ import annotations

import re

from game.mind.echo_words import words
from game.mind.reply_fit import content_stems

_SUPERLATIVE = re.compile(r"\b[a-z]{2,}i?est\b")
_NOT_SUPERLATIVE = words(
    "honest interest forest guest request suggest chest west rest test nest protest contest harvest"
)


def superlatives(text: str) -> list[str]:
    """The "-est" words of a line ("the hardest building"), which say which of its replies answers it."""
    found = _SUPERLATIVE.findall(text.lower())
    return [w for w in found if w not in _NOT_SUPERLATIVE and content_stems(w)]


_EXTREMES = frozenset({"best", "worst", "most", "least", "favourite", "favorite"})


def extremes(text: str) -> set[str]:
    """The ends a question asks after ("best", "worst", "fanciest")."""
    said = set(re.findall(r"[a-z]+", text.lower()))
    return (said & _EXTREMES) | set(superlatives(text))
