"""Rendering helpers for GL tests: draw a scene document and project points to pixels."""

from __future__ import annotations

from typing import Any

import numpy as np

from game.render.offscreen import OffscreenView
from game.sim.camera import Camera
from game.sim.scene import parse_scene
from game.sim.world import World

SIZE = (160, 120)


def render(ctx: Any, doc: dict[str, Any], camera: Camera, shadows: bool = True) -> np.ndarray:
    view = OffscreenView(ctx, SIZE)
    try:
        view.render(World(parse_scene(doc, "test")), camera, shadows=shadows)
        return view.pixels().astype(np.int32)
    finally:
        view.release()


def project(
    camera: Camera, point: tuple[float, float, float], size: tuple[int, int] = SIZE
) -> tuple[int, int]:
    """Pixel (x, y from the top) where a world point lands."""
    w, h = size
    clip = camera.projection(w / h) @ camera.view() @ np.array([*point, 1.0])
    ndc = clip[:3] / clip[3]
    return int((ndc[0] + 1) / 2 * w), int((1 - ndc[1]) / 2 * h)


def patch(img: np.ndarray, xy: tuple[int, int], r: int = 2) -> np.ndarray:
    """Mean colour of a small square around a pixel."""
    x, y = xy
    return img[y - r : y + r + 1, x - r : x + r + 1].reshape(-1, 3).mean(axis=0)
