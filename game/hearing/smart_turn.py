"""Smart Turn v3.2: a learned, audio-native "has the speaker finished?" model.

A silence timer cannot hear the difference between "Bo, where is the lamp?" and "Bo, where
is the…" followed by a thinking pause; the speaker's intonation and rhythm can. Smart Turn
(Daily's open model, 8.7 MB, ≈ 30 ms per call on one core) reads the last 8 s of audio and
answers with the probability that the turn is complete. The ONNX file ships inside the
``pipecat-ai`` wheel, which the set-up installs with ``--no-deps``; only the file is used,
on the onnxruntime the game already has (pipecat's Python modules pull loguru, soxr and
more, and are never imported).
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from game.errors import UserError
from game.hearing.log_mel import log_mel
from game.hearing.protocols import SAMPLE_RATE, TurnModel
from game.hearing.vad import one_thread_session

MODEL_FILE = "smart-turn-v3.2-cpu.onnx"
MODEL_DIR = ("audio", "turn", "smart_turn", "data")
INSTALL_HINT = "pip install --no-deps pipecat-ai==1.14.0 (for its Smart Turn model file)"


SLOW_CALL_MS = 120.0
"""A call slower than this makes ``voxroom doctor`` warn. About 30 ms on a CPU with int8 dot-product
instructions (VNNI); ≈ 260 ms on the 2-core AMD EPYC without them where the benchmarks ran, and
every turn the words do not settle waits for it (docs/hearing.md, "Ending a turn")."""


def call_ms(model: TurnModel, clock: Callable[[], float] = time.perf_counter) -> float:
    """How long one call takes on this machine: 2 s of silence, after a first call that warms it up."""
    silence = bytes(2 * 2 * SAMPLE_RATE)
    model.probability(silence)
    start = clock()
    model.probability(silence)
    return (clock() - start) * 1000.0


def smart_turn_model_path() -> Path:
    """The ONNX file inside the installed ``pipecat`` package, found without importing it.

    ``importlib.resources`` would import ``pipecat/__init__.py`` (and loguru with it); the
    top-level spec gives the folder without running any of the package's code.
    """
    spec = importlib.util.find_spec("pipecat")
    if spec is None or not spec.submodule_search_locations:
        raise UserError(f"Smart Turn model not installed; {INSTALL_HINT}")
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*MODEL_DIR, MODEL_FILE)
    if not path.is_file():
        raise UserError(f"{path}: Smart Turn model missing; {INSTALL_HINT}")
    return path


class SmartTurn:
    """Smart Turn v3.2 on onnxruntime with one intra-op thread (the render loop keeps the other core)."""

    name = "smart-turn-v3.2"

    def __init__(self, model: Path | None = None) -> None:
        self._session: Any = one_thread_session(model or smart_turn_model_path(), "Smart Turn model")

    def probability(self, pcm: bytes) -> float:
        """Probability that the speech ending ``pcm`` (16 kHz int16, any length) is a finished turn."""
        samples = np.frombuffer(pcm, "<i2")
        features = log_mel(samples)[None, :, :]
        (out,) = self._session.run(None, {"input_features": features})
        return float(np.asarray(out).reshape(-1)[0])


def default_turn_model() -> SmartTurn | None:
    """Smart Turn when its file loads, else None: the endpointer falls back to its silence timer."""
    try:
        return SmartTurn()
    except (UserError, OSError):
        return None
