"""Smart endpointing: the turn model and the words decide together (a fake model here)."""

from __future__ import annotations

import numpy as np
import pytest

from game.bus import EventBus
from game.events import HearingStatus, SpeechEnded
from game.hearing.endpoint import EndpointConfig, Endpointer, turn_complete
from game.hearing.pipeline import HearingPipeline
from game.hearing.worker import HearingWorker
from tests.support.fakes import FakeRecognizer, FakeTurnModel
from tests.support.speech import noise, trim

FRAME = 512
FRAME_S = FRAME / 16000  # a wait is counted in whole frames, so it may round up by up to one
SMART = EndpointConfig(endpointing="smart", min_turn_ms=0, question_min_turn_ms=0)


def _voiced() -> bytes:
    t = np.arange(FRAME) / 16000
    return (np.sin(2 * np.pi * 220 * t) * 4000).astype("<i2").tobytes()


def _quiet() -> bytes:
    return noise(FRAME_S, level=30.0).astype("<i2").tobytes()


def run(ep: Endpointer, speech_s: float, hint: str, pause_s: float = 2.0, then_speech_s: float = 0.0):
    """Feed voiced frames (p=0.9), a pause (p=0.05) and maybe more speech; return (end time, step)."""
    plan = [(_voiced(), 0.9)] * round(speech_s / FRAME_S) + [(_quiet(), 0.05)] * round(pause_s / FRAME_S)
    plan += [(_voiced(), 0.9)] * round(then_speech_s / FRAME_S) + [(_quiet(), 0.05)] * round(2.0 / FRAME_S)
    for frame, p in plan:
        step = ep.step(frame, p)
        if step.started is not None:
            ep.hint = hint
        if step.ended is not None:
            return ep.audio_time, step
    raise AssertionError("the turn never ended")


def test_both_agreeing_end_the_turn_at_the_first_short_pause() -> None:
    model = FakeTurnModel(0.9)
    ep = Endpointer(SMART, FRAME, model)
    decided, step = run(ep, 1.5, "bo where is the lamp")
    assert step.reason == "smart" and step.turn_p == 0.9
    assert decided - 1.5 <= 0.1 + 1e-6, "about 100 ms of silence, not the 200-300 ms timer"
    assert len(model.calls) == 1 and model.calls[0] >= 1.5, "the model heard the whole utterance so far"


def test_unfinished_words_veto_a_confident_model_and_wait_up_to_one_and_a_half_seconds() -> None:
    ep = Endpointer(SMART, FRAME, FakeTurnModel(0.97))
    decided, step = run(ep, 1.0, "and then i")
    assert step.reason == "silence"
    assert 1.5 - FRAME_S <= decided - 1.0 <= 1.5 + FRAME_S


def test_a_model_saying_not_yet_holds_open_words_for_hold_ms() -> None:
    ep = Endpointer(SMART, FRAME, FakeTurnModel(SMART.turn_threshold / 2))
    decided, step = run(ep, 1.0, "make the walls blue")
    assert step.reason == "silence"
    assert abs((decided - 1.0) - SMART.hold_ms / 1000) <= FRAME_S


def test_questions_and_other_words_have_their_own_thresholds() -> None:
    config = EndpointConfig(
        endpointing="smart", min_turn_ms=0, question_min_turn_ms=0, question_threshold=0.3, turn_threshold=0.6
    )
    assert turn_complete(0.45, "question", config) and not turn_complete(0.45, "open", config)
    assert not turn_complete(1.0, "unfinished", config)
    _, step = run(Endpointer(config, FRAME, FakeTurnModel(0.45)), 1.2, "bo where is the lamp")
    assert step.reason == "smart"


@pytest.mark.parametrize(
    ("p", "words", "wait"),
    [(0.3, "bo where is the lamp", "question_hold_ms"), (0.05, "bo where is the lamp", "hold_ms"),
     (0.05, "make the walls blue", "hold_ms")],
)  # fmt: skip
def test_an_unsure_model_on_a_whole_question_waits_the_short_hold(p: float, words: str, wait: str) -> None:
    """The words vouch for the end, the model is in the question band: 600 ms, not ``hold_ms``."""
    config = EndpointConfig(endpointing="smart", question_band=0.1)
    assert config.question_band <= 0.3 < config.question_threshold and config.question_band > 0.05
    decided, step = run(Endpointer(config, FRAME, FakeTurnModel(p)), 1.5, words)
    assert step.reason == "silence" and abs((decided - 1.5) - getattr(config, wait) / 1000) <= FRAME_S + 1e-9


def test_by_default_an_unsure_model_holds_a_whole_question_600ms_whatever_its_doubt() -> None:
    """On synthetic speech the model is unsure at the end of most whole questions (0.02-0.5)."""
    config = EndpointConfig(endpointing="smart")
    for p in (0.02, 0.3):
        decided, step = run(Endpointer(config, FRAME, FakeTurnModel(p)), 1.5, "bo where is the lamp")
        waited = decided - 1.5
        assert step.reason == "silence" and abs(waited - config.question_hold_ms / 1000) <= FRAME_S + 1e-9


def test_a_short_question_is_judged_from_question_min_turn_ms() -> None:
    config = EndpointConfig(endpointing="smart", min_turn_ms=1400, question_min_turn_ms=1000)
    _, step = run(Endpointer(config, FRAME, FakeTurnModel(0.9)), 1.2, "cleo who are you")
    assert step.reason == "smart", "a whole question of 1.2 s"
    decided, step = run(Endpointer(config, FRAME, FakeTurnModel(0.9)), 1.2, "make the walls blue")
    assert step.reason == "silence" and abs((decided - 1.2) - config.hold_ms / 1000) <= 2 * FRAME_S


def test_a_lone_name_is_never_ended_on_the_model_alone() -> None:
    """ "Bo, …": a name sounds finished to the model; too little was said to trust it."""
    config = EndpointConfig(endpointing="smart", min_turn_ms=1400)
    model = FakeTurnModel(0.99)
    decided, step = run(Endpointer(config, FRAME, model), 0.5, "bo")
    assert step.reason == "silence" and abs((decided - 0.5) - config.hold_ms / 1000) <= 2 * FRAME_S
    assert model.calls == [], "an answer that could not count is not asked for (the call is slow)"
    _, step = run(Endpointer(config, FRAME, FakeTurnModel(0.99)), 1.5, "bo where is the lamp")
    assert step.reason == "smart"


def test_a_question_the_open_words_did_not_hear_waits_like_words_that_say_nothing() -> None:
    """The grammar forced "Bo, how long | …" onto "bo how are you"; the open words heard "bo are lamp"."""
    config = EndpointConfig(endpointing="smart")
    model = FakeTurnModel(0.05)  # not yet: the words decide how long the pause may be
    ep = Endpointer(config, FRAME, model, open_words=lambda: "bo are lamp")
    decided, step = run(ep, 1.5, "bo how are you")
    assert step.reason == "silence" and abs((decided - 1.5) - config.hold_ms / 1000) <= FRAME_S + 1e-9
    both = Endpointer(config, FRAME, FakeTurnModel(0.05), open_words=lambda: "oh how are you")
    _, step = run(both, 1.5, "bo how are you")
    assert step.reason == "agreed", "heard by both: a question, ended at once"


def test_open_words_ending_on_an_npcs_name_hold_the_pause_after_it() -> None:
    """ "Um, Cleo, … read me a poem": the model is sure at the name; the name says more is coming,
    so the model cannot end the turn and the pause may last ``hold_ms``."""
    config = EndpointConfig(endpointing="smart", min_turn_ms=0)
    named = Endpointer(config, FRAME, FakeTurnModel(0.9), open_words=lambda: "ah move cleo", names={"Cleo"})
    decided, step = run(named, 1.5, "bo move the lamp")
    assert step.reason == "silence" and abs((decided - 1.5) - config.hold_ms / 1000) <= FRAME_S + 1e-9
    unnamed = Endpointer(config, FRAME, FakeTurnModel(0.9), open_words=lambda: "ah move cleo")
    assert run(unnamed, 1.5, "bo move the lamp")[1].reason == "smart"


def test_the_worker_gives_the_endpointer_the_npcs_names_its_recognizer_knows() -> None:
    from game.hearing.grammar import vocabulary_for
    from game.hearing.worker import npc_names
    from game.sim.scene import load_scene

    recognizer = FakeRecognizer([])
    assert npc_names(recognizer) == frozenset()
    recognizer.vocabulary = vocabulary_for(load_scene("default"))  # type: ignore[attr-defined]
    assert npc_names(recognizer) == {"ada", "bo", "cleo"}


def test_a_pause_that_the_speaker_ends_is_not_a_turn_and_the_next_pause_is_asked_afresh() -> None:
    answers = iter([0.05, 0.05, 0.05, 0.9])
    model = FakeTurnModel(lambda pcm: next(answers))
    config = EndpointConfig(endpointing="smart", hold_ms=1500, reprobe_ms=200, min_turn_ms=0)
    ep = Endpointer(config, FRAME, model)
    decided, step = run(ep, 1.0, "i went to the market", pause_s=0.5, then_speech_s=0.8)
    assert step.reason == "smart" and decided > 1.0 + 0.5 + 0.8, "one turn, ended after the second part"
    assert len(model.calls) == 4, "asked at 100 ms and every 200 ms in the first pause, once in the second"


def test_every_utterance_is_asked_at_its_first_pause_on_a_reused_endpointer() -> None:
    """The live worker keeps one endpointer; a turn ended at the probe must not leave the next unprobed."""
    model = FakeTurnModel(0.9)
    ep = Endpointer(SMART, FRAME, model)
    first, step = run(ep, 1.5, "bo where is the lamp")
    assert step.reason == "smart"
    second, step = run(ep, 1.5, "bo where is the lamp")
    assert step.reason == "smart" and len(model.calls) == 2
    assert second - first - 1.5 <= 2.0 + 0.1 + 2 * FRAME_S, "ended at the second utterance's first probe"


def test_the_words_are_read_afresh_when_the_model_is_asked() -> None:
    heard = iter(["where is the"] * 100)  # the recognizer has not caught up with the hint
    ep = Endpointer(SMART, FRAME, FakeTurnModel(0.9), words=lambda: next(heard))
    _, step = run(ep, 1.0, "where is the lamp")
    assert step.reason == "silence" and ep.hint == "where is the", "the words at the pause"


def test_the_model_hears_at_most_eight_seconds() -> None:
    model = FakeTurnModel(0.9)
    ep = Endpointer(SMART, FRAME, model)
    run(ep, 12.0, "tell me a story")
    assert 8.0 <= model.calls[-1] <= 8.0 + FRAME_S


def test_smart_without_a_model_is_refused_and_unknown_names_too() -> None:
    with pytest.raises(ValueError, match="turn model"):
        Endpointer(SMART, FRAME)
    with pytest.raises(ValueError, match="endpointing"):
        EndpointConfig(endpointing="psychic")


def test_the_timer_is_unchanged_and_never_asks_the_model() -> None:
    model = FakeTurnModel(0.99)
    decided, step = run(Endpointer(EndpointConfig(), FRAME, model), 1.0, "make the walls blue")
    assert step.reason == "silence" and model.calls == []
    assert 0.3 - FRAME_S <= decided - 1.0 <= 0.3 + FRAME_S


def test_the_worker_ends_a_real_spoken_question_about_100ms_after_the_voice(say, silero) -> None:
    clip = trim(say("Bo, where is the lamp?"))
    signal = np.concatenate([noise(0.5), clip, noise(2.0, seed=3)])
    true_end = 0.5 + len(clip) / 16000
    bus = EventBus()
    model = FakeTurnModel(0.9)
    worker = HearingWorker(
        bus, FakeRecognizer(["bo where is the lamp"], 0.2), silero, SMART, clock=lambda: 0.0, turn_model=model
    )
    pcm = signal.astype("<i2").tobytes()
    decided = None
    for i in range(0, len(pcm), 1024):
        worker.feed(pcm[i : i + 1024])
        if decided is None and any(isinstance(e, SpeechEnded) for e in bus.drain()):
            decided = worker.endpointer.audio_time
    assert decided is not None and model.calls, "asked at the comma too, where 'bo where is' vetoed it"
    assert decided - true_end <= 0.1 + 2 * FRAME_S, decided - true_end  # the timer: >= 0.2 s


def test_the_status_says_which_endpointing_runs() -> None:
    bus = EventBus()
    for config, model, expected in ((SMART, FakeTurnModel(), "smart"), (EndpointConfig(), None, "timer")):
        pipeline = HearingPipeline(bus, FakeRecognizer([]), _NoVad(), None, config, turn_model=model)
        pipeline._status()
        assert [e.endpointing for e in bus.drain() if isinstance(e, HearingStatus)] == [expected]
        assert pipeline.fresh().worker.turn_model is model


class _NoVad:
    frame_samples = FRAME

    def probability(self, frame: bytes) -> float:
        return 0.0

    def reset(self) -> None:
        pass


@pytest.mark.parametrize("config", [EndpointConfig(), SMART])
def test_no_pause_is_judged_while_our_own_audio_plays_over_the_user(config: EndpointConfig) -> None:
    """An NPC's murmur masks the user: the silence under it is not counted; the end stays put."""
    ep = Endpointer(config, FRAME, FakeTurnModel(0.9))
    ep.hint = "make the walls blue"
    for _ in range(round(1.0 / FRAME_S)):
        ep.step(_voiced(), 0.9)
    murmur_until = ep.audio_time + 0.6
    step = None
    while step is None or step.ended is None:
        ep.talking_over = ep.audio_time < murmur_until
        step = ep.step(_quiet(), 0.05)
        assert ep.audio_time < 5.0, "the turn never ended"
    assert ep.audio_time > murmur_until, "decided under the murmur"
    assert step.ended is not None and abs(step.ended - 1.0) <= 2 * FRAME_S, "the end is where the voice ended"
