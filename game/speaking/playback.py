"""Positional speech playback through pygame.mixer, one channel per NPC.

Each NPC's sentences are scheduled back to back on its own channel; the start time
of each is the audio clock the avatar's mouth follows. Volume and stereo pan follow
the NPC's position relative to the listener every frame, and other NPCs duck while
one speaks. Barge-in fades the speaker out and reports how much of the reply the
user actually heard. Without a sound device the mixer runs on SDL's dummy driver:
silent, but at real-time pace, so subtitles and lip sync keep their timing.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pygame

from game.events import SpeechChunk

FADE_MS = 60
DUCK = 0.45
MIXER_BUFFER = 512


def init_mixer(frequency: int = 22050) -> str:
    """Open the sound output; returns "" or a message saying sound is off and why."""
    try:
        pygame.mixer.init(frequency=frequency, size=-16, channels=2, buffer=MIXER_BUFFER)
        return ""
    except pygame.error as exc:
        pygame.mixer.quit()
        os.environ["SDL_AUDIODRIVER"] = "dummy"
        pygame.mixer.init(frequency=frequency, size=-16, channels=2, buffer=MIXER_BUFFER)
        return f"no sound device ({exc}); sound is off — subtitles and lip sync still run"


SILENT_DRIVERS = ("dummy", "disk")


def silent_output() -> bool:
    """Whether sound goes nowhere a person hears: SDL's dummy or disk driver.

    Set by hand, or by :func:`init_mixer` when no sound card opened; then replies must be
    read, never only heard.
    """
    return os.environ.get("SDL_AUDIODRIVER", "") in SILENT_DRIVERS


def reopen_mixer(device: str = "") -> str:
    """Close the mixer and open it on ``device`` ("" = the system default).

    Returns "" or a one-line message saying what was used instead. SDL closes every
    audio device along with the mixer, the microphone included, so stop hearing first
    (pygame only opens its mixer when SDL audio is fully shut down).
    """
    pygame.mixer.quit()
    problem = ""
    if device:
        try:
            pygame.mixer.init(frequency=22050, size=-16, channels=2, buffer=MIXER_BUFFER, devicename=device)
            return ""
        except pygame.error as exc:
            problem = f"speakers {device!r} not available ({exc}); using the system default"
    fallback = init_mixer()
    return "; ".join(p for p in (problem, fallback) if p)


def to_sound(samples: np.ndarray, rate: int) -> pygame.mixer.Sound:
    """A mixer Sound from mono int16 samples, resampled to the mixer's rate if needed."""
    init = pygame.mixer.get_init()
    if init is None:
        raise RuntimeError("the mixer is not initialised")
    mix_rate, _, channels = init
    mono = samples.astype(np.float64)
    if rate != mix_rate and len(mono):
        n = int(len(mono) * mix_rate / rate)
        mono = np.interp(np.linspace(0, len(mono) - 1, n), np.arange(len(mono)), mono)
    pcm = np.clip(mono, -32768, 32767).astype(np.int16)
    # Fade the first and last 3 ms so a clip never starts or ends with a click.
    ramp = min(len(pcm) // 2, int(mix_rate * 0.003))
    if ramp:
        envelope = np.linspace(0.0, 1.0, ramp, dtype=np.float32)
        pcm[:ramp] = (pcm[:ramp] * envelope).astype(np.int16)
        pcm[-ramp:] = (pcm[-ramp:] * envelope[::-1]).astype(np.int16)
    data = np.repeat(pcm[:, None], channels, axis=1) if channels > 1 else pcm
    return pygame.sndarray.make_sound(np.ascontiguousarray(data))


@dataclass
class Scheduled:
    """A chunk with the audio-clock times it starts and ends."""

    chunk: SpeechChunk
    start: float
    end: float
    sound: pygame.mixer.Sound
    started: bool = False


@dataclass(frozen=True)
class Heard:
    """What the user heard of an interrupted reply."""

    npc: str
    reply_id: int
    heard_text: str
    full_text: str
    stopped_at: float


@dataclass
class _Voice:
    channel: pygame.mixer.Channel
    schedule: list[Scheduled] = field(default_factory=list)
    spoken: list[str] = field(default_factory=list)  # finished sentences of the current reply
    gains: tuple[float, float] = (1.0, 1.0)  # pygame resets a channel's pan on every play()


def stereo_gains(
    listener: tuple[float, float, float], yaw: float, source: tuple[float, float, float]
) -> tuple[float, float]:
    """Equal-power pan and distance attenuation of a source for a listener facing ``yaw`` degrees."""
    dx, dz = source[0] - listener[0], source[2] - listener[2]
    dist = math.hypot(dx, dz)
    r = math.radians(yaw)
    right = dx * math.cos(r) - dz * math.sin(r)  # component along the listener's right (+X at yaw 0)
    pan = 0.0 if dist < 1e-6 else max(-1.0, min(1.0, right / dist))
    att = 1.0 / (1.0 + 0.3 * max(0.0, dist - 1.0))
    return att * math.sqrt((1 - pan) / 2), att * math.sqrt((1 + pan) / 2)


class Player:
    """Schedules and plays NPC speech; call :meth:`update` every frame on the main thread.

    ``clock`` (seconds, ``time.monotonic`` by default) is the audio clock: every start, end
    and barge-in is stamped and compared on it, so lip sync follows the same clock, and a
    test that passes a fake one decides how much of a sentence has been heard.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic, volume: float = 1.0) -> None:
        self.clock = clock
        self.volume = volume
        self.voices: dict[str, _Voice] = {}
        self.latency = 0.0
        self.reset()

    def reset(self) -> None:
        """Start afresh on a (re-)opened mixer: call :meth:`stop_all` before closing the old one.

        Channels, reserved channels and scheduled sounds all belong to the mixer that made
        them; after ``pygame.mixer.quit()`` they are gone, so every voice is recreated on
        first use and the latency is measured on the new device.
        """
        self.voices = {}
        init = pygame.mixer.get_init()
        self.latency = MIXER_BUFFER / init[0] if init else 0.0

    def _voice(self, npc: str) -> _Voice:
        if npc not in self.voices:
            index = len(self.voices)
            pygame.mixer.set_reserved(index + 1)
            if pygame.mixer.get_num_channels() <= index:
                pygame.mixer.set_num_channels(index + 8)
            self.voices[npc] = _Voice(pygame.mixer.Channel(index))
        return self.voices[npc]

    def enqueue(self, chunk: SpeechChunk) -> float:
        """Schedule a chunk after the NPC's previous one; returns its start on the audio clock."""
        voice = self._voice(chunk.npc)
        now = self.clock()
        if chunk.index == 0:
            voice.spoken = []
        sound = to_sound(chunk.clip.samples, chunk.clip.rate)
        busy = [s for s in voice.schedule if s.end > now]
        start = max(now, busy[-1].end if busy else 0.0)
        item = Scheduled(chunk, start, start + sound.get_length(), sound)
        voice.schedule = [*busy, item]
        self._feed(voice, now)
        return item.start

    def _feed(self, voice: _Voice, now: float) -> None:
        """Start the next sentence when its time has come and the channel is free.

        Sentences are started here rather than with ``Channel.queue`` so that a barge-in
        has nothing queued behind the fading sentence, and every start time is known.
        """
        for item in voice.schedule:
            if item.started:
                continue
            if item.start <= now + 0.005 and not voice.channel.get_busy():
                if item.chunk.index == 0:  # a new reply: what was heard of the one before is done
                    voice.spoken = []
                voice.channel.play(item.sound)
                voice.channel.set_volume(*voice.gains)
                item.start = now + self.latency
                item.end = item.start + item.sound.get_length()
                item.started = True
            break

    def speaking(self) -> list[str]:
        """NPCs whose speech is playing now."""
        now = self.clock()
        return [
            npc
            for npc, v in self.voices.items()
            if any(s.started and s.start - self.latency <= now < s.end for s in v.schedule)
        ]

    def start_time(self, npc: str, reply_id: int, index: int) -> float | None:
        """Audio-clock time at which a sentence started (None until it has)."""
        voice = self.voices.get(npc)
        for item in voice.schedule if voice else []:
            if item.chunk.reply_id == reply_id and item.chunk.index == index and item.started:
                return item.start
        return None

    def update(
        self,
        listener: tuple[float, float, float],
        yaw: float,
        positions: dict[str, tuple[float, float, float]],
    ) -> None:
        """Per frame: retire finished chunks, feed channels, set pan/attenuation/ducking."""
        now = self.clock()
        talking = self.speaking()
        for npc, voice in self.voices.items():
            for item in [s for s in voice.schedule if s.started and s.end <= now]:
                voice.spoken.append(item.chunk.text)
                voice.schedule.remove(item)
            self._feed(voice, now)
            if npc in positions:
                left, right = stereo_gains(listener, yaw, positions[npc])
                duck = DUCK if talking and npc not in talking[:1] else 1.0
                voice.gains = (left * self.volume * duck, right * self.volume * duck)
                voice.channel.set_volume(*voice.gains)

    def interrupt(self, npc: str) -> Heard | None:
        """Barge-in: fade the NPC out now and report the part of its reply that was heard."""
        voice = self.voices.get(npc)
        if voice is None or not voice.schedule:
            return None
        now = self.clock()
        current = next((s for s in voice.schedule if s.started and s.start <= now < s.end), None)
        heard = list(voice.spoken)
        if current is not None:
            count = current.chunk.timeline.words_spoken(now - current.start)
            heard.extend(current.chunk.text.split()[:count])
        full = " ".join([*voice.spoken, *(s.chunk.text for s in voice.schedule)])
        reply_id = voice.schedule[0].chunk.reply_id
        voice.channel.fadeout(FADE_MS)
        voice.schedule.clear()
        voice.spoken = []
        return Heard(npc, reply_id, " ".join(heard), full, now)

    def drop(self, npc: str, reply_id: int) -> None:
        """Cut one reply (a murmur, a filler) out of the NPC's schedule; what is queued behind it moves up.

        Unlike :meth:`interrupt` nothing is reported as heard and the sentences after it stay,
        so an aside never counts as part of the reply it leads into.
        """
        voice = self.voices.get(npc)
        if voice is None:
            return
        now = self.clock()
        playing = any(s.started and s.end > now and s.chunk.reply_id == reply_id for s in voice.schedule)
        voice.schedule = [s for s in voice.schedule if s.chunk.reply_id != reply_id]
        if playing:
            voice.channel.fadeout(FADE_MS)
        t = now + FADE_MS / 1000 if playing else now
        for item in voice.schedule:
            if item.started:
                t = max(t, item.end)
                continue
            length = item.end - item.start
            item.start, item.end = t, t + length
            t = item.end

    def stop_all(self) -> None:
        """Silence everything (quitting)."""
        for voice in self.voices.values():
            voice.channel.stop()
            voice.schedule.clear()
