"""A brain or TTS engine that hangs: a notice, the NPC's turn back, the next line answered, a quick exit.

Real worker threads and the real mixer (SDL's dummy driver); the engines are fakes that
block on an Event nobody sets until the end, which is what a hung driver looks like from
Python. The deadlines are short so each test takes a few seconds.
"""

from __future__ import annotations

import threading
import time

from game.conversation.faults import LOST_THREAD
from game.conversation.watchdog import Deadlines
from game.events import Event, Notice, NpcReplied, NpcSpeech, PlaybackStarted, SpeechChunk, TextInput
from game.mind.protocols import MindContext, Reply
from game.speaking.tts import SpeechClip, VoiceSpec
from tests.support.fakes import FakeBrain, FakeSynthesizer
from tests.support.live import drive, make_runtime, of

FAST = Deadlines(brain_s=0.4, speech_s=0.4, hearing_s=0.4)


class StuckBrain(FakeBrain):
    """Echoes, but never returns from a line with "stuck" in it until released.

    ``stuck`` is the thread that got stuck: once released, a test joins it and then knows
    that whatever it was going to post has been posted.
    """

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.stuck: threading.Thread | None = None

    def reply(self, utterance: str, context: MindContext) -> Reply:
        if "stuck" in utterance.lower():
            self.stuck = threading.current_thread()
            self.release.wait()
        return super().reply(utterance, context)


class StuckSynthesizer(FakeSynthesizer):
    """A short tone, but never returns from a sentence containing ``hang_on`` until released."""

    def __init__(self, hang_on: str) -> None:
        super().__init__(seconds_per_word=0.05)
        self.hang_on = hang_on
        self.release = threading.Event()
        self.stuck: threading.Thread | None = None  # as for StuckBrain

    def synthesize(self, text: str, voice: VoiceSpec) -> SpeechClip:
        if self.hang_on in text.lower():
            self.stuck = threading.current_thread()
            self.release.wait()
        return super().synthesize(text, voice)


def _notices(log: list[Event], source: str) -> list[str]:
    return [n.message for n in of(log, Notice) if n.source == source]


def _finish(stuck: threading.Thread | None) -> None:
    """Wait until a released thread has ended: nothing it does can come later than this."""
    assert stuck is not None, "no call got stuck"
    stuck.join(5)
    assert not stuck.is_alive(), f"{stuck.name} still runs after its call returned"


def _answered(log: list[Event], words: str) -> bool:
    return any(words in e.reply.text for e in of(log, NpcReplied))


def test_a_hung_brain_is_restarted_and_the_next_line_is_answered() -> None:
    brain = StuckBrain()
    rt = make_runtime(FAST, brain=brain)
    log: list[Event] = []
    ada = rt.world.animator.get("Ada")
    rt.start()
    try:
        rt.bus.put(TextInput(text="Ada, are you stuck?"))
        assert drive(rt, lambda: ada.status == "thinking", 2, log)
        assert drive(rt, lambda: bool(_notices(log, "mind")), 3, log), "no notice about the hang"
        [message] = _notices(log, "mind")
        assert message == "Ada's brain did not answer in 0.4 s; restarted it"
        assert ada.status == "" and ada.subtitle == LOST_THREAD
        assert rt.conversation.idle
        assert "brain-worker-abandoned" in [t.name for t in threading.enumerate()]

        rt.bus.put(TextInput(text="Ada, hello"))
        assert drive(rt, lambda: _answered(log, "Ada, hello"), 5, log), "the next line got no answer"
        assert drive(rt, lambda: bool(of(log, PlaybackStarted)) and rt.conversation.idle, 5, log)
        assert rt.conversation.turns[-1].reply_text == "You said: Ada, hello"
    finally:
        started = time.monotonic()
        rt.stop()
        took = time.monotonic() - started
    assert took < 1.2, f"stop took {took:.2f} s with a hung brain thread"
    assert rt.threads_alive() == []
    brain.release.set()  # the stuck call returns now: its answer must go nowhere
    _finish(brain.stuck)
    late = [e for e in rt.bus.drain() if isinstance(e, (NpcSpeech, NpcReplied))]
    assert late == []


def test_a_hung_tts_shows_the_subtitle_and_a_fresh_thread_speaks_the_next_reply() -> None:
    synth = StuckSynthesizer(hang_on="magic")
    rt = make_runtime(FAST, synthesizer=synth, brain=FakeBrain({"ada, magic": Reply(text="Magic words.")}))
    log: list[Event] = []
    ada = rt.world.animator.get("Ada")
    rt.start()
    try:
        rt.bus.put(TextInput(text="Ada, magic"))
        assert drive(rt, lambda: bool(_notices(log, "speech")), 4, log), "no notice about the hang"
        assert _notices(log, "speech") == ["Ada's voice did not come in 0.4 s; restarted text to speech"]
        assert ada.subtitle == "Magic words."
        assert drive(rt, lambda: rt.conversation.idle, 2, log), "the reply never retired"
        assert _answered(log, "Magic words."), "the brain's turn (actions, memory) still completed"

        rt.bus.put(TextInput(text="Ada, hello"))
        assert drive(rt, lambda: bool(of(log, PlaybackStarted)), 5, log), "the next reply was not spoken"
        assert [c.text for c in of(log, SpeechChunk)] == ["You said: Ada, hello"]
        assert rt.speech.synthesizer is synth, "one hang restarts, it does not bypass the engine"
    finally:
        started = time.monotonic()
        rt.stop()
        took = time.monotonic() - started
    assert took < 1.2 and rt.threads_alive() == []
    synth.release.set()
    _finish(synth.stuck)
    assert [e for e in rt.bus.drain() if isinstance(e, SpeechChunk)] == [], "a late chunk was posted"


def test_tts_that_hangs_twice_in_a_row_is_bypassed_with_subtitles_only() -> None:
    synth = StuckSynthesizer(hang_on="you said")
    rt = make_runtime(FAST, synthesizer=synth, brain=FakeBrain())
    log: list[Event] = []
    rt.start()
    try:
        for count, line in enumerate(("Ada, one", "Ada, two"), 1):
            rt.bus.put(TextInput(text=line))
            assert drive(rt, lambda n=count: len(_notices(log, "speech")) == n, 5, log), line
            assert drive(rt, lambda: rt.conversation.idle, 2, log)
        messages = _notices(log, "speech")
        assert messages[0].endswith("restarted text to speech")
        assert messages[1] == (
            "text to speech hung again; NPCs answer in subtitles only until you restart Voxroom"
        )
        assert rt.speech.synthesizer.name == "silent"
        rt.bus.put(TextInput(text="Ada, three"))
        assert drive(rt, lambda: bool(of(log, SpeechChunk)), 5, log)
        [chunk] = of(log, SpeechChunk)
        assert chunk.text == "You said: Ada, three" and not chunk.clip.samples.any()
    finally:
        rt.stop()
        synth.release.set()
    assert rt.threads_alive() == []


def test_quitting_while_brain_and_tts_hang_exits_within_a_second() -> None:
    brain = StuckBrain()
    synth = StuckSynthesizer(hang_on="magic")
    rt = make_runtime(Deadlines(), synthesizer=synth, brain=brain)  # default deadlines: no restart yet
    log: list[Event] = []
    rt.start()
    rt.speech.say("Bo", "A magic spell.", VoiceSpec())
    rt.bus.put(TextInput(text="Ada, are you stuck?"))
    assert drive(rt, lambda: rt.brain.busy is not None and rt.speech.busy is not None, 3, log)
    started = time.monotonic()
    rt.stop()
    took = time.monotonic() - started
    brain.release.set()
    synth.release.set()
    assert took < 1.2, f"stop took {took:.2f} s"
    assert rt.threads_alive() == []
