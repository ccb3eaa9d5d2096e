"""Per-user rate limits at the room host: a flooding client is slowed, never the room.

A token bucket per (user, kind): ``rate`` tokens a second up to ``burst``. The host
drops what is over and counts it; legitimate clients stay far below these numbers
(a pose at most 15 times a second, a heartbeat once a second).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

# kind → (tokens per second, burst)
LIMITS: dict[str, tuple[float, float]] = {
    "pose": (30.0, 60.0),
    "say": (2.0, 6.0),
    "guess": (8.0, 16.0),  # a guess per partial transcript, a few a second while speaking
    "edit": (2.0, 8.0),
    "sync": (5.0, 20.0),
    "talk": (4.0, 12.0),  # a speech start and end per turn
}


@dataclass
class RateLimits:
    """Token buckets keyed by (user, kind), on an injectable clock."""

    clock: Callable[[], float] = time.monotonic
    _buckets: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)  # → (tokens, stamp)
    dropped: dict[str, int] = field(default_factory=dict)  # user → messages dropped for speed

    def allow(self, user: str, kind: str) -> bool:
        """Take one token; False (and counted) when the user is over the limit for ``kind``."""
        rate, burst = LIMITS[kind]
        now = self.clock()
        tokens, stamp = self._buckets.get((user, kind), (burst, now))
        tokens = min(burst, tokens + (now - stamp) * rate)
        if tokens < 1.0:
            self._buckets[(user, kind)] = (tokens, now)
            self.dropped[user] = self.dropped.get(user, 0) + 1
            return False
        self._buckets[(user, kind)] = (tokens - 1.0, now)
        return True
