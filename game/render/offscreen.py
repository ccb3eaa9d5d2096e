"""Headless rendering of a world to pixels: the engine behind ``voxroom render`` and tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import moderngl
import numpy as np

from game.render.overlay import HudState, Overlay
from game.render.renderer import FrameTarget, Renderer
from game.sim.camera import Camera
from game.sim.world import World


class OffscreenView:
    """A renderer plus an offscreen target of a fixed size, reusable across frames."""

    def __init__(self, ctx: moderngl.Context, size: tuple[int, int], msaa: int = 0) -> None:
        self.ctx = ctx
        self.renderer = Renderer(ctx)
        self.target = FrameTarget(ctx, size, msaa)
        self._overlay: Overlay | None = None

    def render(self, world: World, camera: Camera, hud: HudState | None = None, shadows: bool = True) -> None:
        """Draw one frame (and the HUD if given) into the target."""
        self.renderer.draw(world, camera, self.target, shadows=shadows)
        if hud is not None:
            if self._overlay is None:
                self._overlay = Overlay(self.ctx, self.renderer.shaders)
            self._overlay.draw(self.target.draw_fbo, hud, self.target.size)
        self.target.finish()

    def pixels(self) -> np.ndarray[Any, np.dtype[np.uint8]]:
        """The last frame as H×W×3 uint8, top row first."""
        return self.target.read_rgb()

    def release(self) -> None:
        """Free the target's GL objects."""
        self.target.release()


def write_png(pixels: np.ndarray[Any, np.dtype[np.uint8]], path: Path) -> None:
    """Save an H×W×3 array as PNG through pygame (no extra imaging dependency)."""
    import pygame

    h, w, _ = pixels.shape
    path.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(
        pygame.image.frombuffer(np.ascontiguousarray(pixels).tobytes(), (w, h), "RGB"), str(path)
    )
