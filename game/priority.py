"""Background work yields the CPU to the picture.

On the 2-core machines Voxroom targets, the software rasteriser's threads and the
workers (brain, speech synthesis, the recogniser's second pass) compete for the same
cores; whoever loses makes a frame late. A worker thread calls :func:`background`
when it starts, which raises its nice value on Linux (per thread: ``setpriority`` on
the thread's id) so the render loop wins a tie. Work is not slowed when a core is
free; elsewhere this does nothing.
"""

from __future__ import annotations

import contextlib
import os
import threading

BACKGROUND_NICE = 10


def background(pid: int | None = None) -> None:
    """Lower the calling thread's CPU priority (or that of process ``pid``); never raises."""
    target = pid if pid is not None else threading.get_native_id()
    with contextlib.suppress(AttributeError, OSError):  # not Linux, or not allowed: as it was
        os.setpriority(os.PRIO_PROCESS, target, BACKGROUND_NICE)
