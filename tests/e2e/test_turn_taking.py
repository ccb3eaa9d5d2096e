"""Turn-taking on the main thread: nods during a long user turn, and yielding for good when talked over."""

from __future__ import annotations

import time

import pytest

from game.conversation.backchannel import Backchannel
from game.conversation.yielding import asks_to_go_on, unsaid
from game.events import (
    Event,
    Interrupt,
    NpcSpeech,
    PlaybackEnded,
    PlaybackStarted,
    SpeechEnded,
    SpeechStarted,
    TextInput,
)
from tests.support.clock import FakeClock
from tests.support.fakes import FakeSynthesizer
from tests.support.live import DT, drive, make_runtime, of


def test_the_policy_nods_after_four_seconds_then_every_few_and_never_after_the_turn() -> None:
    b = Backchannel(after_s=4.0, every_s=3.5)
    assert not b.due(10.0), "no turn, no nod"
    b.turn_started(10.0)
    assert not b.due(13.9)
    assert b.due(14.0) and not b.due(14.1), "once, not every frame"
    assert not b.due(17.4) and b.due(17.5)
    b.turn_ended()
    assert not b.due(30.0) and b.count == 2


def test_during_a_long_turn_the_listener_nods_silently_and_not_during_a_short_one() -> None:
    rt = make_runtime()
    conv = rt.conversation
    clock = FakeClock(now=50.0)
    conv.clock = clock
    log: list[Event] = []
    conv.handle(SpeechStarted(audio_time=0.0, t=clock()))
    npc = conv.view.listening_to
    assert npc is not None
    avatar = rt.world.animator.get(npc)
    for _ in range(int(3.9 / DT)):
        clock.advance(DT)
        rt.tick(DT)
    assert avatar.gesture is None, "no nod in the first four seconds"
    clock.advance(0.2)
    rt.tick(DT)
    assert avatar.gesture == "nod" and avatar.status == "listening"
    log.extend(rt.bus.drain())
    assert not of(log, NpcSpeech) and not of(log, PlaybackStarted) and not conv.voicing.busy, "no sound"
    conv.handle(SpeechEnded(audio_time=6.0, t=clock()))
    avatar.gesture = None
    clock.advance(10.0)
    rt.tick(DT)
    assert avatar.gesture is None, "the turn is over: no more nods"
    assert conv.backchannel.count == 1


def test_audible_backchannels_murmur_with_the_nod_tell_the_echo_guard_and_stop_with_the_turn() -> None:
    synth = FakeSynthesizer(seconds_per_word=2.0)  # a long murmur: still playing when the turn ends
    rt = make_runtime(synthesizer=synth)
    conv = rt.conversation
    assert not conv.audible_backchannels, "off by default"
    conv.audible_backchannels = True
    clock = FakeClock(now=50.0)
    conv.clock = clock
    log: list[Event] = []
    rt.start()
    try:
        conv.handle(SpeechStarted(audio_time=0.0, t=clock()))
        npc = conv.view.listening_to
        assert npc is not None
        clock.advance(4.1)
        assert drive(rt, lambda: npc in rt.player.speaking(), 5, log), "no murmur was played"
        assert rt.world.animator.get(npc).gesture == "nod" and synth.calls == ["Uh-huh."]
        now = time.monotonic()
        assert abs(rt.echo.reference(now - 0.1, 8000)).max() > 0.1, "the echo guard was not told"
        assert not of(log, PlaybackStarted) and not of(log, NpcSpeech), "a murmur is not a reply"
        conv.handle(SpeechEnded(audio_time=5.0, t=clock()))
        assert npc not in rt.player.speaking() and not conv.voicing.busy, "the murmur outlived the turn"
        drive(rt, lambda: False, 0.2, log)
        assert not of(log, PlaybackEnded) and not of(log, Interrupt), "cut silently"
        assert "heard" not in conv.session.focus.get(npc, {}) and not conv.turns
    finally:
        rt.stop()


def test_an_npc_talked_over_stops_and_never_resumes_its_sentence() -> None:
    rt = make_runtime()
    log: list[Event] = []
    rt.start()
    try:
        rt.bus.put(TextInput(text="Ada, tell me about yourself"))
        assert drive(rt, lambda: bool(of(log, PlaybackStarted)), 10, log), "Ada did not start to answer"
        reply_id = of(log, PlaybackStarted)[0].reply_id
        rt.bus.put(SpeechStarted(audio_time=0.0))  # the user starts to speak over her
        assert drive(rt, lambda: any(e.interrupted for e in of(log, PlaybackEnded)), 3, log)
        cut = len(log)
        rt.bus.put(SpeechEnded(audio_time=0.8))  # ... says nothing the recognizer keeps
        drive(rt, lambda: False, 1.5, log)  # a second and a half of frames: nothing may resume
        after = log[cut:]
        assert not [e for e in of(after, PlaybackStarted) if e.reply_id == reply_id], "her sentence resumed"
        assert not of(after, NpcSpeech), "nothing was said again unasked"
        assert "heard" in rt.conversation.session.focus["Ada"], "what the user heard is kept"
    finally:
        rt.stop()


def test_go_on_is_recognised_and_the_rest_is_counted_in_words() -> None:
    assert asks_to_go_on("Ada, please go on.", ["Ada"]) and asks_to_go_on("sorry, go on")
    assert not asks_to_go_on("go on to the table") and not asks_to_go_on("where is the lamp")
    assert unsaid("I am Ada. I like lamps.", "I am") == "Ada. I like lamps." and unsaid("Hi.", "Hi.") == ""


@pytest.mark.parametrize(("follow_up", "resumes"), [("Ada, go on", True), ("Ada, where is the lamp?", False)])
def test_asked_to_go_on_the_npc_says_the_rest_and_only_then(follow_up: str, resumes: bool) -> None:
    rt = make_runtime()
    log: list[Event] = []
    rt.start()
    try:
        rt.bus.put(TextInput(text="Ada, tell me about yourself"))
        assert drive(rt, lambda: bool(of(log, PlaybackStarted)), 10, log)
        assert drive(rt, lambda: bool(rt.conversation.turns[0].reply_text), 5, log)
        reply = rt.conversation.turns[0].reply_text
        rt.bus.put(SpeechStarted(audio_time=0.0))
        assert drive(rt, lambda: any(e.interrupted for e in of(log, PlaybackEnded)), 3, log)
        heard = next(e.heard for e in of(log, PlaybackEnded) if e.interrupted)
        cut = len(log)
        rt.bus.put(TextInput(text=follow_up))
        assert drive(rt, lambda: bool(of(log[cut:], PlaybackStarted)), 10, log)
        said = " ".join(e.text for e in of(log[cut:], PlaybackStarted))
        rest = unsaid(reply, heard)
        assert (said.split()[:3] == rest.split()[:3]) is resumes, (follow_up, said, rest)
        assert (len(rt.conversation.turns) == 1) is resumes, "the brain is not asked to go on"
    finally:
        rt.stop()
