"""The synchronous core of hearing: PCM in, VAD, endpointer and recognizer, events out.

Feed it PCM and it posts what it heard on the bus. It has no thread of its own, so tests
and ``voxroom transcribe`` run it on real audio directly, and
:class:`~game.hearing.pipeline.HearingPipeline` runs one on the capture thread. Every stamp
comes from the injected ``clock``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from game.bus import EventBus
from game.events import FinalTranscript, InputLevel, PartialTranscript, SpeechEnded, SpeechStarted
from game.hearing.audio import dbfs
from game.hearing.endpoint import EndpointConfig, Endpointer, Step
from game.hearing.protocols import Recognizer, TurnModel, VoiceActivity

LEVEL_EVERY_S = 0.1
PARTIAL_EVERY_S = 0.2


@dataclass(frozen=True)
class Utterance:
    """One heard utterance: VAD boundaries and the audio time its recognizer input began."""

    start: float
    end: float
    offset: float
    final: FinalTranscript


class HearingWorker:
    """Frames in, bus events out: level, speech start/end, partials, finals (stamped by ``clock``)."""

    def __init__(
        self,
        bus: EventBus,
        recognizer: Recognizer,
        vad: VoiceActivity,
        config: EndpointConfig | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        turn_model: TurnModel | None = None,
    ) -> None:
        self.bus = bus
        self.clock = clock
        self.recognizer = recognizer
        self.vad = vad
        self.turn_model = turn_model
        self.endpointer = Endpointer(
            config,
            vad.frame_samples,
            turn_model,
            words=recognizer.partial,
            open_words=getattr(recognizer, "open_partial", None),
            names=npc_names(recognizer),
        )
        self._frame_bytes = vad.frame_samples * 2
        self._buf = b""
        self._level_acc: list[bytes] = []
        self._since_partial = 0.0
        self._last_partial = ""
        self._lock = threading.Lock()
        self.utterances: list[Utterance] = []
        self._offset = 0.0
        self._start = 0.0

    # -- control (any thread) -----------------------------------------------------------
    def set_mode(self, mode: str) -> bool:
        """Switch ``always``/``ptt``; an utterance in progress is finished first.

        Returns False, changing nothing, when the recognizer is stuck mid-feed: the caller
        (the main thread) must never wait on a hung engine.
        """
        if not self._lock.acquire(timeout=0.25):
            return False
        try:
            if mode != self.endpointer.mode:
                self._handle(self.endpointer.force_end("mode change"))
                self.endpointer.set_mode(mode)
            return True
        finally:
            self._lock.release()

    def set_ptt(self, held: bool) -> None:
        """Push-to-talk key state (only used in ``ptt`` mode)."""
        self.endpointer.ptt = held

    # -- data (worker thread) -----------------------------------------------------------
    def feed(self, pcm: bytes, talking_over: bool = False) -> None:
        """Process captured PCM of any length; ``talking_over``: our own audio played during it."""
        with self._lock:
            self.endpointer.talking_over = talking_over
            self._buf += pcm
            n = self._frame_bytes
            while len(self._buf) >= n:
                frame, self._buf = self._buf[:n], self._buf[n:]
                self._frame(frame)

    def flush(self, reason: str = "end of input") -> None:
        """Finish an utterance in progress (end of file, lost device): keep what was said."""
        with self._lock:
            self._handle(self.endpointer.force_end(reason))

    def _frame(self, frame: bytes) -> None:
        ep = self.endpointer
        self._level_acc.append(frame)
        if len(self._level_acc) * ep.frame_s >= LEVEL_EVERY_S:
            self.bus.put(InputLevel(dbfs=round(dbfs(b"".join(self._level_acc)), 1), t=self.clock()))
            self._level_acc = []
        p = self.vad.probability(frame) if ep.mode == "always" else 0.0
        self._handle(ep.step(frame, p))

    def _handle(self, step: Step) -> None:
        ep = self.endpointer
        if step.started is not None:
            self.recognizer.reset()
            self._offset = ep.audio_time - len(step.audio) / 2 / 16000
            self._start = step.started
            self._last_partial = ""
            self._since_partial = 0.0
            self.bus.put(SpeechStarted(audio_time=round(step.started, 3), t=self.clock()))
        if step.audio and (ep.in_speech or step.ended is not None):
            self.recognizer.accept(step.audio)
            self._since_partial += len(step.audio) / 2 / 16000
            if step.ended is None and self._since_partial >= PARTIAL_EVERY_S:
                self._since_partial = 0.0
                text = self.recognizer.partial()
                ep.hint = text
                if text and text != self._last_partial:
                    self._last_partial = text
                    self.bus.put(PartialTranscript(text=text, t=self.clock()))
        if step.ended is not None:
            # A last partial at the end point lets the conversation start its reply on a
            # guess while the final pass decodes (committed only if the final agrees).
            text = self.recognizer.partial()
            if text and text != self._last_partial:
                self._last_partial = text
                self.bus.put(PartialTranscript(text=text, t=self.clock()))
            self.bus.put(SpeechEnded(audio_time=round(step.ended, 3), t=self.clock()))
            result = self.recognizer.finish()
            final = FinalTranscript(
                text=result.text,
                words=result.words,
                engine=self.recognizer.name,
                unknown_words=result.unknown_words,
                t=self.clock(),
            )
            self.utterances.append(Utterance(self._start, step.ended, self._offset, final))
            if result.text or result.unknown_words:
                self.bus.put(final)


def npc_names(recognizer: object) -> frozenset[str]:
    """The NPCs' names in the recognizer's vocabulary (none for an engine without one), lower case."""
    vocabulary = getattr(recognizer, "vocabulary", None)
    slots: dict[str, tuple[str, ...]] = getattr(vocabulary, "slots", None) or {}
    return frozenset(word.lower() for name in slots.get("npc", ()) for word in name.split())
