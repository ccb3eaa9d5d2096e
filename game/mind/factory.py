"""Choose a brain by name with lazy imports; a weaker brain takes over when a stronger one fails.

``embed`` (always available) or ``llama`` (the optional ``[llm]`` extra with a GGUF model).
The generative brain falls back in two steps, each reported in one line, never a crash:

1. the model asked for (``[mind] model``: a curated name or a .gguf path) is not
   installed, is unknown, would not fit in the memory available, fails to load
   (a corrupt file) or decodes slower than :data:`~game.mind.llm_fit.MIN_TOKENS_PER_S`
   → the bundled SmolLM2-135M, which stays the default on a fresh machine;
2. the bundled model cannot start either (no ``[llm]`` extra) → the embedding brain.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from game.errors import UserError
from game.llm_catalog import BUNDLED, installed_path, looks_like_path, lookup
from game.mind.brain import EmbeddingBrain
from game.mind.protocols import Brain

if TYPE_CHECKING:
    from game.mind.llama_brain import LlamaBrain

log = logging.getLogger(__name__)
USING_BUNDLED = "using the bundled SmolLM2"


def make_brain(kind: str = "embed", model: str = "", seed: int | None = None) -> tuple[Brain, list[str]]:
    """Return ``(brain, problems)``; problems are one-line messages for the user."""
    base = EmbeddingBrain(seed=seed)
    if kind == "embed":
        return base, []
    if kind != "llama":
        return base, [f"unknown brain {kind!r}; using the default brain (choose embed or llama)"]
    return choose_llama(base, model)


def choose_llama(base: EmbeddingBrain, model: str = "") -> tuple[Brain, list[str]]:
    """The generative brain for a ``[mind] model`` setting, falling back as the module says."""
    try:
        from game.mind.llama_brain import LlamaBrain, LlamaError
    except ImportError as exc:  # pragma: no cover - the module itself has no hard deps
        return base, [f"generative brain unavailable ({exc}); using the default brain"]
    problems: list[str] = []
    if model.strip() not in ("", BUNDLED):
        try:
            return _chosen(base, resolve_model(model)), problems
        except (UserError, LlamaError) as exc:
            problems.append(f"{exc}; {USING_BUNDLED}")
    try:
        bundled = LlamaBrain(base)
    except LlamaError as exc:
        return base, [*problems, f"{exc}; using the default brain"]
    bundled.note = problems[-1] if problems else ""
    return bundled, problems


def resolve_model(setting: str) -> Path:
    """The GGUF file a ``[mind] model`` setting or ``--model`` flag names.

    A curated name must have been fetched; the message says how. Raises :class:`UserError`.
    """
    value = setting.strip()
    if looks_like_path(value):
        return Path(value).expanduser()
    entry = lookup(value)
    path = installed_path(entry)
    if not path.is_file():
        raise UserError(f"model {entry.name!r} is not installed (run: voxroom models fetch llm {entry.name})")
    return path


def _chosen(base: EmbeddingBrain, path: Path) -> LlamaBrain:
    """Load ``path`` if it fits in memory, and keep it only if it is fast enough."""
    from game.mind.llama_brain import LlamaBrain, LlamaError
    from game.mind.llm_fit import MIN_TOKENS_PER_S, mem_available, probe, too_big

    if not path.is_file():
        raise LlamaError(f"{path}: no such GGUF model file")
    why = too_big(path, mem_available())
    if why:
        raise LlamaError(why)
    brain = LlamaBrain(base, model_path=path)
    try:
        tps = probe(brain.llm)
    except Exception as exc:  # loads but cannot decode: as unusable as a file that does not load
        tps, why = 0.0, f"{path.name} cannot generate ({exc})"
    else:
        why = f"{path.name} is too slow here ({tps:.1f} tokens/s, below {MIN_TOKENS_PER_S:g})"
    log.info("%s: %.1f tokens/s", path.name, tps)
    if tps < MIN_TOKENS_PER_S:
        close = getattr(brain.llm, "close", None)
        if close is not None:
            close()
        raise LlamaError(why)
    return brain
