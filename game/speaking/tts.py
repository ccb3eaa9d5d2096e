"""Text to speech: a Synthesizer protocol, the pyttsx3 (espeak-ng) engine, and a fake.

pyttsx3's engine is one per process and not thread-safe, so every synthesis holds a
module lock. Audio is made in memory by :class:`~game.speaking.espeak_events.EspeakTap`
(pyttsx3's ``save_to_file`` + ``runAndWait`` returned before long sentences were
written); phoneme and word times come from the same synthesis run. ``say()`` is never
used: it shells out to ``aplay``.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, replace
from typing import Any, ClassVar, Protocol

import numpy as np
import numpy.typing as npt

from game.speaking.espeak_events import EspeakTap, EventLog

Samples = npt.NDArray[np.int16]


class VoiceError(ValueError):
    """A voice spec that cannot be used; the message names the key and the fix."""


@dataclass(frozen=True)
class VoiceSpec:
    """An espeak-ng voice: language/voice name, variant (m1…m7, f1…f5, …), rate, pitch, volume."""

    voice: str = "en-us"
    variant: str = ""
    rate: int = 165  # words per minute
    pitch: int = 50  # 0..100
    volume: float = 0.9  # 0..1

    @property
    def espeak_name(self) -> str:
        """``en-us+f3`` style name that espeak-ng accepts."""
        return f"{self.voice}+{self.variant}" if self.variant else self.voice


def parse_voice(text: str) -> VoiceSpec:
    """Parse ``en-us+f3,rate=160,pitch=60,volume=0.8`` (every part optional but the first)."""
    head, *options = [p.strip() for p in text.split(",") if p.strip()] or ["en-us"]
    voice, _, variant = head.partition("+")
    values: dict[str, Any] = {"voice": voice, "variant": variant}
    for option in options:
        key, sep, value = option.partition("=")
        if not sep or key not in ("rate", "pitch", "volume"):
            raise VoiceError(f"voice option {option!r}: use rate=N, pitch=N or volume=X")
        try:
            values[key] = float(value) if key == "volume" else int(value)
        except ValueError:
            raise VoiceError(f"voice option {option!r}: {value!r} is not a number") from None
    return check_voice(VoiceSpec(**values))


def check_voice(spec: VoiceSpec) -> VoiceSpec:
    """Validate ranges; raise :class:`VoiceError` naming the bad field."""
    if not 80 <= spec.rate <= 450:
        raise VoiceError(f"voice rate {spec.rate} must be 80..450 words per minute")
    if not 0 <= spec.pitch <= 100:
        raise VoiceError(f"voice pitch {spec.pitch} must be 0..100")
    if not 0.0 <= spec.volume <= 1.0:
        raise VoiceError(f"voice volume {spec.volume} must be 0..1")
    return spec


@dataclass(frozen=True)
class SpeechClip:
    """Synthesized audio (mono int16) with the engine's phoneme and word times."""

    samples: Samples
    rate: int
    phonemes: tuple[tuple[float, str], ...] = ()  # (seconds, espeak mnemonic)
    words: tuple[tuple[float, str], ...] = ()  # (seconds, word)
    voice: str = ""
    synth_seconds: float = 0.0

    @property
    def duration(self) -> float:
        """Length of the audio in seconds."""
        return len(self.samples) / self.rate


class Synthesizer(Protocol):
    """Turns one sentence into audio; implementations must be safe to call from one worker thread."""

    name: str

    def synthesize(self, text: str, voice: VoiceSpec) -> SpeechClip:
        """Speak ``text`` with ``voice``; raise on failure."""
        ...


class PyttsxSynthesizer:
    """pyttsx3 on espeak-ng, with timings captured through :class:`EspeakTap`."""

    name = "pyttsx3-espeak"
    _lock = threading.Lock()
    # pyttsx3.init() hands every instance the same engine, so the voice it holds is the class's
    # to remember: a per-instance note went stale when another instance (a second runtime in
    # one process: a benchmark, a test) changed the voice, and sentences came out in its voice.
    _applied: ClassVar[tuple[VoiceSpec, str] | None] = None

    def __init__(self) -> None:
        import pyttsx3

        self._tap = EspeakTap.shared()
        with self._lock:
            self._engine = pyttsx3.init("espeak")
            self._tap.attach()
            listed = self._engine.getProperty("voices")
        # espeak-ng accepts a voice file name ("en", "gmw/en-us") but not every language code
        # ("en-gb" is the language of the voice "gmw/en"), so map all three to the file name.
        self.voice_ids: dict[str, str] = {}
        for v in listed:
            for key in (v.id, v.id.split("/")[-1], *(v.languages or [])):
                self.voice_ids.setdefault(key, v.id)
        self.voices = set(self.voice_ids)
        self.fallbacks: list[str] = []

    def _apply(self, voice: VoiceSpec) -> str:
        """Set the voice; an unknown one falls back to en-us and says so (espeak-ng would not)."""
        applied = PyttsxSynthesizer._applied
        if applied is not None and applied[0] == voice:
            return applied[1]
        suffix = f"+{voice.variant}" if voice.variant else ""
        used = voice.espeak_name
        if voice.voice in self.voice_ids:
            target = self.voice_ids[voice.voice] + suffix
        else:
            used = target = "en-us" + suffix
            self.fallbacks.append(
                f"unknown voice {voice.voice!r}; using en-us (list them: espeak-ng --voices)"
            )
        # Properties are set on the driver directly: the engine queues them behind its busy
        # flag and swallows their errors. espeak-ng's retrieval mode runs its own thread and
        # rejects or defers changes while it is busy, hence a synchronize before and after.
        driver = self._engine.proxy._driver
        self._tap.synchronize()
        try:
            driver.setProperty("voice", target)
        except ValueError:
            used = "en-us"
            driver.setProperty("voice", used)
            self.fallbacks.append(f"voice variant {voice.variant!r} failed; using en-us")
        driver.setProperty("rate", voice.rate)
        driver.setProperty("pitch", voice.pitch)
        driver.setProperty("volume", voice.volume)
        self._tap.synchronize()
        PyttsxSynthesizer._applied = (voice, used)
        return used

    def synthesize(self, text: str, voice: VoiceSpec) -> SpeechClip:
        """One utterance, in memory, under the engine lock; ``RuntimeError`` names what failed."""
        with self._lock:
            start = time.perf_counter()
            used = self._apply(voice)
            log = self._tap.synthesize(text, timeout=30.0 + len(text) / 10)
            elapsed = time.perf_counter() - start
        samples = np.frombuffer(bytes(log.audio), dtype=np.int16).copy()
        if not len(samples):
            raise RuntimeError(f"espeak-ng produced no audio for {_quote(text)}")
        return SpeechClip(
            samples, self._tap.sample_rate, *_timings(log, text), voice=used, synth_seconds=elapsed
        )

    def close(self) -> None:
        """Nothing to release: the engine lives as long as the process (libespeak-ng cannot restart)."""


def _quote(text: str, limit: int = 40) -> str:
    """A short, single-line quote of ``text`` for an error message."""
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")


def join_clips(clips: list[SpeechClip]) -> SpeechClip:
    """One clip from consecutive ones (same rate), their phoneme and word times shifted to match."""
    if not clips:
        raise ValueError("no clips to join")
    phonemes: list[tuple[float, str]] = []
    words: list[tuple[float, str]] = []
    offset = 0.0
    for clip in clips:
        phonemes += [(t + offset, p) for t, p in clip.phonemes]
        words += [(t + offset, w) for t, w in clip.words]
        offset += clip.duration
    return replace(
        clips[0],
        samples=np.concatenate([c.samples for c in clips]),
        phonemes=tuple(phonemes),
        words=tuple(words),
        synth_seconds=sum(c.synth_seconds for c in clips),
    )


def _timings(log: EventLog, text: str) -> tuple[tuple[tuple[float, str], ...], tuple[tuple[float, str], ...]]:
    encoded = text.encode("utf-8")
    words = []
    for ms, pos, length in log.words:
        word = encoded[pos - 1 : pos - 1 + length].decode("utf-8", "replace").strip()
        if word:
            words.append((ms / 1000.0, word))
    return tuple((ms / 1000.0, p) for ms, p in log.phonemes), tuple(words)


class SilentSynthesizer:
    """Timed silence instead of a voice: subtitles still reveal word by word and lip sync runs.

    Used when espeak-ng is missing, and when the real synthesizer hung twice in a row
    (its engine lock is likely still held, so every later sentence would hang too).
    """

    name = "silent"

    def __init__(self, rate: int = 22050, seconds_per_word: float = 0.3) -> None:
        self.rate, self.seconds_per_word = rate, seconds_per_word

    def synthesize(self, text: str, voice: VoiceSpec) -> SpeechClip:
        """Silence as long as the words would take, with evenly spaced word times."""
        words = text.split()
        samples = np.zeros(int(max(1, len(words)) * self.seconds_per_word * self.rate), dtype=np.int16)
        times = tuple((i * self.seconds_per_word, w) for i, w in enumerate(words))
        return SpeechClip(samples, self.rate, (), times, voice="silent")


def persona_voice(voice: str, rate: int, pitch: int, volume: float) -> VoiceSpec:
    """A persona's ``[voice]`` as a :class:`VoiceSpec` (``en-gb+f3`` splits into voice and variant)."""
    name, _, variant = voice.partition("+")
    return VoiceSpec(
        name or "en-us",
        variant,
        int(min(max(rate, 80), 450)),
        int(min(max(pitch, 0), 100)),
        float(min(max(volume, 0.0), 1.0)),
    )
