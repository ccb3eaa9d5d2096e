"""Early answers (guesses on partial transcripts) with a mod host, as ``voxroom run`` always has one.

The rule: an utterance a loaded mod declared (one of its intents, or a ``listen_for``
phrase) is never guessed; every other one is. A mod with an ``on_heard`` hook sees each
final transcript before a guess is played (so nothing is answered before the end of the
final), and when it answers, the guess is dropped unheard.
"""

from __future__ import annotations

from pathlib import Path

from game.events import (
    Event,
    FinalTranscript,
    NpcReplied,
    PartialTranscript,
    PlaybackStarted,
    SpeechEnded,
    SpeechStarted,
)
from game.modding.host import ModHost
from tests.support.live import drive, make_runtime, of
from tests.support.waiting import WatchedBus

from .conftest import write_mod

HEADER = "from game.modding import api\nmod = api.this_mod()\n"
CAFE = (
    HEADER
    + """
def order(npc, utterance, slots):
    return f"One {slots['drink']} coming up!"

mod.intent("order", ["a {drink} please"], order, slots={"drink": ["latte", "tea"]})
mod.listen_for("paris")
"""
)
SESAME = (
    HEADER
    + """
@mod.on_heard
def heard(npc, utterance):
    return "The door opens." if "sesame" in utterance.lower() else None
"""
)


def runtime(tmp_path: Path, code: str | None):  # type: ignore[no-untyped-def]
    bus = WatchedBus()
    root = tmp_path / "mods"
    root.mkdir()
    if code is not None:
        write_mod(root, "m", code)
    host = ModHost(bus, [root], data_dir=tmp_path / "data")
    rt = make_runtime(bus=bus, mods=host, memory_dir=tmp_path / "memory")
    host.load(rt.world)
    rt.start()
    return rt, host


def speak(rt, log: list[Event], partial: str) -> None:  # type: ignore[no-untyped-def]
    rt.bus.put(SpeechStarted(audio_time=0.0))
    for _ in range(2):
        rt.bus.put(PartialTranscript(text=partial))


def test_with_an_empty_mod_host_a_stable_guess_plays_before_the_final(tmp_path: Path) -> None:
    rt, host = runtime(tmp_path, None)
    log: list[Event] = []
    try:
        speak(rt, log, "bo where is the lamp")
        assert drive(rt, lambda: bool(of(log, NpcReplied)), 5, log), "no guess was made with a mod host"
        rt.bus.put(SpeechEnded(audio_time=1.0))
        assert drive(rt, lambda: bool(of(log, PlaybackStarted)), 3, log), "the guess did not play early"
        assert not of(log, FinalTranscript)
        rt.bus.put(FinalTranscript(text="bo where is the lamp", words=(), engine="fake"))
        assert drive(rt, lambda: rt.conversation.idle, 5, log)
        assert rt.conversation.guesses.hits == 1
    finally:
        rt.stop()
        host.shutdown()


def test_a_phrase_a_mod_declared_is_not_guessed_and_the_mod_answers_the_final(tmp_path: Path) -> None:
    rt, host = runtime(tmp_path, CAFE)
    log: list[Event] = []
    try:
        assert host.claims("ada a latte please", "Ada") and host.claims("Paris", "Ada")
        assert not host.claims("bo where is the lamp", "Bo")
        speak(rt, log, "ada a latte please")
        rt.bus.put(SpeechEnded(audio_time=1.0))
        drive(rt, lambda: False, 0.3, log)
        assert rt.conversation.guesses.current is None and not of(log, NpcReplied), "nothing was guessed"
        rt.bus.put(FinalTranscript(text="ada a latte please", words=(), engine="fake"))
        assert drive(rt, lambda: bool(of(log, PlaybackStarted)) and rt.conversation.idle, 5, log)
        assert rt.conversation.turns[-1].reply_text == "One latte coming up!"
        # an undeclared phrase is still guessed with the same mod loaded
        speak(rt, log, "bo where is the lamp")
        assert drive(rt, lambda: rt.conversation.guesses.current is not None, 3, log)
    finally:
        rt.stop()
        host.shutdown()


def test_an_on_heard_answer_overrules_the_guess_which_is_never_heard(tmp_path: Path) -> None:
    rt, host = runtime(tmp_path, SESAME)
    log: list[Event] = []
    try:
        speak(rt, log, "ada open sesame")
        assert drive(rt, lambda: bool(of(log, NpcReplied)), 5, log), "the guess is prepared"
        rt.bus.put(SpeechEnded(audio_time=1.0))
        drive(rt, lambda: False, 0.3, log)
        assert not of(log, PlaybackStarted), "with an on_heard hook nothing plays before the final"
        rt.bus.put(FinalTranscript(text="ada open sesame", words=(), engine="fake"))
        assert drive(rt, lambda: bool(of(log, PlaybackStarted)) and rt.conversation.idle, 5, log)
        assert [e.text for e in of(log, PlaybackStarted)] == ["The door opens."]
        assert rt.conversation.guesses.hits == 0 and rt.conversation.guesses.misses == 1
        # on_heard passes: the prepared guess plays at the final
        log.clear()
        speak(rt, log, "bo where is the lamp")
        assert drive(rt, lambda: bool(of(log, NpcReplied)), 5, log)
        rt.bus.put(SpeechEnded(audio_time=2.0))
        rt.bus.put(FinalTranscript(text="bo where is the lamp", words=(), engine="fake"))
        assert drive(rt, lambda: bool(of(log, PlaybackStarted)) and rt.conversation.idle, 5, log)
        assert rt.conversation.guesses.hits == 1
        assert "lamp" in rt.conversation.turns[-1].reply_text.lower()
    finally:
        rt.stop()
        host.shutdown()
