"""Yielding the floor: an NPC talked over stops for good, unless the user asks it to go on.

When the user starts speaking, every NPC stops within 150 ms (``Conversation.barge_in``). What
it did not get to say is kept, but never played by itself: a speaker who resumes after being
interrupted ignores the interruption. Only a request to continue ("go on", "Ada, carry on")
as the user's very next line brings the rest back; any other line drops it.
"""

from __future__ import annotations

from collections.abc import Iterable

GO_ON = frozenset(
    {
        "go on",
        "carry on",
        "continue",
        "keep going",
        "go ahead",
        "what were you saying",
        "you were saying",
        "sorry go on",
    }
)
"""What asks an interrupted speaker to continue (names, "please" and "ok" aside)."""
_POLITE = frozenset({"please", "ok", "okay", "yes", "sorry", "oh"})


def asks_to_go_on(text: str, names: Iterable[str] = ()) -> bool:
    """True for "go on", "Ada, please continue", "sorry, go on"…, not for "go on to the table"."""
    drop = {n.lower() for n in names} | _POLITE
    words = [w.strip(".,!?;:").lower() for w in text.split()]
    words = [w for w in words if w and w not in drop]
    return " ".join(words) in GO_ON


def unsaid(reply: str, heard: str) -> str:
    """The part of ``reply`` after the words the user heard (word by word; '' when all was heard)."""
    words = reply.split()
    return " ".join(words[len(heard.split()) :])
