"""The room's edit log, written by its host alone: edits worked out, fenced and deduplicated.

An edit is worked out on the room as it is (the world is put back at once: only the log
changes the room), and the *difference* is written to the stream with the client's edit
id as ``Nats-Msg-Id`` (a retry after a failover is not applied twice) and the last
sequence this host knows as ``Nats-Expected-Last-Sequence`` (a host that lost its lease
cannot write). The stream republishes each entry, with its sequence, to every client.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from nats.js import JetStreamContext
from nats.js.errors import APIError

from game.mind.actions import apply_action
from game.mind.protocols import Action
from game.net import subjects
from game.net.jetstream import catch_up
from game.net.replica import RoomReplica
from game.net.schema import encode
from game.sim.room_diff import diff
from game.sim.world import WorldError


@dataclass
class EditLog:
    """The writer's side of one room's log."""

    js: JetStreamContext
    room: str
    replica: RoomReplica
    written: int = 0
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def write(self, by: str, via: str, edit_id: str, entries: list[dict[str, Any]]) -> int:
        """Write one log message (fenced on the last sequence) and apply it; returns its sequence."""
        message = {"by": by, "via": via, "id": edit_id, "entries": entries}
        headers = {"Nats-Msg-Id": f"{by}:{edit_id}", "Nats-Expected-Last-Sequence": str(self.replica.seq)}
        ack = await self.js.publish(subjects.edits(self.room), encode("log", **message), headers=headers)
        if not ack.duplicate:
            self.replica.apply(ack.seq, message)
        return int(ack.seq)

    async def edit(self, by: str, via: str, edit_id: str, action: Action) -> tuple[bool, str]:
        """Work out an edit on the room as it is, log the difference; (done, what happened or why not)."""
        async with self._lock:
            history = self.replica.history
            done = next((i for i, m in enumerate(history, 1) if m["id"] == edit_id and m["by"] == by), 0)
            if done:
                return True, f"already logged as {done}"
            world = self.replica.world
            before, revision, changes = world.scene, world.revision, world.changes
            try:
                change = apply_action(world, action, actor=via if via != by else "")
            except WorldError as exc:
                return False, str(exc)
            finally:
                after = world.scene
                # the log, not this call, changes the room (and a shared room keeps no undo history)
                world.scene, world.revision, world.changes = before, revision, changes
            entries = diff(before, after)
            if not entries:
                return True, change or "nothing changed"
            try:
                seq = await self.write(by, via, edit_id, entries)
            except APIError as exc:  # wrong last sequence: another host wrote; resync and refuse
                await catch_up(self.js, self.room, self.replica)
                return False, f"the room changed meanwhile ({exc.description}); try again"
            self.written += 1
            return True, f"{change} (log {seq})"
