"""pocketsphinx's second pass in a helper process, so decoding never holds our GIL.

The compiled pocketsphinx module keeps the GIL for the whole of a decoding call; the
second pass over a finished utterance is two such calls (~80-150 ms), and on the
hearing thread that froze the render loop and delayed the reply it was about to
start. Here a child process (``python -m game.voice.second_pass``) owns the
:class:`~game.voice.sphinx_asr.SecondPass` decoders; the hearing thread sends the
utterance's audio over a pipe and waits, which releases the GIL. Should the child
fail to start or die, the pass runs in-process again (slower for the picture, never
lost) and a warning is logged.

The pipe carries length-prefixed pickles between two copies of this program, never
anything from outside.
"""

from __future__ import annotations

import logging
import os
import pickle
import select
import struct
import subprocess
import sys
import weakref
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from game.priority import background
from game.voice.protocols import Recognition

if TYPE_CHECKING:
    from game.voice.sphinx_asr import SecondPass

log = logging.getLogger(__name__)
ANSWER_TIMEOUT_S = 30.0
"""Longest wait for one utterance (includes the child's start-up on the first one)."""
_HEADER = struct.Struct("<I")


def _send(stream: IO[bytes], message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError("the other side closed the pipe")
    (size,) = _HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the other side closed the pipe mid-message")
    return pickle.loads(data)


def serve(requests: IO[bytes], answers: IO[bytes]) -> None:
    """The child: build the decoders from the first message, then answer each utterance."""
    from game.voice.sphinx_asr import SecondPass

    jsgf, words = _receive(requests)
    try:
        second = SecondPass(jsgf, words)
    except Exception as exc:  # reported to the parent, which falls back to in-process
        _send(answers, ("error", f"{type(exc).__name__}: {exc}"))
        return
    while True:
        try:
            audio = _receive(requests)
        except EOFError:
            return
        _send(answers, ("ok", second.recognize(audio), second.last_score_ratio))


def _stop(process: subprocess.Popen[bytes]) -> None:
    try:
        if process.stdin is not None:
            process.stdin.close()  # the child's read ends: it exits
        process.wait(0.2)
    except (OSError, subprocess.TimeoutExpired):
        process.kill()  # it was mid-decode; nothing it holds needs saving
        process.wait()
    if process.stdout is not None:
        process.stdout.close()


class SecondPassProcess:
    """Same interface as :class:`~game.voice.sphinx_asr.SecondPass`, run in a child process."""

    def __init__(self, jsgf: str | None, words: frozenset[str] = frozenset()) -> None:
        self._args = (jsgf, words)
        self._inline: SecondPass | None = None
        self.last_score_ratio = 1.0
        self._process: subprocess.Popen[bytes] | None = None
        self._start()

    def _start(self) -> None:
        """Start the child; it builds its decoders while the first utterance is spoken."""
        paths = [str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH", "")]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
        self._process = subprocess.Popen(
            [sys.executable, "-m", "game.voice.second_pass"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        background(self._process.pid)
        self._finalizer = weakref.finalize(self, _stop, self._process)
        assert self._process.stdin is not None
        _send(self._process.stdin, self._args)

    def recognize(self, audio: bytes) -> Recognition:
        """Decode a complete utterance in the child (or here, if the child is gone)."""
        if not audio:
            return Recognition("")
        if self._inline is None:
            if self._process is None:  # closed, and used again
                self._start()
            answer = self._ask(audio)
            if answer is not None:
                result, self.last_score_ratio = answer
                return result
            self._finalizer()
            from game.voice.sphinx_asr import SecondPass

            self._inline = SecondPass(*self._args)
        result = self._inline.recognize(audio)
        self.last_score_ratio = self._inline.last_score_ratio
        return result

    def _ask(self, audio: bytes) -> tuple[Recognition, float] | None:
        assert self._process is not None
        stdin, stdout = self._process.stdin, self._process.stdout
        assert stdin is not None and stdout is not None
        try:
            _send(stdin, audio)
            ready, _, _ = select.select([stdout], [], [], ANSWER_TIMEOUT_S)
            if not ready:
                log.warning("pocketsphinx helper silent for %.0f s; decoding in-process", ANSWER_TIMEOUT_S)
                return None
            answer = _receive(stdout)
        except (EOFError, OSError, ValueError) as exc:  # ValueError: its pipe was closed
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
        """Stop the child; safe to call twice. Using the pass again starts a new one."""
        self._finalizer()
        self._process = None


if __name__ == "__main__":
    # Answers go to a private copy of stdout; anything a library prints goes to stderr.
    _answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(sys.stdin.buffer, _answers)
