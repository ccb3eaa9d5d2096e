"""Where the room comes from: "who made this room?", "who chose the colour of that sofa?".

Each persona tells it in its own ``made_room`` line (Ada designed the lounge; Bo and Cleo say so),
which is the one thing about the room's past the characters know. "Who chose the colour of that
sofa?" had got the sofa's colour ("The sofa is teal."), which answers another question.
"""

from __future__ import annotations

import re

from game.mind.room_words import ROOM_NOUNS

_WHO_MADE_THE_ROOM = re.compile(
    r"^(who|whose idea)\b.*\b(made|built|designed|decorated|created|did|came up with|owns)\b"
    r".*\b(room|place|lounge|in here)\b"
    r"|^whose (room|place|lounge) is (this|it)\b"
)
"""A rule, not intent examples: the examples also go into the recognizer's language model, and as
examples "which architect do you look up to?" sat nearest to "who designed this place"."""
_WHO_CHOSE = re.compile(
    r"^(?:[a-z]+,\s*)?who (?:chose|picked|bought|designed|made|painted|decorated|put in)\s+"
    r"(?:the |that |this |all the |these |those )?(?:colou?rs? (?:of|for) (?:the |that |this )?)?"
    r"(?P<thing>[a-z]+)\b"
)
"""Who chose a thing of the room: whoever made the room ("who made the cake?" names no such thing)."""


def asked(text: str) -> bool:
    """Whether the line asks who made the room or chose a thing in it."""
    low = text.lower().strip()
    chose = _WHO_CHOSE.match(low)
    return bool(_WHO_MADE_THE_ROOM.search(low)) or (chose is not None and chose["thing"] in ROOM_NOUNS)
