"""pocketsphinx, the embedded English engine, on espeak-ng speech in several voices."""

from __future__ import annotations

import time

import numpy as np

from game.bench.hearing import EN_PHRASES
from game.hearing.grammar import vocabulary_for
from game.hearing.sphinx_asr import SphinxRecognizer
from tests.support.speech import VOICES, with_gaps

# The benchmark's phrase set, so the test and the figures in the README agree.


def recognise(rec: SphinxRecognizer, samples: np.ndarray, chunk: int = 1024):
    # a quiet room's noise under the whole clip, as a microphone would deliver it
    signal, _ = with_gaps([samples], lead_s=0.2, tail_s=0.3)
    pcm = signal.astype("<i2").tobytes()
    partials = []
    for i in range(0, len(pcm), chunk):
        rec.accept(pcm[i : i + chunk])
        partials.append(rec.partial())
    return rec.finish(), partials


def test_scene_phrases_are_heard_in_every_test_voice(sphinx_grammar, say) -> None:
    """The room's own phrases, said by the three espeak-ng voices, through the final pass.

    The final pass hears 32 of these 36 exactly. The closed grammar it replaced was held to
    90 % here, but handled 40 % of the development half's lines right against the open model's
    70 % (docs/hearing.md): it is built around exactly these phrases.
    """
    total = right = 0
    misses = []
    for phrase in EN_PHRASES:
        for voice in VOICES:
            result, partials = recognise(sphinx_grammar, say(phrase, voice))
            assert any(partials), "partials should appear while speaking"
            total += 1
            right += result.text == phrase
            if result.text != phrase:
                misses.append((voice, phrase, result.text))
    assert right / total >= 0.8, misses


def test_words_have_times_and_confidences(sphinx_grammar, say) -> None:
    clip = say("walk to the table")
    result, _ = recognise(sphinx_grammar, clip)
    assert [w.word for w in result.words] == ["walk", "to", "the", "table"]
    starts = [w.start for w in result.words]
    assert starts == sorted(starts)
    assert all(0 <= w.start < w.end <= 0.5 + len(clip) / 16000 for w in result.words)
    assert all(0.0 <= w.conf <= 1.0 for w in result.words)


def test_out_of_grammar_speech_is_reported_not_dropped(sphinx_grammar, say) -> None:
    flagged = 0
    for sentence in ("the weather is nice today", "my brother lives in london", "can you play some music"):
        result, _ = recognise(sphinx_grammar, say(sentence))
        if result.unknown_words:
            flagged += 1
            assert result.text  # dictation's words are kept for the dialogue to answer
    assert flagged >= 2


def test_scene_names_missing_from_dictionary_are_dropped_and_listed() -> None:
    from game.sim.scene import load_scene

    vocab = vocabulary_for(load_scene("default"), ["ask zorblax about the qwxyzt"])
    rec = SphinxRecognizer(vocab)
    assert rec.vocabulary is not None
    assert "ask zorblax about the qwxyzt" in rec.vocabulary.dropped
    assert "ask zorblax about the qwxyzt" not in rec.vocabulary.phrases()


def test_extra_phrases_from_the_mind_are_recognised(say) -> None:
    from game.sim.scene import load_scene

    rec = SphinxRecognizer(vocabulary_for(load_scene("default"), ["what time is it"]))
    result, _ = recognise(rec, say("what time is it"))
    assert result.text == "what time is it"


def test_dictation_mode_hears_english(say) -> None:
    rec = SphinxRecognizer(None)
    assert "dictation" in rec.detail
    result, _ = recognise(rec, say("what is your name"))
    # free dictation on synthetic speech is weak (about half the words); some must be right
    assert len({"what", "is", "your", "name"} & set(result.text.split())) >= 2, result.text


def test_reset_discards_the_utterance(sphinx_grammar, say) -> None:
    sphinx_grammar.accept(say("hello ada").astype("<i2").tobytes())
    sphinx_grammar.reset()
    assert sphinx_grammar.finish().text == ""
    assert sphinx_grammar.partial() == ""


def test_second_pass_leaves_other_threads_running(sphinx_grammar, say) -> None:
    """pocketsphinx keeps the GIL while it decodes; the second pass must not freeze the app."""
    import threading

    clip = with_gaps([say("what is on the table")], lead_s=0.2, tail_s=0.3)[0].astype("<i2").tobytes()
    for i in range(0, len(clip), 1024):  # fed frame by frame, as the hearing thread does
        sphinx_grammar.accept(clip[i : i + 1024])
    results = []
    worker = threading.Thread(target=lambda: results.append(sphinx_grammar.finish()))
    gaps, last = [], time.perf_counter()
    started = last
    worker.start()
    while worker.is_alive():
        worker.join(0.002)  # this thread wakes every 2 ms while it waits: the gaps show the stalls
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
    took = last - started
    assert results[0].text == "what is on the table"
    assert sphinx_grammar.second_pass.pid is not None, "the second pass ran in its helper process"
    # Decoding under the GIL stalls this thread for about the whole pass; allow scheduling noise.
    assert max(gaps) < max(0.04, 0.4 * took), f"stalled {max(gaps) * 1000:.0f} of {took * 1000:.0f} ms"


def test_second_pass_falls_back_in_process_when_its_helper_dies(say) -> None:
    from game.sim.scene import load_scene

    rec = SphinxRecognizer(vocabulary_for(load_scene("default")))
    pid = rec.second_pass.pid
    assert pid is not None
    import os
    import signal

    os.kill(pid, signal.SIGKILL)
    result, _ = recognise(rec, say("walk to the table"))
    assert result.text == "walk to the table"
    assert rec.second_pass.pid is None, "now decoding in-process"
    rec.close()


def test_a_wait_on_the_starting_helper_says_it_is_still_working(monkeypatch, say) -> None:
    """The helper loads while the first utterance is spoken; waiting for it is not a hang."""
    from game.hearing import second_pass
    from game.sim.scene import load_scene

    monkeypatch.setattr(second_pass, "ALIVE_EVERY_S", 0.01)  # the child's start-up takes far longer
    rec = SphinxRecognizer(vocabulary_for(load_scene("default")))
    beats: list[int] = []
    rec.still_working = lambda: beats.append(1)
    result, _ = recognise(rec, say("walk to the table"))
    assert result.text == "walk to the table"
    assert beats, "the wait on the living helper was announced"
    assert rec.second_pass.pid is not None, "and still answered by the helper"
    rec.close()


def test_closing_the_recognizer_mid_wait_drops_the_utterance_quietly(monkeypatch, say, caplog) -> None:
    """A pipeline replaced while its final pass waits: nothing is decoded in-process for nobody."""
    from game.hearing import second_pass
    from game.sim.scene import load_scene

    monkeypatch.setattr(second_pass, "ALIVE_EVERY_S", 0.01)
    rec = SphinxRecognizer(vocabulary_for(load_scene("default")))
    rec.still_working = rec.close  # the main thread closes it while the hearing thread waits
    result, _ = recognise(rec, say("walk to the table"))
    assert result.text == ""
    assert isinstance(rec.second_pass, second_pass.SecondPassProcess)
    assert rec.second_pass._inline is None, "no in-process decoder was built"
    assert "helper" not in caplog.text


def test_inline_second_pass_gives_the_same_words(say) -> None:
    from game.sim.scene import load_scene

    rec = SphinxRecognizer(vocabulary_for(load_scene("default")), inline=True)
    result, _ = recognise(rec, say("make the walls blue"))
    assert result.text == "make the walls blue"
