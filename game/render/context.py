"""OpenGL 3.3 contexts: standalone EGL for headless work, GLX when a display exists.

glcontext raises a bare ``Exception`` when a backend is unavailable, so every
failure is turned into :class:`GLUnavailable` with a message that says how to fix it.
"""

from __future__ import annotations

import os

import moderngl

from game.errors import UserError

FIX_HINT = (
    "install Mesa's EGL and llvmpipe (apt-get install libegl1 libegl-mesa0 libgl1-mesa-dri) "
    "or a GPU driver with OpenGL 3.3"
)


class GLUnavailable(RuntimeError):
    """No OpenGL 3.3 context could be created; the message names the fix."""


def create_headless_context() -> moderngl.Context:
    """Standalone context without a window: EGL first, then GLX when ``DISPLAY`` is set."""
    errors = []
    backends = ["egl"] + (["glx"] if os.environ.get("DISPLAY") else [])
    for backend in backends:
        try:
            return moderngl.create_context(standalone=True, backend=backend, require=330)  # type: ignore[arg-type]
        except Exception as exc:  # glcontext raises plain Exception
            errors.append(f"{backend}: {exc}")
    raise GLUnavailable(f"no OpenGL 3.3 context ({'; '.join(errors)}); {FIX_HINT}")


def describe(ctx: moderngl.Context) -> str:
    """One line naming the renderer and GL version, for the HUD and ``doctor``."""
    info = ctx.info
    return f"{info.get('GL_RENDERER', '?')} — OpenGL {info.get('GL_VERSION', '?')}"


def parse_size(text: str) -> tuple[int, int]:
    """Parse ``WxH`` (e.g. ``1280x720``) or raise UserError with the expected form."""
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise UserError(f"size {text!r} must look like 1280x720") from None
    if not (64 <= w <= 7680 and 64 <= h <= 4320):
        raise UserError(f"size {text!r} is out of range (64x64 to 7680x4320)")
    return w, h
