"""Hang detection for the worker threads, checked once per tick on the main thread.

Python cannot kill a thread, so a brain, synthesizer or recognizer stuck inside a call
(a deadlocked driver, a runaway model) can only be noticed and left behind. Each
worker publishes what it is working on as a :class:`Busy` record (one attribute write,
so no lock is needed to read it) and counts the pieces of work it finished; this
module only compares those with a deadline. The caller decides what a hang means:
restart the worker on a fresh thread the first time, bypass the engine when it hangs
again before finishing anything (the same lock or driver is likely still stuck).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from game.workers import Busy


@dataclass(frozen=True)
class Deadlines:
    """How long one piece of work may take before its worker counts as hung.

    The brain's default leaves room for the generative backend (its first sentence takes
    about a second, a long reply several); a TTS deadline is per sentence; the recognizer's
    is per block of captured audio, which normally takes milliseconds.
    """

    brain_s: float = 15.0
    speech_s: float = 5.0
    hearing_s: float = 10.0


class Watched(Protocol):
    """A worker the watchdog can check: its current work and how much it has finished."""

    @property
    def busy(self) -> Busy | None:
        """The work in progress, or None when waiting for work."""
        ...

    @property
    def completed(self) -> int:
        """Pieces of work finished so far (grows while the worker is healthy)."""
        ...


@dataclass(frozen=True)
class Hang:
    """A worker stuck on ``busy`` for ``seconds``; ``strikes`` counts hangs with no work done between."""

    worker: str
    busy: Busy
    seconds: float
    strikes: int


class Watchdog:
    """Compares each worker's :class:`Busy` record with its deadline; reports each hang once."""

    def __init__(
        self, deadlines: Deadlines | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.deadlines = deadlines or Deadlines()
        self.clock = clock
        self._reported: dict[str, Busy] = {}
        # worker -> (strikes, id of the watched object, its completed count) at the last hang
        self._strikes: dict[str, tuple[int, int, int]] = {}

    def deadline(self, worker: str) -> float:
        """The deadline in seconds for ``brain``, ``speech`` or ``hearing``."""
        value: float = getattr(self.deadlines, f"{worker}_s")
        return value

    def check(self, worker: str, watched: Watched) -> Hang | None:
        """A :class:`Hang` when ``watched`` has been busy on one thing past its deadline.

        The same stuck work is reported only once (a restart replaces the record; if it did
        not, the caller is not told again every tick). Strikes reset once the worker has
        finished something since its last hang.
        """
        busy = watched.busy
        if busy is None or self._reported.get(worker) is busy:
            return None
        seconds = self.clock() - busy.since
        if seconds <= self.deadline(worker):
            return None
        self._reported[worker] = busy
        done = watched.completed
        strikes, which, done_then = self._strikes.get(worker, (0, id(watched), done))
        # A replacement object (a rebuilt hearing pipeline) counts its work from zero.
        progressed = done != done_then if which == id(watched) else done > 0
        strikes = 1 if progressed else strikes + 1
        self._strikes[worker] = (strikes, id(watched), done)
        return Hang(worker, busy, seconds, strikes)
