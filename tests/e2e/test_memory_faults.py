"""A memory write that fails in the running app: a HUD notice, and the NPC takes back its promise.

Real worker threads and bus; a scripted brain that learns the user's name and promises to
remember, and a memory store whose writes fail after the reply was made (a disk that
fills up between the answer and the save), which no check before the answer can see.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from game.events import Event, Notice, TextInput
from game.mind.memory import MemoryStore, could_not_save
from game.mind.protocols import MindContext, Reply
from game.speaking.tts import SpeechClip, VoiceSpec
from tests.support.fakes import FakeBrain, FakeSynthesizer
from tests.support.live import drive, make_runtime, of

PROMISE = "Noted. I'll remember that."


class PromisingBrain(FakeBrain):
    """Learns the name and promises to remember, as the real ``tell_fact`` skill does."""

    def reply(self, utterance: str, context: MindContext) -> Reply:
        assert context.memory is not None
        context.memory.learn({"name": "Sam"})
        context.memory.add_turn(utterance, PROMISE, "tell_fact")
        return Reply(text=f"Nice to meet you, Sam. {PROMISE}", intent="tell_fact", brain=self.name)


class FullDisk(MemoryStore):
    """Reads work; every write fails just before it would commit."""

    def _before_commit(self, db: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("database or disk is full")


class Recording(FakeSynthesizer):
    """Keeps every sentence it was asked to speak."""

    def __init__(self) -> None:
        super().__init__(seconds_per_word=0.05)
        self.spoken: list[str] = []

    def synthesize(self, text: str, voice: VoiceSpec) -> SpeechClip:
        self.spoken.append(text)
        return super().synthesize(text, voice)


def test_a_failed_memory_write_shows_a_notice_and_the_npc_takes_back_its_promise(tmp_path: Path) -> None:
    voice = Recording()
    rt = make_runtime(brain=PromisingBrain(), synthesizer=voice)
    rt.session.store = FullDisk(tmp_path)
    log: list[Event] = []
    apology = could_not_save("database or disk is full").split(" (")[0]  # (speech drops the reason)
    rt.start()
    try:
        rt.bus.put(TextInput(text="Ada, my name is Sam"))

        def said_and_noticed() -> bool:
            # Both: the apology is spoken on the TTS thread, and can be before the notice is drained.
            said = any(s.startswith(apology) for s in voice.spoken)
            return said and any(isinstance(e, Notice) and e.source == "memory" for e in log)

        assert drive(rt, said_and_noticed, 10, log), voice.spoken
    finally:
        rt.stop()
    notices = [n for n in of(log, Notice) if n.source == "memory"]
    assert [(n.level, n.message) for n in notices] == [
        ("warning", "Ada's memory was not saved (database or disk is full)")
    ]
    assert MemoryStore(tmp_path).load("Ada").user_name == ""
    assert rt.session.memories["Ada"].pending, "what was learned waits for the next write"
