from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from game.render.gltf import GltfError, bone_for, load_glb
from game.sim.anim.skeleton import COUNT, INDEX, placement
from tests.support.glb_factory import character_arrays, write_glb


def test_bone_names_map_from_common_rigs() -> None:
    assert bone_for("mixamorig:LeftForeArm") == "lower_arm_l"
    assert bone_for("rightUpperLeg") == "upper_leg_r"
    assert bone_for("Spine2") == "chest"
    assert bone_for("Tail") is None


def test_loads_skinned_character_and_rest_pose_is_identity(tmp_path: Path) -> None:
    character = load_glb(write_glb(tmp_path / "stick.glb"))
    assert character.joint_names == ["Hips", "Spine", "Head", "RightArm", "RightForeArm"]
    assert [int(b) for b in character.bone_map] == [
        INDEX[n] for n in ("hips", "spine", "head", "upper_arm_r", "lower_arm_r")
    ]
    assert len(character.vertices) == len(character_arrays()["indices"])
    assert character.colours[0][0] > 0.9
    pose = np.zeros((1, COUNT, 3), dtype=np.float32)
    skin = character.skinning(pose, placement([(0.0, 0.0, 0.0)], [0.0]))
    assert np.allclose(skin[0], np.eye(4), atol=1e-5), "rest pose leaves vertices where they are"


def test_our_animation_drives_the_glb_joints(tmp_path: Path) -> None:
    character = load_glb(write_glb(tmp_path / "stick.glb"))
    pose = np.zeros((1, COUNT, 3), dtype=np.float32)
    pose[0, INDEX["upper_arm_r"], 2] = np.pi / 2  # raise the right arm sideways
    skin = character.skinning(pose, placement([(2.0, 0.0, 0.0)], [0.0]))
    hand = np.array([0.24, 0.95 + 0.3 + 0.2 - 0.5, 0.0, 1.0])  # a point near the end of the forearm at rest
    moved = skin[0, 4] @ hand
    assert moved[1] == pytest.approx(0.95 + 0.3 + 0.2 + 0.04, abs=0.02), (
        "the forearm swung up to shoulder height"
    )
    assert moved[0] > 2.0 + 0.6, "and out to the right, in world space"


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"skin": False}, "no skinned mesh"),
        ({"names": ["Pelvis2", "Spine", "Neck", "RightArm", "RightForeArm"]}, "missing bones hips, head"),
        ({"truncate": 200}, "bad buffers"),
    ],
)
def test_broken_glb_gives_a_clear_error(tmp_path: Path, kwargs: dict, words: str) -> None:
    path = write_glb(tmp_path / "bad.glb", **kwargs)
    with pytest.raises(GltfError, match=words) as info:
        load_glb(path)
    assert str(info.value).startswith(str(path))


def test_not_a_glb(tmp_path: Path) -> None:
    path = tmp_path / "x.glb"
    path.write_text("hello")
    with pytest.raises(GltfError, match="not a binary glTF"):
        load_glb(path)
    with pytest.raises(GltfError, match="cannot read"):
        load_glb(tmp_path / "missing.glb")
