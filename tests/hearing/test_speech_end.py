"""``simulate`` measures from the true end of speech, found by the VAD even in fan noise."""

from __future__ import annotations

import numpy as np

from game.bench.voices import in_room
from game.conversation.scripted_microphone import speech_end
from game.hearing.vad import SileroVad

RATE = 16000


def test_the_end_of_speech_is_found_in_noise(say) -> None:
    clip = say("bo where is the lamp")
    loud = np.flatnonzero(np.abs(clip.astype(np.int32)) > 300)
    true_end = int(0.3 * RATE) + int(loud[-1]) + 1  # in_room pads 0.3 s before the speech
    noisy = in_room(clip, "noise", seed=1, pad_s=0.3)
    found = speech_end(noisy, SileroVad())
    assert abs(found - true_end) < 0.2 * RATE, (found / RATE, true_end / RATE)
    # the level threshold it replaced reads the fan as speech up to the end of the clip
    old = int(np.flatnonzero(np.abs(noisy.astype(np.int32)) > 300)[-1]) + 1
    assert old - true_end > 0.2 * RATE


def test_silence_has_no_speech_end() -> None:
    quiet = (np.random.default_rng(0).normal(0, 30, RATE)).astype(np.int16)
    assert speech_end(quiet, SileroVad()) == 0
