"""The seams between hearing stages, as :class:`typing.Protocol` classes.

Engines differ wildly (Kaldi, CMU Sphinx, Silero, an SDL device, a WAV file), but the
pipeline only needs these few calls; keeping them this small is what lets a fake stand
in for orchestration tests while the real engines are tested on real audio.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from game.events import WordTiming

SAMPLE_RATE = 16_000
"""Every stage works on 16 kHz mono signed 16-bit little-endian PCM."""


@dataclass(frozen=True)
class Recognition:
    """One utterance's result: text, word timings (seconds in the utterance), unknowns."""

    text: str
    words: tuple[WordTiming, ...] = ()
    unknown_words: tuple[str, ...] = ()


def nothing() -> None:
    """A recognizer's ``still_working`` until a pipeline watches it."""


class Recognizer(Protocol):
    """A streaming recognizer kept warm across utterances."""

    name: str
    """Engine id shown to the user: ``vosk``, ``sphinx`` or ``fake``."""

    detail: str
    """Which model and mode (grammar or dictation), for the HUD and ``doctor``."""

    still_working: Callable[[], None]
    """Called from the hearing thread about once a second while a call waits on a helper
    process that is alive: slow on a loaded machine, not stuck. The pipeline points it at
    its busy record, so the watchdog does not restart a recognizer that is only slow."""

    def accept(self, pcm: bytes) -> None:
        """Feed the next piece of the current utterance."""

    def partial(self) -> str:
        """The running hypothesis of the utterance so far (may be empty)."""

    def finish(self) -> Recognition:
        """Close the utterance and return its final result; ready for the next one."""

    def reset(self) -> None:
        """Throw away the utterance in progress without a result."""

    def close(self) -> None:
        """Release what the engine holds outside this thread (a helper process); idempotent."""


class VoiceActivity(Protocol):
    """Frame-wise speech probability."""

    frame_samples: int
    """The exact number of samples :meth:`probability` wants per call."""

    def probability(self, frame: bytes) -> float:
        """Speech probability in 0..1 for one frame of ``frame_samples`` samples."""

    def reset(self) -> None:
        """Forget the recurrent state (between unrelated streams)."""


class TurnModel(Protocol):
    """Has the speaker finished? A learned end-of-turn model (Smart Turn) or a test's fake."""

    name: str

    def probability(self, pcm: bytes) -> float:
        """Probability in 0..1 that the speech ending ``pcm`` (the utterance so far) is a complete turn."""


class SourceEnded(Exception):
    """A finite source (a file) has delivered all of its audio."""


class DeviceLost(Exception):
    """A live device stopped delivering audio (unplugged, driver error)."""


class AudioSource(Protocol):
    """Where audio comes from: a microphone, or a file replayed as if spoken live."""

    name: str

    def read(self, timeout: float) -> bytes:
        """Return the next PCM bytes (possibly empty after ``timeout`` seconds).

        Raises :class:`SourceEnded` at the end of a file and :class:`DeviceLost`
        when a live device disappears.
        """

    def close(self) -> None:
        """Release the device or file; safe to call twice."""
