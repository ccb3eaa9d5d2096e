"""Who hosts a room: a lease in the JetStream key-value store, renewed by compare-and-set.

The holder rewrites the key every :data:`RENEW_S` with the revision it last wrote; a
standby watches the revision and, when it has not moved for :data:`EXPIRE_S` of the
standby's *own* clock, takes the key with a compare-and-set on the stale revision. Only
one of several standbys can win that write, and no two machines' clocks are compared.
Expiry plus one poll stays under the 3.5 s failover budget of docs/shared-rooms.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable

from nats.js.errors import KeyNotFoundError, KeyWrongLastSequenceError
from nats.js.kv import KeyValue

RENEW_S = 0.5
EXPIRE_S = 2.0
POLL_S = 0.2


class Lease:
    """A room's host lease, held or awaited by one process (``holder`` names it)."""

    def __init__(
        self, kv: KeyValue, key: str, holder: str, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.kv, self.key, self.holder, self.clock = kv, key, holder, clock
        self.revision = 0
        self.held = False
        self.renewals = 0

    def _value(self) -> bytes:
        return json.dumps({"holder": self.holder, "renewals": self.renewals}).encode()

    async def try_claim(self) -> bool:
        """Take the lease if nobody holds it; False when someone does (now)."""
        try:
            self.revision = await self.kv.create(self.key, self._value())
        except KeyWrongLastSequenceError:
            return False
        self.held = True
        return True

    async def take_over(self, stale_revision: int) -> bool:
        """Take a lease whose holder stopped renewing at ``stale_revision``; False if another won."""
        try:
            self.revision = await self.kv.update(self.key, self._value(), last=stale_revision)
        except KeyWrongLastSequenceError:
            return False
        self.held = True
        return True

    async def wait_for_it(self) -> None:
        """Standby: return once this process holds the lease (at once when it is free)."""
        seen, since = -1, self.clock()
        while True:
            try:
                entry = await self.kv.get(self.key)
            except KeyNotFoundError:
                if await self.try_claim():
                    return
                continue
            revision = entry.revision or 0
            if revision != seen:
                seen, since = revision, self.clock()
            elif self.clock() - since >= EXPIRE_S and await self.take_over(revision):
                return
            await asyncio.sleep(POLL_S)

    async def renew(self) -> bool:
        """Rewrite the key; False (and no longer held) when someone else took it meanwhile."""
        self.renewals += 1
        try:
            self.revision = await self.kv.update(self.key, self._value(), last=self.revision)
        except KeyWrongLastSequenceError:
            self.held = False
        return self.held

    async def release(self) -> None:
        """Give the lease up (a clean shutdown), so a standby need not wait for expiry."""
        if self.held:
            self.held = False
            with contextlib.suppress(KeyWrongLastSequenceError, KeyNotFoundError):
                await self.kv.delete(self.key, last=self.revision)
