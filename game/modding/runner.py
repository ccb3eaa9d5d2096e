"""Run mod code on a worker thread with a time limit, so a runaway hook cannot freeze the app.

The caller (the main thread, or the brain worker for ``heard``) waits for the result
at most ``limit`` seconds. A hook still running then is abandoned: an exception is
injected into its thread with ``PyThreadState_SetAsyncExc`` (it fires at the next
Python bytecode, which stops ``while True: pass``), and later calls get a fresh
thread. Code blocked inside C (a long ``time.sleep``) cannot be interrupted this way;
it is left to finish on its own daemon thread while the app carries on without it.
"""

from __future__ import annotations

import ctypes
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class HookTimeout(BaseException):
    """Injected into a hook that overran its limit (a BaseException: ``except Exception`` cannot eat it)."""


@dataclass
class _Job:
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    done: threading.Event = field(default_factory=threading.Event)
    value: Any = None
    error: BaseException | None = None
    elapsed: float = 0.0


@dataclass(frozen=True)
class Outcome:
    """What one call did: its value or the exception it raised, how long it took, and whether it overran."""

    value: Any = None
    error: BaseException | None = None
    elapsed: float = 0.0
    timed_out: bool = False


class _Worker:
    def __init__(self, name: str) -> None:
        self.jobs: queue.Queue[_Job | None] = queue.Queue()
        self.abandoned = False
        self.thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self.thread.start()

    def _loop(self) -> None:
        while not self.abandoned:
            job = self.jobs.get()
            if job is None:
                return
            start = time.perf_counter()
            try:
                job.value = job.fn(*job.args)
            except BaseException as exc:  # mod code may raise anything; the host reports it
                job.error = exc
            job.elapsed = time.perf_counter() - start
            job.done.set()


def _inject(thread: threading.Thread) -> None:
    ident = thread.ident
    if ident is not None and thread.is_alive():
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(HookTimeout))


class Runner:
    """One worker thread at a time, serialised by a lock; replaced when a call overruns."""

    def __init__(self, name: str = "mod-hooks") -> None:
        self.name = name
        self._lock = threading.Lock()
        self._worker: _Worker | None = None
        self.abandoned = 0

    def call(self, fn: Callable[..., Any], args: tuple[Any, ...] = (), limit: float = 0.5) -> Outcome:
        """Run ``fn(*args)`` on the worker; give up after ``limit`` seconds."""
        with self._lock:
            if self._worker is None or not self._worker.thread.is_alive():
                self._worker = _Worker(self.name)
            worker = self._worker
            job = _Job(fn, args)
            worker.jobs.put(job)
            if job.done.wait(limit):
                return Outcome(job.value, job.error, job.elapsed)
            worker.abandoned = True
            self._worker = None
            self.abandoned += 1
            _inject(worker.thread)
            worker.jobs.put(None)
            return Outcome(None, None, limit, timed_out=True)

    def close(self) -> None:
        """Let the worker thread end after its current job."""
        with self._lock:
            if self._worker is not None:
                self._worker.jobs.put(None)
                self._worker = None
