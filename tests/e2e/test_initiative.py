"""Initiative in the live conversation: scenes after a quiet while, cut by the user; greetings; edit comments.

The conversation runs on an injected clock, so "25 s of quiet" and "within 150 ms" are
measured exactly; where real playback matters (the fade of a cut-off line) the real TTS and
player threads run with the fake synthesizer.
"""

from __future__ import annotations

import math
import random
import time
from pathlib import Path

import pytest

from game.conversation.initiative import QUIET_S
from game.conversation.runtime import Runtime
from game.events import (
    Event,
    FinalTranscript,
    NpcLine,
    NpcReplied,
    PlaybackEnded,
    PlaybackStarted,
    SceneRequest,
    SpeechEnded,
    SpeechStarted,
    TextInput,
)
from game.mind.note import Note
from game.mind.protocols import Action, Reply
from game.modding.world_api import WorldApi
from tests.support.clock import FakeClock
from tests.support.live import DT, make_runtime, of
from tests.support.waiting import frames, poll


def quiet_room(tmp_path: Path, seed: int = 3) -> tuple[Runtime, FakeClock]:
    rt = make_runtime(memory_dir=tmp_path / "memory")
    clock = FakeClock(now=100.0)
    rt.conversation.clock = clock
    rt.conversation.initiative.rng = random.Random(seed)
    rt.tick(DT)  # the room opens: the quiet time counts from here, on this clock
    return rt, clock


def scene_lines(rt: Runtime) -> list[str]:
    return [s.text for s in rt.conversation.initiative.said if s.kind == "scene"]


def run(rt: Runtime, clock: FakeClock, until: object, timeout: float, log: list[Event]) -> bool:
    """Main-loop frames as the app runs them, the injected clock moving one frame per step."""

    def step() -> None:
        for event in rt.bus.drain():
            log.append(event)
            rt.handle(event)
        rt.tick(DT)
        rt.world.tick(DT, time.monotonic())
        clock.advance(DT)

    return frames(step, until, timeout, rt.bus)  # type: ignore[arg-type]


def test_a_scene_starts_after_the_quiet_time_and_not_before(tmp_path: Path) -> None:
    rt, clock = quiet_room(tmp_path)
    clock.advance(QUIET_S - 0.5)
    rt.tick(DT)
    assert rt.conversation.initiative.said == [], "not before 25 s of quiet"
    clock.advance(0.6)
    rt.tick(DT)
    first = rt.conversation.initiative.said
    assert len(first) == 1 and first[0].kind == "scene"
    speaker, listener = first[0].speaker, first[0].listener
    anim = rt.world.animator
    head = anim.get(speaker).look_target
    assert head is not None and math.dist(head[0::2], rt.world.npc_position(listener)[0::2]) < 0.01
    back = anim.get(listener).look_target
    assert back is not None and math.dist(back[0::2], rt.world.npc_position(speaker)[0::2]) < 0.01
    lines = of(rt.bus.drain(), NpcLine)
    assert [(e.npc, e.source) for e in lines] == [(speaker, "scene")], "mods' on_line hears scene lines"


def test_the_quiet_time_counts_from_the_end_of_the_users_turn_and_of_any_reply(tmp_path: Path) -> None:
    rt, clock = quiet_room(tmp_path)
    conv = rt.conversation
    conv.handle(SpeechStarted(audio_time=0.0, t=clock()))
    clock.advance(3 * QUIET_S)
    rt.tick(DT)
    assert conv.initiative.said == [], "never while the user talks"
    conv.handle(SpeechEnded(audio_time=0.0, t=clock()))
    npc = conv.view.listening_to or "Ada"
    conv.thinking.begin(rt.world, npc, conv.user_eye, clock(), filler=False)  # its brain is answering
    clock.advance(3 * QUIET_S)
    rt.tick(DT)
    assert conv.initiative.said == [], "never while an NPC answers"
    conv.thinking.stop(rt.world, npc)
    rt.tick(DT)
    clock.advance(QUIET_S - 1.0)
    rt.tick(DT)
    assert conv.initiative.said == [], "the quiet time starts again when the answer is done"
    clock.advance(1.5)
    rt.tick(DT)
    assert len(scene_lines(rt)) == 1


def test_the_setting_off_means_no_scene(tmp_path: Path) -> None:
    rt, clock = quiet_room(tmp_path)
    rt.conversation.initiative.scenes = False
    for _ in range(10):
        clock.advance(QUIET_S)
        rt.tick(DT)
    assert rt.conversation.initiative.said == []


def test_a_mod_starts_a_scene_at_once_and_suppresses_them(tmp_path: Path) -> None:
    rt, clock = quiet_room(tmp_path)
    conv = rt.conversation
    api = WorldApi(
        "chat",
        lambda: rt.world,
        lambda c: None,
        lambda: conv.user_eye,
        lambda m, lvl: None,
        clock,
        rt.bus.put,
    )
    api.start_scene("Cleo", "Bo", topic="room")
    for event in rt.bus.drain():
        assert isinstance(event, SceneRequest) and event.source == "mod:chat"
        conv.handle(event)
    rt.tick(DT)
    said = conv.initiative.said
    assert [(s.speaker, s.listener, s.kind) for s in said] == [("Cleo", "Bo", "scene")], (
        "no quiet time needed"
    )
    conv.handle(SpeechStarted(audio_time=0.0, t=clock()))  # the user ends it
    conv.handle(SpeechEnded(audio_time=0.0, t=clock()))
    api.suppress_scenes(90)
    for event in rt.bus.drain():
        conv.handle(event)
    clock.advance(3 * QUIET_S)
    rt.tick(DT)
    assert len(scene_lines(rt)) == 1, "suppressed"
    clock.advance(20)
    rt.tick(DT)
    assert len(scene_lines(rt)) == 2, "the suppression is over"


def test_the_user_cuts_in_the_scene_stops_within_150_ms_and_the_addressed_npc_turns(tmp_path: Path) -> None:
    rt, clock = quiet_room(tmp_path)
    conv = rt.conversation
    log: list[Event] = []
    rt.start()
    try:
        clock.advance(QUIET_S + 0.1)
        assert run(rt, clock, lambda: len(scene_lines(rt)) >= 2 and rt.player.speaking(), 20, log)
        speaker = conv.initiative.said[-1].speaker
        cut = len(conv.initiative.said)
        rt.bus.put(SpeechStarted(audio_time=0.0, t=clock()))
        started = clock()
        stopped: list[float] = []
        run(rt, clock, lambda: bool(stopped.append(clock()) or not conv.initiative.playing), 1, log)
        assert stopped[-1] - started <= 0.15, "the scene stopped within 150 ms on the conversation's clock"
        posted = rt.bus.posted  # type: ignore[attr-defined]
        assert any(e.npc == speaker and e.interrupted for e in of(posted, PlaybackEnded))
        assert poll(lambda: rt.player.speaking() == [], 0.15), "its voice faded out within 150 ms"
        npc = conv.view.listening_to
        assert npc is not None and rt.world.animator.get(npc).status == "listening"
        assert rt.world.animator.get(npc).look_target == conv.user_eye, "the addressed NPC turns to the user"
        run(rt, clock, lambda: False, 1.0, log)
        assert len(conv.initiative.said) == cut, "the rest of the scene is dropped"
        assert not conv.voicing.busy
    finally:
        rt.stop()


@pytest.mark.slow
def test_a_whole_scene_plays_line_after_line_and_retells_only_what_was_said_aloud(tmp_path: Path) -> None:
    rt, clock = quiet_room(tmp_path, seed=4)
    conv = rt.conversation
    memory = conv.session.memories["Ada"]  # a private note from an earlier visit
    memory.note(Note(kind="news", topic="health", about="my knee surgery went badly", ask="", t=1.0))
    conv.handle(FinalTranscript(text="Ada, I'm learning to paint", t=clock()))  # said aloud
    log: list[Event] = []
    rt.start()
    try:
        assert run(rt, clock, lambda: bool(of(log, PlaybackEnded)), 10, log), "Ada answered"
        clock.advance(QUIET_S)
        conv.handle(SceneRequest(a="Bo", b="Ada", topic="user"))
        assert run(rt, clock, lambda: not conv.initiative.playing and len(scene_lines(rt)) >= 4, 60, log)
    finally:
        rt.stop()
    said = conv.initiative.said
    assert [s.speaker for s in said] == ["Bo", "Ada"] * (len(said) // 2)
    assert "learning to paint" in said[0].text
    spoken = " ".join(e.text for e in of(log, PlaybackStarted) if e.npc in ("Ada", "Bo"))
    assert all(s.text.split()[0] in spoken for s in said), "every line was voiced"
    assert not any("knee" in s.text for s in said), "a private note is never retold"


def _near(rt: Runtime, npc: str, metres: float) -> None:
    """Stand ``metres`` in front of ``npc``, looking at it."""
    x, _, z = rt.world.npc_position(npc)
    eye = (x, 1.6, z + metres)
    rt.conversation.set_user(eye, 0.0)  # yaw 0 faces -z: towards the NPC


def test_an_npc_that_remembers_the_name_greets_once_when_the_user_comes_near(tmp_path: Path) -> None:
    rt, _ = quiet_room(tmp_path)
    conv = rt.conversation
    conv.session.memories["Ada"].user_name = "Sam"
    _near(rt, "Ada", 4.0)
    rt.tick(DT)
    assert conv.initiative.said == [], "not from across the room"
    conv.voicing.say("Bo", "Anyway, as I was saying.")  # someone is talking
    _near(rt, "Ada", 2.0)
    rt.tick(DT)
    assert conv.initiative.said == [], "not while anyone is talking"
    conv.voicing.stop_all(rt.world)
    rt.tick(DT)
    said = conv.initiative.said
    assert len(said) == 1 and said[0].kind == "greeting" and said[0].speaker == "Ada"
    assert "Sam" in said[0].text and said[0].listener == "user"
    ada = rt.world.animator.get("Ada")
    assert ada.gesture == "wave" and ada.look_target == conv.user_eye
    conv.voicing.stop_all(rt.world)
    _near(rt, "Ada", 5.0)
    rt.tick(DT)
    _near(rt, "Ada", 1.0)
    rt.tick(DT)
    assert len(conv.initiative.said) == 1, "once per visit"


def test_an_npc_that_does_not_know_the_name_does_not_invent_one(tmp_path: Path) -> None:
    rt, _ = quiet_room(tmp_path)
    conv = rt.conversation
    conv.session.memories["Ada"].user_name = "Sam"  # Ada knows; Bo does not
    _near(rt, "Bo", 1.2)
    rt.tick(DT)
    assert conv.initiative.said == []
    assert not of(rt.bus.drain(), NpcLine)


def test_a_room_edit_gets_one_comment_from_a_nearby_other_npc(tmp_path: Path) -> None:
    rt, clock = quiet_room(tmp_path)
    conv = rt.conversation
    blue = Reply(
        text="Done.", actions=(Action.make("recolour", target="walls", colour="blue"),), brain="test"
    )
    conv.handle(TextInput(text="Ada, make the walls blue", t=clock()))
    conv.handle(NpcReplied(npc="Ada", utterance="Ada, make the walls blue", reply=blue))
    rt.tick(DT)
    said = conv.initiative.said
    assert len(said) == 1 and said[0].kind == "comment" and said[0].speaker != "Ada"
    assert said[0].text.startswith("Blue walls?") and "Ada" in said[0].text, said[0].text
    assert said[0].listener == "Ada"
    conv.voicing.stop_all(rt.world)
    green = Reply(
        text="Done.", actions=(Action.make("recolour", target="sofa", colour="green"),), brain="test"
    )
    conv.handle(NpcReplied(npc="Ada", utterance="Ada, paint the sofa green", reply=green))
    rt.tick(DT)
    assert len(conv.initiative.said) == 1, "one remark for a series of edits"


def test_no_greeting_after_the_user_spoke_first_or_once_the_moment_passed(tmp_path: Path) -> None:
    rt, clock = quiet_room(tmp_path)
    conv = rt.conversation
    for npc in ("Ada", "Cleo"):
        conv.session.memories[npc].user_name = "Sam"
    conv.handle(SpeechStarted(audio_time=0.0, t=clock()))  # talking while walking up to Ada
    _near(rt, "Ada", 2.0)
    rt.tick(DT)
    conv.handle(SpeechEnded(audio_time=0.0, t=clock()))
    rt.tick(DT)
    assert conv.initiative.said == [], "the user spoke first: a greeting now would talk over the answer"
    conv.voicing.say("Bo", "Anyway, as I was saying.")
    _near(rt, "Cleo", 2.0)
    rt.tick(DT)
    clock.advance(6.0)  # Bo talks on
    conv.voicing.stop_all(rt.world)
    rt.tick(DT)
    assert conv.initiative.said == [], "a greeting six seconds late is not said"


def test_the_mod_api_refuses_a_bad_scene_request_with_the_fix(tmp_path: Path) -> None:
    rt, clock = quiet_room(tmp_path)
    api = WorldApi(
        "chat", lambda: rt.world, lambda c: None, lambda: (0.0, 0.0, 0.0), lambda m, lvl: None, clock
    )
    with pytest.raises(ValueError, match="room, each_other, user"):
        api.start_scene("Ada", "Bo", topic="weather")
    with pytest.raises(ValueError, match="two different NPC names"):
        api.start_scene("Ada", "Ada")
    with pytest.raises(ValueError, match="from 0 to 3600"):
        api.suppress_scenes(-1)
    rt.conversation.handle(SceneRequest(a="Ada", b="Nobody"))
    rt.tick(DT)
    notices = [e.message for e in rt.bus.drain() if getattr(e, "source", "") == "scenes"]
    assert notices == ["start_scene('Ada', 'Nobody'): needs two different NPCs in the room"]
    assert rt.conversation.initiative.said == []
