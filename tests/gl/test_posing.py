"""``voxroom render --viseme/--emotion`` picture the held shape at ``--time 0`` (issue 18)."""

from __future__ import annotations

import argparse
from typing import Any

import numpy as np

from game.commands.render import posed_world
from game.render.labels import project
from game.render.offscreen import OffscreenView
from game.sim.camera import Camera
from game.sim.scene import parse_scene
from game.sim.world import World
from tests.support.scenes import scene_doc

NPC = {"name": "Ada", "persona": "ada", "position": [0.0, 0.0, -1.0], "facing": 180.0}
SIZE = (200, 200)


def _args(**kw: Any) -> argparse.Namespace:
    base: dict[str, Any] = {"pose": [], "viseme": [], "emotion": [], "look_at": "", "time": 0.0}
    base.update(kw)
    return argparse.Namespace(**base)


def _face(ctx: Any, args: argparse.Namespace) -> tuple[np.ndarray, tuple[int, int]]:
    world = World(parse_scene(scene_doc(npcs=[NPC]), "t"))
    head = World(parse_scene(scene_doc(npcs=[NPC]), "t")).animator.joint_position("Ada", "head")
    camera = Camera(position=(head[0], head[1] + 0.08, head[2] + 0.6), yaw=0.0)
    posed_world(world, args, camera)
    view = OffscreenView(ctx, SIZE)
    try:
        view.render(world, camera)
        pixels = view.pixels().astype(np.int32)
    finally:
        view.release()
    centre = project(camera, SIZE, (head[0], head[1] + 0.08, head[2]))
    assert centre is not None
    return pixels, (int(centre[0]), int(centre[1]))


def _changed(a: np.ndarray, b: np.ndarray, centre: tuple[int, int]) -> int:
    x, y = centre
    region = (slice(y - 60, y + 60), slice(x - 50, x + 50))
    return int((np.abs(a - b).sum(axis=2)[region] > 60).sum())


def test_a_held_viseme_shows_at_time_zero(gl_ctx: Any) -> None:
    sil, centre = _face(gl_ctx, _args(viseme=["Ada:sil"]))
    aa, _ = _face(gl_ctx, _args(viseme=["Ada:aa"]))
    assert _changed(aa, sil, centre) > 60, "the open mouth shows without --time"


def test_a_held_emotion_shows_fully_at_time_zero(gl_ctx: Any) -> None:
    neutral, centre = _face(gl_ctx, _args())
    surprised, _ = _face(gl_ctx, _args(emotion=["Ada:surprised"]))
    later, _ = _face(gl_ctx, _args(emotion=["Ada:surprised"], time=0.05))
    assert _changed(surprised, neutral, centre) > 60, "the expression shows without --time"
    # Held, not blending in from neutral: a moment later the face is the same expression.
    assert _changed(surprised, later, centre) < _changed(surprised, neutral, centre) / 4
