from __future__ import annotations

import struct
import wave
from pathlib import Path

import numpy as np
import pytest

from game.hearing.audio import AudioFileError, dbfs, load_wav_16k, read_wav, resample, stream_wav_16k


def _tone(freq: float, rate: int, seconds: float = 1.0) -> np.ndarray:
    t = np.arange(round(rate * seconds)) / rate
    return (np.sin(2 * np.pi * freq * t) * 10000).astype(np.int16)


def _peak_hz(x: np.ndarray, rate: int) -> float:
    spec = np.abs(np.fft.rfft(x.astype(float)))
    return float(np.argmax(spec) * rate / len(x))


@pytest.mark.parametrize("rate", [8000, 22050, 44100, 48000])
def test_resample_keeps_pitch_and_length(rate: int) -> None:
    out = resample(_tone(440.0, rate), rate)
    assert len(out) == 16000
    assert abs(_peak_hz(out, 16000) - 440.0) < 2.0


def test_resample_removes_content_above_nyquist() -> None:
    # 10 kHz cannot exist at 16 kHz; a naive decimation would alias it to 6 kHz
    out = resample(_tone(10000.0, 48000), 48000)
    # (the abrupt start and end of the tone are broadband themselves: skip those edges)
    assert np.abs(out[100:-100]).max() < 100


def test_stereo_24bit_44k_is_converted(tmp_path) -> None:
    x = _tone(300.0, 44100)
    path = tmp_path / "s24.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(3)
        w.setframerate(44100)
        frames = bytearray()
        for v in x:
            b = struct.pack("<i", int(v) * 256)[:3]
            frames += b + b
        w.writeframes(bytes(frames))
    out = load_wav_16k(path)
    assert len(out) == 16000
    assert abs(_peak_hz(out, 16000) - 300.0) < 2.0
    assert 9000 < np.abs(out).max() < 11000


def test_8bit_wav_is_converted(tmp_path) -> None:
    path = tmp_path / "u8.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(1)
        w.setframerate(16000)
        w.writeframes(bytes([128, 255, 128, 1] * 4000))
    samples, rate = read_wav(path)
    assert rate == 16000 and samples[1] > 30000 and samples[3] < -30000


def test_float_wav_gives_one_line_fix(tmp_path) -> None:
    path = tmp_path / "float.wav"
    data = np.zeros(100, "<f4").tobytes()
    header = (
        b"RIFF"
        + struct.pack("<I", 36 + len(data))
        + b"WAVEfmt "
        + struct.pack("<IHHIIHH", 16, 3, 1, 16000, 64000, 4, 32)
        + b"data"
        + struct.pack("<I", len(data))
    )
    path.write_bytes(header + data)
    with pytest.raises(AudioFileError) as err:
        load_wav_16k(path)
    msg = str(err.value)
    assert str(path) in msg and "sox" in msg and "\n" not in msg


def test_not_a_wav_and_missing_file(tmp_path) -> None:
    bad = tmp_path / "notes.wav"
    bad.write_text("hello")
    with pytest.raises(AudioFileError, match="not a PCM WAV"):
        load_wav_16k(bad)
    with pytest.raises(AudioFileError, match="no such file"):
        load_wav_16k(tmp_path / "missing.wav")


def test_dbfs() -> None:
    assert dbfs(np.zeros(512, np.int16).tobytes()) == -100.0
    full = np.full(512, 32767, np.int16).tobytes()
    assert abs(dbfs(full)) < 0.01
    assert abs(dbfs((np.full(512, 3277, np.int16)).tobytes()) + 20.0) < 0.1


def test_streamed_blocks_match_whole_file_resampling(tmp_path: Path) -> None:
    rng = np.random.default_rng(5)
    t = np.arange(44100 * 9) / 44100
    tone = 8000 * np.sin(2 * np.pi * 440 * t) + rng.normal(0, 800, len(t))
    stereo = np.stack([tone, tone * 0.5], axis=1).astype("<i2")
    path = tmp_path / "stereo44.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(44100)
        w.writeframes(stereo.tobytes())
    whole = load_wav_16k(path).astype(np.float64)
    streamed = np.concatenate(list(stream_wav_16k(path, block_seconds=2.0))).astype(np.float64)
    assert len(streamed) == len(whole)
    inner = slice(1600, -1600)  # the file's own ends differ by the mirror trick only
    error = np.sqrt(np.mean((streamed[inner] - whole[inner]) ** 2)) / np.sqrt(np.mean(whole[inner] ** 2))
    assert error < 0.01


def test_a_bad_file_fails_before_the_first_block_is_asked_for(tmp_path: Path) -> None:
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"not a wav")
    with pytest.raises(AudioFileError, match=r"bad\.wav"):
        stream_wav_16k(bad)
