"""The face: visemes on a timeline, emotions as blendable expressions, natural blinks.

The mouth is driven by three numbers (open, wide, round), the brows by (raise,
tilt) and the lids by openness. Visemes come from a timeline of
``(time, viseme, weight)`` keyed to the audio clock; coarticulation is modelled by
starting to move toward the next viseme halfway through the current one.
"""

from __future__ import annotations

import bisect
import math
import random
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float32]

VISEMES: dict[str, tuple[float, float, float]] = {  # open, wide, round
    "sil": (0.0, 0.0, 0.0),
    "PP": (0.0, -0.1, 0.1),
    "FF": (0.12, 0.15, 0.0),
    "TH": (0.2, 0.1, 0.0),
    "DD": (0.3, 0.2, 0.0),
    "kk": (0.35, 0.1, 0.0),
    "CH": (0.25, -0.1, 0.5),
    "SS": (0.15, 0.5, 0.0),
    "nn": (0.2, 0.1, 0.0),
    "RR": (0.25, -0.1, 0.4),
    "aa": (0.9, 0.2, 0.0),
    "E": (0.5, 0.6, 0.0),
    "ih": (0.35, 0.5, 0.0),
    "oh": (0.6, -0.2, 0.7),
    "ou": (0.35, -0.3, 0.9),
}
EMOTIONS = ("neutral", "happy", "sad", "angry", "surprised", "thinking")
# brow raise, brow tilt (inner up > 0), lid openness delta, mouth wide, mouth open, head pitch, head roll
EMOTION_PARAMS: dict[str, tuple[float, ...]] = {
    "neutral": (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0),
    "happy": (0.25, 0.0, -0.15, 0.55, 0.08, 0.05, 0.05),
    "sad": (-0.1, 0.7, -0.35, -0.25, 0.0, -0.18, 0.0),
    "angry": (-0.6, -0.7, -0.25, 0.15, 0.0, -0.05, 0.0),
    "surprised": (0.9, 0.2, 0.35, -0.2, 0.45, 0.08, 0.0),
    "thinking": (0.35, -0.3, -0.1, -0.15, 0.0, 0.1, -0.12),
}
EMOTION_MATRIX = np.array([EMOTION_PARAMS[e] for e in EMOTIONS], dtype=np.float32)


class FaceError(ValueError):
    """Unknown viseme or emotion name; the message lists the known ones."""


def check_viseme(name: str) -> str:
    """Return the canonical viseme name or raise :class:`FaceError`."""
    for known in VISEMES:
        if known.lower() == name.lower():
            return known
    raise FaceError(f"unknown viseme {name!r}; known: {', '.join(VISEMES)}")


def check_emotion(name: str) -> str:
    """Return the canonical emotion name or raise :class:`FaceError`."""
    low = name.lower()
    if low not in EMOTIONS:
        raise FaceError(f"unknown emotion {name!r}; known: {', '.join(EMOTIONS)}")
    return low


@dataclass(frozen=True)
class WordTime:
    """A word of the reply and when it is spoken (seconds from the start of the audio)."""

    word: str
    start: float
    end: float


@dataclass(frozen=True)
class VisemeTimeline:
    """Mouth shapes over time for one utterance, plus word times for the subtitle."""

    keys: tuple[tuple[float, str, float], ...]  # (time, viseme, weight), sorted by time
    words: tuple[WordTime, ...] = ()
    duration: float = 0.0
    _times: list[float] = field(default_factory=list, compare=False, repr=False)

    def __post_init__(self) -> None:
        for _, name, _ in self.keys:
            check_viseme(name)
        times = [k[0] for k in self.keys]
        if times != sorted(times):
            raise FaceError("viseme timeline times must not go backwards")
        object.__setattr__(self, "_times", times)

    def shape_at(self, t: float) -> tuple[float, float, float]:
        """(open, wide, round) at time ``t`` with anticipatory coarticulation."""
        if not self.keys or t < self.keys[0][0] or t >= self.duration > 0:
            return VISEMES["sil"]
        # Plain floats, not numpy: this runs per avatar per frame on three numbers.
        i = bisect.bisect_right(self._times, t) - 1
        t0, name0, w0 = self.keys[i]
        a = [c * w0 for c in VISEMES[name0]]
        if i + 1 < len(self.keys):
            t1, name1, w1 = self.keys[i + 1]
            u = (t - t0) / max(t1 - t0, 1e-6)
            blend = min(1.0, max(0.0, (u - 0.5) / 0.5))
            blend = blend * blend * (3 - 2 * blend)
            a = [ca + (cb * w1 - ca) * blend for ca, cb in zip(a, VISEMES[name1], strict=True)]
        return (a[0], a[1], a[2])

    def viseme_at(self, t: float) -> str:
        """The key viseme active at ``t`` (for tests and the debug view)."""
        if not self.keys or t < self.keys[0][0]:
            return "sil"
        return self.keys[bisect.bisect_right(self._times, t) - 1][1]

    def words_spoken(self, t: float) -> int:
        """How many words have started by ``t`` (drives word-by-word subtitles)."""
        return sum(1 for w in self.words if w.start <= t)


LINGER_S = 2.0
LINGER_PER_WORD_S = 0.06


def linger_seconds(text: str) -> float:
    """How long a finished sentence stays on screen: 2 s plus 60 ms a word, time to read it whole."""
    return LINGER_S + LINGER_PER_WORD_S * len(text.split())


def revealed_words(timeline: VisemeTimeline, t: float, count: int) -> int:
    """How many of the sentence's ``count`` words to show at ``t`` seconds into its clip.

    espeak-ng sometimes reports fewer word events than the text has words, so counting
    events alone shifted the reveal and never showed the last word. The events are scaled
    onto the words, time's share of the clip is a floor under them, and at the end of the
    clip every word shows: a missing event can slow the reveal, never drop the tail.
    """
    if count <= 0:
        return 0
    if timeline.duration <= 0 or t >= timeline.duration:
        return count
    by_time = math.ceil(count * max(t, 0.0) / timeline.duration)
    by_events = 0
    if timeline.words:
        by_events = math.ceil(count * timeline.words_spoken(t) / len(timeline.words))
    return max(0, min(count, max(by_time, by_events)))


class Blinker:
    """Blinks at natural random intervals (2–6 s apart, 150 ms long), seeded per avatar."""

    def __init__(self, seed: int, min_gap: float = 2.0, max_gap: float = 6.0, length: float = 0.15) -> None:
        self.rng = random.Random(seed)
        self.min_gap, self.max_gap, self.length = min_gap, max_gap, length
        self.next_start = self.rng.uniform(0.5, max_gap)

    def closure(self, t: float) -> float:
        """Lid closure 0..1 at time ``t`` (call with non-decreasing t)."""
        while t > self.next_start + self.length:
            self.next_start += self.length + self.rng.uniform(self.min_gap, self.max_gap)
        if t < self.next_start:
            return 0.0
        u = (t - self.next_start) / self.length
        return float(1.0 - abs(2.0 * u - 1.0))
