"""Audio sources: an SDL2 microphone through pygame, and a WAV file replayed live.

The microphone is opened at 16 kHz mono int16 and SDL converts whatever the hardware
does; SDL's callback thread is the capture thread and only appends to a queue, so a
slow recognizer never makes SDL drop audio. A file source paces itself on the wall
clock so a recording behaves exactly like someone speaking (``--mic-file``).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import queue
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.errors import UserError
from game.hearing.audio import load_wav_16k
from game.hearing.protocols import SAMPLE_RATE, DeviceLost, SourceEnded

CHUNK_SAMPLES = 512


class NoMicrophone(UserError):
    """No capture device could be opened (message says which and what to do)."""


def _init_audio() -> Any:
    """Make sure SDL's audio subsystem is up, through the mixer when possible.

    pygame skips opening its mixer when SDL audio is already initialised, so bringing
    up the bare subsystem first would silently leave the app without sound. The app
    should open its mixer before starting the pipeline; if it has not, the mixer is
    opened here with pygame's defaults (playback resamples to whatever rate it gets).
    Only when no output device works is the bare subsystem initialised for capture.
    """
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame
    import pygame._sdl2.sdl2 as sdl2
    from pygame._sdl2 import audio

    try:
        audio.get_audio_device_names(True)  # raises while SDL audio is not initialised
        return audio
    except sdl2.error:
        pass
    try:
        pygame.mixer.init()
        return audio
    except pygame.error:
        pass
    try:
        sdl2.init_subsystem(sdl2.INIT_AUDIO)
    except sdl2.error as exc:
        raise NoMicrophone(
            f"audio system unavailable ({exc}); check SDL_AUDIODRIVER or use text input"
        ) from None
    return audio


FAKE_CAPTURE_DRIVERS = frozenset({"dummy"})
"""SDL drivers whose "System audio capture device" is a stand-in that records silence forever."""

NO_CAPTURE = "no capture device"


def audio_driver() -> str:
    """The audio driver SDL runs on now, asked of SDL itself; the environment's choice otherwise.

    The app may have switched to ``dummy`` on its own (no sound card: see
    ``init_mixer``), so the variable the user set is not always the driver in use.
    """
    lib = _sdl_library()
    if lib is not None:
        current = lib.SDL_GetCurrentAudioDriver
        current.restype = ctypes.c_char_p
        name = current()
        if name:
            return str(name.decode())
    return os.environ.get("SDL_AUDIODRIVER") or "default"


@dataclass(frozen=True)
class Capture:
    """The microphones the app can use, or why there are none (one line, as doctor prints it)."""

    names: tuple[str, ...]
    problem: str = ""


def find_capture() -> Capture:
    """Real capture devices: the one answer for ``doctor``, ``devices``, the settings and the app.

    SDL's dummy driver lists a "System audio capture device" that opens and delivers
    silence; counting it as a microphone left the app "hearing" at -100 dBFS while doctor
    said there was none. A fake device counts as no device, so the app types instead.
    """
    try:
        audio = _init_audio()
    except NoMicrophone as exc:
        return Capture((), f"{NO_CAPTURE} ({exc})")
    driver = audio_driver()
    if driver in FAKE_CAPTURE_DRIVERS:
        return Capture((), f"{NO_CAPTURE} (SDL audio driver {driver!r} offers only a silent stand-in)")
    names = tuple(audio.get_audio_device_names(True))
    return Capture(names, "" if names else NO_CAPTURE)


@dataclass(frozen=True)
class Devices:
    """Device names as SDL reports them (a fake capture device left out, see :func:`find_capture`)."""

    capture: tuple[str, ...]
    output: tuple[str, ...]
    driver: str
    capture_problem: str = ""


def list_devices() -> Devices:
    """Capture and output devices of the current SDL audio driver."""
    capture = find_capture()
    try:
        output = tuple(_init_audio().get_audio_device_names(False))
    except NoMicrophone:
        output = ()
    return Devices(capture.names, output, audio_driver(), capture.problem)


def pick_microphone(names: Sequence[str], device: str | None, problem: str = NO_CAPTURE) -> str:
    """The capture device that ``device`` names: exactly, or as its only partial match.

    None picks the first device. Raises :class:`NoMicrophone` saying what is connected
    (``problem``: why there is none, as :func:`find_capture` says it).
    """
    if not names:
        raise NoMicrophone(f"{problem}; plug in a microphone, or type with Enter/T (text mode)")
    if device is None or device in names:
        return device or names[0]
    matches = [n for n in names if device.lower() in n.lower()]
    if len(matches) != 1:
        raise NoMicrophone(
            f"no single microphone matches {device!r}; see 'voxroom devices' (have: {', '.join(names)})"
        )
    return matches[0]


def check_microphone(device: str) -> str:
    """Return "" when the named microphone is connected now, else why not; opens nothing.

    The settings overlay asks before rebuilding hearing, so a microphone that is not
    plugged in keeps the working one instead of dropping to text mode.
    """
    try:
        capture = find_capture()
        pick_microphone(capture.names, device, capture.problem or NO_CAPTURE)
    except NoMicrophone as exc:
        return str(exc)
    return ""


class MicrophoneSource:
    """A capture device; raises :class:`DeviceLost` when it stops delivering audio."""

    def __init__(self, device: str | None = None, stall_s: float = 2.0) -> None:
        capture = find_capture()
        self.name = pick_microphone(capture.names, device, capture.problem or NO_CAPTURE)
        audio = _init_audio()
        self.stall_s = stall_s
        self._queue: queue.Queue[bytes] = queue.Queue()
        self._last = time.monotonic()
        try:
            self._dev = audio.AudioDevice(
                devicename=self.name,
                iscapture=True,
                frequency=SAMPLE_RATE,
                audioformat=audio.AUDIO_S16,
                numchannels=1,
                chunksize=CHUNK_SAMPLES,
                allowed_changes=0,
                callback=self._callback,
            )
        except Exception as exc:  # pygame raises its own error type from Cython
            raise NoMicrophone(
                f"cannot open microphone {self.name!r} ({exc}); "
                "check it is not in use, or pick another with --mic"
            ) from None
        self._closed = False
        self._dev.pause(0)

    def _callback(self, _device: Any, memory: Any) -> None:
        self._queue.put(bytes(memory))

    def read(self, timeout: float) -> bytes:
        """Next captured bytes; :class:`DeviceLost` after ``stall_s`` without audio."""
        try:
            data = self._queue.get(timeout=timeout)
        except queue.Empty:
            if time.monotonic() - self._last > self.stall_s:
                raise DeviceLost(f"microphone {self.name!r} stopped delivering audio") from None
            return b""
        self._last = time.monotonic()
        chunks = [data]
        while True:
            try:
                chunks.append(self._queue.get_nowait())
            except queue.Empty:
                break
        return b"".join(chunks)

    def close(self) -> None:
        """Stop and close the SDL device (without holding the GIL: see :func:`_close_device`)."""
        if not self._closed:
            self._closed = True
            with contextlib.suppress(Exception):  # closing a vanished device may fail; nothing to recover
                _close_device(self._dev)


class FileSource:
    """A WAV file delivered at real-time pace (or as fast as read when ``realtime=False``)."""

    def __init__(
        self,
        path: str | Path,
        realtime: bool = True,
        chunk_samples: int = CHUNK_SAMPLES,
        trailing_silence_s: float = 1.0,
    ) -> None:
        samples = load_wav_16k(path)
        if trailing_silence_s > 0:  # let the endpointer close the last utterance as it would live
            import numpy as np

            samples = np.concatenate([samples, np.zeros(round(trailing_silence_s * SAMPLE_RATE), np.int16)])
        self.name = f"file:{Path(path).name}"
        self._pcm = samples.astype("<i2").tobytes()
        self._pos = 0
        self._realtime = realtime
        self._chunk = chunk_samples * 2
        self._t0: float | None = None

    @property
    def duration(self) -> float:
        """Length in seconds (with the trailing silence)."""
        return len(self._pcm) / 2 / SAMPLE_RATE

    def read(self, timeout: float) -> bytes:
        """Next chunk; sleeps so that audio never runs ahead of the wall clock."""
        if self._pos >= len(self._pcm):
            raise SourceEnded(self.name)
        if not self._realtime:
            data = self._pcm[self._pos : self._pos + self._chunk]
            self._pos += len(data)
            return data
        now = time.monotonic()
        if self._t0 is None:
            self._t0 = now
        due = int((now - self._t0) * SAMPLE_RATE) * 2
        if due < self._pos + self._chunk:
            wait = (self._pos + self._chunk - due) / 2 / SAMPLE_RATE
            if wait > timeout:
                time.sleep(timeout)
                return b""
            time.sleep(wait)
            due = self._pos + self._chunk
        end = min(len(self._pcm), max(due, self._pos + self._chunk))
        data = self._pcm[self._pos : end - (end - self._pos) % 2]
        self._pos += len(data)
        return data

    def close(self) -> None:
        """Nothing to release."""


_RETIRED: list[Any] = []  # closed pygame devices, kept alive so their finalizer never runs


def _sdl_library() -> Any:
    """The SDL2 library pygame loaded, through ctypes (None when it cannot be found)."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = {line.split()[-1] for line in maps if "libSDL2-2" in line or "libSDL2.so" in line}
    except OSError:
        return None
    for path in sorted(paths):
        try:
            return ctypes.CDLL(path)
        except OSError:
            continue
    return None


def _close_device(device: Any) -> None:
    """Close an SDL capture device with the GIL released.

    SDL waits for the audio thread to leave our Python callback before it closes a
    device, and that callback needs the GIL. pygame's ``close()`` keeps holding the GIL
    while it waits, so the two threads can deadlock (seen as a hang at exit). ctypes
    calls release the GIL, so SDL can finish the callback and close cleanly.
    """
    lib = _sdl_library()
    if lib is None:
        device.pause(1)
        device.close()
        return
    device_id = ctypes.c_uint32(int(device.deviceid))
    lib.SDL_PauseAudioDevice(device_id, 1)
    lib.SDL_CloseAudioDevice(device_id)
    _RETIRED.append(device)  # its finalizer would close the id again, maybe reused by then
