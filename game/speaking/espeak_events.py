"""Phoneme and word timings from espeak-ng, captured while pyttsx3 synthesizes.

pyttsx3's espeak driver initialises libespeak-ng once per process without phoneme
events. We initialise it first with phoneme events on, then tap the synthesis
callback: each event is recorded and passed on to pyttsx3 unchanged, so the audio
pyttsx3 writes and the timings we read come from the same synthesis run and cannot
drift apart.
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass, field
from typing import Any

EVENT_WORD = 1
EVENT_PHONEME = 7
PHONEME_EVENTS = 1  # espeak_Initialize option bit 0


@dataclass
class EventLog:
    """Events of one synthesis: phonemes (ms, mnemonic) and words (ms, 1-based char pos, length)."""

    phonemes: list[tuple[int, str]] = field(default_factory=list)
    words: list[tuple[int, int, int]] = field(default_factory=list)


class EspeakTap:
    """Owns the process-wide libespeak-ng initialisation and the callback tap."""

    _lock = threading.Lock()
    _instance: EspeakTap | None = None

    def __init__(self) -> None:
        from pyttsx3.drivers import _espeak
        from pyttsx3.drivers import espeak as driver_module

        self._espeak: Any = _espeak
        if not driver_module.EspeakDriver._moduleInitialized:
            rate = _espeak.Initialize(_espeak.AUDIO_OUTPUT_RETRIEVAL, 1000, None, PHONEME_EVENTS)
            if rate == -1:
                raise RuntimeError("libespeak-ng failed to initialise (apt-get install espeak-ng)")
            driver_module.EspeakDriver._defaultVoice = "en-us"
            driver_module.EspeakDriver._moduleInitialized = True
            self.phoneme_events = True
        else:  # pyttsx3 got there first: words still come, phonemes do not
            self.phoneme_events = False
        # pyttsx3 prints "Audio saved to …" on every file; silence that module only.
        driver_module.print = lambda *args, **kwargs: None
        self.log = EventLog()
        self._downstream: Any = None

    @classmethod
    def shared(cls) -> EspeakTap:
        """The one tap of this process (libespeak-ng cannot be initialised twice)."""
        with cls._lock:
            if cls._instance is None:
                cls._instance = EspeakTap()
            return cls._instance

    def attach(self, driver: Any) -> None:
        """Route synthesis callbacks through the tap to ``driver._onSynth``."""
        self._downstream = driver._onSynth
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
            i += 1
        return int(self._downstream(wav, numsamples, events))

    def synchronize(self) -> None:
        """Block until libespeak-ng has processed every queued command."""
        self._espeak.Synchronize()

    def reset(self) -> EventLog:
        """Start a new log; returns the previous one."""
        old, self.log = self.log, EventLog()
        return old
