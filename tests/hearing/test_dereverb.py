"""Dereverberation before the final pass: real speech in the voice suite's reverberant room.

Real flite and espeak-ng speech, the bench's 0.5 s room response, and the final pass as
``voxroom run`` builds it. The A/B is within one test: the same clips decoded with the echo
taken out and without.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import game.hearing.sphinx_decoding as decoding
from game.bench.voices import in_room, synthesize, word_errors
from game.hearing.dereverb import ECHO_DB, FFT, _istft, _passes, _stft, dereverberate
from game.hearing.grammar import normalise, vocabulary_for
from game.hearing.sphinx_asr import SphinxRecognizer
from game.mind.phrasings import sentences_for_scene
from game.sim.scene import load_scene

LINES = [
    "Bo, where is the lamp?",
    "Could you make the walls blue?",
    "Ada, what is on the table?",
    "Cleo, please sit on the sofa.",
    "Put a plant next to the window.",
    "What colour is the rug?",
]
VOICES = [("espeak-ng", "en-us+f3"), ("flite", "rms")]


def _samples(audio: bytes) -> np.ndarray:
    return np.frombuffer(audio, dtype="<i2").astype(np.float64)


@pytest.mark.parametrize(
    ("text", "synth", "voice"),
    [
        ("no", "espeak-ng", "en-gb+m3"),
        ("yes", "espeak-ng", "en-us"),
        ("Cleo, please sit on the sofa.", "flite", "slt"),
    ],
)
def test_dry_speech_is_decoded_as_it_came(text: str, synth: str, voice: str, tmp_path: Path) -> None:
    """On a short dry word the predictor would fit the speech itself ("no" was heard "who are you")."""
    dry = in_room(synthesize(text, synth, voice, tmp_path), "clean", seed=0)
    assert dereverberate(dry.tobytes()) == dry.tobytes()


def test_reverberant_speech_is_changed_and_keeps_its_length(tmp_path: Path) -> None:
    wet = in_room(synthesize("Cleo, please sit on the sofa.", "flite", "slt", tmp_path), "reverb", seed=0)
    out = dereverberate(wet.tobytes())
    assert out != wet.tobytes() and len(out) == len(wet.tobytes())


def _with_every_pass(heard: np.ndarray) -> bytes:
    """The decision and audio with both passes always run (what the dry-room shortcut must equal)."""
    spectrum, frames = _stft(heard.astype(np.float32))
    *_, last = _passes(spectrum)
    out = _istft(last, frames)[FFT : FFT + len(heard)]
    removed_db = 10 * np.log10(np.sum((heard - out) ** 2) / np.sum(heard.astype(np.float64) ** 2) + 1e-12)
    if removed_db < ECHO_DB:
        return heard.astype("<i2").tobytes()
    return np.clip(np.round(out), -32768, 32767).astype("<i2").tobytes()


@pytest.mark.parametrize("room", ["clean", "noise", "reverb"])
def test_stopping_a_dry_room_after_one_pass_decides_as_every_pass_would(room: str, tmp_path: Path) -> None:
    """The shortcut only saves time: on real speech it keeps or cleans exactly as both passes do."""
    for text, synth, voice in [("yes", "flite", "rms"), ("What colour is the rug?", "espeak-ng", "en-us")]:
        heard = in_room(synthesize(text, synth, voice, tmp_path), room, seed=3)
        assert dereverberate(heard.tobytes()) == _with_every_pass(heard), (text, room)


def test_too_short_to_judge_is_passed_through() -> None:
    blip = (np.arange(FFT) % 7).astype("<i2").tobytes()
    assert dereverberate(blip) == blip
    assert dereverberate(b"") == b""


@pytest.fixture(scope="module")
def final_pass():  # type: ignore[no-untyped-def]
    scene = load_scene("default")
    return SphinxRecognizer(vocabulary_for(scene), inline=True, talk=sentences_for_scene(scene)).second_pass


def _as_heard(audio: bytes) -> bytes:
    return audio


def _errors(final_pass, cache: Path) -> int:  # type: ignore[no-untyped-def]
    total = 0
    for i, text in enumerate(LINES):
        for synth, voice in VOICES:
            clip = in_room(synthesize(text, synth, voice, cache), "reverb", seed=i)
            errors, _ = word_errors(normalise(text), final_pass.recognize(clip.tobytes()).text)
            total += errors
    return total


def test_reverberant_speech_is_heard_better_with_the_echo_taken_out(
    final_pass, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path_factory.mktemp("speech")
    with_it = _errors(final_pass, cache)
    monkeypatch.setattr(decoding, "dereverberate", _as_heard)
    without = _errors(final_pass, cache)
    words = sum(len(normalise(t).split()) for t in LINES) * len(VOICES)
    print(f"\n[dereverb] word errors in the reverberant room: {without} → {with_it} of {words} words")
    assert with_it < without * 0.8, (with_it, without, words)
