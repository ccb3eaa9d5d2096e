"""Synthesis through pyttsx3's libespeak-ng binding, audio and timings kept in memory.

pyttsx3's espeak driver initialises libespeak-ng once per process, asynchronously and
without phoneme events, and its ``runAndWait`` returns about 10 ms after *starting* a
synthesis, finished or not: a long sentence (or a short one on a busy machine) was
read back from a WAV file that did not exist yet. So we initialise the library first,
synchronously and with phoneme events on, and own the synthesis callback: audio,
phoneme and word events of one run land in the same :class:`EventLog`, in memory, and
the call returns only when espeak-ng says the message is complete. No file is written.
pyttsx3 still lists the voices and sets voice, rate, pitch and volume.
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass, field
from typing import Any

EVENT_WORD = 1
EVENT_MSG_TERMINATED = 6
EVENT_PHONEME = 7
PHONEME_EVENTS = 1  # espeak_Initialize option bit 0
AUDIO_OUTPUT_SYNCHRONOUS = 2  # Synth returns when the audio is complete, callback on the caller's thread
SYNTH_FLAGS = 0x1000 | 1  # ENDPAUSE | CHARS_UTF8


@dataclass
class EventLog:
    """One synthesis: its audio, phonemes (ms, mnemonic) and words (ms, 1-based byte pos, length)."""

    phonemes: list[tuple[int, str]] = field(default_factory=list)
    words: list[tuple[int, int, int]] = field(default_factory=list)
    audio: bytearray = field(default_factory=bytearray)


class EspeakTap:
    """Owns the process-wide libespeak-ng initialisation and the callback tap."""

    _lock = threading.Lock()
    _instance: EspeakTap | None = None

    def __init__(self) -> None:
        from pyttsx3.drivers import _espeak
        from pyttsx3.drivers import espeak as driver_module

        self._espeak: Any = _espeak
        self.sample_rate = 22050
        if not driver_module.EspeakDriver._moduleInitialized:
            rate = _espeak.Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 1000, None, PHONEME_EVENTS)
            if rate == -1:
                raise RuntimeError("libespeak-ng failed to initialise (apt-get install espeak-ng)")
            self.sample_rate = int(rate)
            driver_module.EspeakDriver._defaultVoice = "en-us"
            driver_module.EspeakDriver._moduleInitialized = True
            self.phoneme_events = self.synchronous = True
        else:  # pyttsx3 got there first (asynchronous): words still come, phonemes do not
            self.phoneme_events = self.synchronous = False
        self.log = EventLog()
        self._done = threading.Event()

    @classmethod
    def shared(cls) -> EspeakTap:
        """The one tap of this process (libespeak-ng cannot be initialised twice)."""
        with cls._lock:
            if cls._instance is None:
                cls._instance = EspeakTap()
            return cls._instance

    def attach(self) -> None:
        """Take the synthesis callback over from pyttsx3's driver (call after ``pyttsx3.init``)."""
        self._espeak.SetSynthCallback(self._callback)

    def _callback(self, wav: Any, numsamples: int, events: Any) -> int:
        i = 0
        id_offset = type(events[0]).id.offset
        while events[i].type != 0:
            event = events[i]
            if event.type == EVENT_PHONEME:
                raw = ctypes.string_at(ctypes.addressof(event) + id_offset, 8).split(b"\0")[0]
                self.log.phonemes.append((event.audio_position, raw.decode("ascii", "replace")))
            elif event.type == EVENT_WORD:
                self.log.words.append((event.audio_position, event.text_position, event.length))
            elif event.type == EVENT_MSG_TERMINATED:
                self._done.set()
            i += 1
        if numsamples > 0 and wav:
            self.log.audio += ctypes.string_at(wav, numsamples * 2)
        return 0

    def synthesize(self, text: str, timeout: float) -> EventLog:
        """Speak ``text`` into a fresh :class:`EventLog`; raise ``RuntimeError`` if espeak-ng fails.

        The caller holds the engine lock. Synchronously, ``Synth`` returns when the audio is
        done; ``timeout`` bounds the wait for the end event when pyttsx3 initialised the
        library asynchronously.
        """
        self.log = EventLog()
        self._done.clear()
        status = self._espeak.Synth(text.encode("utf-8"), flags=SYNTH_FLAGS)
        if status != 0:
            raise RuntimeError(f"espeak-ng refused the text (status {status})")
        if not self.synchronous and not self._done.wait(timeout):
            self._espeak.Cancel()
            raise RuntimeError(f"espeak-ng did not finish within {timeout:.0f} s")
        return self.reset()

    def synchronize(self) -> None:
        """Block until libespeak-ng has processed every queued command."""
        self._espeak.Synchronize()

    def reset(self) -> EventLog:
        """Start a new log; returns the previous one."""
        old, self.log = self.log, EventLog()
        return old
