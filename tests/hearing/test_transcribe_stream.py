"""``transcribe`` streams: memory stays flat however long the file is.

Transcribing a 2-hour WAV of silence peaked at 3.9 GB: the file was read, converted to
floats and resampled whole, and every event stayed queued on an undrained bus.
"""

from __future__ import annotations

import tracemalloc
import wave
from pathlib import Path

import numpy as np

from game.hearing.transcribe import transcribe_file
from game.hearing.vad import EnergyVad
from tests.support.fakes import FakeRecognizer


def _quiet_file(path: Path, seconds: int, rate: int = 22050) -> Path:
    rng = np.random.default_rng(1)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        for _ in range(seconds // 10):  # write in pieces: the test itself stays small too
            w.writeframes(rng.normal(0, 30, rate * 10).astype("<i2").tobytes())
    return path


def _peak_mb(path: Path) -> float:
    tracemalloc.start()
    try:
        for _ in transcribe_file(path, FakeRecognizer([]), EnergyVad()):
            pass
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_length_of_the_file(tmp_path: Path) -> None:
    short = _peak_mb(_quiet_file(tmp_path / "one-minute.wav", 60))
    long = _peak_mb(_quiet_file(tmp_path / "ten-minutes.wav", 600))
    # ten minutes at 22 kHz is 26 MB of samples, 106 MB as floats: neither may be held whole
    assert long < 20
    assert long < short * 1.5 + 2


def test_utterances_come_out_as_they_end_not_at_the_end_of_the_file(tmp_path: Path, say) -> None:  # type: ignore[no-untyped-def]
    speech = say("hello there")
    gap = np.zeros(16000 * 30, dtype=np.int16)
    path = tmp_path / "two-turns.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(np.concatenate([gap[:16000], speech, gap, speech, gap[:16000]]).astype("<i2").tobytes())
    stream = transcribe_file(path, FakeRecognizer(["hello there", "hello again"]), EnergyVad())
    first = next(iter(stream))
    assert first.final.text == "hello there" and first.end < 5.0
    assert [u.final.text for u in stream] == ["hello again"]
