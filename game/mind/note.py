"""One thing the user told about their life, as the NPC's memory keeps it: plain, bounded data.

Apart from :mod:`game.mind.memory` (which stores notes) and :mod:`game.mind.user_news`
(which reads them from sentences), so each can be read without the other.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.text import clean_text

NOTE_CHARS = 160  # each stored phrase is cut to this (at a word)


def bounded(text: str, limit: int = NOTE_CHARS) -> str:
    """One clean line of at most ``limit`` characters: no control characters, cut at a word."""
    text = " ".join("".join(c if c.isprintable() else " " for c in clean_text(text)).split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:-")


@dataclass(frozen=True)
class Note:
    """Something the user told about their life: news, a plan, an activity, a person.

    ``kind`` and ``topic`` identify it ("person", "sister"): telling the same again
    replaces the old note. ``about`` is the user's own words turned to the NPC's point of
    view ("your sister is visiting"), ``ask`` the question that brings it back later
    ("Did your sister enjoy her visit?"), ``t`` when it was told (seconds since the epoch).
    """

    kind: str
    topic: str
    about: str
    ask: str
    t: float = 0.0

    def cleaned(self) -> Note:
        """The note as it may be stored: one line each, bounded (see :func:`bounded`)."""
        kind, topic = bounded(self.kind, 20), bounded(self.topic, 60)
        return Note(kind, topic, bounded(self.about), bounded(self.ask), self.t)
