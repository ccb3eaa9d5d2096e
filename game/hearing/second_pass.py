"""pocketsphinx's second pass in a helper process, so decoding never holds our GIL.

The compiled pocketsphinx module keeps the GIL for the whole of a decoding call; the
second pass over a finished utterance is two such calls (~80-150 ms), and on the
hearing thread that froze the render loop and delayed the reply it was about to
start. Here a child process (``multiprocessing`` with the *spawn* start method, so it
inherits no threads, no GL and no audio device) owns the
:class:`~game.hearing.sphinx_decoding.SecondPass` decoders; the hearing thread sends the
utterance's audio over a :class:`~multiprocessing.connection.Connection` and waits with
``poll``, which releases the GIL. Should the child fail to start or die, the pass runs
in-process again (slower for the picture, never lost) and a warning is logged.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
import weakref
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from game.hearing.protocols import Recognition, nothing
from game.hearing.sphinx_decoding import SecondPass
from game.workers import background

log = logging.getLogger(__name__)
ANSWER_TIMEOUT_S = 30.0
"""Longest wait for one utterance (includes the child's start-up on the first one)."""
ALIVE_EVERY_S = 1.0
"""How often a wait on a living child says so (see :func:`wait_answer`)."""
_SPAWN = multiprocessing.get_context("spawn")


def serve(conn: Connection, jsgf: str | None, words: frozenset[str], room_lm: str | None) -> None:
    """The child: build the decoders, then answer each utterance until the parent hangs up."""
    try:
        second = SecondPass(jsgf, words, room_lm)
    except Exception as exc:  # reported to the parent, which falls back to in-process
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    while True:
        try:
            audio = conn.recv_bytes()
        except (EOFError, OSError):
            return
        conn.send(("ok", second.recognize(audio), second.last_score_ratio))


def start_helper(
    target: Callable[..., None], args: tuple[object, ...], name: str
) -> tuple[BaseProcess, Connection]:
    """Start a spawned, low-priority child serving ``target(conn, *args)``; return it and our pipe end."""
    conn, child_end = _SPAWN.Pipe()
    process = _SPAWN.Process(target=target, args=(child_end, *args), name=name, daemon=True)
    process.start()
    child_end.close()  # only the child holds it now, so its exit shows here as EOF
    background(process.pid)
    return process, conn


def wait_answer(conn: Connection, process: BaseProcess, still_working: Callable[[], None]) -> bool:
    """Wait up to :data:`ANSWER_TIMEOUT_S` for the child's answer (or its end, which reads as EOF).

    Calls ``still_working`` after each second the child is alive and busy: a child niced
    below other busy programs can take many seconds to load on a loaded machine, and the
    hearing watchdog must tell that from a recognizer stuck in C code. Without it a slow
    start-up read as a hang, and the restart (another child to load) fell further behind.
    """
    deadline = time.monotonic() + ANSWER_TIMEOUT_S
    while (left := deadline - time.monotonic()) > 0:
        if conn.poll(min(ALIVE_EVERY_S, left)):
            return True
        if process.is_alive():
            still_working()
    return False


def stop_helper(process: BaseProcess, conn: Connection) -> None:
    """Hang up on a child and make sure it has gone."""
    conn.close()  # the child's recv ends: it exits
    process.join(0.2)
    if process.is_alive():
        process.kill()  # it was mid-decode; nothing it holds needs saving
        process.join()


class SecondPassProcess:
    """Same interface as :class:`~game.hearing.sphinx_decoding.SecondPass`, run in a child process."""

    def __init__(
        self,
        jsgf: str | None,
        words: frozenset[str] = frozenset(),
        room_lm: str | None = None,
        still_working: Callable[[], None] = nothing,
    ) -> None:
        self._args = (jsgf, words, room_lm)
        self.still_working = still_working
        self._inline: SecondPass | None = None
        self.last_score_ratio = 1.0
        self._process: BaseProcess | None = None
        self._start()

    def _start(self) -> BaseProcess:
        """Start the child; it builds its decoders while the first utterance is spoken."""
        process, conn = start_helper(serve, self._args, "pocketsphinx-second-pass")
        self._process, self._conn = process, conn
        self._finalizer = weakref.finalize(self, stop_helper, process, conn)
        return process

    def recognize(self, audio: bytes) -> Recognition:
        """Decode a complete utterance in the child (or here, if the child is gone)."""
        if not audio:
            return Recognition("")
        if self._inline is None:
            process = self._process or self._start()  # started again if closed and used again
            answer = self._ask(audio, process)
            if answer is not None:
                result, self.last_score_ratio = answer
                return result
            if self._process is not process:  # closed meanwhile: the pipeline was replaced, nobody waits
                return Recognition("")
            self._finalizer()
            self._inline = SecondPass(*self._args)
        result = self._inline.recognize(audio)
        self.last_score_ratio = self._inline.last_score_ratio
        return result

    def _ask(self, audio: bytes, process: BaseProcess) -> tuple[Recognition, float] | None:
        try:
            self._conn.send_bytes(audio)
            if not wait_answer(self._conn, process, self.still_working):
                log.warning("pocketsphinx helper silent for %.0f s; decoding in-process", ANSWER_TIMEOUT_S)
                return None
            answer = self._conn.recv()
        except (EOFError, OSError) as exc:  # it died, or its pipe was closed
            if self._process is not process:
                return None  # closed from the main thread: not a failure worth a warning
            log.warning("pocketsphinx helper stopped (%s); decoding in-process", exc)
            return None
        if answer[0] != "ok":
            log.warning("pocketsphinx helper could not start (%s); decoding in-process", answer[1])
            return None
        return answer[1], float(answer[2])

    @property
    def pid(self) -> int | None:
        """The helper's process id (None when closed or once the pass runs in-process)."""
        return self._process.pid if self._inline is None and self._process is not None else None

    def close(self) -> None:
        """Stop the child; safe to call twice. Using the pass again starts a new one.

        A wait on the child in the hearing thread then ends with no words (its pipeline was
        replaced), rather than decoding the utterance in-process for nobody.
        """
        self._process = None
        self._finalizer()
