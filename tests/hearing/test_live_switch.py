"""Hearing and speakers changed while the room runs: swaps, failures kept out, hangs recovered.

Real pocketsphinx pipelines hear espeak-ng speech replayed from files; the mixer runs on
SDL's dummy driver (a silent device that still plays at real-time pace).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pygame

from game.conversation.runtime import Runtime
from game.conversation.watchdog import Deadlines
from game.events import Event, FinalTranscript, HearingStatus, Notice, NpcReplied, PlaybackStarted, TextInput
from game.hearing.capture import FileSource
from game.hearing.engines import HearingChoice, build_pipeline, build_recognizer, choose_engine
from game.hearing.pipeline import HearingPipeline
from game.hearing.vad import SileroVad
from game.sim.scene import Scene
from game.speaking.tts import VoiceSpec
from tests.support.clock import FakeClock
from tests.support.fakes import FakeBrain, FakeRecognizer, FakeSynthesizer
from tests.support.live import drive, make_runtime, of
from tests.support.speech import Endless, noise, with_gaps


class Talking(Endless):
    """Someone talking on and on: the same speech, looped, as fast as the pipeline reads it.

    The recognizers these tests give it get stuck on the first words, so the hearing
    thread blocks there instead of racing through the loop.
    """

    name = "talking"

    def __init__(self, samples: Any) -> None:
        super().__init__()
        self.pcm, self.pos = samples.astype("<i2").tobytes(), 0

    def read(self, timeout: float) -> bytes:
        self.reading.set()
        if self.pos >= len(self.pcm):
            self.pos = 0
        data = self.pcm[self.pos : self.pos + 640]
        self.pos += len(data)
        return data


def _listening(
    rt: Runtime, recognizer: Any = None, source: Endless | None = None
) -> tuple[HearingPipeline, Endless]:
    source = source or Endless()
    pipe = HearingPipeline(rt.bus, recognizer or FakeRecognizer([]), SileroVad(), lambda: source)
    rt.hearing = pipe
    return pipe, source


def _file_factory(rt: Runtime, path: Path, realtime: bool = False) -> Any:
    """What the app's factory does, with the file read as fast as the recognizer takes it
    (or at real-time pace, so the new pipeline is still running when the test looks)."""

    def factory(choice: HearingChoice, scene: Scene) -> HearingPipeline:
        if choice.engine == "vosk":  # the app's own path, so a missing model fails as it would there
            return build_pipeline(rt.bus, scene, engine="vosk", model=choice.model)
        recognizer = build_recognizer(choose_engine(choice.engine), scene)
        return HearingPipeline(rt.bus, recognizer, SileroVad(), lambda: FileSource(path, realtime=realtime))

    return factory


def _finals(log: list[Event]) -> list[str]:
    return [e.text for e in of(log, FinalTranscript)]


def test_replace_hearing_stops_the_old_pipeline_and_the_new_one_hears(say, sphinx_grammar, write) -> None:
    rt = make_runtime(brain=FakeBrain())
    old, old_source = _listening(rt)
    rt.start()
    try:
        assert old_source.reading.wait(5), "the old pipeline never opened its microphone"
        assert old.alive
        path = write(with_gaps([say("hello ada")])[0], "hello.wav")
        new = HearingPipeline(rt.bus, sphinx_grammar, SileroVad(), lambda: FileSource(path, realtime=False))
        rt.replace_hearing(new)
        assert not old.alive and old.finished.is_set() and old_source.closed, "the old thread is gone"
        assert rt.hearing is new and new.wait_finished(20)
        log: list[Event] = []
        assert drive(rt, lambda: bool(of(log, NpcReplied)), 5, log)
        assert _finals(log) == ["hello ada"]
        assert of(log, NpcReplied)[0].npc == "Ada"
        assert not [t for t in threading.enumerate() if t.name.startswith("hearing") and t.is_alive()]
    finally:
        rt.stop()


def test_rebuild_in_the_background_swaps_when_ready_and_keeps_the_mode(say, write) -> None:
    rt = make_runtime(brain=FakeBrain())
    old, _ = _listening(rt)
    old.set_mode("ptt")
    path = write(with_gaps([say("where is bo")])[0], "bo.wav")
    rt.hearing_factory = _file_factory(rt, path, realtime=True)  # 0.7 s of noise before the words
    rt.start()
    log: list[Event] = []
    try:
        started = time.monotonic()
        status = rt.rebuild_hearing(HearingChoice(engine="sphinx"))
        assert status == "starting the new recognizer…"
        assert time.monotonic() - started < 0.5, "building must not block the main thread"
        assert old.alive, "the old pipeline listens until the new one is ready"
        outcomes: list[str] = []
        assert drive(rt, lambda: rt.hearing is not old, 20, log, outcomes)
        assert outcomes == ["now sphinx on the default microphone"]
        assert not old.alive and rt.hearing.alive
        assert rt.hearing.mode == "ptt" and rt.hearing_choice.engine == "sphinx"
        rt.hearing.set_mode("always")  # the file has no key presses
        assert rt.hearing.wait_finished(20)
        assert drive(rt, lambda: bool(_finals(log)), 3, log)
        assert _finals(log) == ["where is bo"]
    finally:
        rt.stop()


def test_a_rebuild_that_fails_keeps_the_old_pipeline_and_says_why(write) -> None:
    rt = make_runtime(brain=FakeBrain())
    old, _ = _listening(rt)
    rt.hearing_factory = _file_factory(rt, write(noise(0.5), "n.wav"))
    rt.start()
    log: list[Event] = []
    try:
        assert rt.rebuild_hearing(HearingChoice(engine="vosk", model="/no/such/model")) == (
            "starting the new recognizer…"
        )
        outcomes: list[str] = []
        assert drive(rt, lambda: bool(outcomes), 10, log, outcomes)
        [outcome] = outcomes
        assert outcome.startswith("not switched: ") and "/no/such/model" in outcome
        assert outcome.endswith("; keeping fake on the default microphone")
        assert rt.hearing is old and old.alive

        def announced() -> bool:
            return outcome in [n.message for n in of(log, Notice) if n.source == "hearing"]

        assert drive(rt, announced, 2, log), "the failure was not announced"

        status = rt.rebuild_hearing(HearingChoice(microphone="No Such Microphone"))
        # SDL's dummy driver (the tests' driver) offers no real microphone to match
        assert status.startswith("not switched: no capture device")
        assert rt.hearing is old and old.alive and not rt._hearing_loading, "nothing was built"
    finally:
        rt.stop()


def test_without_a_factory_hearing_settings_are_only_saved() -> None:
    rt = make_runtime(brain=FakeBrain())
    assert rt.rebuild_hearing(HearingChoice(engine="sphinx")) == "voice input is off in this run"


class Jammed(FakeRecognizer):
    """A recognizer that stops answering after a few blocks of audio (a stuck decoder)."""

    def __init__(self) -> None:
        super().__init__([])
        self.release = threading.Event()
        self.blocks = 0

    def accept(self, pcm: bytes) -> None:
        self.blocks += 1
        if self.blocks > 5:
            self.release.wait()
        super().accept(pcm)


def test_a_hung_recognizer_is_rebuilt_and_typing_works_meanwhile(say) -> None:
    rt = make_runtime(Deadlines(hearing_s=0.4), brain=FakeBrain())
    jammed = Jammed()
    old, old_source = _listening(rt, jammed, Talking(with_gaps([say("hello ada")], lead_s=0.2)[0]))
    built = threading.Event()

    def factory(choice: HearingChoice, scene: Scene) -> HearingPipeline:
        built.wait(5)  # a slow model load: the hung pipeline is not waited for meanwhile
        return HearingPipeline(rt.bus, FakeRecognizer([]), SileroVad(), Endless)

    rt.hearing_factory = factory
    rt.start()
    log: list[Event] = []
    try:
        assert drive(rt, lambda: jammed.blocks > 5, 3, log)
        assert drive(rt, lambda: rt._hearing_loading, 3, log), "the hang was not noticed"
        rt.bus.put(TextInput(text="Ada, can you hear me?"))
        assert drive(rt, lambda: bool(of(log, NpcReplied)), 5, log), "typing must work while hearing hangs"
        built.set()
        assert drive(rt, lambda: rt.hearing is not old, 5, log)
        assert old_source.closed, "the stuck pipeline's microphone was closed from the main thread"
        assert rt.hearing.alive
        names = [t.name for t in threading.enumerate()]
        assert "hearing-abandoned" in names and names.count("hearing") == 1
        assert drive(rt, lambda: any(n.message.startswith("now fake") for n in of(log, Notice)), 2, log)
        messages = [n.message for n in of(log, Notice) if n.source == "hearing"]
        assert messages == [
            "speech recognition did not answer in 0.4 s; restarting it (type with Enter or T meanwhile)",
            "now fake on the default microphone",
        ]
    finally:
        started = time.monotonic()
        rt.stop()
        took = time.monotonic() - started
        jammed.release.set()
    assert took < 1.2 and rt.threads_alive() == []


def test_a_recognizer_that_hangs_again_at_once_is_switched_off(say) -> None:
    rt = make_runtime(Deadlines(hearing_s=0.3), brain=FakeBrain())
    recognizers: list[Jammed] = []
    speech = with_gaps([say("hello ada")], lead_s=0.2)[0]

    def jammed_pipeline(choice: HearingChoice | None = None, scene: Scene | None = None) -> HearingPipeline:
        recognizers.append(Jammed())
        recognizers[-1].blocks = 5  # stuck on its first block of speech
        return HearingPipeline(rt.bus, recognizers[-1], SileroVad(), lambda: Talking(speech))

    rt.hearing = jammed_pipeline()
    rt.hearing_factory = jammed_pipeline
    rt.start()
    log: list[Event] = []
    try:
        assert drive(rt, lambda: any(n.level == "error" for n in of(log, Notice)), 6, log)
        assert rt.hearing is None and len(recognizers) == 2
        [off] = [n for n in of(log, Notice) if n.level == "error"]
        assert off.message == "speech recognition hung for 0.3 s; voice input is off — type with Enter or T"
        assert of(log, HearingStatus)[-1].mode == "text"
    finally:
        rt.stop()
        for r in recognizers:
            r.release.set()
    assert rt.threads_alive() == []


def _tone_reply(rt: Runtime, log: list[Event]) -> None:
    before = len(of(log, PlaybackStarted))
    rt.bus.put(TextInput(text="Ada, tell me something long enough to still be playing"))
    assert drive(rt, lambda: len(of(log, PlaybackStarted)) > before, 5, log), "no reply was played"


def test_switching_speakers_reopens_the_mixer_and_playback_and_hearing_go_on() -> None:
    rt = make_runtime(brain=FakeBrain(), synthesizer=FakeSynthesizer(seconds_per_word=0.3))
    old, old_source = _listening(rt)
    rt.start()
    log: list[Event] = []
    try:
        _tone_reply(rt, log)
        assert not rt.conversation.idle
        assert rt.switch_speakers("System audio output device") == ""  # SDL's dummy output
        assert pygame.mixer.get_init() is not None and rt.player.voices == {}
        assert drive(rt, lambda: rt.conversation.idle, 2, log), "the cut-off reply must not stay pending"
        assert not old.alive and old_source.closed, "hearing closed its device before SDL audio shut down"
        assert rt.hearing is not old and rt.hearing.alive
        assert rt.hearing.worker.recognizer is old.worker.recognizer, "the model is not reloaded"

        message = rt.switch_speakers("No Such Speakers")
        assert message.startswith("speakers 'No Such Speakers' not available (")
        assert message.endswith("); using the system default")
        assert pygame.mixer.get_init() is not None
        _tone_reply(rt, log)
        assert rt.player.speaking() == ["Ada"] and rt.player.voices["Ada"].channel.get_busy()
        assert rt.player.start_time("Ada", of(log, PlaybackStarted)[-1].reply_id, 0) is not None
        assert [n.message for n in of(log, Notice) if n.source == "sound"] == [message]
    finally:
        rt.stop()
    assert rt.threads_alive() == []


def test_the_player_works_after_the_mixer_is_reopened() -> None:
    from game.events import SpeechChunk
    from game.speaking.lipsync import timeline_for
    from game.speaking.playback import Player, init_mixer, reopen_mixer

    assert init_mixer() == ""
    clock = FakeClock()
    player = Player(clock)
    text = "one two"
    clip = FakeSynthesizer(seconds_per_word=0.2).synthesize(text, VoiceSpec())
    chunk = SpeechChunk(
        npc="Bo", reply_id=1, index=0, last=True, text=text, clip=clip, timeline=timeline_for(clip)
    )
    player.enqueue(chunk)
    player.stop_all()
    assert reopen_mixer("") == ""
    player.reset()
    player.enqueue(chunk)
    clock.advance(0.05)
    player.update((0, 1.6, 3), 0.0, {"Bo": (0.0, 0.0, 0.0)})
    assert player.speaking() == ["Bo"] and player.voices["Bo"].channel.get_busy()
