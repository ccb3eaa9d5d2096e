"""The paused-speech set: hesitant speakers, with pauses of 300–900 ms at natural points.

A silence timer that answers fluent speech quickly cuts off people who stop to think ("Bo, …
where is the lamp"). Each line of ``data/paused_set.tsv`` marks its pauses with ``|``. The line
is synthesized once as SSML with a break at each mark, so the voice keeps the intonation of an
unfinished sentence across the pause (two separately synthesized halves would each sound
final); the breaks are then found in the audio and set to exactly the drawn length, so the true
pause and end-of-speech times are known to the sample. The same line without marks is the
fluent version, for latency and for cut-offs on speech that has no pause at all.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game.bench.voices import Samples, in_room, synthesize

SET_PATH = Path(__file__).with_name("data") / "paused_set.tsv"
PAUSE_RANGE_S = (0.3, 0.9)
RATE = 16000
SILENT = 200  # int16 amplitude under which a 10 ms frame is a gap (about -44 dBFS)
PAD_S = 0.3  # room noise before and after the speech (in_room's padding)


@dataclass(frozen=True)
class PausedLine:
    """One line: its half of the set and its pieces between pauses."""

    split: str
    pieces: tuple[str, ...]

    @property
    def text(self) -> str:
        """The words, as a recognizer should hear them."""
        return " ".join(p.strip() for p in self.pieces)


@dataclass(frozen=True)
class Clip:
    """A spoken line as a microphone hears it, with the truth about it (seconds)."""

    line: PausedLine
    voice: str
    samples: Samples
    pauses: tuple[tuple[float, float], ...]
    """(start, end) of each inserted pause; empty for the fluent version."""
    speech_end: float


def load_paused_set(path: Path = SET_PATH) -> list[PausedLine]:
    """The set's lines, in file order."""
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            split, text = raw.split("\t")
            lines.append(PausedLine(split, tuple(p.strip() for p in text.split("|"))))
    return lines


def _gaps(samples: Samples) -> list[tuple[int, int]]:
    """(start, end) sample indices of quiet runs strictly inside the speech."""
    frames = np.abs(samples[: len(samples) // 160 * 160].astype(np.int32)).reshape(-1, 160).max(axis=1)
    loud = np.flatnonzero(frames >= SILENT)
    if len(loud) == 0:
        return []
    runs, start = [], None
    for i in range(loud[0], loud[-1] + 1):
        quiet = frames[i] < SILENT
        if quiet and start is None:
            start = i
        elif not quiet and start is not None:
            runs.append((start * 160, i * 160))
            start = None
    return runs


def _trimmed(samples: Samples) -> Samples:
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) >= SILENT)
    return samples[int(loud[0]) : int(loud[-1]) + 1]


def _spoken_pieces(line: PausedLine, synth: str, voice: str, cache: Path) -> list[Samples]:
    """The line's pieces as one utterance, cut at its pauses.

    espeak-ng honours SSML breaks, so the line is spoken whole (continuation intonation before
    each pause) and cut at its longest gaps. flite 2.2 ignores them; its pieces are spoken one by
    one, so each ends in a falling, final-sounding tone: the hardest case for an audio model.
    """
    if synth == "espeak-ng":
        ssml = "<speak>" + ' <break time="700ms"/> '.join(line.pieces) + "</speak>"
        whole = _trimmed(synthesize(ssml, synth, voice, cache, ssml=True))
        gaps = sorted(sorted(_gaps(whole), key=lambda g: g[1] - g[0])[-(len(line.pieces) - 1) :])
        if len(gaps) == len(line.pieces) - 1 and all(b - a >= 0.4 * RATE for a, b in gaps):
            cuts = [0, *(x for gap in gaps for x in gap), len(whole)]
            return [whole[cuts[i] : cuts[i + 1]] for i in range(0, len(cuts), 2)]
    return [_trimmed(synthesize(piece, synth, voice, cache)) for piece in line.pieces]


def speak(line: PausedLine, synth: str, voice: str, cache: Path, *, paused: bool, seed: int) -> Clip:
    """``line`` spoken by ``voice``, with its pauses (``paused``) or fluently, in a quiet room."""
    rng = random.Random(seed)
    if paused and len(line.pieces) > 1:
        pieces = _spoken_pieces(line, synth, voice, cache)
    else:
        pieces = [_trimmed(synthesize(line.text, synth, voice, cache))]
    parts, pauses, length = [], [], 0
    for i, piece in enumerate(pieces):
        if i:
            n = round(rng.uniform(*PAUSE_RANGE_S) * RATE)
            parts.append(np.zeros(n, np.int16))
            pauses.append((PAD_S + length / RATE, PAD_S + (length + n) / RATE))
            length += n
        parts.append(piece)
        length += len(piece)
    speech = np.concatenate(parts).astype(np.int16)
    samples = in_room(speech, "clean", seed, pad_s=PAD_S)
    return Clip(line, f"{synth}:{voice}", samples, tuple(pauses), PAD_S + length / RATE)
