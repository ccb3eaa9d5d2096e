"""The endpointer: turns per-frame speech probabilities into utterances.

It is pure and frame-driven (no clock, no threads), so boundaries are a function of
the audio alone and tests check them against the true times. Always-listening mode
uses the VAD with hysteresis, a pre-roll so the first syllable reaches the recognizer,
and an end-of-speech silence that grows when the words so far are unfinished.
Push-to-talk ignores the VAD: the key decides, with a short tail after release.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from game.hearing.audio import dbfs
from game.hearing.completeness import is_complete_question, is_unfinished
from game.hearing.protocols import SAMPLE_RATE

MODES = ("always", "ptt")
VAD_LAG_S = 0.15
QUESTION_SILENCE = 2 / 3
"""A complete question (:func:`~game.hearing.completeness.is_complete_question`) ends after this
share of the end silence: 200 ms of the default 300, and longer if the user asked for it."""


@dataclass(frozen=True)
class EndpointConfig:
    """Tunables; the defaults suit Silero on 32 ms frames."""

    on_threshold: float = 0.5
    off_threshold: float = 0.35
    min_speech_ms: int = 64
    end_silence_ms: int = 300
    unfinished_silence_ms: int = 1000
    preroll_ms: int = 300
    max_utterance_s: float = 20.0
    ptt_tail_ms: int = 200
    refine_db: float = 10.0
    """Speech ends at the last frame this far above the noise floor (Silero lags ~100 ms)."""

    def __post_init__(self) -> None:
        if not 0.0 < self.off_threshold <= self.on_threshold < 1.0:
            raise ValueError("need 0 < off_threshold <= on_threshold < 1")
        if self.end_silence_ms <= 0 or self.unfinished_silence_ms < self.end_silence_ms:
            raise ValueError("need 0 < end_silence_ms <= unfinished_silence_ms")


@dataclass(frozen=True)
class Step:
    """What one frame did: ``started``/``ended`` are audio times (s) when set."""

    audio: bytes = b""
    started: float | None = None
    ended: float | None = None
    reason: str = ""


class Endpointer:
    """Frame-by-frame utterance segmentation with pre-roll and turn-aware hangover."""

    def __init__(self, config: EndpointConfig | None = None, frame_samples: int = 512) -> None:
        self.config = config or EndpointConfig()
        self.frame_samples = frame_samples
        self.frame_s = frame_samples / SAMPLE_RATE
        self.mode = "always"
        self.ptt = False
        self.hint = ""
        self._preroll: deque[bytes] = deque(
            maxlen=max(1, round(self.config.preroll_ms / 1000 / self.frame_s))
        )
        self._frames = 0
        self._in_speech = False
        self._pending: list[bytes] = []  # voiced frames before onset is confirmed
        self._pending_start = 0.0
        self._last_voiced_end = 0.0
        self._silence_s = 0.0
        self._start = 0.0
        self._tail_left = 0
        self._floor_db = -60.0
        # (frame end time, level) far enough back to reach the last voiced frame at the end
        keep = round(self.config.unfinished_silence_ms / 1000 / self.frame_s) + 8
        self._recent: deque[tuple[float, float]] = deque(maxlen=keep)

    @property
    def in_speech(self) -> bool:
        """True between a ``started`` step and its ``ended`` step."""
        return self._in_speech

    @property
    def audio_time(self) -> float:
        """Seconds of audio seen so far."""
        return self._frames * self.frame_s

    def set_mode(self, mode: str) -> None:
        """Switch between ``always`` (VAD) and ``ptt`` (push-to-talk)."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        self.mode = mode

    def step(self, frame: bytes, probability: float) -> Step:
        """Advance by one frame with its speech probability."""
        t0 = self.audio_time
        self._frames += 1
        t1 = self.audio_time
        level = dbfs(frame)
        if not self._in_speech and probability < self.config.off_threshold:
            # noise floor: follows quiet frames fast, loud non-speech (a door) slowly
            rate = 0.3 if level < self._floor_db else 0.02
            self._floor_db += rate * (level - self._floor_db)
        self._recent.append((t1, level))
        if self.mode == "ptt":
            return self._step_ptt(frame, t0, t1)
        return self._step_vad(frame, probability, t0, t1)

    def force_end(self, reason: str) -> Step:
        """Close the utterance in progress now (stream ended, device lost, mode change)."""
        if not self._in_speech:
            self._pending.clear()
            return Step()
        self._in_speech = False
        self._tail_left = 0
        end = self._last_voiced_end if self.mode == "always" else self.audio_time
        return Step(ended=max(end, self._start), reason=reason)

    # -- always-listening -------------------------------------------------------------
    def _step_vad(self, frame: bytes, p: float, t0: float, t1: float) -> Step:
        cfg = self.config
        if not self._in_speech:
            if p >= cfg.on_threshold:
                if not self._pending:
                    self._pending_start = t0
                self._pending.append(frame)
                if len(self._pending) * self.frame_s * 1000 >= cfg.min_speech_ms:
                    audio = b"".join(self._preroll) + b"".join(self._pending)
                    self._preroll.clear()
                    self._pending.clear()
                    self._in_speech = True
                    self._start = self._pending_start
                    self._last_voiced_end = t1
                    self._silence_s = 0.0
                    self.hint = ""
                    return Step(audio=audio, started=self._start, reason="voice")
                return Step()
            for f in self._pending:  # a blip too short to count: keep it as pre-roll
                self._preroll.append(f)
            self._pending.clear()
            self._preroll.append(frame)
            return Step()
        if p >= cfg.on_threshold:  # the boundary is the last clearly voiced frame...
            self._last_voiced_end = t1
        if p >= cfg.off_threshold:  # ...but hysteresis decides whether speech goes on
            self._silence_s = 0.0
        else:
            self._silence_s += self.frame_s
        limit = self._end_silence_ms()
        silence = self._silence_s
        if silence > 0.0:
            # Silero's probability falls ~100 ms after the voice does; the level shows the
            # real end, so the silence is counted from there (the VAD still has to agree,
            # and the level can move the end at most VAD_LAG_S earlier).
            silence = max(silence, min(t1 - self._refined_end(), silence + VAD_LAG_S))
        if silence * 1000 >= limit - 1e-6:
            self._in_speech = False
            self._preroll.append(frame)
            return Step(audio=frame, ended=self._refined_end(), reason="silence")
        if t1 - self._start >= cfg.max_utterance_s:
            self._in_speech = False
            return Step(audio=frame, ended=t1, reason="max_length")
        return Step(audio=frame)

    def _end_silence_ms(self) -> int:
        """How long a pause ends this utterance, given the words heard so far."""
        cfg = self.config
        if is_unfinished(self.hint):
            return cfg.unfinished_silence_ms
        if is_complete_question(self.hint):
            return round(cfg.end_silence_ms * QUESTION_SILENCE)
        return cfg.end_silence_ms

    def _refined_end(self) -> float:
        """Walk back from Silero's last voiced frame over frames at the noise floor."""
        end = self._last_voiced_end
        quiet = self._floor_db + self.config.refine_db
        for t_end, level in reversed(self._recent):
            if t_end > end + 1e-9:
                continue
            if level >= quiet or t_end <= self._start:
                break
            end = t_end - self.frame_s
        return max(end, self._start + self.frame_s)

    # -- push-to-talk -----------------------------------------------------------------
    def _step_ptt(self, frame: bytes, t0: float, t1: float) -> Step:
        if not self._in_speech:
            if self.ptt:
                audio = b"".join(self._preroll) + frame
                self._start = max(0.0, t0 - len(self._preroll) * self.frame_s)
                self._preroll.clear()
                self._in_speech = True
                self._tail_left = round(self.config.ptt_tail_ms / 1000 / self.frame_s)
                self.hint = ""
                return Step(audio=audio, started=self._start, reason="ptt")
            self._preroll.append(frame)
            return Step()
        if self.ptt:
            return Step(audio=frame)
        if self._tail_left > 0:
            self._tail_left -= 1
            return Step(audio=frame)
        self._in_speech = False
        return Step(audio=frame, ended=t1, reason="ptt_release")
