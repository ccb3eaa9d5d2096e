from __future__ import annotations

from typing import Any

import numpy as np

from game.render.offscreen import OffscreenView
from game.render.overlay import HudState
from game.sim.camera import Camera
from game.sim.scene import parse_scene
from game.sim.world import World
from tests.support.scenes import scene_doc


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


def _panel_pixels(gl_ctx: Any, state: HudState, text_size: int | None = None) -> np.ndarray:
    world = World(parse_scene(scene_doc(), "t"))
    cam = Camera(position=(0.0, 1.6, 3.0))
    view = OffscreenView(gl_ctx, (320, 240))
    try:
        view.render(world, cam, HudState())  # creates the overlay
        if text_size is not None:
            assert view._overlay is not None
            view._overlay.set_text_size(text_size)
        view.render(world, cam, state)
        return view.pixels().astype(np.int32)
    finally:
        view.release()


def test_settings_highlight_bar_marks_the_selected_row(gl_ctx: Any) -> None:
    rows = ("Settings", "Microphone:   default", "Listening:   < always >", "Captions:   on")
    plain = _panel_pixels(gl_ctx, HudState(help_lines=rows))
    lit = _panel_pixels(gl_ctx, HudState(help_lines=rows, help_highlight=2))
    changed = np.abs(lit - plain).sum(axis=2) > 30
    ys, xs = np.nonzero(changed)
    assert len(ys) > 200, "a highlight bar is drawn"
    blue = lit[ys, xs]
    assert (blue[:, 2] > blue[:, 0] + 40).mean() > 0.5, "the bar is blue"
    # The bar sits on row 2 only: its band is about one line high, and below the title row.
    assert ys.max() - ys.min() < 30
    title_rows = np.nonzero(np.abs(plain - _panel_pixels(gl_ctx, HudState())).sum(axis=2) > 30)[0]
    assert ys.min() > title_rows.min() + 20


def test_text_size_changes_the_panel(gl_ctx: Any) -> None:
    rows = ("Settings", "Text size:   < 20 px >")
    small = np.abs(_panel_pixels(gl_ctx, HudState(help_lines=rows), 12) - _panel_pixels(gl_ctx, HudState()))
    large = np.abs(_panel_pixels(gl_ctx, HudState(help_lines=rows), 40) - _panel_pixels(gl_ctx, HudState()))
    assert (large.sum(axis=2) > 30).sum() > 1.5 * (small.sum(axis=2) > 30).sum()


def test_the_npc_caption_is_drawn_under_the_users_line(gl_ctx: Any) -> None:
    world = World(parse_scene(scene_doc(), "t"))
    cam = Camera(position=(0.0, 1.6, 3.0))
    view = OffscreenView(gl_ctx, (320, 180))
    view.render(world, cam)
    plain = view.pixels().astype(np.int32)
    view.render(world, cam, HudState(caption="You: hello"))
    user_only = np.abs(view.pixels().astype(np.int32) - plain).sum(axis=2) > 30
    view.render(world, cam, HudState(caption="You: hello", npc_caption="Ada: Hello there!"))
    pixels = view.pixels().astype(np.int32)
    both = np.abs(pixels - plain).sum(axis=2) > 30
    view.release()
    rows_user = np.nonzero(user_only.any(axis=1))[0]
    rows_both = np.nonzero(both.any(axis=1))[0]
    assert rows_both.max() >= rows_user.max(), "the NPC's line is the bottom one"
    assert rows_both.min() < rows_user.min(), "the user's line moved up to make room"
    r, g, b = (pixels[rows_user.min() :, :, i] for i in range(3))
    assert ((r > 200) & (g > 170) & (b < 140)).sum() > 20, "the NPC's line is yellow, at the bottom"
