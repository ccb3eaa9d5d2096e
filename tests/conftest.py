"""Shared fixtures: one standalone EGL context for all GL tests, headless SDL settings."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

# The speech fixtures (espeak-ng voices, real engines loaded once) serve hearing, speaking and e2e tests.
from tests.support.speech import (  # noqa: F401
    as_pcm,
    ko_model_info,
    ko_recognizer,
    say,
    silero,
    sphinx_grammar,
    write,
)

os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

_GL_CONTEXT: Any = None
_GL_ERROR: str | None = None


def _shared_context() -> Any:
    """Create the EGL context once; remember why it failed so every GL test says so."""
    global _GL_CONTEXT, _GL_ERROR
    if _GL_CONTEXT is None and _GL_ERROR is None:
        from game.render.context import create_headless_context

        try:
            _GL_CONTEXT = create_headless_context()
        except Exception as exc:  # glcontext raises a plain Exception
            _GL_ERROR = str(exc)
    return _GL_CONTEXT


@pytest.fixture
def gl_ctx() -> Iterator[Any]:
    """The shared moderngl context; skips only when no GL 3.3 context can be made at all."""
    ctx = _shared_context()
    if ctx is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must be able to create an EGL context: {_GL_ERROR}")
        pytest.skip(f"no OpenGL 3.3 context: {_GL_ERROR}")
    yield ctx
    ctx.screen  # noqa: B018 - keep the default framebuffer bound state sane
    ctx.gc()
