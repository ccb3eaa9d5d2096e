"""Whisper-style log-mel features, in numpy, for the Smart Turn end-of-turn model.

Smart Turn v3 was trained on the features of Hugging Face's ``WhisperFeatureExtractor``
(8 s windows). Importing ``transformers`` (or pipecat's copy, which pulls loguru and soxr
through its package) to get them would add hundreds of megabytes to a game, so the recipe
is written out here: it is about forty lines and costs ≈ 3 ms per call.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from game.hearing.protocols import SAMPLE_RATE

WINDOW_S = 8
WINDOW_SAMPLES = WINDOW_S * SAMPLE_RATE
N_FFT = 400
HOP = 160
N_MELS = 80
FRAMES = WINDOW_SAMPLES // HOP  # 800: the last STFT frame is dropped, as Whisper does

Floats = npt.NDArray[np.float32]


def _hz_to_mel(hz: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Slaney's mel scale: linear below 1 kHz, logarithmic above."""
    mel = 3.0 * hz / 200.0
    log_part = hz >= 1000.0
    step = np.log(6.4) / 27.0
    mel[log_part] = 15.0 + np.log(hz[log_part] / 1000.0) / step
    return mel


def _mel_to_hz(mel: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    hz = 200.0 * mel / 3.0
    log_part = mel >= 15.0
    step = np.log(6.4) / 27.0
    hz[log_part] = 1000.0 * np.exp(step * (mel[log_part] - 15.0))
    return hz


def mel_filters() -> npt.NDArray[np.float64]:
    """(N_FFT // 2 + 1, N_MELS) triangular filters, 0–8 kHz, each of unit area (Slaney norm)."""
    bins = np.linspace(0.0, SAMPLE_RATE / 2, N_FFT // 2 + 1)
    top = _hz_to_mel(np.array([0.0, 8000.0]))
    edges = _mel_to_hz(np.linspace(top[0], top[1], N_MELS + 2))
    widths = np.diff(edges)
    slopes = edges[None, :] - bins[:, None]  # (bins, N_MELS + 2)
    down = -slopes[:, :-2] / widths[:-1]
    up = slopes[:, 2:] / widths[1:]
    filters = np.maximum(0.0, np.minimum(down, up))
    filters *= 2.0 / (edges[2:] - edges[:-2])  # equal area per band
    return filters


_FILTERS = mel_filters()
_HANN = 0.5 - 0.5 * np.cos(2.0 * np.pi * np.arange(N_FFT) / N_FFT)  # periodic, as torch's


def last_window(samples: npt.NDArray[np.int16] | Floats) -> Floats:
    """The last 8 s as float32 in -1..1, zeros in front when there is less."""
    raw = np.asarray(samples)
    scale = np.float32(32768.0 if raw.dtype == np.int16 else 1.0)
    x: Floats = raw[-WINDOW_SAMPLES:].astype(np.float32) / scale
    if len(x) < WINDOW_SAMPLES:
        x = np.concatenate([np.zeros(WINDOW_SAMPLES - len(x), np.float32), x])
    return x


def log_mel(samples: npt.NDArray[np.int16] | Floats) -> Floats:
    """``(80, 800)`` features of the last 8 s of 16 kHz audio (int16, or float in -1..1)."""
    x = last_window(samples)
    x = (x - x.mean()) / np.sqrt(x.var() + np.float32(1e-7))  # over the padded window, like Whisper's
    padded = np.pad(x.astype(np.float64), N_FFT // 2, mode="reflect")
    frames = np.lib.stride_tricks.sliding_window_view(padded, N_FFT)[::HOP]
    power = np.abs(np.fft.rfft(frames * _HANN, axis=1)) ** 2  # (801, 201)
    mel = np.log10(np.maximum(power @ _FILTERS, 1e-10)).T[:, :-1]  # (80, 800)
    mel = np.maximum(mel, mel.max() - 8.0)
    out: Floats = ((mel + 4.0) / 4.0).astype(np.float32)
    return out
