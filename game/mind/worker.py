"""The brain worker: answers utterances off the main thread and posts the results on the bus.

The main thread builds the :class:`~game.mind.protocols.MindContext` (it owns the world)
and calls :meth:`BrainWorker.submit`; the worker posts :class:`~game.events.NpcSpeech`
per sentence (so TTS starts early) and one :class:`~game.events.NpcReplied`. An
interrupt calls :meth:`BrainWorker.cancel`: replies still pending are dropped, and a
reply being computed is not posted. :meth:`run_once` processes one request synchronously
so orchestration tests need no thread. A brain that hangs cannot be stopped from Python:
:meth:`restart` leaves its thread behind and answers on a fresh one (see
:mod:`game.conversation.watchdog`, which notices the hang from :attr:`BrainWorker.busy`).
"""

from __future__ import annotations

import inspect
import logging
import queue
import threading
import time
from dataclasses import dataclass

from game.bus import EventBus
from game.events import Notice, NpcReplied, NpcSpeech
from game.mind.protocols import Brain, MindContext, Reply
from game.workers import Busy, Restartable, background, mark_abandoned

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Request:
    utterance: str
    context: MindContext
    turn: int


class BrainWorker(Restartable):
    """One thread, one brain, one inbound request queue; results go to the event bus."""

    def __init__(self, bus: EventBus, brain: Brain, stop: threading.Event | None = None) -> None:
        super().__init__()
        self.bus = bus
        self.brain = brain
        self.stop = stop or threading.Event()
        self._requests: queue.Queue[_Request] = queue.Queue()
        self._turn = 0
        self._thread: threading.Thread | None = None
        self._streams = "on_sentence" in inspect.signature(brain.reply).parameters

    def set_brain(self, brain: Brain) -> None:
        """Swap the dialogue backend; requests after this one use it."""
        with self._lock:
            self.brain = brain
            self._streams = "on_sentence" in inspect.signature(brain.reply).parameters

    def submit(self, utterance: str, context: MindContext) -> int:
        """Queue an utterance for ``context.npc``; returns its turn number."""
        with self._lock:
            self._turn += 1
            turn = self._turn
        self._requests.put(_Request(utterance, context, turn))
        return turn

    def cancel(self) -> None:
        """Drop every pending request and silence the one in progress (barge-in)."""
        with self._lock:
            self._turn += 1
        while True:
            try:
                self._requests.get_nowait()
            except queue.Empty:
                break

    def _current(self, turn: int) -> bool:
        with self._lock:
            return turn == self._turn

    def run_once(self, timeout: float | None = None) -> Reply | None:
        """Answer one queued request (waiting up to ``timeout``); None if none came or it was cancelled."""
        try:
            request = self._requests.get(timeout=timeout)
        except queue.Empty:
            return None
        return self._answer(request, self._generation)

    def _answer(self, request: _Request, generation: int) -> Reply | None:
        npc, turn = request.context.npc, request.turn
        self._mark(generation, Busy(npc, turn, request.utterance, time.monotonic()))

        def speak(sentence: str) -> None:
            if self._current(turn):
                self.bus.put(NpcSpeech(npc=npc, text=sentence, turn=turn))
                self._mark(generation, Busy(npc, turn, request.utterance, time.monotonic()))

        try:
            if self._streams:
                reply = self.brain.reply(request.utterance, request.context, on_sentence=speak)  # type: ignore[call-arg]
            else:
                reply = self.brain.reply(request.utterance, request.context)
                speak(reply.text)
        except Exception as exc:  # the brains catch their own faults; this is the last guard
            log.exception("brain %s failed", self.brain.name)
            if self._mark(generation, None):
                self.bus.put(Notice(source="mind", message=f"{npc} could not answer: {exc}", level="error"))
            return None
        if not self._mark(generation, None) or not self._current(turn):
            return None
        self.bus.put(NpcReplied(npc=npc, utterance=request.utterance, reply=reply, turn=turn))
        return reply

    def start(self) -> None:
        """Run in a daemon thread until :attr:`stop` is set."""
        if self._thread is not None:
            return
        generation = self._generation

        def loop() -> None:
            background()
            while not self.stop.is_set() and generation == self._generation:
                try:
                    request = self._requests.get(timeout=0.1)
                except queue.Empty:
                    continue
                if generation != self._generation:  # a fresh thread took over while this one waited
                    self._requests.put(request)
                    return
                self._answer(request, generation)

        self._thread = threading.Thread(target=loop, name="brain-worker", daemon=True)
        self._thread.start()

    def restart(self, brain: Brain | None = None) -> None:
        """Abandon a hung thread and answer on a fresh one (with ``brain`` when given).

        The stuck call cannot be interrupted, so its thread is renamed
        ``brain-worker-abandoned`` and left to finish or hang on its own (it is a daemon);
        whatever it produces later is dropped, because the turn number moves on as for a
        barge-in. Queued requests are dropped too: the user asks again.
        """
        self.cancel()
        with self._lock:
            self._generation += 1
            self.busy = None
        if brain is not None:
            self.set_brain(brain)
        old, self._thread = self._thread, None
        if old is not None:
            mark_abandoned(old)
            self.start()

    def join(self, timeout: float = 2.0) -> None:
        """Stop and wait for the thread; one stuck in its brain past ``timeout`` is abandoned."""
        self.stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                mark_abandoned(self._thread)
            self._thread = None
