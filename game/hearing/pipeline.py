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

from game.bus import EventBus
from game.events import HearingStatus, Notice, TextInput
from game.hearing.echo import GuardedSource
from game.hearing.endpoint import MODES, EndpointConfig
from game.hearing.protocols import (
    AudioSource,
    DeviceLost,
    Recognizer,
    SourceEnded,
    TurnModel,
    VoiceActivity,
)
from game.hearing.worker import HearingWorker
from game.workers import Busy, background, mark_abandoned

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
            mark_abandoned(self._thread)

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
        self.worker.recognizer.still_working = self._still_working
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
            if isinstance(source, GuardedSource):  # the user's words pass unmuted inside a turn
                source.in_turn = lambda: self.worker.endpointer.in_speech
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

    def _still_working(self) -> None:
        """The recognizer waits on its helper process, which is alive: renew the busy record.

        The watchdog then measures from now, so a helper that a loaded machine starves for
        seconds is waited for (its own timeout still bounds the wait), never restarted.
        """
        if self.busy is not None:
            self.busy = Busy("", self._fed, "", self.clock())

    def _pump(self, source: AudioSource) -> None:
        self._removed.clear()
        while not self.stop_event.is_set():
            if self._removed.is_set():
                raise DeviceLost(f"microphone {source.name!r} was removed")
            pcm = source.read(0.1)
            if pcm:
                self._fed += 1
                self.busy = Busy("", self._fed, "", self.clock())
                self.worker.feed(pcm, talking_over=isinstance(source, GuardedSource) and source.overlapped)
                self.busy = None

    def wait_finished(self, timeout: float) -> bool:
        """For file input: wait until the whole file was heard (tests, ``--mic-file``)."""
        return self.finished.wait(timeout)
