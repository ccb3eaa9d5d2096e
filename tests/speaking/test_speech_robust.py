"""Speech never fails on valid text: long, Unicode, numbers, abbreviations; no temp files.

Before this, pyttsx3's ``runAndWait`` returned before long sentences were written and
the synthesizer read a WAV file that did not exist yet: 200 words failed every time.
"""

from __future__ import annotations

import os
import tempfile

import pytest

from game.bench.speech_texts import stress_texts
from game.bus import EventBus
from game.events import Notice, SpeechChunk, SpeechFailed
from game.speaking.speaker import SpeechRequest, SpeechWorker, one_line
from game.speaking.speech_text import MAX_CHARS, clean, split_sentences
from game.speaking.tts import PyttsxSynthesizer, VoiceSpec, join_clips


@pytest.fixture(scope="module")
def synth() -> PyttsxSynthesizer:
    return PyttsxSynthesizer()


@pytest.mark.slow
def test_a_thousand_replies_of_1_to_300_words_all_speak(synth: PyttsxSynthesizer) -> None:
    bus = EventBus()
    worker = SpeechWorker(bus, synth)
    voices = [VoiceSpec(), VoiceSpec("en-gb", "m3", 150, 40), VoiceSpec("en-us", "f3", 200, 70)]
    failures: list[str] = []
    for i, text in enumerate(stress_texts(1000)):
        worker.process(SpeechRequest("Ada", text, voices[i % len(voices)], reply_id=i))
        events = bus.drain()
        chunks = [e for e in events if isinstance(e, SpeechChunk)]
        failed = [e for e in events if isinstance(e, SpeechFailed)]
        if failed or not chunks or not chunks[-1].last or any(not len(c.clip.samples) for c in chunks):
            why = failed[0].error if failed else "no audio"
            failures.append(f"text {i} ({len(text.split())} words): {why}")
    assert failures == []


def test_a_300_word_sentence_without_punctuation_is_split_and_every_word_is_spoken(
    synth: PyttsxSynthesizer,
) -> None:
    text = " ".join(["walking"] * 300)
    chunks = split_sentences(text)
    assert len(chunks) > 1 and all(len(c) <= 220 for c in chunks)
    assert " ".join(chunks) == text
    bus = EventBus()
    SpeechWorker(bus, synth).process(SpeechRequest("Ada", text, VoiceSpec(), reply_id=1))
    spoken = [e for e in bus.drain() if isinstance(e, SpeechChunk)]
    assert [c.text for c in spoken] == list(chunks)
    assert sum(c.clip.duration for c in spoken) > 300 * 0.25  # every word takes time


def test_synthesis_writes_no_files(synth: PyttsxSynthesizer, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    before = set(os.listdir(tmp_path))
    synth.synthesize("Nice to meet you, Priya.", VoiceSpec())
    assert set(os.listdir(tmp_path)) == before


def test_joined_clips_keep_word_times_in_order(synth: PyttsxSynthesizer) -> None:
    first = synth.synthesize("Hello there.", VoiceSpec())
    second = synth.synthesize("Nice to meet you.", VoiceSpec())
    joined = join_clips([first, second])
    assert joined.duration == pytest.approx(first.duration + second.duration)
    times = [t for t, _ in joined.words]
    assert times == sorted(times) and times[len(first.words)] >= first.duration


def test_an_over_long_reply_is_cut_and_the_user_is_told(synth: PyttsxSynthesizer) -> None:
    text = "This is a sentence. " * (MAX_CHARS // 10)
    assert clean(text).truncated
    bus = EventBus()
    SpeechWorker(bus, synth).process(SpeechRequest("Ada", text, VoiceSpec(), reply_id=1))
    notices = [e.message for e in bus.drain() if isinstance(e, Notice)]
    assert any("cut to" in m for m in notices)


def test_a_speech_error_is_one_readable_line_without_paths() -> None:
    raw = (
        "espeak-ng produced no audio ([Errno 2] No such file or directory: "
        "'/tmp/voxroom-tts-x1/140-99.wav')\nmore"
    )
    line = one_line(raw)
    assert "\n" not in line and "/tmp" not in line and ".wav" not in line
    assert line.startswith("espeak-ng produced no audio")
