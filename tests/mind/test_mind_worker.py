"""The brain worker posts speech and replies on the bus; an interrupt drops stale answers."""

from __future__ import annotations

from game.bus import EventBus
from game.events import Interrupt, NpcReplied, NpcSpeech
from game.mind.brain import EmbeddingBrain
from game.mind.protocols import Reply
from game.mind.session import MindSession
from game.mind.worker import BrainWorker
from tests.support.fakes import FakeBrain
from tests.support.waiting import WatchedBus, posted


def test_worker_posts_speech_then_reply(session: MindSession) -> None:
    bus = EventBus()
    worker = BrainWorker(bus, FakeBrain({"hi": Reply(text="Hello you.", intent="greet")}))
    turn = worker.submit("hi", session.context("Ada"))
    reply = worker.run_once(timeout=0)
    assert reply is not None and reply.text == "Hello you."
    events = bus.drain()
    assert [type(e) for e in events] == [NpcSpeech, NpcReplied]
    assert events[0].npc == "Ada" and events[0].turn == turn  # type: ignore[attr-defined]
    assert events[1].to_json()["reply"]["text"] == "Hello you."


def test_cancel_drops_pending_and_interrupt_drops_queued_speech(session: MindSession) -> None:
    bus = EventBus()
    worker = BrainWorker(bus, FakeBrain())
    worker.submit("one", session.context("Bo"))
    worker.submit("two", session.context("Bo"))
    worker.cancel()
    assert worker.run_once(timeout=0) is None
    worker.submit("three", session.context("Bo"))
    worker.run_once(timeout=0)
    bus.put(Interrupt())
    assert [type(e) for e in bus.drain()] == [Interrupt], "speech queued before a barge-in is dropped"


def test_threaded_worker_with_the_real_brain(session: MindSession, brain: EmbeddingBrain) -> None:
    bus = WatchedBus()
    worker = BrainWorker(bus, brain)
    worker.start()
    try:
        worker.submit("where is the lamp?", session.context("Cleo"))
        assert bus.wait_for(posted(NpcReplied), 10), "no reply came"
    finally:
        worker.join()
    replies = [e for e in bus.drain() if isinstance(e, NpcReplied)]
    assert replies and "sofa" in replies[0].reply.text
