"""The contact sheet: every viseme, emotion and gesture of one NPC, each cell showing it (issue 18)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from game.render.sheet import COLUMNS, cells, contact_sheet
from game.sim.anim.clips import GESTURES
from game.sim.anim.face import EMOTIONS, VISEMES
from game.sim.scene import parse_scene
from tests.support.scenes import scene_doc

NPC = {"name": "Ada", "persona": "ada", "position": [0.0, 0.0, -1.0], "facing": 180.0}
CELL = (96, 96)


def test_every_cell_is_there_and_shows_the_npc(gl_ctx: Any) -> None:
    scene = parse_scene(scene_doc(npcs=[NPC]), "t")
    sheet = contact_sheet(gl_ctx, scene, {}, "Ada", cell=CELL, msaa=0)
    items = cells()
    assert len(items) == len(VISEMES) + len(EMOTIONS) + len(GESTURES) + 2
    rows = -(-len(items) // COLUMNS)
    assert sheet.shape == (rows * CELL[1], COLUMNS * CELL[0], 3)
    again = contact_sheet(gl_ctx, parse_scene(scene_doc(npcs=[NPC]), "t"), {}, "Ada", cell=CELL, msaa=0)
    assert np.array_equal(sheet, again), "the sheet is deterministic"
    for i, (kind, name) in enumerate(items):
        r, c = divmod(i, COLUMNS)
        block = sheet[r * CELL[1] : (r + 1) * CELL[1], c * CELL[0] : (c + 1) * CELL[0]].astype(np.int32)
        assert block.std() > 12, f"{kind} {name}: the cell is not blank"
        # The NPC fills the middle of its cell: skin, clothes and hair, not only wall.
        middle = block[CELL[1] // 3 : 2 * CELL[1] // 3, CELL[0] // 3 : 2 * CELL[0] // 3]
        assert len(np.unique(middle.reshape(-1, 3), axis=0)) > 40, f"{kind} {name}: something in the middle"
    # Cells past the last item stay the dark background.
    last_r, last_c = divmod(len(items), COLUMNS)
    if last_c:
        assert (sheet[last_r * CELL[1] :, last_c * CELL[0] :] == 24).all()


def test_an_unknown_npc_is_a_clear_error(gl_ctx: Any) -> None:
    scene = parse_scene(scene_doc(npcs=[NPC]), "t")
    with pytest.raises(ValueError, match="known: Ada"):
        contact_sheet(gl_ctx, scene, {}, "Zed", cell=CELL)
