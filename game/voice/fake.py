"""A scripted recognizer for orchestration tests (its real counterparts are tested on audio).

It hears nothing: it returns the next scripted sentence for each utterance, revealing
it word by word as partials in proportion to the audio fed, so pipeline timing and
event order can be checked without a model.
"""

from __future__ import annotations

from collections import deque

from game.events import WordTiming
from game.voice.protocols import SAMPLE_RATE, Recognition


class FakeRecognizer:
    """Returns scripted sentences in order; records how much audio each utterance got."""

    name = "fake"
    detail = "scripted sentences (tests only)"

    def __init__(self, sentences: list[str], seconds_per_word: float = 0.3) -> None:
        self._script = deque(sentences)
        self.seconds_per_word = seconds_per_word
        self._fed = 0
        self.utterance_seconds: list[float] = []
        self.resets = 0

    def _current(self) -> list[str]:
        return self._script[0].split() if self._script else []

    def accept(self, pcm: bytes) -> None:
        """Count the audio."""
        self._fed += len(pcm) // 2

    def partial(self) -> str:
        """The first words of the scripted sentence, one per ``seconds_per_word`` of audio."""
        n = int(self._fed / SAMPLE_RATE / self.seconds_per_word)
        return " ".join(self._current()[:n])

    def finish(self) -> Recognition:
        """The whole scripted sentence."""
        words = self._current()
        if self._script:
            self._script.popleft()
        self.utterance_seconds.append(self._fed / SAMPLE_RATE)
        self._fed = 0
        timings = tuple(
            WordTiming(word=w, start=i * self.seconds_per_word, end=(i + 1) * self.seconds_per_word, conf=1.0)
            for i, w in enumerate(words)
        )
        return Recognition(" ".join(words), timings)

    def reset(self) -> None:
        """Forget audio fed so far."""
        self._fed = 0
        self.resets += 1

    def close(self) -> None:
        """Nothing to release."""
