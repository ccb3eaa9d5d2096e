"""Lip sync: espeak-ng phonemes → the 15 visemes, with word times for subtitles.

The timeline's times are positions in the synthesized audio, so the avatar's mouth
follows the playback clock, not the wall clock. When an engine gives no phoneme
times, the mouth follows the audio's loudness envelope instead.
"""

from __future__ import annotations

import numpy as np

from game.sim.anim.face import VisemeTimeline, WordTime
from game.speaking.tts import SpeechClip

# espeak-ng (English) phoneme mnemonics → (viseme, weight). Stress and length marks are stripped.
PHONEME_VISEMES: dict[str, tuple[str, float]] = {
    "p": ("PP", 1.0),
    "b": ("PP", 1.0),
    "m": ("PP", 1.0),
    "f": ("FF", 1.0),
    "v": ("FF", 1.0),
    "T": ("TH", 1.0),
    "D": ("TH", 1.0),
    "t": ("DD", 1.0),
    "d": ("DD", 1.0),
    "t#": ("DD", 1.0),
    "d#": ("DD", 1.0),
    "k": ("kk", 1.0),
    "g": ("kk", 1.0),
    "N": ("kk", 1.0),
    "h": ("kk", 0.6),
    "x": ("kk", 1.0),
    "tS": ("CH", 1.0),
    "dZ": ("CH", 1.0),
    "S": ("CH", 1.0),
    "Z": ("CH", 1.0),
    "s": ("SS", 1.0),
    "z": ("SS", 1.0),
    "n": ("nn", 1.0),
    "l": ("nn", 1.0),
    "n-": ("nn", 1.0),
    "l-": ("nn", 1.0),
    "j": ("ih", 0.7),
    "r": ("RR", 1.0),
    "r-": ("RR", 1.0),
    "3": ("RR", 0.8),
    "3:": ("RR", 0.9),
    "w": ("ou", 0.8),
    "a": ("aa", 1.0),
    "A:": ("aa", 1.0),
    "A": ("aa", 1.0),
    "aa": ("aa", 1.0),
    "a#": ("aa", 0.9),
    "V": ("aa", 0.8),
    "0": ("oh", 0.9),
    "aI": ("aa", 1.0),
    "aU": ("aa", 1.0),
    "A@": ("aa", 1.0),
    "E": ("E", 1.0),
    "e": ("E", 1.0),
    "eI": ("E", 1.0),
    "e@": ("E", 1.0),
    "@": ("E", 0.5),
    "@L": ("nn", 0.8),
    "@2": ("E", 0.5),
    "@5": ("ou", 0.5),
    "I": ("ih", 1.0),
    "i": ("ih", 1.0),
    "i:": ("ih", 1.0),
    "I2": ("ih", 0.9),
    "I#": ("ih", 0.9),
    "i@": ("ih", 1.0),
    "O": ("oh", 1.0),
    "O:": ("oh", 1.0),
    "o@": ("oh", 1.0),
    "oU": ("oh", 1.0),
    "O@": ("oh", 1.0),
    "OI": ("oh", 1.0),
    "u": ("ou", 1.0),
    "u:": ("ou", 1.0),
    "U": ("ou", 1.0),
    "U@": ("ou", 1.0),
}


def viseme_for(phoneme: str) -> tuple[str, float]:
    """Viseme of an espeak mnemonic; pauses and unknown symbols close the mouth."""
    p = phoneme.strip().lstrip("',%=")
    if not p or p.startswith("_"):
        return ("sil", 1.0)
    for candidate in (p, p.rstrip(":"), p[:2], p[:1]):
        if candidate in PHONEME_VISEMES:
            return PHONEME_VISEMES[candidate]
    return ("sil", 1.0)


def _words(clip: SpeechClip) -> tuple[WordTime, ...]:
    out = []
    for i, (start, word) in enumerate(clip.words):
        end = clip.words[i + 1][0] if i + 1 < len(clip.words) else clip.duration
        out.append(WordTime(word, start, max(start, end)))
    return tuple(out)


def timeline_for(clip: SpeechClip) -> VisemeTimeline:
    """The viseme timeline of a clip: from phoneme times, else from the loudness envelope."""
    if not clip.phonemes:
        return envelope_timeline(clip)
    keys: list[tuple[float, str, float]] = [(0.0, "sil", 1.0)]
    for t, phoneme in clip.phonemes:
        name, weight = viseme_for(phoneme)
        t = min(max(t, keys[-1][0]), clip.duration)
        keys.append((t, name, weight))
    keys.append((clip.duration, "sil", 1.0))
    return VisemeTimeline(keys=tuple(keys), words=_words(clip), duration=clip.duration)


def envelope_timeline(clip: SpeechClip, window: float = 0.04) -> VisemeTimeline:
    """Fallback: open the mouth ("aa") in proportion to the RMS loudness of each 40 ms window."""
    hop = max(1, int(clip.rate * window))
    samples = clip.samples.astype(np.float32) / 32768.0
    frames = len(samples) // hop
    if frames == 0:
        return VisemeTimeline(keys=((0.0, "sil", 1.0),), duration=clip.duration)
    rms = np.sqrt((samples[: frames * hop].reshape(frames, hop) ** 2).mean(axis=1))
    peak = float(rms.max()) or 1.0
    keys = tuple(
        (i * window, "aa" if level > 0.08 * peak else "sil", float(min(1.0, level / peak * 1.3)))
        for i, level in enumerate(rms)
    )
    return VisemeTimeline(keys=keys, words=_words(clip), duration=clip.duration)
