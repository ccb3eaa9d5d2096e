from __future__ import annotations

import numpy as np
import pytest

from game.hearing.completeness import is_unfinished
from game.hearing.endpoint import EndpointConfig, Endpointer
from game.hearing.vad import EnergyVad, SileroVad
from tests.support.speech import noise, trim, with_gaps

SENTENCES = ["hello ada", "what is on the table", "make the walls blue"]


def segment(samples: np.ndarray, vad, config: EndpointConfig | None = None):
    ep = Endpointer(config, vad.frame_samples)
    pcm = samples.astype("<i2").tobytes()
    n = vad.frame_samples * 2
    out, start, fed = [], None, b""
    for i in range(0, len(pcm) - n + 1, n):
        frame = pcm[i : i + n]
        step = ep.step(frame, vad.probability(frame))
        if step.started is not None:
            start, fed = step.started, b""
        fed += step.audio
        if step.ended is not None:
            out.append((start, step.ended, len(fed) / 2 / 16000))
    return out


@pytest.mark.parametrize("voice", ["en-us", "en-gb+m3", "en-us+f2"])
def test_silero_boundaries_within_100ms(say, voice: str) -> None:
    signal, truth = with_gaps([say(s, voice) for s in SENTENCES], gap_s=0.8)
    found = segment(signal, SileroVad())
    assert len(found) == len(truth), (found, truth)
    for (start, end, _), (t_start, t_end) in zip(found, truth, strict=True):
        assert abs(start - t_start) <= 0.1, (start, t_start)
        assert abs(end - t_end) <= 0.1, (end, t_end)


@pytest.mark.parametrize("voice", ["en-us", "en-gb+m3"])
def test_end_is_decided_end_silence_after_the_voice_stops_not_after_silero(say, voice: str) -> None:
    """Silero lags the voice by ~100 ms; the decision should not add that lag to the answer."""
    cfg = EndpointConfig(end_silence_ms=300)
    signal, truth = with_gaps([say(s, voice) for s in SENTENCES], gap_s=0.8)
    vad, ep = SileroVad(), Endpointer(cfg, 512)
    pcm = signal.astype("<i2").tobytes()
    decided = []
    for i in range(0, len(pcm) - 1024 + 1, 1024):
        frame = pcm[i : i + 1024]
        if ep.step(frame, vad.probability(frame)).ended is not None:
            decided.append(ep.audio_time)
    assert len(decided) == len(truth)
    lags = [d - t_end for d, (_, t_end) in zip(decided, truth, strict=True)]
    assert all(0.25 <= lag <= 0.3 + 0.07 for lag in lags), lags


def test_energy_vad_boundaries_within_100ms(say) -> None:
    signal, truth = with_gaps([say(s) for s in SENTENCES], gap_s=0.8)
    found = segment(signal, EnergyVad())
    assert len(found) == len(truth), (found, truth)
    for (start, end, _), (t_start, t_end) in zip(found, truth, strict=True):
        assert abs(start - t_start) <= 0.1 and abs(end - t_end) <= 0.1


def test_preroll_reaches_the_recognizer(say) -> None:
    signal, _ = with_gaps([say("hello ada")], lead_s=1.0)
    [(start, end, fed_s)] = segment(signal, SileroVad())
    # the recognizer got the pre-roll before the detected start plus the speech and the hangover
    assert fed_s >= (end - start) + 0.25


def test_silence_and_noise_alone_give_no_utterance() -> None:
    assert segment(np.zeros(16000 * 3, np.int16), SileroVad()) == []
    assert segment(noise(3.0, level=800.0), SileroVad()) == []


def test_pause_shorter_than_end_silence_keeps_one_utterance(say) -> None:
    signal, _ = with_gaps([trim(say("walk to")), trim(say("the table"))], gap_s=0.15)
    assert len(segment(signal, SileroVad())) == 1


def test_end_silence_is_configurable(say) -> None:
    signal, _ = with_gaps([trim(say("walk to the sofa")), trim(say("and the table"))], gap_s=0.5)
    assert len(segment(signal, SileroVad(), EndpointConfig(end_silence_ms=300))) == 2
    assert (
        len(segment(signal, SileroVad(), EndpointConfig(end_silence_ms=700, unfinished_silence_ms=700))) == 1
    )


def _frames(probs: list[float]) -> list[tuple[bytes, float]]:
    return [(b"\0\0" * 512, p) for p in probs]


def test_unfinished_words_extend_the_end_silence() -> None:
    cfg = EndpointConfig(end_silence_ms=300, unfinished_silence_ms=1000)
    speech = [0.9] * 20
    pause = [0.0] * 20  # 640 ms
    for hint, expect_end in (("walk to the table", True), ("I want the", False)):
        ep = Endpointer(cfg)
        ended = False
        for i, (frame, p) in enumerate(_frames(speech + pause)):
            if i == 10:
                ep.hint = hint
            ended |= ep.step(frame, p).ended is not None
        assert ended is expect_end, hint


@pytest.mark.parametrize(
    ("hint", "silence_ms"),
    [
        ("walk to the table", 300),
        ("bo where is the lamp", 200),
        ("hello ada what is your name", 200),
        ("where is the", 1000),
        ("hello ada", 300),
    ],
)
def test_the_words_so_far_decide_how_long_a_pause_ends_the_turn(hint: str, silence_ms: int) -> None:
    loud = (np.random.default_rng(1).standard_normal(512) * 8000).astype("<i2").tobytes()
    ep = Endpointer(EndpointConfig(end_silence_ms=300, unfinished_silence_ms=1000))
    for _ in range(20):
        ep.step(loud, 0.9)
    ep.hint = hint
    paused = 0
    while ep.step(b"\0\0" * 512, 0.0).ended is None:
        paused += 1
        assert paused < 100
    assert abs((paused + 1) * 32 - silence_ms) < 32, (hint, paused)


@pytest.mark.parametrize(
    ("text", "unfinished"),
    [
        ("and", True),
        ("I want the", True),
        ("put it on", True),
        ("walk to the table", False),
        ("who are you", False),
        ("", False),
        ("hello ada and", True),
        ("thank you", False),
    ],
)
def test_is_unfinished(text: str, unfinished: bool) -> None:
    assert is_unfinished(text) is unfinished


def test_push_to_talk_ignores_vad_and_keeps_tail() -> None:
    cfg = EndpointConfig(ptt_tail_ms=96)
    ep = Endpointer(cfg)
    ep.set_mode("ptt")
    events = []
    for i in range(40):
        ep.ptt = 5 <= i < 20
        step = ep.step(b"\1\0" * 512, 0.0)
        if step.started is not None:
            events.append(("start", i, round(step.started, 3), len(step.audio) // 1024))
        if step.ended is not None:
            events.append(("end", i))
    # pre-roll of 5 frames before the key, ends 3 frames (96 ms) after release
    assert events == [("start", 5, 0.0, 6), ("end", 23)]


def test_bad_config_is_rejected() -> None:
    with pytest.raises(ValueError):
        EndpointConfig(on_threshold=0.3, off_threshold=0.6)
    with pytest.raises(ValueError):
        Endpointer().set_mode("sometimes")
