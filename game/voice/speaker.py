"""The TTS worker: turns replies into sentence-sized speech chunks on its own thread.

The first sentence is posted to the bus as soon as it is synthesized, so it plays
while the rest is still being made. A cancelled reply (barge-in) stops between
sentences; a failed sentence posts :class:`~game.events.SpeechFailed` so the
subtitle still appears and the app carries on.
"""

from __future__ import annotations

import itertools
import queue
import threading
from dataclasses import dataclass

from game.bus import EventBus
from game.events import Notice, SpeechChunk, SpeechFailed
from game.voice.lipsync import timeline_for
from game.voice.speech_text import clean
from game.voice.tts import Synthesizer, VoiceSpec


@dataclass(frozen=True)
class SpeechRequest:
    """Say ``text`` as ``npc`` with ``voice``; ``reply_id`` ties chunks to one reply."""

    npc: str
    text: str
    voice: VoiceSpec
    reply_id: int


class SpeechWorker:
    """Owns a thread that synthesizes queued requests in order."""

    _ids = itertools.count(1)

    def __init__(self, bus: EventBus, synthesizer: Synthesizer, stop: threading.Event | None = None) -> None:
        self.bus = bus
        self.synthesizer = synthesizer
        self.stop_event = stop or threading.Event()
        self._requests: queue.Queue[SpeechRequest | None] = queue.Queue()
        self._cancelled: set[int] = set()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the worker thread (idempotent)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="tts-worker", daemon=True)
            self._thread.start()

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
        """Ask the thread to finish and wait for it."""
        self.stop_event.set()
        self._requests.put(None)
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        """Whether the worker thread runs."""
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        while not self.stop_event.is_set():
            request = self._requests.get()
            if request is None:
                break
            self.process(request)

    def process(self, request: SpeechRequest) -> None:
        """Synthesize one request sentence by sentence (also callable synchronously in tests)."""
        speakable = clean(request.text)
        sentences = speakable.sentences
        for index, sentence in enumerate(sentences):
            with self._lock:
                if request.reply_id in self._cancelled or self.stop_event.is_set():
                    return
            try:
                clip = self.synthesizer.synthesize(sentence, request.voice)
            except Exception as exc:  # an engine failure must not kill the worker
                rest = " ".join(sentences[index:])
                self.bus.put(
                    SpeechFailed(npc=request.npc, reply_id=request.reply_id, text=rest, error=str(exc))
                )
                self.bus.put(
                    Notice(source="speech", message=f"{request.npc} could not speak: {exc}", level="warning")
                )
                return
            fallbacks = getattr(self.synthesizer, "fallbacks", None)
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
