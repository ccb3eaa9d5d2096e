"""Six emotions that read: every pair differs clearly in a close-up of the face (issue 18).

Threshold: a pair of emotions must change at least as many face pixels as opening the
mouth from ``sil`` to ``aa`` does (about 3 % of the face region at this size): the open
mouth is the smallest change a viewer reliably sees on these faces at conversation
distance, so an emotion pair below it would be too subtle to read from 3 m.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from game.render.labels import project
from game.render.offscreen import OffscreenView
from game.sim.anim.face import EMOTIONS
from game.sim.anim.skeleton import INDEX, REST, rest_positions
from game.sim.camera import Camera
from game.sim.scene import parse_scene
from game.sim.world import World
from tests.support.scenes import scene_doc

NPC = {"name": "Ada", "persona": "ada", "position": [0.0, 0.0, -1.0], "facing": 180.0}
SIZE = (240, 240)
MIN_CHANGED = 0.03


def _faces(ctx: Any) -> tuple[dict[str, np.ndarray], tuple[slice, slice], int]:
    world = World(parse_scene(scene_doc(npcs=[NPC]), "t"))
    anim = world.animator
    head = anim.joint_position("Ada", "head")
    centre = (head[0], head[1] + 0.09, head[2])
    camera = Camera(position=(centre[0], centre[1], centre[2] + 0.6), yaw=0.0)
    view = OffscreenView(ctx, SIZE)
    frames = {}
    try:
        for emotion in EMOTIONS:
            anim.set_emotion("Ada", emotion, instant=True)
            anim.update(0.0)
            view.render(world, camera)
            frames[emotion] = view.pixels().astype(np.int32)
        anim.set_emotion("Ada", "neutral", instant=True)
        anim.hold_viseme("Ada", "aa")
        anim.update(0.0)
        view.render(world, camera)
        frames["aa"] = view.pixels().astype(np.int32)
    finally:
        view.release()
    c = project(camera, SIZE, centre)
    assert c is not None
    x, y = int(c[0]), int(c[1])
    region = (slice(y - 60, y + 60), slice(x - 45, x + 45))  # the face, chin to brows
    return frames, region, 120 * 90


def _changed(a: np.ndarray, b: np.ndarray, region: tuple[slice, slice]) -> int:
    return int((np.abs(a - b).sum(axis=2)[region] > 60).sum())


def test_every_pair_of_emotions_differs_clearly(gl_ctx: Any) -> None:
    frames, region, area = _faces(gl_ctx)
    mouth = _changed(frames["aa"], frames["neutral"], region)
    floor = max(mouth, int(MIN_CHANGED * area))
    pairs = {(a, b): _changed(frames[a], frames[b], region) for a, b in itertools.combinations(EMOTIONS, 2)}
    weak = {pair: n for pair, n in pairs.items() if n < floor}
    assert not weak, f"pairs below {floor} changed face pixels (the open mouth: {mouth}): {weak}"


def test_proportions_match_a_human_reference() -> None:
    """Heights as fractions of stature (1.75 m): chin ≈ 0.87, eyes ≈ 0.936, shoulders ≈ 0.82.

    Reference: adult anthropometry (e.g. Drillis & Contini's segment proportions, the
    NASA-STD-3000 anthropometric tables): head height (chin to crown) ≈ 0.13 of stature,
    so the visible neck, shoulder line to chin, is about 0.05 of it.
    """
    joints = rest_positions(REST)
    stature = 1.75
    head = joints[INDEX["head"]]
    eyes = joints[INDEX["eye_l"]][1] / stature
    shoulders = joints[INDEX["upper_arm_l"]][1] / stature
    chin = (head[1] + 0.1 - 0.118) / stature  # the head ellipsoid's centre and half height (avatar_mesh)
    assert abs(eyes - 0.936) < 0.015, eyes
    assert abs(shoulders - 0.82) < 0.02, shoulders
    assert abs(chin - 0.87) < 0.015, chin
    assert chin - shoulders < 0.07, "the neck is not long"
