"""Test speech from several synthesizers and rooms: espeak-ng and flite voices, clean, noisy, reverberant.

A recognizer tuned on one voice looks better than it is; the figures that matter come
from voices and rooms it was not tuned on. Clips are cached on disk by their text and
voice, so a second run only decodes.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import numpy as np
import numpy.typing as npt

from game.errors import UserError
from game.hearing.audio import load_wav_16k

Samples = npt.NDArray[np.int16]

VOICES: tuple[tuple[str, str], ...] = (
    ("espeak-ng", "en-us"),
    ("espeak-ng", "en-gb+m3"),
    ("espeak-ng", "en-us+f2"),
    ("flite", "slt"),
    ("flite", "awb"),
    ("flite", "rms"),
    ("flite", "kal16"),
)
"""(synthesizer, voice): three espeak-ng speakers and four flite speakers."""
CONDITIONS = ("clean", "noise", "reverb")
NOISE_SNR_DB = 20.0
ROOM_NOISE = 30.0  # a quiet room's microphone noise (int16 RMS) under every clip
RATE = 16000


def synthesize(text: str, synth: str, voice: str, cache: Path, *, ssml: bool = False) -> Samples:
    """``text`` spoken by ``voice`` of ``synth`` (espeak-ng or flite), 16 kHz mono (cached).

    ``ssml``: ``text`` is SSML (both synthesizers honour ``<break time="600ms"/>``).
    """
    if shutil.which(synth) is None or shutil.which("sox") is None:
        raise UserError(f"{synth} and sox are needed for test speech (apt install {synth} sox)")
    key = hashlib.sha256(f"{synth}|{voice}|{text}{'|ssml' if ssml else ''}".encode()).hexdigest()[:20]
    out = cache / f"{key}.wav"
    if not out.exists():
        cache.mkdir(parents=True, exist_ok=True)
        raw = cache / f"{key}.raw.wav"
        if synth == "flite":
            mode = ["-ssml"] if ssml else []
            subprocess.run(["flite", "-voice", voice, *mode, "-t", text, "-o", str(raw)], check=True)
        else:
            mode = ["-m"] if ssml else []
            subprocess.run([synth, "-v", voice, *mode, "-w", str(raw), text], check=True)
        subprocess.run(["sox", "-D", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(out)], check=True)
        raw.unlink()
    samples: Samples = load_wav_16k(out)
    return samples


def in_room(samples: Samples, condition: str, seed: int, pad_s: float = 0.3) -> Samples:
    """The clip as a microphone would hear it: room noise around it, plus fan noise or reverb.

    ``noise``: low-frequency (fan-like) noise at :data:`NOISE_SNR_DB` under the speech;
    ``reverb``: a 0.5 s exponentially decaying room response. Deterministic per ``seed``.
    """
    rng = np.random.default_rng(seed)
    pad = np.zeros(int(pad_s * RATE))
    x = np.concatenate([pad, samples.astype(np.float64), pad])
    if condition == "reverb":
        n = int(0.5 * RATE)
        response = rng.normal(0.0, 1.0, n) * np.exp(-6.9 * np.arange(n) / n)  # -60 dB at 0.5 s
        response[0] = 8.0  # the direct sound dominates
        response /= np.sqrt(np.sum(response**2))
        x = _convolve(x, response)[: len(x) + n // 2]
    elif condition == "noise":
        fan = np.cumsum(rng.normal(0.0, 1.0, len(x)))  # brown noise: most energy at low frequencies
        fan -= np.convolve(fan, np.ones(401) / 401, mode="same")  # remove the drift, keep the hum
        speech_rms = np.sqrt(np.mean(samples.astype(np.float64) ** 2)) or 1.0
        fan *= speech_rms / (np.sqrt(np.mean(fan**2)) or 1.0) / 10 ** (NOISE_SNR_DB / 20)
        x = x + fan
    elif condition != "clean":
        raise ValueError(f"unknown condition {condition!r}; use one of {', '.join(CONDITIONS)}")
    x = x + rng.normal(0.0, ROOM_NOISE, len(x))
    out: Samples = np.clip(x, -32768, 32767).astype(np.int16)
    return out


def _convolve(x: npt.NDArray[np.float64], h: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    n = len(x) + len(h) - 1
    size = 1 << (n - 1).bit_length()
    return np.fft.irfft(np.fft.rfft(x, size) * np.fft.rfft(h, size), size)[:n]


def word_errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """(edit distance in words, reference length): the parts of a word error rate."""
    ref, hyp = reference.split(), hypothesis.split()
    row = list(range(len(hyp) + 1))
    for i in range(1, len(ref) + 1):
        prev, row[0] = row[0], i
        for j in range(1, len(hyp) + 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ref[i - 1] != hyp[j - 1]))
    return row[len(hyp)], len(ref)
