"""Quitting with a worker abandoned inside a native engine ends cleanly, with the exit code asked for.

Each case runs in its own interpreter: :func:`game.workers.leave` ends the process it runs in.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

from game.workers import mark_abandoned


def _run(body: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(body)], capture_output=True, text=True, timeout=60
    )


def test_an_abandoned_thread_still_working_does_not_hold_or_abort_the_exit() -> None:
    done = _run(
        """
        import threading
        from game.workers import leave, mark_abandoned
        stop = threading.Event()
        worker = threading.Thread(target=stop.wait, name="brain-worker", daemon=True)
        worker.start()
        mark_abandoned(worker)
        print("said before quitting", end="")  # unflushed: must still come out
        leave(3)
        """
    )
    assert done.returncode == 3, done.stderr
    assert done.stdout == "said before quitting"


def test_without_one_it_is_an_ordinary_exit() -> None:
    done = _run("from game.workers import abandoned_threads, leave\nprint(abandoned_threads())\nleave(5)")
    assert done.returncode == 5 and done.stdout == "[]\n", done.stderr


def test_a_thread_is_marked_abandoned_once() -> None:
    thread = threading.Thread(target=lambda: None, name="tts-worker")
    mark_abandoned(thread)
    mark_abandoned(thread)
    assert thread.name == "tts-worker-abandoned"
