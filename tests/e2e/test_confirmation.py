"""A command heard with doubt is asked about, and the user's spoken yes or no decides.

Real conversation, worker threads and default brain; the hearing side posts the final
transcripts with word confidences as the pocketsphinx final pass gives them (its own tests,
tests/hearing/test_word_confidence.py, cover that forced phrases come back doubtful).
"""

from __future__ import annotations

from game.bench.understanding import room_state
from game.events import Event, FinalTranscript, NpcReplied, SpeechEnded, SpeechStarted, WordTiming
from tests.support.live import drive, make_runtime, of


def _final(rt, log: list[Event], confs: dict[str, float]) -> str:  # type: ignore[no-untyped-def]
    """Say the words (with these confidences) and return the NPC's answer."""
    replies = len(of(log, NpcReplied))
    rt.bus.put(SpeechStarted(audio_time=0.0))
    rt.bus.put(SpeechEnded(audio_time=1.0))
    words = tuple(
        WordTiming(word=w, start=i * 0.2, end=i * 0.2 + 0.2, conf=c) for i, (w, c) in enumerate(confs.items())
    )
    rt.bus.put(FinalTranscript(text=" ".join(confs), words=words, engine="sphinx"))
    assert drive(rt, lambda: len(of(log, NpcReplied)) > replies and rt.conversation.idle, 5, log)
    reply: NpcReplied = of(log, NpcReplied)[-1]
    return reply.reply.text.lower()


def test_a_doubtful_command_waits_for_the_users_yes() -> None:
    rt = make_runtime()
    log: list[Event] = []
    rt.start()
    try:
        before = room_state(rt.world)
        asked = _final(rt, log, {"ada": 0.8, "add": 0.1, "a": 0.1, "plant": 0.1, "please": 0.1})
        assert "did i hear that right" in asked and "add a plant" in asked
        assert room_state(rt.world) == before, "a doubtful command acted before the user said yes"
        _final(rt, log, {"yes": 0.9})
        assert drive(rt, lambda: room_state(rt.world) != before, 3, log), "the confirmed command never acted"
    finally:
        rt.stop()


def test_a_doubtful_command_the_user_refuses_leaves_the_room_alone() -> None:
    rt = make_runtime()
    log: list[Event] = []
    rt.start()
    try:
        before = room_state(rt.world)
        asked = _final(rt, log, {"bo": 0.7, "go": 0.2, "to": 0.2, "the": 0.2, "window": 0.05})
        assert "go to the window" in asked
        refused = _final(rt, log, {"no": 0.9})
        assert "leave it" in refused
        assert room_state(rt.world) == before
    finally:
        rt.stop()
