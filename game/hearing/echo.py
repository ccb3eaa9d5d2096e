"""Echo guard: remove the NPCs' own voices from the microphone before voice detection.

Whatever the speakers play may come back through the microphone, delayed and
coloured by the room. The guard knows what was played and when (the player hands
it every sentence with its start time), finds the echo delay by cross-correlation,
fits a short FIR echo path by least squares over the last half second, and
subtracts the predicted echo. What remains is the user; the voice detector runs on
that residual, so an NPC never interrupts itself.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.hearing.protocols import AudioSource

Audio = npt.NDArray[np.float32]


@dataclass
class _Played:
    start: float
    samples: Audio  # at the guard's rate, with the gain the listener hears


class EchoGuard:
    """Thread-safe: the main thread adds played audio, the capture thread cleans frames."""

    def __init__(
        self, rate: int = 16000, max_delay: float = 0.25, history: float = 0.5, taps: int = 48
    ) -> None:
        self.rate = rate
        self.max_delay = int(max_delay * rate)
        self.history = int(history * rate)
        self.taps = taps
        self._played: list[_Played] = []
        self._lock = threading.Lock()
        self._mic = np.zeros(0, dtype=np.float32)
        self._mic_start = 0.0
        self._delay: int | None = None
        self._filter: Audio | None = None
        self._frames = 0
        self.echo_rms = 0.0  # predicted echo level of the last frame (for the voice detector's gate)

    def played(self, start: float, samples: npt.NDArray[np.int16], rate: int, gain: float = 1.0) -> None:
        """Record audio that the speakers play from ``start`` (monotonic seconds)."""
        x = samples.astype(np.float32) / 32768.0 * gain
        if rate != self.rate and len(x):
            n = int(len(x) * self.rate / rate)
            x = np.interp(np.linspace(0, len(x) - 1, n), np.arange(len(x)), x).astype(np.float32)
        with self._lock:
            self._played.append(_Played(start, x))

    def stopped(self, at: float) -> None:
        """Playback was cut at ``at`` (barge-in): nothing after it will echo."""
        with self._lock:
            for p in self._played:
                keep = max(0, int((at - p.start) * self.rate))
                if keep < len(p.samples):
                    p.samples = p.samples[:keep]

    def reference(self, t0: float, n: int) -> Audio:
        """What the speakers played during ``[t0, t0 + n / rate)``."""
        out = np.zeros(n, dtype=np.float32)
        with self._lock:
            for p in self._played:
                offset = round((p.start - t0) * self.rate)
                lo, hi = max(0, offset), min(n, offset + len(p.samples))
                if lo < hi:
                    out[lo:hi] += p.samples[lo - offset : hi - offset]
            horizon = t0 - self.history / self.rate - self.max_delay / self.rate
            self._played = [p for p in self._played if p.start + len(p.samples) / self.rate > horizon]
        return out

    def process(self, frame: Audio, t0: float) -> Audio:
        """Return ``frame`` (float32 in -1..1, captured from ``t0``) with the echo removed."""
        n = len(frame)
        span = self.history + n
        ref = self.reference(t0 + n / self.rate - (span + self.max_delay) / self.rate, span + self.max_delay)
        self._mic = np.concatenate([self._mic, frame])[-span:]
        if float(np.abs(ref).max(initial=0.0)) < 1e-4:
            self._delay, self._filter, self.echo_rms, self._frames = None, None, 0.0, 0
            return frame
        mic = self._mic
        ref_aligned = ref[-(len(mic) + self.max_delay) :]
        self._frames += 1
        # Re-estimate the delay every 200 ms and the echo path every 100 ms: the room
        # changes slowly, and a least-squares fit per 20 ms frame would cost too much.
        # While little played audio is in the history (the first 300 ms) refit every frame.
        warming = self._frames <= 15
        if self._delay is None or warming or self._frames % 10 == 0:
            self._delay = self._estimate_delay(mic, ref_aligned)
        if self._filter is None or warming or self._frames % 5 == 0:
            self._filter = self._fit(mic, ref_aligned, self._delay)
        tail = ref_aligned[len(mic) - n :]
        echo = self._matrix(tail, self._delay, n) @ self._filter
        self.echo_rms = float(np.sqrt(np.mean(echo**2)))
        if warming:  # not converged yet: assume the echo may be as loud as the playback
            self.echo_rms = max(self.echo_rms, float(np.sqrt(np.mean(tail[-n:] ** 2))))
        return (frame - echo).astype(np.float32)

    def _estimate_delay(self, mic: Audio, ref: Audio) -> int:
        """Lag (samples) at which the played audio best matches the microphone."""
        size = 1 << int(np.ceil(np.log2(len(ref) + len(mic))))
        spec = np.fft.rfft(mic, size) * np.conj(np.fft.rfft(ref, size))
        spec /= np.abs(spec) + 1e-9  # PHAT weighting: sharp peaks, robust to colouring
        corr = np.fft.irfft(spec, size)
        # mic[i] ~ ref[i + max_delay - d], a correlation lag of d - max_delay (≤ 0), which the
        # circular correlation stores at index size + lag; lags[j] is the lag j - max_delay.
        lags = np.concatenate([corr[-self.max_delay :], corr[:1]])
        return int(np.argmax(lags))

    def _matrix(self, ref: Audio, delay: int, count: int) -> Audio:
        """Columns of the played signal at the direct-path delay and later (reflections).

        Tap j is an extra delay of j - 2 samples (two taps of lead for fractional delays).
        """
        padded = np.concatenate([ref, np.zeros(2, dtype=np.float32)])
        base = self.max_delay - delay + 2
        cols = []
        for j in range(self.taps):
            start = base - j
            if start < 0:
                cols.append(np.zeros(count, dtype=np.float32))
            else:
                cols.append(padded[start : start + count])
        return np.stack(cols, axis=1).astype(np.float32)

    def _fit(self, mic: Audio, ref: Audio, delay: int) -> Audio:
        a = self._matrix(ref, delay, len(mic))
        ata = a.T @ a + 1e-3 * np.eye(a.shape[1], dtype=np.float32)
        return np.linalg.solve(ata, a.T @ mic).astype(np.float32)

    def user_over_echo(self, residual: Audio, floor: float = 0.006) -> bool:
        """Double-talk test: say whether the residual holds clearly more than echo leftovers.

        The filter removes the direct path and early reflections; late reverberation
        remains, at a level that follows the predicted echo. Speech counts as the user's
        only when the residual stands well above that level.
        """
        level = float(np.sqrt(np.mean(residual.astype(np.float64) ** 2)))
        return level > floor + 0.35 * self.echo_rms


class GuardedSource:
    """An audio source whose chunks pass through the echo guard before voice detection.

    Between the user's turns, frames where the residual is not clearly above the expected
    echo are muted, so the NPC's own voice can neither start an utterance nor interrupt the
    NPC. Inside a turn (``in_turn``, set by the hearing pipeline to "the endpointer is in
    speech") the residual is passed on unmuted: the user is already talking, so nothing can
    be interrupted, and muting would cut holes in the user's words wherever our own audio
    overlaps them (a backchannel "uh-huh" played over the user). Those holes read as pauses:
    before this, an "uh-huh" played 3.75 s into an 8 s request split it in two, and one at
    4 s turned the transcript into another sentence.
    """

    def __init__(
        self,
        source: AudioSource,
        guard: EchoGuard,
        clock: Callable[[], float] = time.monotonic,
        in_turn: Callable[[], bool] | None = None,
    ) -> None:
        self.source, self.guard, self.clock = source, guard, clock
        self.in_turn: Callable[[], bool] = in_turn or (lambda: False)
        self.overlapped = False
        """Whether our own audio was playing during the last chunk: a pause under it cannot be
        judged (the hearing pipeline tells the endpointer, see ``HearingWorker.feed``)."""
        self.name = source.name

    def read(self, timeout: float) -> bytes:
        """The next chunk with the echo removed (capture time = now - chunk length)."""
        pcm = self.source.read(timeout)
        if not pcm:
            return pcm
        x = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
        t0 = self.clock() - len(x) / self.guard.rate
        out = np.empty_like(x)
        step = self.guard.rate // 50
        gate = not self.in_turn()
        self.overlapped = False
        for i in range(0, len(x), step):
            residual = self.guard.process(x[i : i + step], t0 + i / self.guard.rate)
            self.overlapped = self.overlapped or self.guard.echo_rms > 0.0
            if gate and self.guard.echo_rms > 0.0 and not self.guard.user_over_echo(residual):
                residual = residual * 0.0
            out[i : i + step] = residual
        return bytes((np.clip(out, -1.0, 1.0) * 32767).astype("<i2").tobytes())

    def close(self) -> None:
        """Close the wrapped source."""
        self.source.close()
