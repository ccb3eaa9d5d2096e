"""A microphone for simulations: queued utterances at real-time pace, room noise in between.

``voxroom simulate``, the voice and room benchmarks and the end-to-end tests speak through it;
it also records the true end of each utterance's speech, which voice-to-voice latency is
measured from.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Any

import numpy as np
import numpy.typing as npt

RATE = 16000
CHUNK = 320  # 20 ms
SPEECH_ALIGN = 512
"""Queued speech starts on a multiple of this many samples of the stream: the VAD's frame, a
multiple of the recogniser's 10 ms frame too."""
LEAD_IN_S = 0.6
"""Each queued line brings its own room noise: this much before the speech and all of it under the
speech, drawn from a generator seeded by the line's number. With the line on the frame grid, the
recogniser then hears the same audio in every run, whenever it was queued: where speech falls on
the frames and the noise under it change what pocketsphinx hears (a 60-sample shift, or another
draw of the noise, turned "table" into "do you bo" on one clip), and a test passed one time in two.
Longer than the 300 ms pre-roll and the VAD's memory of the noise before it."""


def speech_end(samples: npt.NDArray[np.int16], vad: Any, threshold: float = 0.5) -> int:
    """The sample just after the last VAD frame that holds speech (0 when none does)."""
    vad.reset()
    frame, end = vad.frame_samples, 0
    for start in range(0, len(samples) - frame + 1, frame):
        if vad.probability(samples[start : start + frame].astype("<i2").tobytes()) > threshold:
            end = start + frame
    vad.reset()
    return end


class ScriptedMicrophone:
    """An audio source that plays queued utterances at real-time pace, room noise in between.

    It records when the last sample of speech was delivered: the true end of the user's
    speech, which the voice benchmark measures from. That end is found by a VAD run over
    the whole clip beforehand (a level threshold read fan noise as speech and paired every
    turn with the wrong input).
    """

    name = "scripted microphone"

    def __init__(self, noise: float = 40.0, seed: int = 0) -> None:
        self._queue: deque[tuple[npt.NDArray[np.int16], int]] = deque()
        self._current: npt.NDArray[np.int16] | None = None
        self._pos = 0
        self._speech_end_at = 0
        self._lock = threading.Lock()
        self._rng = np.random.default_rng(seed)
        self._noise = noise
        self._t0: float | None = None
        self._sent = 0
        self.true_ends: list[float] = []
        self.busy = False
        self._vad: Any = None
        self._seed = seed
        self._lines = 0

    def say(self, samples: npt.NDArray[np.int16]) -> None:
        """Queue an utterance (its end of speech is found now, off the real-time path)."""
        if self._vad is None:
            from game.hearing.vad import default_vad

            self._vad = default_vad()
        end = speech_end(samples, self._vad)
        lead = round(LEAD_IN_S * RATE)
        rng = np.random.default_rng((self._seed, self._lines))
        self._lines += 1
        line = np.concatenate([np.zeros(lead), samples.astype(np.float64)])
        line += rng.standard_normal(len(line)) * self._noise
        heard = np.clip(line, -32768, 32767).astype(np.int16)
        with self._lock:
            self._queue.append((heard, lead + end))
            self.busy = True

    def read(self, timeout: float) -> bytes:
        """20 ms chunks, paced by the wall clock."""
        now = time.monotonic()
        if self._t0 is None:
            self._t0 = now
        due = int((now - self._t0) * RATE) - self._sent
        if due < CHUNK:
            time.sleep(min(timeout, (CHUNK - due) / RATE))
            return b""
        n = (due // CHUNK) * CHUNK
        out = (self._rng.standard_normal(n) * self._noise).astype(np.int16)
        with self._lock:
            filled = 0
            while filled < n:
                if self._current is None:
                    if not self._queue:
                        break
                    gap = -(self._sent + filled) % SPEECH_ALIGN
                    if gap:
                        filled = min(n, filled + gap)
                        continue
                    (self._current, self._speech_end_at), self._pos = self._queue.popleft(), 0
                take = min(n - filled, len(self._current) - self._pos)
                out[filled : filled + take] = self._current[self._pos : self._pos + take]  # its own noise
                if self._pos < self._speech_end_at <= self._pos + take:
                    # wall time at which that sample was "spoken"
                    sample_time = self._t0 + (self._sent + filled + self._speech_end_at - self._pos) / RATE
                    self.true_ends.append(sample_time)
                self._pos += take
                filled += take
                if self._pos >= len(self._current):
                    self._current = None
            self.busy = self._current is not None or bool(self._queue)
        self._sent += n
        return out.astype("<i2").tobytes()

    def close(self) -> None:
        """Nothing to release."""
