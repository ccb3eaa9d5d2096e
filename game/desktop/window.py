"""The OS window: the OpenGL 3.3 context it carries, and screenshots of it."""

from __future__ import annotations

import os
from pathlib import Path

import moderngl
import pygame

from game.errors import UserError
from game.render.context import FIX_HINT
from game.render.renderer import FrameTarget


def open_window(size: tuple[int, int], fullscreen: bool) -> moderngl.Context:
    """A resizable OpenGL 3.3 core window; a clear UserError when GL 3.3 is missing."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    pygame.display.init()
    pygame.display.gl_set_attribute(pygame.GL_CONTEXT_MAJOR_VERSION, 3)
    pygame.display.gl_set_attribute(pygame.GL_CONTEXT_MINOR_VERSION, 3)
    pygame.display.gl_set_attribute(pygame.GL_CONTEXT_PROFILE_MASK, pygame.GL_CONTEXT_PROFILE_CORE)
    pygame.display.gl_set_attribute(pygame.GL_DEPTH_SIZE, 24)
    flags = pygame.OPENGL | pygame.DOUBLEBUF | pygame.RESIZABLE | (pygame.FULLSCREEN if fullscreen else 0)
    try:
        pygame.display.set_mode(size, flags)
        ctx = moderngl.create_context(require=330)
    except Exception as exc:  # pygame.error or glcontext's plain Exception
        pygame.display.quit()
        raise UserError(f"cannot open an OpenGL 3.3 window ({exc}); {FIX_HINT}") from None
    pygame.display.set_caption("Voxroom")
    return ctx


def save_png(target: FrameTarget, path: str) -> None:
    """Write the target's finished frame as a PNG."""
    pixels = target.read_rgb()
    h, w, _ = pixels.shape
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(pygame.image.frombuffer(pixels.tobytes(), (w, h), "RGB"), path)
