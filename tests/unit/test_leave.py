"""Quitting with a worker abandoned inside a native engine ends cleanly, with the exit code asked for."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from game.workers import abandoned_threads, leave


def _run(body: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(body)], capture_output=True, text=True, timeout=60
    )


def test_an_abandoned_thread_still_working_does_not_hold_or_abort_the_exit() -> None:
    done = _run(
        """
        import threading
        from game.workers import leave
        stop = threading.Event()
        threading.Thread(target=stop.wait, name="brain-worker-abandoned", daemon=True).start()
        print("said before quitting", end="")  # unflushed: must still come out
        leave(3)
        """
    )
    assert done.returncode == 3, done.stderr
    assert done.stdout == "said before quitting"


def test_without_one_it_is_an_ordinary_exit() -> None:
    done = _run("from game.workers import leave\nprint('bye')\nleave(0)")
    assert done.returncode == 0 and done.stdout == "bye\n"
    assert abandoned_threads() == []
    with pytest.raises(SystemExit) as ended:
        leave(5)
    assert ended.value.code == 5
