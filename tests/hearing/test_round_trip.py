"""Speech the NPCs make is understood by the room's own recognizer (TTS → pocketsphinx grammar)."""

from __future__ import annotations

import numpy as np
import pytest

from game.hearing.engines import build_recognizer, choose_engine
from game.mind.phrasings import sentences_for_scene
from game.sim.scene import load_scene
from game.speaking.tts import PyttsxSynthesizer, VoiceSpec

SENTENCES = ("where is the lamp", "what is on the table", "make the walls blue", "hello ada")


@pytest.fixture(scope="module")
def recognizer():  # type: ignore[no-untyped-def]
    scene = load_scene("default")  # with the mind's sentences, as `voxroom run` builds it
    return build_recognizer(choose_engine("sphinx"), scene, talk=sentences_for_scene(scene))


def _to_16k(samples: np.ndarray, rate: int) -> bytes:
    x = samples.astype(np.float64)
    pad = np.zeros(int(0.3 * rate))  # the quiet before and after speech that endpointing waits for
    x = np.concatenate([pad, x, pad])
    n = int(len(x) * 16000 / rate)
    y = np.interp(np.linspace(0, len(x) - 1, n), np.arange(len(x)), x)
    noise = np.random.default_rng(0).normal(0, 40, n)  # a room is never digitally silent
    return bytes(np.clip(y + noise, -32768, 32767).astype("<i2").tobytes())


def test_tts_speech_is_recognised_back(recognizer) -> None:  # type: ignore[no-untyped-def]
    synth = PyttsxSynthesizer()
    right = 0
    for voice in (VoiceSpec("en-us", "", 150), VoiceSpec("en-gb", "m3", 145)):
        for sentence in SENTENCES:
            clip = synth.synthesize(sentence, voice)
            recognizer.reset()
            pcm = _to_16k(clip.samples, clip.rate)
            for i in range(0, len(pcm), 640):
                recognizer.accept(pcm[i : i + 640])
            right += recognizer.finish().text == sentence
    # The open room model hears 6 of 8 ("where is the" and "hello window" missed); the closed
    # grammar heard 7, but fails people's own phrasings (docs/hearing.md).
    assert right >= 6, f"{right}/8 sentences recognised"
