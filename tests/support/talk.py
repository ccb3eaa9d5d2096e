"""Saying a line to the real mind in a test and getting the reply (one helper, not a copy per file)."""

from __future__ import annotations

from game.mind.protocols import Reply
from game.mind.session import MindSession


def reply_to(session: MindSession, line: str, npc: str | None = None) -> Reply:
    """The reply to ``line`` (addressed by its vocative, or to ``npc``); fails when nobody hears it."""
    exchange = session.say(line, npc)
    assert exchange is not None, line
    return exchange.reply
