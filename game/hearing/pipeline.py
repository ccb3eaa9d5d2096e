"""The hearing pipeline: microphone → VAD/endpointer → recognizer → bus.

:class:`HearingWorker` is the synchronous core (feed it PCM, it posts events), so
tests run it on real audio without threads. :class:`HearingPipeline` runs a worker on
a thread fed by an :class:`~game.hearing.protocols.AudioSource` (SDL's callback thread
is the capture thread), handles a lost or missing microphone by falling back to text
mode and retrying, and exposes push-to-talk and the text path to the app. While it
feeds audio to the recognizer it publishes :attr:`HearingPipeline.busy`, so the main
thread can tell a recognizer that hangs (:mod:`game.conversation.watchdog`) and :meth:`abandon` it.

Both take a ``clock`` (seconds, ``time.monotonic`` by default) for every stamp they make:
the watchdog compares ``busy.since`` with its own clock, so a test that gives both the
same fake clock decides when a hang has lasted long enough, instead of waiting for it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from game.bus import EventBus
from game.events import (
    FinalTranscript,
    HearingStatus,
    InputLevel,
    Notice,
    PartialTranscript,
    SpeechEnded,
    SpeechStarted,
    TextInput,
)
from game.hearing.audio import dbfs
from game.hearing.endpoint import MODES, EndpointConfig, Endpointer, Step
from game.hearing.protocols import (
    AudioSource,
    DeviceLost,
    Recognizer,
    SourceEnded,
    TurnModel,
    VoiceActivity,
)
from game.workers import Busy, background

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
        self.endpointer = Endpointer(config, vad.frame_samples, turn_model, words=recognizer.partial)
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
    def feed(self, pcm: bytes) -> None:
        """Process captured PCM of any length."""
        with self._lock:
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


SourceFactory = Callable[[], AudioSource]


class HearingPipeline:
    """Capture + VAD + recognizer on a worker thread, posting to the bus.

    Build it in the app with :func:`game.hearing.engines.build_pipeline`; call
    :meth:`start` once, :meth:`stop` on exit (joins within a second), :meth:`set_ptt`
    from key down/up of V, :meth:`set_mode`, and :meth:`submit_text` for the text box.
    """

    def __init__(
        self,
        bus: EventBus,
        recognizer: Recognizer,
        vad: VoiceActivity,
        source_factory: SourceFactory | None,
        config: EndpointConfig | None = None,
        mode: str = "always",
        retry_s: float = 3.0,
        hint: str = "",
        *,
        clock: Callable[[], float] = time.monotonic,
        turn_model: TurnModel | None = None,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        self.bus = bus
        self.clock = clock
        self.worker = HearingWorker(bus, recognizer, vad, config, clock=clock, turn_model=turn_model)
        self.worker.set_mode(mode)
        self.source_factory = source_factory
        self.retry_s = retry_s
        self.hint = hint
        self.mode = mode
        self.microphone = ""
        self._no_mic = "no microphone"  # why there is none, for the HUD (doctor's words)
        self.stop_event = threading.Event()
        self.finished = threading.Event()
        self._removed = threading.Event()
        self._thread: threading.Thread | None = None
        self._source: AudioSource | None = None
        self.busy: Busy | None = None  # set while the recognizer works on captured audio
        self._fed = 0
        self.abandoned = False

    def fresh(self) -> HearingPipeline:
        """A new, unstarted pipeline with the same recognizer, VAD, microphone and mode.

        Used after the speakers were switched: SDL closes every audio device when the
        mixer is re-opened, so hearing is stopped first and carries on in a new thread
        without reloading its model.
        """
        if self.abandoned:
            raise RuntimeError("an abandoned pipeline's recognizer may still be stuck; build a new one")
        worker = self.worker
        config = worker.endpointer.config
        return HearingPipeline(
            self.bus,
            worker.recognizer,
            worker.vad,
            self.source_factory,
            config,
            self.mode,
            self.retry_s,
            self.hint,
            clock=self.clock,
            turn_model=worker.turn_model,
        )

    @property
    def completed(self) -> int:
        """Utterances heard to the end: a recognizer that hangs on every one never adds to it."""
        return len(self.worker.utterances)

    @property
    def alive(self) -> bool:
        """Whether the worker thread runs."""
        return self._thread is not None and self._thread.is_alive()

    @property
    def text_mode(self) -> bool:
        """True while no microphone is delivering audio."""
        return not self.microphone

    def start(self) -> None:
        """Start the worker thread (opens the microphone there, never blocks the caller)."""
        if self._thread is not None:
            raise RuntimeError("pipeline already started")
        self._thread = threading.Thread(target=self._run, name="hearing", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 1.0) -> None:
        """Ask the worker to stop and join it; one that does not stop in time is abandoned."""
        self.stop_event.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                self.abandon()

    def abandon(self) -> None:
        """Give up on a thread stuck in the recognizer: close its microphone from here, mute it.

        Python cannot stop the thread; it is renamed ``hearing-abandoned`` and left behind
        (a daemon). Its device is closed now (closing never needs the stuck thread), and
        anything it posts later goes to a bus nobody reads.
        """
        self.stop_event.set()
        self.abandoned = True
        self.bus = self.worker.bus = EventBus()
        source, self._source = self._source, None
        if source is not None:
            source.close()
        if self._thread is not None and self._thread.is_alive():
            self._thread.name = "hearing-abandoned"

    def set_ptt(self, held: bool) -> None:
        """Push-to-talk key (V) pressed or released."""
        self.worker.set_ptt(held)

    def set_mode(self, mode: str) -> None:
        """``always`` or ``ptt`` (a stuck recognizer keeps its mode; its replacement takes this one)."""
        self.mode = mode
        if self.worker.set_mode(mode):
            self._status()

    def device_removed(self) -> None:
        """The app saw ``pygame.AUDIODEVICEREMOVED`` for a capture device: reconnect now.

        SDL may go on feeding silence from a vanished microphone, so the stall watchdog
        alone cannot always tell; the window's event is the reliable signal.
        """
        self._removed.set()

    def submit_text(self, text: str) -> None:
        """A typed line: travels the same path as a final transcript."""
        text = " ".join(text.split())
        if text:
            self.bus.put(TextInput(text=text, t=self.clock()))

    def _status(self) -> None:
        rec = self.worker.recognizer
        self.bus.put(
            HearingStatus(
                engine=rec.name,
                detail=rec.detail,
                mode=self.mode if self.microphone else "text",
                microphone=self.microphone,
                hint=self.hint,
                no_mic="" if self.microphone else self._no_mic,
                endpointing=self.worker.endpointer.config.endpointing,
                t=self.clock(),
            )
        )

    def _notice(self, message: str, level: str = "info") -> None:
        self.bus.put(Notice(source="hearing", level=level, message=message, t=self.clock()))

    def _run(self) -> None:
        background()
        try:
            self._loop()
        except Exception as exc:  # an engine bug must not take the app down silently
            self.microphone = ""
            self._status()
            self._notice(
                f"speech recognition stopped ({type(exc).__name__}: {exc}); text input still works", "error"
            )
        finally:
            self.finished.set()

    def _loop(self) -> None:
        announced_missing = False
        while not self.stop_event.is_set():
            if self.source_factory is None:
                self._status()
                return
            try:
                source = self.source_factory()
            except Exception as exc:  # NoMicrophone, driver errors: text mode, retry later
                if not announced_missing:
                    announced_missing = True
                    self.microphone, self._no_mic = "", str(exc).split(";")[0]
                    self._status()
                    self._notice(
                        f"{exc}; text mode (press Enter or T to type), retrying every {self.retry_s:g} s",
                        "warning",
                    )
                self.stop_event.wait(self.retry_s)
                continue
            if announced_missing:
                self._notice(f"microphone {source.name!r} is back")
            announced_missing = False
            self._source = source
            self.microphone = source.name
            self._status()
            try:
                self._pump(source)
            except SourceEnded:
                self.worker.flush("end of file")
                self.microphone = ""
                self._status()
                return
            except DeviceLost as exc:
                self.worker.flush("microphone lost")
                self.microphone, self._no_mic = "", str(exc)
                announced_missing = True
                self._status()
                self._notice(
                    f"{exc}; text mode until it is back (retrying every {self.retry_s:g} s)", "warning"
                )
                self.stop_event.wait(self.retry_s)
            finally:
                self._source = None
                source.close()

    def _pump(self, source: AudioSource) -> None:
        self._removed.clear()
        while not self.stop_event.is_set():
            if self._removed.is_set():
                raise DeviceLost(f"microphone {source.name!r} was removed")
            pcm = source.read(0.1)
            if pcm:
                self._fed += 1
                self.busy = Busy("", self._fed, "", self.clock())
                self.worker.feed(pcm)
                self.busy = None

    def wait_finished(self, timeout: float) -> bool:
        """For file input: wait until the whole file was heard (tests, ``--mic-file``)."""
        return self.finished.wait(timeout)
