"""Fakes for orchestration tests: a scripted brain, recognizer and synthesizer.

They live here, not in ``game/``, so production code can never pick one up; each real
engine has its own tests on real data (the real brains on the real models, the
recognizers on espeak-ng speech, pyttsx3 on espeak-ng).
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping

import numpy as np

from game.events import WordTiming
from game.hearing.protocols import SAMPLE_RATE, Recognition, nothing
from game.mind.protocols import MindContext, Reply
from game.speaking.tts import SpeechClip, VoiceSpec


class FakeBrain:
    """A scripted brain for orchestration tests (routing, TTS, animation wiring).

    It answers from a fixed table (utterance → Reply) and otherwise echoes, so tests of
    the pipeline around a brain do not need the model; the real brains have real tests.
    """

    name = "fake"

    def __init__(self, script: Mapping[str, Reply] | None = None) -> None:
        self.script = dict(script or {})
        self.calls: list[tuple[str, str]] = []

    def reply(self, utterance: str, context: MindContext) -> Reply:
        """Return the scripted reply or an echo (a hung brain is a subclass blocking on an Event)."""
        start = time.perf_counter()
        self.calls.append((context.npc, utterance))
        scripted = self.script.get(utterance.strip().lower())
        base = scripted or Reply(text=f"You said: {utterance.strip()}", intent="echo", score=1.0)
        return Reply(
            text=base.text,
            actions=base.actions,
            emotion=base.emotion,
            intent=base.intent,
            score=base.score,
            brain=self.name,
            evidence=base.evidence,
            latency_ms=(time.perf_counter() - start) * 1000.0,
        )


class SlowBrain(FakeBrain):
    """A brain that takes as long as the test says: each reply waits until :attr:`release` is set.

    ``asked`` is set when a request reaches the brain, so a test waits on that instead of a
    guessed time; the conversation's clock (a fake one) decides how late the reply counts as.
    """

    def __init__(self, script: Mapping[str, Reply] | None = None) -> None:
        super().__init__(script)
        self.asked = threading.Event()
        self.release = threading.Event()

    def reply(self, utterance: str, context: MindContext) -> Reply:
        """Wait for the release (at most 10 s, so a failing test cannot hang), then answer."""
        self.asked.set()
        self.release.wait(10.0)
        return super().reply(utterance, context)


class FakeRecognizer:
    """Returns scripted sentences in order; records how much audio each utterance got."""

    name = "fake"
    detail = "scripted sentences (tests only)"

    def __init__(self, sentences: list[str], seconds_per_word: float = 0.3) -> None:
        self.still_working: Callable[[], None] = nothing
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


class FakeSynthesizer:
    """Orchestration tests only: a tone whose length follows the text, with even word times."""

    name = "fake"

    def __init__(self, rate: int = 22050, seconds_per_word: float = 0.3, fail_on: str = "") -> None:
        self.rate, self.seconds_per_word, self.fail_on = rate, seconds_per_word, fail_on
        self.calls: list[str] = []

    def synthesize(self, text: str, voice: VoiceSpec) -> SpeechClip:
        """Return a 220 Hz tone; raise if ``fail_on`` appears in the text."""
        self.calls.append(text)
        if self.fail_on and self.fail_on in text:
            raise RuntimeError(f"fake synthesizer told to fail on {self.fail_on!r}")
        words = text.split()
        n = int(max(1, len(words)) * self.seconds_per_word * self.rate)
        t = np.arange(n) / self.rate
        tone = (0.3 * 32767 * np.sin(2 * math.pi * 220 * t)).astype(np.int16)
        times = tuple((i * self.seconds_per_word, w) for i, w in enumerate(words))
        return SpeechClip(tone, self.rate, (), times, voice="fake")


class FakeTurnModel:
    """A scripted end-of-turn model: one probability for every call, or a function of the audio.

    It records how much audio each call heard, so a test can check when the endpointer asked
    and what it sent; Smart Turn itself is tested on espeak-ng speech.
    """

    name = "fake-turn"

    def __init__(self, p: float | Callable[[bytes], float] = 0.9) -> None:
        self._p = p
        self.calls: list[float] = []  # seconds of audio per call

    def probability(self, pcm: bytes) -> float:
        """The scripted probability."""
        self.calls.append(len(pcm) / 2 / SAMPLE_RATE)
        return self._p(pcm) if callable(self._p) else self._p
