"""Choose a brain by name with lazy imports; the default brain takes over when the other fails.

``embed`` (always available) or ``llama`` (the optional ``[llm]`` extra with a GGUF model).
A generative backend that cannot start is reported in one line and replaced by the
default brain, never a crash.
"""

from __future__ import annotations

import logging

from game.mind.brain import EmbeddingBrain
from game.mind.protocols import Brain

log = logging.getLogger(__name__)


def make_brain(kind: str = "embed", model: str = "", seed: int | None = None) -> tuple[Brain, list[str]]:
    """Return ``(brain, problems)``; problems are one-line messages for the user."""
    base = EmbeddingBrain(seed=seed)
    if kind == "embed":
        return base, []
    if kind != "llama":
        return base, [f"unknown brain {kind!r}; using the default brain (choose embed or llama)"]
    try:
        from game.mind.llama_brain import LlamaBrain, LlamaError
    except ImportError as exc:  # pragma: no cover - the module itself has no hard deps
        return base, [f"generative brain unavailable ({exc}); using the default brain"]
    try:
        return LlamaBrain(base, model_path=model or None), []
    except LlamaError as exc:
        return base, [f"{exc}; using the default brain"]
