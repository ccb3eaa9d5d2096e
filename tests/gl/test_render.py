from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from game.render.shaders import ShaderError, ShaderLibrary
from game.sim.camera import Camera
from tests.gl.helpers import SIZE, patch, project, render
from tests.support.scenes import scene_doc

CAMERA = Camera(position=(0.0, 1.6, 3.0), yaw=0.0, pitch=-15.0)


def test_red_box_appears_where_it_projects(gl_ctx: Any) -> None:
    box = {"name": "red box", "type": "box", "position": [1.0, 0.0, -1.0], "scale": 0.6, "colour": "#ff0000"}
    img = render(gl_ctx, scene_doc(props=[box]), CAMERA)
    centre = project(CAMERA, (1.0, 0.3, -1.0))
    r, g, b = patch(img, centre)
    assert r > 90 and r > 2 * g and r > 2 * b, (r, g, b)
    elsewhere = project(CAMERA, (-1.5, 0.3, -1.0))
    r2, g2, _ = patch(img, elsewhere)
    assert abs(r2 - g2) < 20, "the grey floor elsewhere must not be red"
    assert img.std() > 5, "frame is not blank"


def test_point_light_brightens_floor_near_it(gl_ctx: Any) -> None:
    dark = scene_doc(lights=[{"type": "ambient", "intensity": 0.15}])
    lit = scene_doc(
        lights=[
            {"type": "ambient", "intensity": 0.15},
            {"type": "point", "position": [1.5, 0.6, -1.0], "intensity": 3.0, "range": 3.0},
        ]
    )
    near = project(CAMERA, (1.5, 0.0, -1.0))
    far = project(CAMERA, (-2.5, 0.0, -1.0))
    a, b = render(gl_ctx, dark, CAMERA), render(gl_ctx, lit, CAMERA)
    assert patch(b, near).mean() > patch(a, near).mean() + 25
    assert abs(patch(b, far).mean() - patch(a, far).mean()) < 8, "the light has a limited range"


def test_sun_shadow_darkens_floor_under_table(gl_ctx: Any) -> None:
    doc = scene_doc(
        lights=[
            {"type": "ambient", "intensity": 0.2},
            {"type": "directional", "direction": [0, -1, 0], "intensity": 1.0},
        ],
        props=[{"name": "table", "type": "table", "position": [0.0, 0.0, -1.0], "colour": "#808080"}],
    )
    cam = Camera(position=(0.0, 2.0, 2.5), yaw=0.0, pitch=-25.0)
    # Under the table top but between the legs, and open floor beside the table.
    under = project(cam, (0.2, 0.0, -0.9))
    beside = project(cam, (1.6, 0.0, -0.9))
    with_shadow = render(gl_ctx, doc, cam, shadows=True)
    without = render(gl_ctx, doc, cam, shadows=False)
    assert patch(with_shadow, under).mean() < patch(without, under).mean() - 30
    assert abs(patch(with_shadow, beside).mean() - patch(without, beside).mean()) < 6


def test_fog_and_gamma_keep_colours_sane(gl_ctx: Any) -> None:
    img = render(gl_ctx, scene_doc(fog={"colour": "#ff00ff", "density": 0.9}), CAMERA)
    r, g, b = patch(img, (SIZE[0] // 2, SIZE[1] // 2))
    assert r > 150 and b > 150 and g < 80, "thick magenta fog dominates distant walls"


def test_shader_error_keeps_last_good_program(gl_ctx: Any, tmp_path: Path) -> None:
    src = Path(__file__).resolve().parents[2] / "shaders"
    for name in ("overlay.vert", "overlay.frag"):
        shutil.copy(src / name, tmp_path / name)
    library = ShaderLibrary(gl_ctx, tmp_path)
    good = library.get("overlay")
    frag = tmp_path / "overlay.frag"
    frag.write_text(frag.read_text().replace("texture(u_texture, v_uv)", "texture(u_texture, v_uv) + oops"))
    import os

    os.utime(frag, (1e9, 1e9))
    assert library.poll() == []
    assert library.get("overlay") is good
    assert "overlay" in library.errors and "compile error" in library.errors["overlay"]
    frag.write_text((src / "overlay.frag").read_text())
    os.utime(frag, (2e9, 2e9))
    assert library.poll() == ["overlay"]
    assert "overlay" not in library.errors
    with pytest.raises(ShaderError):
        ShaderLibrary(gl_ctx, tmp_path / "missing").get("overlay")


def test_editing_an_included_file_reloads_the_programs_that_use_it(gl_ctx: Any, tmp_path: Path) -> None:
    import os

    src = Path(__file__).resolve().parents[2] / "shaders"
    for name in ("lit.vert", "lit.frag", "lighting.glsl"):
        shutil.copy(src / name, tmp_path / name)
    library = ShaderLibrary(gl_ctx, tmp_path)
    first = library.get("lit")
    shared = tmp_path / "lighting.glsl"
    shared.write_text(shared.read_text().replace("return sqrt(clamp(linear, 0.0, 1.0));", "return linear;"))
    os.utime(shared, (2e9, 2e9))
    assert library.poll() == ["lit"]
    assert library.get("lit") is not first
    shared.write_text("this is not GLSL")
    os.utime(shared, (3e9, 3e9))
    assert library.poll() == [] and "compile error" in library.errors["lit"]


def test_still_camera_reuses_the_static_layer_and_moving_redraws_it(gl_ctx: Any) -> None:
    from dataclasses import replace

    from game.render.offscreen import OffscreenView
    from game.sim.scene import parse_scene
    from game.sim.world import World

    box = {"name": "b", "type": "box", "position": [0.0, 0.5, -1.0], "colour": "#ff0000"}
    world = World(parse_scene(scene_doc(props=[box]), "t"))
    view = OffscreenView(gl_ctx, SIZE)
    view.render(world, CAMERA)
    first, key = view.pixels(), view.target.layer_key
    view.render(world, CAMERA)
    assert view.target.layer_key is key, "nothing changed: the cached layer is reused"
    assert np.array_equal(view.pixels(), first)
    view.render(world, replace(CAMERA, yaw=CAMERA.yaw + 20))
    assert view.target.layer_key != key and not np.array_equal(view.pixels(), first)
    view.render(world, CAMERA)
    assert np.array_equal(view.pixels(), first), "back to the first pose, the same picture"
    world.recolour_prop("b", (0.0, 0.0, 1.0))
    view.render(world, CAMERA)
    assert not np.array_equal(view.pixels(), first), "an edit to the room redraws the layer"
    view.release()


def test_msaa_smooths_edges(gl_ctx: Any) -> None:
    from game.render.offscreen import OffscreenView
    from game.sim.scene import parse_scene
    from game.sim.world import World

    box = {"name": "b", "type": "box", "position": [0.0, 0.0, -1.0], "rotation": 30, "colour": "#ffffff"}
    world = World(parse_scene(scene_doc(props=[box]), "t"))
    counts = []
    for samples in (0, 4):
        view = OffscreenView(gl_ctx, SIZE, samples)
        view.render(world, CAMERA)
        img = view.pixels().astype(np.int32)
        view.release()
        counts.append(len(np.unique(img.reshape(-1, 3), axis=0)))
    assert counts[1] > counts[0], "anti-aliased edges add intermediate colours"


def test_asking_for_more_light_brightens_the_picture_and_undo_restores_it(gl_ctx: Any) -> None:
    """A light edit redraws the cached static layer, and the room looks lit as asked."""
    from game.mind.actions import apply_action
    from game.mind.protocols import Action
    from game.render.offscreen import OffscreenView
    from game.sim.scene import load_scene
    from game.sim.world import World

    world = World(load_scene("default"))
    view = OffscreenView(gl_ctx, SIZE)
    try:
        view.render(world, CAMERA)
        before = view.pixels().astype(np.float64)
        apply_action(world, Action.make("lights", factor=1.35))
        view.render(world, CAMERA)
        brighter = view.pixels().astype(np.float64)
        assert brighter.mean() > before.mean() + 5, "the whole picture is brighter"
        apply_action(world, Action.make("undo"))
        view.render(world, CAMERA)
        assert np.array_equal(view.pixels(), before.astype(np.uint8))
    finally:
        view.release()
