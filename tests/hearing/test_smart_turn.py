"""Smart Turn v3.2 on real espeak-ng speech, and the numpy features it reads."""

from __future__ import annotations

import importlib.util
import sys

import numpy as np
import pytest

from game.hearing.log_mel import FRAMES, N_MELS, WINDOW_SAMPLES, log_mel
from game.hearing.smart_turn import SmartTurn, smart_turn_model_path
from tests.support.speech import noise, trim


@pytest.fixture(scope="module")
def model() -> SmartTurn:
    return SmartTurn()


def _reference():  # type: ignore[no-untyped-def]
    """pipecat's numpy-only copy of Whisper's extractor, loaded by file path (its package pulls loguru)."""
    path = smart_turn_model_path().parents[1] / "_whisper_features.py"
    spec = importlib.util.spec_from_file_location("whisper_features_reference", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.compute_whisper_log_mel_features


def test_features_match_the_whisper_extractor_smart_turn_was_trained_on(say) -> None:
    reference = _reference()
    for clip in (say("Bo, where is the lamp?"), noise(9.0, level=2000.0)):
        window = clip[-WINDOW_SAMPLES:].astype(np.float32) / 32768.0
        window = np.pad(window, (WINDOW_SAMPLES - len(window), 0))
        ours = log_mel(clip)
        assert ours.shape == (N_MELS, FRAMES) and ours.dtype == np.float32
        np.testing.assert_allclose(ours, reference(window), atol=1e-5)


def test_features_read_the_last_eight_seconds_with_zeros_in_front(say) -> None:
    clip = say("Bo, where is the lamp?")
    long = np.concatenate([noise(10.0, level=3000.0), clip])
    np.testing.assert_array_equal(log_mel(long), log_mel(long[-WINDOW_SAMPLES:]))
    short = log_mel(clip)
    assert np.allclose(short[:, :100], short[:, :1]), "the padding in front is the same in every frame"


def test_the_model_file_is_found_without_importing_pipecat() -> None:
    path = smart_turn_model_path()
    assert path.name == "smart-turn-v3.2-cpu.onnx" and path.stat().st_size > 8_000_000
    assert not any(name == "pipecat" or name.startswith("pipecat.") for name in sys.modules)


def test_one_intra_op_thread(model: SmartTurn) -> None:
    assert model._session.get_session_options().intra_op_num_threads == 1


@pytest.mark.parametrize("voice", ["en-us", "en-gb+m3"])
def test_a_finished_question_sounds_finished_and_a_broken_one_does_not(say, model, voice: str) -> None:
    """As the endpointer asks: the utterance so far plus ~200 ms of room noise after the voice."""

    def heard(text: str) -> float:
        clip = np.concatenate([noise(0.3), trim(say(text, voice)), noise(0.2, seed=5)])
        return model.probability(clip.astype("<i2").tobytes())

    finished, broken = heard("Bo, where is the lamp?"), heard("Bo, where is the")
    assert finished > 0.6 and broken < 0.3, (finished, broken)


def test_silence_alone_is_not_a_finished_turn(model: SmartTurn) -> None:
    assert 0.0 <= model.probability(noise(1.0).astype("<i2").tobytes()) <= 1.0
    assert model.probability(b"") >= 0.0  # an empty utterance does not crash the hearing thread


def test_auto_endpointing_is_smart_when_the_model_loads_and_timer_is_kept_on_request() -> None:
    from game.errors import UserError
    from game.hearing.engines import check_turn_model, choose_endpointing

    model, how = choose_endpointing("auto")
    assert how == "smart" and isinstance(model, SmartTurn)
    assert choose_endpointing("timer") == (None, "timer")
    with pytest.raises(UserError, match="endpointing"):
        choose_endpointing("psychic")
    check = check_turn_model()
    assert "smart" in check.detail and "ms a call here" in check.detail


def test_doctor_times_the_model_and_warns_when_every_statement_would_wait_for_it() -> None:
    from game.hearing.engines import check_turn_model
    from game.hearing.smart_turn import SLOW_CALL_MS
    from tests.support.clock import FakeClock
    from tests.support.fakes import FakeTurnModel

    for cost_ms, status in ((30.0, "ok"), (SLOW_CALL_MS + 140.0, "warn")):
        clock = FakeClock(now=10.0)

        def answer(pcm: bytes, clock: FakeClock = clock, cost_ms: float = cost_ms) -> float:
            clock.advance(cost_ms / 1000)
            return 0.5

        check = check_turn_model(FakeTurnModel(answer), clock)
        assert check.status == status and f"{cost_ms:.0f} ms a call here" in check.detail
        assert ("--endpointing timer" in check.fix) == (status == "warn")


def test_the_words_side_of_the_question() -> None:
    from game.hearing.completeness import text_state

    assert text_state("and then i") == "unfinished"
    assert text_state("bo where is the lamp") == "question"
    assert text_state("make the walls blue") == "open" and text_state("") == "open"
    # "what + auxiliary + subject" still needs its verb; "who/how are you" do not
    assert text_state("cleo what can you") == "open" and text_state("bo what are you") == "open"
    assert text_state("cleo who are you") == "question" and text_state("bo what can you do") == "question"


def test_the_open_words_side_trusts_only_a_conjunction_fully() -> None:
    from game.hearing.completeness import open_words_state

    assert open_words_state("i went to the market and") == "unfinished"
    assert open_words_state("bo where is the them the") == "doubtful"
    assert open_words_state("oh where is the lamp") == "" and open_words_state("") == ""


def test_the_open_words_doubt_a_name_or_a_question_still_missing_its_verb() -> None:
    from game.hearing.completeness import open_words_state

    names = frozenset({"ada", "cleo"})
    assert open_words_state("ah move cleo", names) == "doubtful"  # "Um, Cleo, …"
    assert open_words_state("ah move cleo", frozenset()) == ""  # no names given: nothing said
    assert open_words_state("oh on was what are you") == "doubtful"  # "… what are you" needs "doing"
    assert open_words_state("ada where did you") == "doubtful"
    assert open_words_state("cleo who are you") == open_words_state("ada what are you doing") == ""


def test_the_open_words_doubt_a_modal_or_hedged_question_and_thinking_aloud() -> None:
    from game.hearing.completeness import open_words_state

    for paused in ("cleo could you", "cleo can you maybe", "bo have you ever", "so what are you all"):
        assert open_words_state(paused) == "doubtful", paused
    for whole in ("how are you all", "thank you all", "i like it maybe", "bo can you do"):
        assert open_words_state(whole) == "", whole
    for thinking in ("hmm let's me see", "let me think", "cleo you know what", "okay so"):
        assert open_words_state(thinking) == "doubtful", thinking
    assert open_words_state("i think so") == open_words_state("you know") == ""


def test_the_readings_agree_on_the_question_from_its_question_word_on() -> None:
    from game.hearing.completeness import readings_agree

    assert readings_agree("cleo what is on the table", "cleo to what is on the do you gold") == 0.8
    assert readings_agree("hi ada what are you doing", "ada i would like you to move the chair") == 0.0
    assert readings_agree("bo who are you", "are you are you and what") == 0.0, "the question word unheard"
    assert readings_agree("bo what are you doing", "are you on what thinking") == 0.25, "heard out of order"
    assert readings_agree("make the walls blue", "make the walls blue") == 0.0, "not a question"


def test_the_grammars_unfinished_words_yield_only_to_finished_open_words() -> None:
    from game.hearing.completeness import reading_state

    assert reading_state("bo where is the", "oh where is the lamp") == "open"
    assert reading_state("bo where is the", "oh where is the") == "unfinished"
    assert reading_state("bo where is the", "") == "unfinished"  # no open reading: the grammar's word
    assert reading_state("i went to the market and", "i went to the market and bought") == "unfinished"
    assert reading_state("cleo who are you", "cleo to who are the") == "question"


def test_a_question_only_the_grammar_heard_says_nothing_either_way() -> None:
    from game.hearing.completeness import reading_state

    # "Bo, how long | were you at sea?": the grammar forced the first half onto a question
    assert reading_state("bo how are you", "bo are lamp", 0.6) == "open"
    assert reading_state("bo how are you", "bo are lamp", 0.0) == "question"  # share 0: trusted alone
    assert reading_state("cleo what is on the table", "cleo to what is on the do you", 0.6) == "question"
    assert reading_state("bo how are you", "", 0.6) == "question"  # no open reading: the grammar's word
