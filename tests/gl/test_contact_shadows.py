"""Avatars darken the floor under them (issue 18: the characters floated)."""

from __future__ import annotations

from typing import Any

import numpy as np

from game.render.contact_shadows import ellipses
from game.render.labels import project
from game.render.offscreen import OffscreenView
from game.sim.camera import Camera
from game.sim.scene import parse_scene
from game.sim.world import World
from tests.support.scenes import scene_doc

NPC = {"name": "Ada", "persona": "ada", "position": [0.0, 0.0, -1.0], "facing": 180.0}
SIZE = (320, 240)
CAMERA = Camera(position=(0.0, 2.6, 1.2), yaw=0.0, pitch=-55.0)


def _frame(ctx: Any, world: World, contact: bool = True) -> np.ndarray:
    view = OffscreenView(ctx, SIZE)
    try:
        view.renderer.contact_shadows = contact
        view.render(world, CAMERA)
        return view.pixels().astype(np.int32)
    finally:
        view.release()


def test_the_floor_under_an_avatar_is_darker_than_without_it(gl_ctx: Any) -> None:
    empty = _frame(gl_ctx, World(parse_scene(scene_doc(), "t")))
    world = World(parse_scene(scene_doc(npcs=[NPC]), "t"))
    shadowed = _frame(gl_ctx, world)
    bare = _frame(gl_ctx, world, contact=False)
    # Floor pixels: where the avatar without its shadow looks like the empty room.
    floor = np.abs(bare - empty).sum(axis=2) < 6
    feet = project(CAMERA, SIZE, (0.0, 0.0, -1.0))
    assert feet is not None
    x, y = int(feet[0]), int(feet[1])
    near = np.zeros(floor.shape, dtype=bool)
    near[y - 30 : y + 30, x - 30 : x + 30] = True
    ring = floor & near
    assert ring.sum() > 300, "enough floor shows around the feet"
    darkening = (empty - shadowed).sum(axis=2)[ring]
    assert darkening.mean() > 5, f"the floor near the feet is darker: {darkening.mean():.1f}"
    assert (darkening > 30).sum() > 50, "clearly darker right under the avatar"
    far = floor.copy()
    far[y - 80 : y + 80, x - 80 : x + 80] = False
    assert np.abs(empty - shadowed).sum(axis=2)[far].max() < 6, "the rest of the floor is untouched"


def test_a_lifted_foot_casts_less_contact_shadow() -> None:
    world = World(parse_scene(scene_doc(npcs=[NPC]), "t"))
    still = ellipses(world, (-0.2, -1.0, -0.1))
    world.animator.world[0, :, 1, 3] += 0.5  # the whole skeleton off the floor (a jump)
    lifted = ellipses(world, (-0.2, -1.0, -0.1))
    assert still[1:, 7].min() > 0.3 and lifted[1:, 7].max() == 0.0
