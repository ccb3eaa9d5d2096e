"""What every worker thread shares: a lower CPU priority and the record the watchdog reads.

The hearing, speaking and mind workers all use these, and the watchdog (in
:mod:`game.conversation`) only reads them; keeping them in the core lets the workers
stay below the orchestration instead of importing it.

Background work yields the CPU to the picture.

On the 2-core machines Voxroom targets, the software rasteriser's threads and the
workers (brain, speech synthesis, the recogniser's second pass) compete for the same
cores; whoever loses makes a frame late. A worker thread calls :func:`background`
when it starts, which raises its nice value on Linux (per thread: ``setpriority`` on
the thread's id) so the render loop wins a tie. Work is not slowed when a core is
free; elsewhere this does nothing.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
from dataclasses import dataclass
from typing import NoReturn

BACKGROUND_NICE = 10


def background(pid: int | None = None) -> None:
    """Lower the calling thread's CPU priority (or that of process ``pid``); never raises."""
    target = pid if pid is not None else threading.get_native_id()
    with contextlib.suppress(AttributeError, OSError):  # not Linux, or not allowed: as it was
        os.setpriority(os.PRIO_PROCESS, target, BACKGROUND_NICE)


@dataclass(frozen=True)
class Busy:
    """What a worker thread is doing: for whom (``npc``), which request (``key``), since when.

    ``key`` is the brain's turn number or the TTS reply id, so late results of work that was
    given up can be recognised and dropped; ``text`` is what a fallback can show instead
    (the utterance being answered, or the part of a reply not yet spoken).
    """

    npc: str
    key: int
    text: str
    since: float


class Restartable:
    """The state a restartable worker shares with the watchdog, and the one way to write it.

    ``restart()`` in a subclass bumps ``_generation`` under ``_lock``; a thread started
    before that holds the old number, so :meth:`_mark` ignores it and its late results
    can be told apart and dropped.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation = 0
        self.busy: Busy | None = None  # the work in progress (read by the watchdog)
        self.completed = 0

    def _mark(self, generation: int, busy: Busy | None) -> bool:
        """Publish what this thread works on; False (and nothing written) for an abandoned thread."""
        with self._lock:
            if generation != self._generation:
                return False
            if busy is None and self.busy is not None:
                self.completed += 1
            self.busy = busy
            return True


ABANDONED_SUFFIX = "-abandoned"


def mark_abandoned(thread: threading.Thread) -> None:
    """Rename a worker thread given up on (``brain-worker`` → ``brain-worker-abandoned``).

    The one place the name is made, so :func:`abandoned_threads` and :func:`leave` find every such
    thread, whichever worker left it behind.
    """
    thread.name = thread.name.removesuffix(ABANDONED_SUFFIX) + ABANDONED_SUFFIX


def abandoned_threads() -> list[str]:
    """Names of worker threads given up on (renamed ``…-abandoned``) that still run."""
    return [t.name for t in threading.enumerate() if t.name.endswith(ABANDONED_SUFFIX) and t.is_alive()]


def leave(code: int) -> NoReturn:
    """End the process with ``code``, without tearing native engines down under an abandoned thread.

    A worker abandoned at quit may still be inside onnxruntime (the brain's embedder building its
    indexes on the first reply takes seconds; the stop deadline is one). The interpreter's normal
    exit runs onnxruntime's C++ destructors under that call, which aborts the process ("terminate
    called without an active exception", exit status 134) after a clean quit. With such a thread
    alive, the output is flushed and the process ends at once (``os._exit``); otherwise it exits
    as usual. Only the process's entry points call this: in-process callers (tests) must not.
    """
    if abandoned_threads():
        logging.shutdown()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)
    raise SystemExit(code)
