"""Fixed-step simulation clock with an accumulator, injectable for tests.

The simulation advances in exact ``step`` increments so behaviour does not depend on
frame rate; the renderer interpolates between the last two states with ``alpha``.
"""

from __future__ import annotations

import time
from collections.abc import Callable


class FixedStepClock:
    """Accumulates real time and reports how many fixed steps to run this frame."""

    def __init__(
        self,
        step: float = 1.0 / 60.0,
        now: Callable[[], float] = time.monotonic,
        max_steps: int = 5,
    ) -> None:
        self.step = step
        self._now = now
        self._last = now()
        self._accumulator = 0.0
        self.max_steps = max_steps
        self.sim_time = 0.0

    def advance(self) -> int:
        """Return the number of simulation steps due; drops time after a long stall."""
        current = self._now()
        self._accumulator += max(0.0, current - self._last)
        self._last = current
        steps = int(self._accumulator // self.step)
        if steps > self.max_steps:
            steps = self.max_steps
            self._accumulator = 0.0
        else:
            self._accumulator -= steps * self.step
        self.sim_time += steps * self.step
        return steps

    @property
    def alpha(self) -> float:
        """Fraction of a step left over, for interpolated rendering (0..1)."""
        return min(1.0, self._accumulator / self.step)
