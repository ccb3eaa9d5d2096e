from __future__ import annotations

import threading

import numpy as np
import pytest

from game.bus import EventBus
from game.events import Notice, SpeechChunk, SpeechFailed
from game.speaking.lipsync import timeline_for, viseme_for
from game.speaking.speaker import SpeechWorker
from game.speaking.speech_text import MAX_CHARS, clean, split_sentences
from game.speaking.tts import PyttsxSynthesizer, VoiceError, VoiceSpec, parse_voice
from tests.support.fakes import FakeSynthesizer
from tests.support.waiting import WatchedBus

VOICES = [
    VoiceSpec("en-us", "f3", 170, 70),
    VoiceSpec("en-gb", "m3", 140, 30),
    VoiceSpec("en-us", "m7", 190, 50),
]


@pytest.fixture(scope="module")
def synth() -> PyttsxSynthesizer:
    return PyttsxSynthesizer()


def _f0(samples: np.ndarray, rate: int) -> float:
    """Median pitch (Hz) of voiced 40 ms frames by autocorrelation."""
    x = samples.astype(np.float64) / 32768.0
    hop = int(rate * 0.04)
    pitches = []
    for i in range(0, len(x) - hop, hop):
        frame = x[i : i + hop] - x[i : i + hop].mean()
        if np.sqrt((frame**2).mean()) < 0.02:
            continue
        ac = np.correlate(frame, frame, "full")[hop - 1 :]
        lo, hi = int(rate / 400), int(rate / 60)
        lag = lo + int(np.argmax(ac[lo:hi]))
        pitches.append(rate / lag)
    return float(np.median(pitches))


@pytest.mark.parametrize("voice", VOICES, ids=lambda v: v.espeak_name)
def test_every_voice_speaks_audibly_for_a_plausible_time(synth: PyttsxSynthesizer, voice: VoiceSpec) -> None:
    text = "Welcome to the lounge, the sofa is by the lamp."
    clip = synth.synthesize(text, voice)
    rms = np.sqrt((clip.samples.astype(np.float64) ** 2).mean()) / 32768.0
    assert rms > 0.02, "not silent"
    expected = len(text.split()) / voice.rate * 60
    assert 0.6 * expected < clip.duration < 2.0 * expected, (clip.duration, expected)
    assert clip.rate == 22050 and clip.synth_seconds < 0.5


def test_two_voices_differ_in_pitch_and_rate(synth: PyttsxSynthesizer) -> None:
    text = "I can tell you about the books on the shelf."
    high = synth.synthesize(text, VoiceSpec("en-us", "f3", 180, 80))
    low = synth.synthesize(text, VoiceSpec("en-us", "m3", 130, 20))
    assert _f0(high.samples, high.rate) > 1.3 * _f0(low.samples, low.rate)
    assert low.duration > 1.2 * high.duration


def test_unknown_voice_falls_back_with_a_message(synth: PyttsxSynthesizer) -> None:
    clip = synth.synthesize("Hello.", VoiceSpec("xx-klingon"))
    assert clip.voice == "en-us" and len(clip.samples) > 1000
    assert any("unknown voice 'xx-klingon'" in m for m in synth.fallbacks)
    synth.fallbacks.clear()
    with pytest.raises(VoiceError, match="pitch 300"):
        parse_voice("en-us,pitch=300")


def test_viseme_timeline_is_monotonic_covers_audio_and_closes_lips_on_p_b_m(synth: PyttsxSynthesizer) -> None:
    clip = synth.synthesize("baby maps", VoiceSpec())
    timeline = timeline_for(clip)
    times = [k[0] for k in timeline.keys]
    assert times == sorted(times) and times[0] == 0.0 and times[-1] == pytest.approx(clip.duration)
    bilabials = [t for t, p in clip.phonemes if p in ("b", "m", "p")]
    assert len(bilabials) == 4, clip.phonemes  # b, b, m, p
    for t in bilabials:
        assert timeline.viseme_at(t + 0.005) == "PP"
    # Alignment with the audio itself: the lips are shut for the /p/ of "maps", so its closure
    # is much quieter than the vowel /a/ just before it.
    x = clip.samples.astype(np.float64) / 32768.0
    (t_a,) = [t for t, p in clip.phonemes if p == "a"]
    (t_p,) = [t for t, p in clip.phonemes if p == "p"]

    def rms(t0: float, t1: float) -> float:
        seg = x[int(t0 * clip.rate) : int(t1 * clip.rate)]
        return float(np.sqrt((seg**2).mean()))

    assert rms(t_p + 0.005, t_p + 0.04) < 0.3 * rms(t_a + 0.03, t_p - 0.02)
    assert [w.word for w in timeline.words] == ["baby", "maps"]


def test_phoneme_to_viseme_map() -> None:
    assert viseme_for("'a") == ("aa", 1.0)
    assert viseme_for("tS")[0] == "CH"
    assert viseme_for("u:")[0] == "ou"
    assert viseme_for("_:")[0] == "sil"
    assert viseme_for("?!")[0] == "sil"


def test_envelope_fallback_when_no_phoneme_times() -> None:
    clip = FakeSynthesizer().synthesize("one two three", VoiceSpec())
    timeline = timeline_for(clip)
    assert timeline.viseme_at(0.5) == "aa" and len(timeline.words) == 3


def test_text_cleaning_never_reads_stage_directions() -> None:
    s = clean("*smiles warmly* Hello <b>there</b>! (laughs) How are you? 🤔 [sighs]")
    assert s.text == "Hello there! How are you?"
    assert s.emotion == "happy"
    assert s.sentences == ("Hello there!", "How are you?")
    assert clean("*waves*").text == ""
    long = clean("word, " * 1000)
    assert long.truncated and len(long.text) <= MAX_CHARS + 1
    assert all(len(p) <= 221 for p in split_sentences("a, " * 300))


def test_worker_streams_sentence_by_sentence(synth: PyttsxSynthesizer) -> None:
    bus = WatchedBus()
    worker = SpeechWorker(bus, synth)
    worker.start()
    reply = "Hello there. " + "This is a much longer second sentence that takes a while to say. " * 3
    worker.say("Ada", reply, VoiceSpec())
    last = bus.wait_for(lambda events: any(isinstance(e, SpeechChunk) and e.last for e in events), 10)
    worker.stop()
    assert last, "the last sentence never came"
    chunks = [e for e in bus.drain() if isinstance(e, SpeechChunk)]
    assert [c.index for c in chunks] == [0, 1, 2, 3]
    assert chunks[0].text == "Hello there." and chunks[0].clip.duration < chunks[1].clip.duration
    assert chunks[0].t < chunks[-1].t, "the first sentence is ready before the last"
    assert not worker.alive


def test_worker_cancel_and_failure_keep_running() -> None:
    bus = EventBus()
    fake = FakeSynthesizer(fail_on="BOOM")
    worker = SpeechWorker(bus, fake, threading.Event())
    from game.speaking.speaker import SpeechRequest

    worker.process(SpeechRequest("Bo", "One. Two BOOM. Three.", VoiceSpec(), 1))
    events = bus.drain()
    kinds = [e.kind for e in events]
    assert kinds == ["notice", "tts_chunk", "tts_failed"]
    failed = next(e for e in events if isinstance(e, SpeechFailed))
    assert failed.text == "Two BOOM. Three." and "BOOM" in failed.error
    assert any(isinstance(e, Notice) and "could not speak" in e.message for e in events)
    worker.cancel(2)
    worker.process(SpeechRequest("Bo", "Never. Said.", VoiceSpec(), 2))
    assert bus.drain() == []
