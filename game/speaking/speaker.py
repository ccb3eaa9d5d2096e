"""The TTS worker: turns replies into sentence-sized speech chunks on its own thread.

The first sentence is posted to the bus as soon as it is synthesized, so it plays
while the rest is still being made. A cancelled reply (barge-in) stops between
sentences; a failed sentence posts :class:`~game.events.SpeechFailed` so the
subtitle still appears and the app carries on. A synthesizer that hangs cannot be
stopped from Python: :meth:`SpeechWorker.restart` leaves its thread behind and goes on
with a fresh one (the watchdog notices the hang from :attr:`SpeechWorker.busy`).
"""

from __future__ import annotations

import itertools
import queue
import re
import threading
import time
from dataclasses import dataclass

from game.bus import EventBus
from game.events import Notice, SpeechChunk, SpeechFailed
from game.speaking.lipsync import timeline_for
from game.speaking.speech_text import MAX_CHARS, clean
from game.speaking.tts import Synthesizer, VoiceSpec
from game.workers import Busy, Restartable, background, mark_abandoned


@dataclass(frozen=True)
class SpeechRequest:
    """Say ``text`` as ``npc`` with ``voice``; ``reply_id`` ties chunks to one reply."""

    npc: str
    text: str
    voice: VoiceSpec
    reply_id: int


class SpeechWorker(Restartable):
    """Owns a thread that synthesizes queued requests in order."""

    _ids = itertools.count(1)

    def __init__(self, bus: EventBus, synthesizer: Synthesizer, stop: threading.Event | None = None) -> None:
        super().__init__()
        self.bus = bus
        self.synthesizer = synthesizer
        self.stop_event = stop or threading.Event()
        self._requests: queue.Queue[SpeechRequest | None] = queue.Queue()
        self._cancelled: set[int] = set()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the worker thread (idempotent)."""
        if self._thread is None:
            generation = self._generation
            self._thread = threading.Thread(
                target=self._run, args=(generation,), name="tts-worker", daemon=True
            )
            self._thread.start()

    def restart(self, synthesizer: Synthesizer | None = None) -> None:
        """Abandon a hung thread and go on with a fresh one (and ``synthesizer`` when given).

        The reply being synthesized is cancelled, so nothing the stuck thread makes later is
        played; its thread is renamed ``tts-worker-abandoned`` and left behind (a daemon).
        Replies queued behind it are spoken by the new thread.
        """
        with self._lock:
            if self.busy is not None:
                self._cancelled.add(self.busy.key)
            self._generation += 1
            self.busy = None
            if synthesizer is not None:
                self.synthesizer = synthesizer
        old, self._thread = self._thread, None
        if old is not None:
            mark_abandoned(old)
            self.start()

    def say(self, npc: str, text: str, voice: VoiceSpec) -> int:
        """Queue a reply; returns its id (for :meth:`cancel`)."""
        reply_id = next(self._ids)
        self._requests.put(SpeechRequest(npc, text, voice, reply_id))
        return reply_id

    def cancel(self, reply_id: int) -> None:
        """Stop synthesizing the rest of a reply (its queued chunks are dropped by the bus)."""
        with self._lock:
            self._cancelled.add(reply_id)

    def stop(self, timeout: float = 1.0) -> None:
        """Ask the thread to finish and wait for it; one stuck in its engine past ``timeout`` is abandoned."""
        self.stop_event.set()
        self._requests.put(None)
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                mark_abandoned(self._thread)

    @property
    def alive(self) -> bool:
        """Whether the worker thread runs."""
        return self._thread is not None and self._thread.is_alive()

    def _run(self, generation: int) -> None:
        background()
        while not self.stop_event.is_set() and generation == self._generation:
            request = self._requests.get()
            if request is None:
                break
            if generation != self._generation:  # a fresh thread took over while this one waited
                self._requests.put(request)
                break
            self._process(request, generation)

    def process(self, request: SpeechRequest) -> None:
        """Synthesize one request sentence by sentence (also callable synchronously in tests)."""
        self._process(request, self._generation)

    def _process(self, request: SpeechRequest, generation: int) -> None:
        speakable = clean(request.text)
        sentences = speakable.sentences
        if speakable.truncated:
            self.bus.put(
                Notice(
                    source="speech",
                    message=f"{request.npc}'s reply was cut to {MAX_CHARS} characters for speech",
                    level="warning",
                )
            )
        for index, sentence in enumerate(sentences):
            with self._lock:
                if request.reply_id in self._cancelled or self.stop_event.is_set():
                    return
            rest = " ".join(sentences[index:])
            synthesizer = self.synthesizer
            if not self._mark(generation, Busy(request.npc, request.reply_id, rest, time.monotonic())):
                return
            try:
                clip = synthesizer.synthesize(sentence, request.voice)
            except Exception as exc:  # an engine failure must not kill the worker
                if not self._mark(generation, None):
                    return
                why = one_line(str(exc) or type(exc).__name__)
                self.bus.put(SpeechFailed(npc=request.npc, reply_id=request.reply_id, text=rest, error=why))
                message = f"{request.npc} could not speak: {why}"
                self.bus.put(Notice(source="speech", message=message, level="warning"))
                return
            if not self._mark(generation, None):
                return
            fallbacks = getattr(synthesizer, "fallbacks", None)
            while fallbacks:
                self.bus.put(Notice(source="speech", message=fallbacks.pop(0), level="warning"))
            self.bus.put(
                SpeechChunk(
                    npc=request.npc,
                    reply_id=request.reply_id,
                    index=index,
                    last=index == len(sentences) - 1,
                    text=sentence,
                    clip=clip,
                    timeline=timeline_for(clip),
                    emotion=speakable.emotion if index == 0 else None,
                )
            )


def one_line(message: str, limit: int = 120) -> str:
    """An engine's error as one short HUD line: first line only, no file paths."""
    first = message.strip().splitlines()[0] if message.strip() else "unknown error"
    first = re.sub(r"(?:/[\w.+-]+){2,}", "a temporary file", first)
    return first if len(first) <= limit else first[: limit - 1] + "…"
