"""Dynamic resolution: a moving camera draws the 3D smaller, the HUD stays sharp, still is full (issue 18)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from game.render.dynamic_res import reduced_size
from game.render.offscreen import OffscreenView
from game.render.overlay import HudState
from game.sim.camera import Camera
from game.sim.scene import parse_scene
from game.sim.world import World
from tests.support.scenes import scene_doc

NPC = {"name": "Ada", "persona": "ada", "position": [0.0, 0.0, -1.0], "facing": 180.0}
SIZE = (320, 180)
HUD = HudState(top_left=("60 fps · 16.7 ms",))


def _view(ctx: Any, scale: float) -> OffscreenView:
    view = OffscreenView(ctx, SIZE)
    view.renderer.moving_scale = scale
    return view


def test_moving_frames_are_softer_and_the_first_still_frame_is_full(gl_ctx: Any) -> None:
    world = World(parse_scene(scene_doc(npcs=[NPC]), "t"))
    cam = Camera(position=(0.0, 1.5, 2.0))
    reference = _view(gl_ctx, 1.0)
    reference.render(world, cam, HUD)
    full = reference.pixels().astype(np.int32)
    reference.release()

    view = _view(gl_ctx, 0.5)
    try:
        view.render(world, replace(cam, yaw=3.0), HUD)
        view.render(world, cam, HUD)  # the camera moved: drawn at half size and stretched
        moving = view.pixels().astype(np.int32)
        view.render(world, cam, HUD)  # the same camera again: still
        still = view.pixels().astype(np.int32)
    finally:
        view.release()
    assert np.array_equal(still, full), "the first still frame is the full-resolution frame"
    diff = np.abs(moving - full).sum(axis=2)
    assert (diff > 30).sum() > 200, "a moving frame is drawn at the lower resolution"
    assert np.abs(moving.mean(axis=(0, 1)) - full.mean(axis=(0, 1))).max() < 6, "the same picture, softer"
    # The HUD is drawn at the native size over the stretched frame: its text is as sharp.
    text = np.abs(full - _no_hud(gl_ctx, world, cam)).sum(axis=2) > 60
    assert text.sum() > 50
    assert np.abs(moving - full).sum(axis=2)[text].mean() < 20, "the HUD text is unchanged"


def _no_hud(ctx: Any, world: World, cam: Camera) -> np.ndarray:
    view = _view(ctx, 1.0)
    try:
        view.render(world, cam)
        return view.pixels().astype(np.int32)
    finally:
        view.release()


def test_reduced_size_keeps_a_minimum() -> None:
    assert reduced_size((1280, 720), 0.5) == (640, 360)
    assert reduced_size((20, 10), 0.5) == (16, 16)
