"""The HUD on a 1280×720 frame: panels cover tags, long lines wrap, the typing box scrolls (issue 18)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from game.render.offscreen import OffscreenView
from game.render.overlay import HudState
from game.sim.camera import Camera
from game.sim.scene import parse_scene
from game.sim.world import World
from tests.support.scenes import scene_doc

SIZE = (1280, 720)
W, H = SIZE
ROWS = ("Help", "F1  this help", "Tab  settings", "Enter  type a line", "Esc  menu")
LONG = " ".join(f"word{i}" for i in range(60))  # about 400 characters


@pytest.fixture
def frames(gl_ctx: Any) -> Any:
    """Render HUD states over one room; returns a function state → pixels (and the plain frame)."""
    world = World(parse_scene(scene_doc(), "t"))
    cam = Camera(position=(0.0, 1.6, 3.0))
    view = OffscreenView(gl_ctx, SIZE)
    view.render(world, cam, HudState())
    assert view._overlay is not None
    overlay = view._overlay

    def draw(state: HudState, text_size: int = 20) -> np.ndarray:
        overlay.set_text_size(text_size)
        view.render(world, cam, state)
        return view.pixels().astype(np.int32)

    yield draw
    view.release()


def _changed(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.abs(a - b).sum(axis=2) > 30


def test_the_help_panel_covers_name_tags_and_bubbles(frames: Any) -> None:
    panel = frames(HudState(help_lines=ROWS))
    centre = (W / 2, H / 2)
    tagged = HudState(help_lines=ROWS, labels=((*centre, "Ada ((·))"),), bubbles=((*centre, "Hi!"),))
    assert not _changed(frames(tagged), panel).any(), "nothing of a tag shows over or through the panel"
    # Away from the panel the same tag is drawn.
    apart = HudState(help_lines=ROWS, labels=((150, 600, "Ada"),))
    assert _changed(frames(apart), panel).sum() > 50


def test_long_messages_wrap_inside_the_screen(frames: Any) -> None:
    plain = frames(HudState())
    a = frames(HudState(messages=(("error", LONG + " lastAAA"),)))
    b = frames(HudState(messages=(("error", LONG + " lastBBB"),)))
    assert _changed(a, b).any(), "the end of a long error line is on screen"
    drawn = _changed(a, plain)
    assert not drawn[:, W - 6 :].any(), "no text runs into the right edge"
    rows = np.nonzero(drawn.any(axis=1))[0]
    assert rows.max() - rows.min() > 40, "it wraps onto more than one line"


def test_long_f3_lines_wrap_inside_the_screen(frames: Any) -> None:
    plain = frames(HudState())
    a = frames(HudState(top_left=("60 fps", "  used: " + LONG + " lastAAA")))
    b = frames(HudState(top_left=("60 fps", "  used: " + LONG + " lastBBB")))
    assert _changed(a, b).any(), "the end of a long debug line is on screen"
    assert not _changed(a, plain)[:, W - 6 :].any()


def test_the_typing_box_scrolls_and_shows_a_bar_cursor(frames: Any) -> None:
    plain = frames(HudState())
    text = "x" * 290
    a = frames(HudState(text_entry=text + "AAA"))
    b = frames(HudState(text_entry=text + "BBB"))
    assert _changed(a, b).any(), "the newest characters of a 290-character line are visible"
    drawn = _changed(a, plain)
    assert not drawn[:, W - 6 :].any(), "the box stays inside the screen"
    # The cursor: a yellow bar, taller than it is wide, right of the text.
    yellow = (a[:, :, 0] > 200) & (a[:, :, 1] > 160) & (a[:, :, 2] < 140)
    columns = yellow[H - 60 :].sum(axis=0)
    assert columns.max() >= 12, "a vertical cursor bar"
    empty = frames(HudState(text_entry=""))
    assert (_changed(empty, plain)[H - 60 :].sum(axis=0) >= 12).any(), "the cursor shows in an empty box"


def _box(mask: np.ndarray) -> tuple[int, int, int, int]:
    ys, xs = np.nonzero(mask)
    return int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())


@pytest.mark.parametrize("size", [12, 20, 40])
def test_name_tags_sit_above_the_head_at_every_text_size(frames: Any, size: int) -> None:
    plain = frames(HudState(), size)
    tag = frames(HudState(labels=((640, 400, "Ada"),), bubbles=((640, 400, "Hello there"),)), size)
    _, top, _, bottom = _box(_changed(tag, plain))
    assert bottom < 400, "tag and bubble stay above the head point"
    assert top < 400 - 2 * size, "stacked, not overlapping"


def test_everything_scales_with_the_text_size(frames: Any) -> None:
    state = HudState(
        top_left=("60 fps",),
        messages=(("info", "hello"),),
        labels=((640, 300, "Ada"),),
        text_entry="hi",
    )
    boxes = {}
    for size in (20, 40):
        drawn = _changed(frames(state, size), frames(HudState(), size))
        boxes[size] = {
            "top_left": _box(drawn[:120, :400]),
            "tag": _box(drawn[150:310, 500:780]),
            "entry": _box(drawn[H - 120 :, :400]),
        }
    small, large = boxes[20], boxes[40]
    assert large["top_left"][0] > small["top_left"][0] + 4, "margins grow with the text"
    for part in ("top_left", "tag", "entry"):
        h_small = small[part][3] - small[part][1]
        h_large = large[part][3] - large[part][1]
        assert h_large > 1.5 * h_small, (part, h_small, h_large)
