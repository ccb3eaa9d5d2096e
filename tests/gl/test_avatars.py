from __future__ import annotations

from typing import Any

import numpy as np

from game.render.labels import avatar_labels, project
from game.render.offscreen import OffscreenView
from game.render.overlay import HudState
from game.sim.camera import Camera
from game.sim.scene import parse_scene
from game.sim.world import World
from tests.support.scenes import scene_doc

NPC = {"name": "Ada", "persona": "ada", "position": [0.0, 0.0, -1.0], "facing": 180.0}


def _frame(
    ctx: Any, world: World, camera: Camera, size: tuple[int, int], hud: HudState | None = None
) -> np.ndarray:
    view = OffscreenView(ctx, size)
    try:
        view.render(world, camera, hud)
        return view.pixels().astype(np.int32)
    finally:
        view.release()


def test_avatar_is_visible_where_it_stands(gl_ctx: Any) -> None:
    camera = Camera(position=(0.0, 1.2, 2.5))
    empty = _frame(gl_ctx, World(parse_scene(scene_doc(), "t")), camera, (160, 120))
    world = World(parse_scene(scene_doc(npcs=[NPC]), "t"))
    with_npc = _frame(gl_ctx, world, camera, (160, 120))
    changed = np.abs(with_npc - empty).sum(axis=2) > 40
    chest = project(camera, (160, 120), world.animator.joint_position("Ada", "chest"))
    assert chest is not None
    x, y = int(chest[0]), int(chest[1])
    assert changed[y - 3 : y + 4, x - 3 : x + 4].mean() > 0.8, "the body covers its projected chest"
    assert not changed[:, :40].any() and not changed[:, -40:].any(), "nothing drawn far to the sides"


def test_mouth_differs_between_sil_and_aa(gl_ctx: Any) -> None:
    world = World(parse_scene(scene_doc(npcs=[NPC]), "t"))
    anim = world.animator
    mouth = anim.joint_position("Ada", "mouth")
    camera = Camera(position=(mouth[0], mouth[1], mouth[2] + 0.45), yaw=0.0)
    frames = {}
    for viseme in ("sil", "aa"):
        anim.hold_viseme("Ada", viseme)
        anim.update(0.0)
        frames[viseme] = _frame(gl_ctx, world, camera, (200, 200))
    centre = project(camera, (200, 200), mouth)
    assert centre is not None
    cx, cy = int(centre[0]), int(centre[1])
    region = (slice(cy - 25, cy + 25), slice(cx - 25, cx + 25))
    diff = np.abs(frames["aa"] - frames["sil"]).sum(axis=2)
    assert (diff[region] > 60).sum() > 80, "an open mouth shows in the mouth region"
    outside = diff.copy()
    outside[region] = 0
    assert (outside > 60).sum() < 20, "the rest of the face is unchanged"
    # The open mouth shows more of the dark inside than the closed one.
    dark = {v: int((f[region].sum(axis=2) < 120).sum()) for v, f in frames.items()}
    assert dark["aa"] > dark["sil"] + 40, dark


def test_name_tag_is_drawn_above_the_head(gl_ctx: Any) -> None:
    world = World(parse_scene(scene_doc(npcs=[NPC]), "t"))
    camera = Camera(position=(0.0, 1.4, 2.0))
    size = (240, 180)
    tags, _ = avatar_labels(world, camera, size)
    assert [t[2] for t in tags] == ["Ada"]
    plain = _frame(gl_ctx, world, camera, size)
    tagged = _frame(gl_ctx, world, camera, size, HudState(labels=tags))
    diff = np.abs(tagged - plain).sum(axis=2) > 40
    ys, xs = np.nonzero(diff)
    head = project(camera, size, world.animator.joint_position("Ada", "head"))
    assert head is not None and len(ys) > 30
    assert ys.max() < head[1], "the tag sits above the head"
    assert abs(xs.mean() - head[0]) < 10, "centred over the avatar"


def test_frustum_culling_skips_avatars_behind_the_camera(gl_ctx: Any) -> None:
    npcs = [NPC, {"name": "Bo", "persona": "bo", "position": [0.0, 0.0, 3.5], "facing": 0.0}]
    world = World(parse_scene(scene_doc(npcs=npcs), "t"))
    view = OffscreenView(gl_ctx, (80, 60))
    view.render(world, Camera(position=(0.0, 1.4, 2.0)))
    assert view.renderer.avatars.drawn == 1
    view.release()


def test_small_on_screen_means_the_low_detail_mesh_by_size_not_distance(gl_ctx: Any) -> None:
    world = World(parse_scene(scene_doc(npcs=[NPC]), "t"))
    far = Camera(position=(0.0, 1.6, 2.5))  # Ada stands at z = -1: 3.5 m away
    for size, body in (((320, 180), "body_lod"), ((1280, 720), "body")):
        view = OffscreenView(gl_ctx, size)
        view.render(world, far)
        drawn = set(view.renderer.avatars.meshes_drawn)
        assert body in drawn and all(k.endswith("_lod") == body.endswith("_lod") for k in drawn), drawn
        view.release()


def test_glb_avatar_renders_and_broken_one_falls_back(gl_ctx: Any, tmp_path: Any) -> None:
    from game.sim.anim.appearance import Appearance
    from tests.support.glb_factory import write_glb

    good = write_glb(tmp_path / "red.glb", colour=(1.0, 0.0, 0.0))
    bad = write_glb(tmp_path / "bad.glb", skin=False)
    camera = Camera(position=(0.0, 1.2, 2.5))
    for model, expect_red in ((str(good), True), (str(bad), False)):
        world = World(parse_scene(scene_doc(npcs=[NPC]), "t"), {"Ada": Appearance(model=model)})
        view = OffscreenView(gl_ctx, (160, 120))
        view.render(world, camera)
        img = view.pixels().astype(np.int32)
        red = (img[..., 0] > 120) & (img[..., 1] < 50) & (img[..., 2] < 50)
        assert (red.sum() > 100) == expect_red
        assert view.renderer.avatars.drawn == 1
        if not expect_red:
            assert "no skinned mesh" in view.renderer.avatars.errors[str(bad)]
        view.release()
