"""The paused-speech set: its halves are apart, its clips are true to their labels, the bench judges right."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from game.bench.paused_speech import PausedLine, load_paused_set, speak
from game.bench.turns import CachedModel, hear, judge
from game.hearing.endpoint import EndpointConfig
from game.hearing.grammar import normalise
from tests.support.fakes import FakeRecognizer, FakeTurnModel

NEAR_COPY = 0.95


def test_the_set_has_two_halves_of_paused_lines() -> None:
    lines = load_paused_set()
    for split in ("dev", "test"):
        half = [ln for ln in lines if ln.split == split]
        assert len(half) >= 25
        assert all(len(ln.pieces) >= 2 for ln in half), "every line pauses somewhere"


def test_dev_and_test_are_apart() -> None:
    from game.mind.embedder import Embedder

    lines = load_paused_set()
    dev = [ln.text for ln in lines if ln.split == "dev"]
    test = [ln.text for ln in lines if ln.split == "test"]
    assert not {normalise(t) for t in test} & {normalise(d) for d in dev}
    embedder = Embedder()
    sims = np.asarray(embedder.embed_many(test)) @ np.asarray(embedder.embed_many(dev)).T
    worst = np.unravel_index(np.argmax(sims), sims.shape)
    assert sims.max() < NEAR_COPY, (test[worst[0]], dev[worst[1]], float(sims.max()))


@pytest.mark.parametrize(("synth", "voice"), [("espeak-ng", "en-us"), ("flite", "slt")])
def test_a_clip_pauses_exactly_where_and_as_long_as_it_says(tmp_path: Path, synth: str, voice: str) -> None:
    line = PausedLine("dev", ("I went to the market and", "bought pears."))
    clip = speak(line, synth, voice, tmp_path, paused=True, seed=3)
    fluent = speak(line, synth, voice, tmp_path, paused=False, seed=3)
    ((a, b),) = clip.pauses
    assert 0.3 <= b - a <= 0.9
    x = np.abs(clip.samples.astype(np.int32))
    assert x[round(a * 16000) + 80 : round(b * 16000) - 80].max() < 200, "only room noise in the pause"
    assert x[round(a * 16000) - 800 : round(a * 16000)].max() > 1000, "speech right before it"
    assert x[round(b * 16000) : round(b * 16000) + 800].max() > 1000, "and right after it"
    for c in (clip, fluent):
        loud = np.flatnonzero(np.abs(c.samples.astype(np.int32)) >= 200)
        assert abs((loud[-1] + 1) / 16000 - c.speech_end) < 0.01
    assert fluent.pauses == () and fluent.speech_end < clip.speech_end


def test_the_bench_counts_a_timer_split_and_a_patient_model_keeps_the_turn(tmp_path: Path, silero) -> None:
    line = PausedLine("dev", ("Bo, where is", "the lamp?"))
    clip = speak(line, "espeak-ng", "en-us", tmp_path, paused=True, seed=4)
    heard = [hear(clip, "0", silero, FakeRecognizer(["bo where is the lamp"], 0.2))]
    ((a, b),) = clip.pauses
    timer = judge(heard, EndpointConfig(), None)
    assert (timer["split_turns"], timer["early_cutoffs"]) == ((1.0, 0.0) if b - a > 0.35 else (0.0, 0.0))
    smart = judge(heard, EndpointConfig(endpointing="smart"), CachedModel(FakeTurnModel(0.1)))
    assert (smart["split_turns"], smart["early_cutoffs"]) == (0.0, 0.0), "the model said not yet: it waited"
