"""A clock that moves only when a test says so.

Components take a ``clock`` (a zero-argument callable returning seconds); given this one,
a test decides how much time has passed instead of waiting for it, so a deadline or an
audio position is checked exactly, however slow the machine is.
"""

from __future__ import annotations


class FakeClock:
    """Seconds that advance by :meth:`advance`, and by ``tick`` after every reading.

    ``tick`` makes each reading later than the one before, which shows that a stamp came
    from this clock and in which order the stamps were made.
    """

    def __init__(self, now: float = 100.0, tick: float = 0.0) -> None:
        self.now = now
        self.tick = tick
        self.readings = 0

    def __call__(self) -> float:
        now = self.now
        self.now += self.tick
        self.readings += 1
        return now

    def advance(self, seconds: float) -> float:
        """Move time forward; returns the new time."""
        self.now += seconds
        return self.now
