"""Another user in a shared room as a client sees them: presence from heartbeats, an interpolated pose."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from game.sim.scene import Vec3

GHOST_AFTER_S = 3.0
GONE_AFTER_S = 30.0


@dataclass
class Peer:
    """Another user as this client sees them."""

    user: str
    display: str = ""
    colour: str = "#8899aa"
    last_seen: float = 0.0
    samples: deque[tuple[float, Vec3, float]] = field(default_factory=lambda: deque(maxlen=8))

    def presence(self, now: float) -> str:
        """``here``, ``ghost`` (no heartbeat for 3 s) or ``gone`` (30 s)."""
        quiet = now - self.last_seen
        return "here" if quiet < GHOST_AFTER_S else "ghost" if quiet < GONE_AFTER_S else "gone"

    def pose_at(self, t: float) -> tuple[Vec3, float] | None:
        """Position and yaw at local time ``t``, interpolated between the poses around it."""
        if not self.samples:
            return None
        before = [s for s in self.samples if s[0] <= t]
        after = [s for s in self.samples if s[0] > t]
        if not before:
            return self.samples[0][1], self.samples[0][2]
        t0, p0, y0 = before[-1]
        if not after:
            return p0, y0
        t1, p1, y1 = after[0]
        k = (t - t0) / max(t1 - t0, 1e-6)
        pos = (p0[0] + (p1[0] - p0[0]) * k, p0[1] + (p1[1] - p0[1]) * k, p0[2] + (p1[2] - p0[2]) * k)
        turn = (y1 - y0 + 180.0) % 360.0 - 180.0
        return pos, y0 + turn * k
