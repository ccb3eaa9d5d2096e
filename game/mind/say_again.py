"""Asked "sorry, what did you say?", the character says its last line again.

The NPC may be cut off (the user talked over it), the room may be loud, or the user simply did
not catch it; a person asked "pardon?" says it again. "sorry, what did you say?" had been read
as open talk ("Blimey, you've got me there, mate. What's your take?") and "say that again?" as
undo. The line is said again without its actions: repeating "I've added a lamp" adds nothing.
"""

from __future__ import annotations

import re

from game.mind.memory import NpcMemory

WHY = "asks to hear the last reply again: said again, without its actions"
NOTHING_YET = "asks to hear the last reply again, but none was said to this user in this session"

_ASKS_AGAIN = re.compile(
    r"^(?:(?:sorry|pardon|excuse me|what|come again|pardon me)\s*\?+"
    r"|pardon(?: me)?\s*[.!]*"
    r"|(?:(?:sorry|pardon|excuse me|oh|um|uh)\W+)*"
    r"(?:what did you (?:just )?say|what was that|say (?:that|it) again|come again"
    r"|(?:can|could|would) you (?:please )?(?:say (?:that|it) again|repeat (?:that|it|yourself)|repeat)"
    r"|repeat (?:that|it)|i didn't (?:catch|hear|get) (?:that|it|what you said|you))"
    r"(?: please)?\s*[?.!]*)$"
)


def asks_again(text: str) -> bool:
    """Whether the whole line asks to hear the last reply again ("sorry?", "what did you say?")."""
    return _ASKS_AGAIN.match(text.lower().replace("\u2019", "'").strip()) is not None


def last_line(memory: NpcMemory | None, talked: bool) -> str | None:
    """The NPC's last line to this user, or None when it has said none.

    ``talked``: the NPC has answered this user in this session; a line remembered from an earlier
    visit is not what "what did you say?" asks for.
    """
    if not talked or memory is None or not memory.turns:
        return None
    return str(memory.turns[-1]["npc"]) or None
