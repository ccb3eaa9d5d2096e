"""Name tags, status indicators and speech bubbles placed over avatars' heads.

Positions come from projecting each avatar's head joint with the camera; labels of
avatars behind the camera or off screen are dropped.
"""

from __future__ import annotations

import numpy as np

from game.sim.camera import Camera
from game.sim.world import World

STATUS_MARKS = {"listening": "((·))", "thinking": "…"}


def project(
    camera: Camera, size: tuple[int, int], point: tuple[float, float, float]
) -> tuple[float, float] | None:
    """Pixel (x, y from the top) of a world point, or None when it is behind the camera."""
    w, h = size
    clip = camera.projection(w / max(h, 1)) @ camera.view() @ np.array([*point, 1.0], dtype=np.float64)
    if clip[3] <= 0.05:
        return None
    x, y = clip[0] / clip[3], clip[1] / clip[3]
    if abs(x) > 1.2 or abs(y) > 1.2:
        return None
    return (float((x + 1) / 2 * w), float((1 - y) / 2 * h))


def avatar_labels(
    world: World, camera: Camera, size: tuple[int, int], audio_clock: float | None = None
) -> tuple[tuple[tuple[float, float, str], ...], tuple[tuple[float, float, str], ...]]:
    """(name tags, speech bubbles) as (x, y, text): the pixel just above each head, and the text."""
    tags: list[tuple[float, float, str]] = []
    bubbles: list[tuple[float, float, str]] = []
    animator = world.animator
    for a in animator.avatars:
        head = animator.joint_position(a.name, "head")
        anchor = project(camera, size, (head[0], head[1] + 0.32 * a.proportions.height / 1.75, head[2]))
        if anchor is None:
            continue
        mark = STATUS_MARKS.get(a.status, "")
        # The overlay stacks the tag and the bubble above this point, spaced by its font.
        tags.append((anchor[0], anchor[1], f"{a.name} {mark}".strip()))
        spoken = animator.spoken_text(a, audio_clock)
        if spoken:
            bubbles.append((anchor[0], anchor[1], spoken))
    return tuple(tags), tuple(bubbles)
