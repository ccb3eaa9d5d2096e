"""Word confidences for pocketsphinx that mean something: each word's fit against a free phone loop.

pocketsphinx's own per-word "probability" without lattice rescoring is only the word's scaled
acoustic score: 0.85–0.97 for the words of a phrase the grammar forced onto a story as much as
for a phrase really said, and 1.0 for every dictation word. On the development half of the voice
set not one word fell under :data:`~game.events.DOUBT_BELOW`, so nothing was ever confirmed.

Two pieces of evidence, both against the phone loop the final pass already runs:

- the **utterance**: the grammar's path score over the phone loop's (``ratio``). Below
  :data:`PHRASE_FIT` the room's phrases explain the sound little better than random phones, so
  the words of the phrase are doubtful. A name (the grammar's optional ``<npc>`` in front of the
  phrase) is judged on its own sound only, against the laxer :data:`NAME_FIT`: it is not part
  of the phrase the ratio doubts;
- the **word**: its acoustic score over its own frames against the phone loop's score over the
  same frames, per frame (``fit``). Below :data:`WORD_FIT` the word is doubtful.

Both are mapped so that the threshold gives exactly ``DOUBT_BELOW`` (0.3). The thresholds were set
on the development half (``voxroom bench understanding --split dev``): they took unasked changes
from 12 % to about 1 % of turns there.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from game.events import DOUBT_BELOW

PHRASE_FIT = 0.95
"""Grammar-over-phone-loop score ratio below which a phrase's words are doubtful."""
PHRASE_SCALE = 0.05
WORD_FIT = -40.0
"""A word's acoustic fit against the phone loop (1e-4 log units per frame) below which it is doubtful."""
WORD_SCALE = 15.0
NAME_FIT = -75.0
"""The same for an NPC's name: names are short and said in a greeting's breath, and doubting them
sent lines to the NPC the user faced. On the development half, -40 → -60 → -75 took lines
handled right from 36.2 → 37.1 → 37.3 % with unasked changes unchanged (1.4 %)."""
_AT_THRESHOLD = (1.0 - DOUBT_BELOW) / DOUBT_BELOW  # so that the threshold maps to DOUBT_BELOW


@dataclass(frozen=True)
class Segment:
    """One decoded segment: a word or phone, its first and last frame, its acoustic score (0..1]."""

    word: str
    start: int
    end: int
    ascore: float


def calibrated(evidence: float, threshold: float, scale: float) -> float:
    """0..1, equal to ``DOUBT_BELOW`` at ``threshold``, rising with the evidence."""
    z = max(-50.0, min(50.0, (evidence - threshold) / scale))
    return 1.0 / (1.0 + _AT_THRESHOLD * math.exp(-z))


def _log(x: float) -> float:
    return math.log(max(x, 1e-300))


def word_fits(words: Sequence[Segment], phones: Iterable[Segment]) -> list[float]:
    """Per word: its score against the phone loop's over the same frames (1e-4 log units per frame)."""
    per_frame: dict[int, float] = {}
    for p in phones:
        if p.end >= p.start:
            share = _log(p.ascore) / (p.end - p.start + 1)
            for f in range(p.start, p.end + 1):
                per_frame[f] = share
    fits = []
    for w in words:
        n = max(1, w.end - w.start + 1)
        loop = sum(per_frame.get(f, 0.0) for f in range(w.start, w.end + 1))
        fits.append((_log(w.ascore) - loop) / n * 1e4)
    return fits


def confidences(
    words: Sequence[Segment], phones: Iterable[Segment], ratio: float, names: frozenset[str]
) -> list[float]:
    """Each word's confidence from its own fit and, except for names, the phrase's fit."""
    phrase = calibrated(ratio, PHRASE_FIT, PHRASE_SCALE)
    out = []
    for w, fit in zip(words, word_fits(words, phones), strict=True):
        if w.word in names:
            out.append(round(calibrated(fit, NAME_FIT, WORD_SCALE), 3))
        else:
            out.append(round(min(calibrated(fit, WORD_FIT, WORD_SCALE), phrase), 3))
    return out
