"""WAV reading and conversion to the one format every stage uses (16 kHz mono int16).

Users hand us recordings from anywhere, so other rates, widths and channel counts are
converted rather than rejected; what cannot be converted (float or compressed WAV,
a file that is not a WAV) fails with one line naming the file and the fix.
"""

from __future__ import annotations

import math
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import numpy.typing as npt

from game.errors import UserError
from game.hearing.protocols import SAMPLE_RATE

Int16Array = npt.NDArray[np.int16]


class AudioFileError(UserError):
    """A WAV file that cannot be read or converted."""


def _fix(path: Path) -> str:
    return f"convert it with: sox '{path}' -r 16000 -c 1 -b 16 out.wav"


def _open_checked(p: Path) -> wave.Wave_read:
    """Open a WAV and check its format, or raise :class:`AudioFileError` naming the file and fix."""
    if not p.is_file():
        raise AudioFileError(f"{p}: no such file (give the path of a .wav recording)")
    try:
        w = wave.open(str(p), "rb")  # noqa: SIM115 - handed to the caller, who closes it
    except (wave.Error, EOFError) as exc:
        raise AudioFileError(f"{p}: not a PCM WAV file ({exc}); {_fix(p)}") from None
    if w.getframerate() < 4000 or w.getnchannels() < 1:
        w.close()
        raise AudioFileError(
            f"{p}: unusable format ({w.getframerate()} Hz, {w.getnchannels()} channels); {_fix(p)}"
        )
    if w.getsampwidth() not in (1, 2, 3, 4):
        w.close()
        raise AudioFileError(f"{p}: {8 * w.getsampwidth()}-bit samples are not supported; {_fix(p)}")
    return w


def _mono(raw: bytes, width: int, channels: int, p: Path) -> Int16Array:
    data = _to_float(raw, width, p)
    frames = len(data) // channels
    return _to_int16(data[: frames * channels].reshape(frames, channels).mean(axis=1))


def read_wav(path: str | Path) -> tuple[Int16Array, int]:
    """Read a PCM WAV as mono int16 at its own rate: ``(samples, rate)``."""
    p = Path(path)
    with _open_checked(p) as w:
        try:
            raw = w.readframes(w.getnframes())
        except (wave.Error, EOFError) as exc:
            raise AudioFileError(f"{p}: not a PCM WAV file ({exc}); {_fix(p)}") from None
        return _mono(raw, w.getsampwidth(), w.getnchannels(), p), w.getframerate()


def stream_wav_16k(path: str | Path, block_seconds: float = 5.0) -> Iterator[Int16Array]:
    """Any PCM WAV as 16 kHz mono int16 blocks, read a block at a time: memory stays flat.

    A two-hour recording must not be loaded whole (it peaked at 3.9 GB). Each block is
    resampled with a quarter second of its neighbours on both sides and then cropped, so
    the joins are as clean as resampling the whole file; block and margin lengths are
    whole periods of the rate ratio, so the output has exactly the right length.
    The file is opened and checked before this returns (bad files fail at once).
    """
    p = Path(path)
    w = _open_checked(p)
    return _blocks(w, p, block_seconds)


def _blocks(w: wave.Wave_read, p: Path, block_seconds: float) -> Iterator[Int16Array]:
    with w:
        width, channels, rate = w.getsampwidth(), w.getnchannels(), w.getframerate()
        unit = rate // math.gcd(rate, SAMPLE_RATE)  # input samples per whole output period
        block = max(1, round(block_seconds * rate / unit)) * unit
        margin = max(1, round(0.25 * rate / unit)) * unit

        def read() -> Int16Array:
            try:
                return _mono(w.readframes(block), width, channels, p)
            except (wave.Error, EOFError) as exc:
                raise AudioFileError(f"{p}: not a PCM WAV file ({exc}); {_fix(p)}") from None

        left = np.zeros(0, dtype=np.int16)
        current = read()
        while len(current):
            following = read()
            if rate == SAMPLE_RATE:
                yield current
            else:
                out = resample(np.concatenate([left, current, following[:margin]]), rate)
                start = len(left) * SAMPLE_RATE // rate
                yield out[start : start + round(len(current) * SAMPLE_RATE / rate)]
            left, current = current[-margin:], following


def _to_float(raw: bytes, width: int, p: Path) -> npt.NDArray[np.float64]:
    if width == 1:
        return (np.frombuffer(raw, np.uint8).astype(np.float64) - 128.0) * 256.0
    if width == 2:
        return np.frombuffer(raw, "<i2").astype(np.float64)
    if width == 3:
        b = np.frombuffer(raw[: len(raw) // 3 * 3], np.uint8).reshape(-1, 3).astype(np.int32)
        v = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
        v = np.where(v >= 1 << 23, v - (1 << 24), v)
        return v.astype(np.float64) / 256.0
    if width == 4:
        return np.frombuffer(raw, "<i4").astype(np.float64) / 65536.0
    raise AudioFileError(f"{p}: {8 * width}-bit samples are not supported; {_fix(p)}")


def _to_int16(x: npt.NDArray[np.float64]) -> Int16Array:
    return np.clip(np.round(x), -32768, 32767).astype(np.int16)


def resample(samples: Int16Array, rate: int, target: int = SAMPLE_RATE) -> Int16Array:
    """Band-limited resampling of a whole signal (FFT method), exact length.

    Files are short enough to do this in one go, and the FFT method has no aliasing
    from 44.1/48 kHz down to 16 kHz, which matters to the recognizers.
    """
    if rate == target or len(samples) == 0:
        return samples
    n_out = round(len(samples) * target / rate)
    # mirror the signal so the FFT's circular wrap is continuous: no ringing at the ends
    x = samples.astype(np.float64)
    x = np.concatenate([x, x[::-1]])
    n_in = len(x)
    n_pad_out = round(n_in * target / rate)
    spec = np.fft.rfft(x)
    keep = min(len(spec), n_pad_out // 2 + 1)
    out_spec = np.zeros(n_pad_out // 2 + 1, dtype=np.complex128)
    out_spec[:keep] = spec[:keep]
    out = np.fft.irfft(out_spec, n=n_pad_out) * (n_pad_out / n_in)
    return _to_int16(out[:n_out])


def load_wav_16k(path: str | Path) -> Int16Array:
    """Read any PCM WAV and return 16 kHz mono int16 samples."""
    samples, rate = read_wav(path)
    return resample(samples, rate, SAMPLE_RATE)


def write_wav(path: str | Path, samples: Int16Array, rate: int = SAMPLE_RATE) -> None:
    """Write mono int16 samples as a WAV (tests, recordings)."""
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.asarray(samples, dtype="<i2").tobytes())


def dbfs(pcm: bytes) -> float:
    """RMS level of int16 PCM in dBFS (-100 for digital silence)."""
    x = np.frombuffer(pcm, "<i2").astype(np.float64)
    if len(x) == 0:
        return -100.0
    rms = math.sqrt(float(np.mean(x * x))) / 32768.0
    return max(-100.0, 20.0 * math.log10(rms)) if rms > 0 else -100.0
