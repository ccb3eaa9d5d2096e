from __future__ import annotations

from typing import Any

import numpy as np

from game.render.offscreen import OffscreenView
from game.render.overlay import HudState
from game.sim.camera import Camera
from game.sim.scene import parse_scene
from game.sim.world import World
from tests.scenes import scene_doc


def test_hud_text_is_drawn_and_only_where_expected(gl_ctx: Any) -> None:
    world = World(parse_scene(scene_doc(), "t"))
    cam = Camera(position=(0.0, 1.6, 3.0))
    view = OffscreenView(gl_ctx, (320, 180))
    view.render(world, cam)
    plain = view.pixels().astype(np.int32)
    view.render(world, cam, HudState(top_left=("60 fps",), caption="Hello there"))
    hud = view.pixels().astype(np.int32)
    view.release()
    diff = np.abs(hud - plain).sum(axis=2) > 30
    assert diff[:30, :80].sum() > 20, "FPS text in the top-left corner"
    assert diff[130:, 100:220].sum() > 20, "caption near the bottom centre"
    assert diff[60:110, :].sum() == 0, "the middle of the picture is untouched"
