"""The NPC's reaction at the end of the user's turn, and the filler before a slow reply.

Thinking shows within a frame of the end of the turn (a look at the user, a thoughtful face,
"…" on the name tag) and always clears; a reply with no audio 600 ms after the end of the turn
starts with one filler in the NPC's own voice, and the reply follows it on the same channel.
The conversation runs on a fake clock (the deadline is exact); the workers and the mixer run
for real, and the test waits on their events, never on a guessed time.
"""

from __future__ import annotations

import math
from pathlib import Path

from game.conversation.runtime import Runtime
from game.conversation.thinking import BRAIN_GRACE_S, FILLER_AFTER_S, HEARING_GIVE_UP_S
from game.events import (
    Event,
    FinalTranscript,
    Interrupt,
    NpcLine,
    NpcReplied,
    PartialTranscript,
    PlaybackEnded,
    PlaybackStarted,
    SpeechChunk,
    SpeechEnded,
    SpeechStarted,
    TextInput,
)
from game.mind.protocols import Reply
from game.modding.host import ModHost
from tests.modding.conftest import write_mod
from tests.support.clock import FakeClock
from tests.support.fakes import FakeBrain, FakeSynthesizer, SlowBrain
from tests.support.live import DT, drive, make_runtime, of
from tests.support.waiting import WatchedBus

LAMP = "what do you think of the lamp"
ANSWER = Reply(text="The lamp is lovely.", intent="opinion", score=1.0)
REACTION_S = 0.15
DOOR = """
from game.modding import api
mod = api.this_mod()

@mod.on_heard
def heard(npc, utterance):
    return "Open sesame." if "sesame" in utterance else None
"""


def room(brain: object, **kw: object) -> tuple[Runtime, FakeClock]:
    """The default room on a fake clock; fillers of 0.3 s a word, long enough to queue behind."""
    rt = make_runtime(brain=brain, synthesizer=FakeSynthesizer(seconds_per_word=0.3), **kw)  # type: ignore[arg-type]
    clock = FakeClock(now=200.0)
    rt.conversation.clock = clock
    rt.start()
    return rt, clock


def user_says(rt: Runtime, clock: FakeClock, text: str = LAMP) -> str:
    """The user speaks for a second and stops; the final transcript follows. Returns who listened."""
    rt.handle(SpeechStarted(audio_time=0.0, t=clock()))
    npc = rt.conversation.view.listening_to
    assert npc is not None
    clock.advance(1.0)
    rt.handle(SpeechEnded(audio_time=1.0, t=clock()))
    rt.handle(FinalTranscript(text=text, t=clock()))
    return npc


def assert_thinking(rt: Runtime, npc: str) -> None:
    avatar = rt.world.animator.get(npc)
    assert avatar.status == "thinking" and avatar.emotion == "thinking"
    assert avatar.look_target is not None and math.dist(avatar.look_target, rt.conversation.user_eye) < 1e-6


def assert_not_thinking(rt: Runtime, npc: str) -> None:
    avatar = rt.world.animator.get(npc)
    assert avatar.status != "thinking" and avatar.emotion != "thinking", "a stuck '…'"
    assert npc not in rt.conversation.thinking.npcs


def test_thinking_shows_at_the_end_of_speech_before_the_final_transcript() -> None:
    rt, clock = room(FakeBrain())
    try:
        rt.handle(SpeechStarted(audio_time=0.0, t=clock()))
        npc = rt.conversation.view.listening_to
        assert npc is not None and rt.world.animator.get(npc).status == "listening"
        rt.world.animator.look_at(npc, None)  # looking away: the end of the turn brings the eyes back
        clock.advance(1.0)
        rt.handle(SpeechEnded(audio_time=1.0, t=clock()))
        assert_thinking(rt, npc)
        # Noise: no final transcript ever comes, and the "…" does not stay.
        clock.advance(HEARING_GIVE_UP_S)
        rt.tick(DT)
        assert_not_thinking(rt, npc)
        assert rt.conversation.thinking.fillers == [], "no words were heard: nothing to fill"
    finally:
        rt.stop()


def test_a_slow_reply_starts_with_one_filler_at_600_ms_and_the_reply_follows_it_without_a_gap(
    tmp_path: Path,
) -> None:
    brain = SlowBrain({LAMP: ANSWER})
    rt, clock = room(brain, memory_dir=tmp_path / "memory")
    conv, log = rt.conversation, []
    try:
        npc = user_says(rt, clock)
        assert brain.asked.wait(5), "the brain never got the line"
        turn = conv.turns[-1]
        assert turn.speech_end is not None and turn.reaction is not None
        assert turn.reaction - turn.speech_end <= REACTION_S
        assert_thinking(rt, npc)
        clock.advance(FILLER_AFTER_S - 0.01)
        rt.tick(DT)
        assert conv.thinking.fillers == [], "not before 600 ms"
        clock.advance(0.02)
        rt.tick(DT)
        clock.advance(5.0)
        rt.tick(DT)
        assert len(conv.thinking.fillers) == 1, "one filler, at most once per turn"
        filler = conv.thinking.fillers[0]
        assert filler.npc == npc and filler.text in rt.session.personas[npc].lines["filler"]

        def filler_playing() -> bool:
            whole = any(isinstance(e, SpeechChunk) and e.reply_id == filler.reply_id and e.last for e in log)
            return whole and npc in rt.player.speaking()

        assert drive(rt, filler_playing, 5, log), "the filler did not play"
        assert rt.world.animator.get(npc).status == "thinking", "still thinking while the filler plays"
        filler_end = max(s.end for s in rt.player.voices[npc].schedule if s.chunk.reply_id == filler.reply_id)
        brain.release.set()  # the reply is ready while the filler is still being said
        assert drive(rt, lambda: bool(of(log, PlaybackStarted)), 5, log), "the reply did not play"
        started = of(log, PlaybackStarted)[0]
        assert started.text == ANSWER.text
        assert filler_end - 0.005 <= started.audio_start <= filler_end + 0.1, "no overlap, no gap"
        assert turn.playback_start == started.audio_start, "the turn is timed by the reply, not the filler"
        assert_not_thinking(rt, npc)
        assert drive(rt, lambda: conv.idle and bool(of(log, PlaybackEnded)), 5, log)
        # The filler is no reply: not in the transcript, the mods' lines or the NPC's memory.
        assert [e.text for e in of(log, PlaybackStarted)] == [ANSWER.text]
        assert [e.text for e in of(log, NpcLine)] == [ANSWER.text]
        assert len(of(log, PlaybackEnded)) == 1
        assert filler.text not in str(rt.session.memories[npc].turns)
        assert turn.reply_text == ANSWER.text
    finally:
        brain.release.set()
        rt.stop()


def test_a_fast_reply_gets_no_filler() -> None:
    synth = FakeSynthesizer(seconds_per_word=0.3)
    rt = make_runtime(brain=FakeBrain({LAMP: ANSWER}), synthesizer=synth)
    clock = FakeClock(now=200.0)
    rt.conversation.clock = clock
    rt.start()
    log: list[Event] = []
    try:
        npc = user_says(rt, clock)
        assert_thinking(rt, npc)
        assert drive(rt, lambda: bool(of(log, PlaybackStarted)), 5, log)  # within 0 s of the fake clock
        assert_not_thinking(rt, npc)
        clock.advance(FILLER_AFTER_S * 2)
        rt.tick(DT)
        assert rt.conversation.thinking.fillers == [] and synth.calls == [ANSWER.text]
    finally:
        rt.stop()


def test_no_filler_while_the_final_is_decoded_nor_just_after_it_arrives() -> None:
    """A slow final pass is no slow answer: the reply a moment after it must not queue behind a filler."""
    brain = SlowBrain({LAMP: ANSWER})
    rt, clock = room(brain)
    conv = rt.conversation
    try:
        rt.handle(SpeechStarted(audio_time=0.0, t=clock()))
        rt.handle(PartialTranscript(text="lamp", t=clock()))  # words, but none settled to answer early
        npc = conv.view.listening_to
        assert npc is not None
        clock.advance(1.0)
        rt.handle(SpeechEnded(audio_time=1.0, t=clock()))
        clock.advance(FILLER_AFTER_S * 1.5)
        rt.tick(DT)
        assert conv.thinking.fillers == [], "the words are not known yet: nothing to fill"
        rt.handle(FinalTranscript(text=LAMP, t=clock()))
        assert brain.asked.wait(5), "the brain never got the line"
        clock.advance(BRAIN_GRACE_S - 0.01)
        rt.tick(DT)
        assert conv.thinking.fillers == [], "the reply may still come at once"
        clock.advance(0.02)
        rt.tick(DT)
        assert [f.npc for f in conv.thinking.fillers] == [npc], "now the answer is late"
    finally:
        brain.release.set()
        rt.stop()


def test_a_barge_in_during_the_wait_cancels_the_filler_and_clears_thinking() -> None:
    brain = SlowBrain({LAMP: ANSWER})
    rt, clock = room(brain)
    conv, log = rt.conversation, []
    try:
        npc = user_says(rt, clock)
        assert brain.asked.wait(5)
        clock.advance(0.3)
        rt.tick(DT)
        rt.handle(SpeechStarted(audio_time=2.0, t=clock()))  # the user goes on before the answer
        assert_not_thinking(rt, npc)
        assert of(rt.bus.drain(), Interrupt), "the brain's answer is cancelled"
        clock.advance(FILLER_AFTER_S * 2)
        rt.tick(DT)
        brain.release.set()
        drive(rt, lambda: False, 0.3, log)
        assert conv.thinking.fillers == [] and not of(log, PlaybackStarted) and not of(log, NpcLine)
        assert conv.voicing.speech.synthesizer.calls == [], "nothing was said"  # type: ignore[attr-defined]
    finally:
        brain.release.set()
        rt.stop()


def test_a_barge_in_during_the_filler_cuts_it_silently() -> None:
    brain = SlowBrain({LAMP: ANSWER})
    rt, clock = room(brain)
    conv, log = rt.conversation, []
    try:
        npc = user_says(rt, clock)
        clock.advance(FILLER_AFTER_S)
        rt.tick(DT)
        assert drive(rt, lambda: npc in rt.player.speaking(), 5, log), "the filler did not play"
        rt.handle(SpeechStarted(audio_time=3.0, t=clock()))
        after = rt.bus.drain()
        assert npc not in rt.player.speaking() and not conv.voicing.voicing(npc)
        assert_not_thinking(rt, npc)
        assert not of(after, PlaybackEnded), "a filler is no reply: nothing was interrupted"
        assert "heard" not in rt.session.focus.get(npc, {}), "the filler is not what the user heard"
        brain.release.set()
        drive(rt, lambda: False, 0.3, log)
        assert not of(log, PlaybackStarted), "the cancelled reply never plays"
    finally:
        brain.release.set()
        rt.stop()


def test_a_typed_line_shows_thinking_until_the_reply_plays() -> None:
    brain = SlowBrain({"ada, what do you think of the lamp": ANSWER})
    rt, clock = room(brain)
    log: list[Event] = []
    try:
        rt.handle(TextInput(text="Ada, what do you think of the lamp", t=clock()))
        assert_thinking(rt, "Ada")
        assert rt.conversation.turns[-1].stages_ms()["to_reaction"] <= REACTION_S * 1000
        assert brain.asked.wait(5)
        clock.advance(FILLER_AFTER_S)
        rt.tick(DT)
        assert [f.npc for f in rt.conversation.thinking.fillers] == ["Ada"], (
            "a slow typed answer gets one too"
        )
        brain.release.set()
        assert drive(rt, lambda: bool(of(log, PlaybackStarted)), 5, log)
        assert_not_thinking(rt, "Ada")
    finally:
        brain.release.set()
        rt.stop()


def test_an_empty_reply_clears_thinking() -> None:
    rt, clock = room(FakeBrain({LAMP: Reply(text="", intent="none", score=1.0)}))
    log: list[Event] = []
    try:
        npc = user_says(rt, clock)
        assert drive(rt, lambda: bool(of(log, NpcReplied)), 5, log)
        assert_not_thinking(rt, npc)
        assert rt.conversation.idle, "nothing is waited for"
    finally:
        rt.stop()


def test_when_a_mod_takes_the_turn_thinking_clears_as_its_line_plays(tmp_path: Path) -> None:
    write_mod(tmp_path / "mods", "door", DOOR)
    bus = WatchedBus()
    host = ModHost(bus, [tmp_path / "mods"], data_dir=tmp_path / "data")
    rt, clock = room(SlowBrain(), bus=bus, mods=host)
    host.load(rt.world)
    log: list[Event] = []
    try:
        npc = user_says(rt, clock, "sesame")
        assert rt.world.animator.get(npc).status == "thinking", "until the mod's line plays"
        assert drive(rt, lambda: bool(of(log, PlaybackStarted)), 5, log)
        assert of(log, PlaybackStarted)[0].text == "Open sesame."
        assert_not_thinking(rt, npc)
    finally:
        rt.stop()
        host.shutdown()
