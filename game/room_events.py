r"""Events of a shared room, as its link posts them to the bus (docs/shared-rooms.md).

The room host publishes what a joined window must show: edit-log messages, NPC lines, the
``thinking`` word, hushes and NPC bodies. :class:`~game.net.link.RoomLink` turns each message
into one of these on the window's bus, and :mod:`game.conversation.shared_room` applies them on
the main thread. They are plain :class:`~game.events.DataEvent`\ s, kept apart from
:mod:`game.events` because only a joined room ever posts them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from game.events import DataEvent


@dataclass(frozen=True, kw_only=True)
class RoomChanged(DataEvent):
    """A shared room's edit-log message, applied in sequence order (``entries`` as in game.sim.room_diff)."""

    kind: ClassVar[str] = "room_changed"
    seq: int
    by: str
    via: str
    entries: tuple[dict[str, Any], ...]


@dataclass(frozen=True, kw_only=True)
class RoomLine(DataEvent):
    """A line said in a shared room: an NPC's reply (voiced here) or another user's words (a caption)."""

    kind: ClassVar[str] = "room_line"
    speaker: str
    to: str
    text: str
    npc: bool
    acts: tuple[dict[str, Any], ...] = ()  # the NPC's gestures with the line, as Action.as_dict()
    id: str = ""  # the turn it answers, or the host's own id for a scene, greeting or comment line


@dataclass(frozen=True, kw_only=True)
class RoomThinking(DataEvent):
    """A shared room's host says ``npc`` took user ``to``'s line and thinks (``on``), or gave up on it."""

    kind: ClassVar[str] = "room_thinking"
    npc: str
    to: str
    on: bool = True


@dataclass(frozen=True, kw_only=True)
class RoomHush(DataEvent):
    """A shared room's host stops ``npc``'s line now (a user spoke over a scene).

    A data event, not a :class:`Silence`: it must not overtake the line it stops on the bus.
    """

    kind: ClassVar[str] = "room_hush"
    npc: str


@dataclass(frozen=True, kw_only=True)
class RoomBody(DataEvent):
    """Where a shared room's host says an NPC stands, faces, looks and whether it speaks."""

    kind: ClassVar[str] = "room_body"
    npc: str
    position: tuple[float, float, float]
    yaw: float
    look_at: str
    speaking: str
