"""A copy of a shared room: the scene everyone starts from, folded with the edit log in order.

Clients, standby hosts and mind workers each hold one. Log messages arrive with their
stream sequence number; one already applied is ignored (a resync overlaps the live feed),
and one past a gap is refused, so the holder asks for what it missed instead of drawing
a room that differs from everyone else's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.net.schema import MAX_BYTES, encode
from game.sim.room_diff import BadEntry, apply_entry
from game.sim.scene import Scene
from game.sim.world import World


class Gap(Exception):
    """A log message arrived before the ones just before it."""


@dataclass
class RoomReplica:
    """The room as the log says it is, up to :attr:`seq`."""

    scene: Scene
    world: World = field(init=False)
    seq: int = 0
    history: list[dict[str, Any]] = field(default_factory=list)  # applied log messages, seq = index + 1
    authors: dict[str, str] = field(default_factory=dict)  # prop or surface → who last changed it
    bad: int = 0  # entries this build could not read (skipped, counted)

    def __post_init__(self) -> None:
        self.world = World(self.scene)

    def apply(self, seq: int, message: dict[str, Any]) -> bool:
        """Apply log message ``seq``; False when it was already applied, :class:`Gap` when early."""
        if seq <= self.seq:
            return False
        if seq != self.seq + 1:
            raise Gap(f"log message {seq} after {self.seq}")
        for entry in message["entries"]:
            try:
                apply_entry(self.world, entry)
            except BadEntry:
                self.bad += 1
                continue
            what = entry.get("name") or entry.get("surface") or entry.get("op")  # a prop, surface or "lights"
            self.authors[str(what)] = str(message["by"])
        self.seq = seq
        self.history.append(message)
        return True

    def after(self, seq: int, limit: int) -> list[tuple[int, dict[str, Any]]]:
        """Up to ``limit`` applied messages after ``seq`` (for a client's sync request)."""
        start = max(seq, 0)
        return [(i + 1, m) for i, m in enumerate(self.history[start : start + limit], start)]

    def page(self, scene_name: str, seq: int, limit: int) -> bytes:
        """A sync request's answer: up to ``limit`` messages after ``seq``, fewer when big ones overflow."""
        page = [[i, m] for i, m in self.after(seq, limit)]
        data = encode("page", scene=scene_name, logs=page, last=self.seq)
        while len(data) > MAX_BYTES and len(page) > 1:  # big entries: a shorter page
            page = page[: len(page) // 2]
            data = encode("page", scene=scene_name, logs=page, last=self.seq)
        return data
