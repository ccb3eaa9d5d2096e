"""Answering on a guess: stable partial transcripts start the reply before the final one.

Real conversation, real worker threads and the real default brain; the hearing side is
played by posting its events (the recogniser's own tests cover what it posts) and the
synthesizer is the fake one, so each case takes a second or two.
"""

from __future__ import annotations

import pytest

from game.bench.understanding import room_state
from game.events import (
    Event,
    FinalTranscript,
    NpcReplied,
    PartialTranscript,
    PlaybackStarted,
    SpeechEnded,
    SpeechStarted,
    WordTiming,
)
from game.mind.addressing import choose_addressee
from game.sim.transform import forward_vector
from tests.support.live import drive, make_runtime, of


def _speak(rt, log: list[Event], partial: str) -> None:  # type: ignore[no-untyped-def]
    """Speech starts, the same partial comes twice (the guess is made), speech ends."""
    rt.bus.put(SpeechStarted(audio_time=0.0))
    for _ in range(2):
        rt.bus.put(PartialTranscript(text=partial))
    assert drive(rt, lambda: any(isinstance(e, NpcReplied) for e in log), 5, log), "no guess was made"
    rt.bus.put(SpeechEnded(audio_time=1.0))


def test_a_stable_guess_plays_at_the_end_of_speech_and_the_final_confirms_it() -> None:
    rt = make_runtime()
    log: list[Event] = []
    rt.start()
    try:
        _speak(rt, log, "bo where is the lamp")
        assert drive(rt, lambda: bool(of(log, PlaybackStarted)), 3, log), "the guess did not play"
        assert not of(log, FinalTranscript), "it played before the final transcript came"
        # The recogniser adds a greeting the partial lacked: the same question, no correction.
        rt.bus.put(FinalTranscript(text="hi bo where is the lamp", words=(), engine="fake"))
        assert drive(rt, lambda: rt.conversation.idle, 5, log)
        conv = rt.conversation
        assert conv.guesses.corrections == 0 and conv.guesses.hits == 1
        [turn] = conv.turns
        assert turn.npc == "Bo" and "lamp" in turn.reply_text.lower() and not turn.corrected
    finally:
        rt.stop()


def _timed(text: str, doubtful: str) -> tuple[WordTiming, ...]:
    return tuple(
        WordTiming(word=w, start=i * 0.3, end=i * 0.3 + 0.3, conf=0.1 if w == doubtful else 0.9)
        for i, w in enumerate(text.split())
    )


@pytest.mark.parametrize(
    ("said", "doubtful", "corrected"),
    [
        ("bo where is the lamp", "hi", False),  # a greeting is not compared
        ("bo where is the lamp", "lamp", False),  # the same words, and the answer only talks
        ("bo where is the lamp", "bo", True),  # a doubtful name may call someone else
        ("ada walk to the window", "walk", True),  # a doubtful command is asked about first
    ],
)
def test_a_doubtful_word_undoes_an_early_answer_only_where_the_answer_rests_on_it(
    said: str, doubtful: str, corrected: bool
) -> None:
    """bench voice: a right early answer to "Ada, how are you?" was cut and said again for a doubtful word."""
    rt = make_runtime()
    log: list[Event] = []
    rt.start()
    try:
        before = room_state(rt.world)
        _speak(rt, log, said)
        assert drive(rt, lambda: bool(of(log, PlaybackStarted)), 3, log), "the guess did not play"
        final = f"hi {said}"
        rt.bus.put(FinalTranscript(text=final, words=_timed(final, doubtful), engine="fake"))
        assert drive(rt, lambda: rt.conversation.idle, 5, log)
        assert rt.conversation.guesses.corrections == int(corrected)
        assert rt.conversation.turns[0].corrected == corrected
        if corrected and "walk" in said:
            assert room_state(rt.world) == before, "nothing resting on a doubtful word was done"
        if not corrected:
            assert f"{doubtful}(?)" in rt.conversation.view.caption, "the caption shows the doubt"
    finally:
        rt.stop()


def test_a_guess_the_final_contradicts_is_cut_and_the_real_question_answered() -> None:
    rt = make_runtime()
    log: list[Event] = []
    rt.start()
    try:
        _speak(rt, log, "bo where is the lamp")
        assert drive(rt, lambda: bool(of(log, PlaybackStarted)), 3, log)
        rt.bus.put(FinalTranscript(text="bo where is the plant", words=(), engine="fake"))
        assert drive(rt, lambda: len(rt.conversation.turns) == 2 and rt.conversation.idle, 5, log)
        conv = rt.conversation
        assert conv.guesses.corrections == 1 and conv.guesses.misses == 1
        first, second = conv.turns
        assert first.corrected and not second.corrected
        assert "plant" in second.reply_text.lower() and "lamp" not in second.reply_text.lower()
    finally:
        rt.stop()


def test_a_retracted_early_guess_leaves_the_world_as_it_was() -> None:
    rt = make_runtime()
    log: list[Event] = []
    rt.start()
    try:
        before = room_state(rt.world)
        _speak(rt, log, "ada add a plant")
        assert drive(rt, lambda: bool(of(log, PlaybackStarted)), 3, log), "the guess did not play"
        assert room_state(rt.world) == before, "the guess acted before the final transcript came"
        rt.bus.put(FinalTranscript(text="ada what is a plant", words=(), engine="fake"))
        assert drive(rt, lambda: len(rt.conversation.turns) == 2 and rt.conversation.idle, 5, log)
        assert rt.conversation.turns[0].corrected
        assert room_state(rt.world) == before, "a retracted guess left a change behind"
    finally:
        rt.stop()


def test_an_early_guess_acts_once_the_final_confirms_it() -> None:
    rt = make_runtime()
    log: list[Event] = []
    rt.start()
    try:
        before = room_state(rt.world)
        _speak(rt, log, "ada walk to the window")
        assert drive(rt, lambda: bool(of(log, PlaybackStarted)), 3, log), "the guess did not play"
        assert room_state(rt.world) == before, "the guess acted before the final transcript came"
        rt.bus.put(FinalTranscript(text="ada walk to the window", words=(), engine="fake"))
        assert drive(rt, lambda: rt.conversation.idle, 5, log)
        assert room_state(rt.world) != before, "the confirmed guess never acted"
        assert rt.conversation.guesses.hits == 1 and len(rt.conversation.turns) == 1
    finally:
        rt.stop()


def test_a_name_only_the_retracted_guess_heard_does_not_choose_who_answers() -> None:
    """The guess heard "ada"; the final line names nobody: the NPC the user faces answers, not Ada."""
    rt = make_runtime()
    log: list[Event] = []
    rt.start()
    try:
        conv = rt.conversation
        faced, _ = choose_addressee("", rt.world, conv.user_eye, forward_vector(conv.user_yaw, 0.0))
        assert faced is not None and faced != "Ada"
        _speak(rt, log, "ada where is the lamp")
        assert drive(rt, lambda: bool(of(log, PlaybackStarted)), 3, log), "the guess did not play"
        rt.bus.put(FinalTranscript(text="where is the plant", words=(), engine="fake"))
        assert drive(rt, lambda: len(conv.turns) == 2 and conv.idle, 5, log)
        first, second = conv.turns
        assert first.npc == "Ada" and first.corrected
        assert second.npc == faced and "plant" in second.reply_text.lower()
    finally:
        rt.stop()
