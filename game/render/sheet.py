"""A contact sheet: one NPC in every viseme, emotion and gesture, in one labelled grid.

For the docs and for reviewing a look change at a glance: a change to the face rig or
a persona's appearance shows in every cell at once, instead of a render per option.
Faces are shot close up (visemes, emotions), gestures full length; each cell has the
scene to itself (other NPCs left out) so nothing stands in front.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import moderngl
import numpy as np

from game.render.offscreen import OffscreenView
from game.render.overlay import HudState
from game.sim.anim.appearance import Appearance
from game.sim.anim.clips import GESTURE_SECONDS, GESTURES
from game.sim.anim.face import EMOTIONS, VISEMES
from game.sim.camera import Camera
from game.sim.scene import Scene
from game.sim.world import World

Pixels = np.ndarray[Any, np.dtype[np.uint8]]
POSES = ("sit", "walk")
COLUMNS = 6


def cells() -> list[tuple[str, str]]:
    """(kind, name) of every cell, in order: visemes, emotions, gestures, poses."""
    return (
        [("viseme", v) for v in VISEMES]
        + [("emotion", e) for e in EMOTIONS]
        + [("gesture", g) for g in GESTURES]
        + [("pose", p) for p in POSES]
    )


def _posed(scene: Scene, looks: dict[str, Appearance], npc: str, kind: str, name: str) -> World:
    """A world holding only ``npc``, showing one cell's shape at its clearest moment."""
    slot = next(s for s in scene.npcs if s.name == npc)
    world = World(replace(scene, npcs=(slot,)), looks)
    anim = world.animator
    anim.look_at(npc, None)
    if kind == "viseme":
        anim.hold_viseme(npc, name)
    elif kind == "emotion":
        anim.set_emotion(npc, name, instant=True)
    elif kind == "pose":
        if name == "sit":
            anim.sit(npc)
        else:
            a = anim.get(npc)
            forward = math.radians(a.yaw)
            anim.walk_to(npc, a.position[0] - math.sin(forward) * 5, a.position[2] - math.cos(forward) * 5)
        world.advance(0.8)
        return world
    if kind == "gesture":
        anim.play(npc, name)
        world.advance(GESTURE_SECONDS[name] * 0.45)  # mid-gesture, the envelope at full weight
        return world
    anim.update(0.0)
    return world


def _camera(world: World, npc: str, close: bool) -> Camera:
    """In front of the NPC, facing it: on the face when ``close``, else the whole body."""
    anim = world.animator
    a = anim.get(npc)
    yaw = math.radians(a.yaw)
    ahead = (-math.sin(yaw), -math.cos(yaw))
    if close:
        target = anim.joint_position(npc, "head")
        target = (target[0], target[1] + 0.08 * a.proportions.height / 1.75, target[2])
        distance, lift = 0.55, 0.0
    else:
        hips = anim.joint_position(npc, "hips")
        target = (a.position[0], hips[1] * 0.95, a.position[2])
        distance, lift = 2.7 * a.proportions.height / 1.75, 0.35
    eye = (target[0] + ahead[0] * distance, target[1] + lift, target[2] + ahead[1] * distance)
    pitch = math.degrees(math.atan2(target[1] - eye[1], distance))
    return Camera(position=eye, yaw=(a.yaw + 180.0) % 360.0, pitch=pitch)


def contact_sheet(
    ctx: moderngl.Context,
    scene: Scene,
    looks: dict[str, Appearance],
    npc: str,
    cell: tuple[int, int] = (200, 200),
    msaa: int = 4,
) -> Pixels:
    """The grid as H×W×3 pixels: :data:`COLUMNS` cells a row, each labelled with its name."""
    if not any(s.name == npc for s in scene.npcs):
        known = ", ".join(s.name for s in scene.npcs) or "none"
        raise ValueError(f"no NPC {npc!r} in scene {scene.name!r}; known: {known}")
    items = cells()
    rows = math.ceil(len(items) / COLUMNS)
    cw, ch = cell
    sheet = np.full((rows * ch, COLUMNS * cw, 3), 24, dtype=np.uint8)
    view = OffscreenView(ctx, cell, msaa)
    try:
        for i, (kind, name) in enumerate(items):
            world = _posed(scene, looks, npc, kind, name)
            camera = _camera(world, npc, close=kind in ("viseme", "emotion"))
            view.render(world, camera, HudState(top_left=(f"{kind}: {name}",)))
            r, c = divmod(i, COLUMNS)
            sheet[r * ch : (r + 1) * ch, c * cw : (c + 1) * cw] = view.pixels()
            sheet[r * ch : (r + 1) * ch, c * cw] = 24  # a dark line between cells
            sheet[r * ch, c * cw : (c + 1) * cw] = 24
    finally:
        view.release()
    return sheet
