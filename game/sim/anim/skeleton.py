"""The humanoid skeleton: bone names, parents and rest offsets, plus forward kinematics.

The rest pose stands upright facing -Z with arms hanging down; local rotations are
Euler angles (pitch about X, yaw about Y, roll about Z, radians) applied on top of
the rest pose. Face bones (jaw, mouth, eyes, lids, brows) carry scale too, which is
how visemes and blinks change shape without blend shapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float32]

# name, parent, rest offset from the parent (metres, for a 1.75 m adult of build 1.0)
BONES: tuple[tuple[str, str | None, tuple[float, float, float]], ...] = (
    ("hips", None, (0.0, 0.95, 0.0)),
    ("spine", "hips", (0.0, 0.12, 0.0)),
    ("chest", "spine", (0.0, 0.18, 0.0)),
    # Neck 0.19: chin at 0.87 and eyes at 0.936 of stature, as adult anthropometry has
    # them (tests/gl/test_faces.py); 0.22 made the neck read long (issue 18).
    ("neck", "chest", (0.0, 0.19, 0.0)),
    ("head", "neck", (0.0, 0.10, 0.0)),
    ("shoulder_l", "chest", (-0.07, 0.17, 0.0)),
    ("upper_arm_l", "shoulder_l", (-0.12, 0.0, 0.0)),
    ("lower_arm_l", "upper_arm_l", (0.0, -0.28, 0.0)),
    ("hand_l", "lower_arm_l", (0.0, -0.26, 0.0)),
    ("shoulder_r", "chest", (0.07, 0.17, 0.0)),
    ("upper_arm_r", "shoulder_r", (0.12, 0.0, 0.0)),
    ("lower_arm_r", "upper_arm_r", (0.0, -0.28, 0.0)),
    ("hand_r", "lower_arm_r", (0.0, -0.26, 0.0)),
    ("upper_leg_l", "hips", (-0.10, -0.04, 0.0)),
    ("lower_leg_l", "upper_leg_l", (0.0, -0.43, 0.0)),
    ("foot_l", "lower_leg_l", (0.0, -0.43, 0.0)),
    ("upper_leg_r", "hips", (0.10, -0.04, 0.0)),
    ("lower_leg_r", "upper_leg_r", (0.0, -0.43, 0.0)),
    ("foot_r", "lower_leg_r", (0.0, -0.43, 0.0)),
    ("jaw", "head", (0.0, 0.02, -0.02)),
    ("mouth", "head", (0.0, 0.035, -0.105)),
    ("eye_l", "head", (-0.038, 0.10, -0.085)),
    ("eye_r", "head", (0.038, 0.10, -0.085)),
    ("lid_l", "head", (-0.038, 0.10, -0.085)),
    ("lid_r", "head", (0.038, 0.10, -0.085)),
    ("brow_l", "head", (-0.04, 0.145, -0.095)),
    ("brow_r", "head", (0.04, 0.145, -0.095)),
)
NAMES = tuple(b[0] for b in BONES)
INDEX = {name: i for i, name in enumerate(NAMES)}
PARENTS = np.array([-1 if p is None else INDEX[p] for _, p, _ in BONES], dtype=np.int32)
REST = np.array([o for _, _, o in BONES], dtype=np.float32)
COUNT = len(BONES)
BODY_BONES = 19  # the first 19 bones are the body proper (the "about 20")


@dataclass(frozen=True)
class Proportions:
    """Per-avatar height (metres) and build (girth multiplier around 1.0)."""

    height: float = 1.75
    build: float = 1.0


def body_scale(props: Proportions) -> tuple[float, float, float]:
    """Root scale for an avatar: height scales every axis, build widens x and z.

    Proportions live in the root transform, not the bone offsets, so every avatar
    shares one mesh and one set of inverse bind matrices.
    """
    s = props.height / 1.75
    return (s * props.build, s, s * props.build)


def euler_matrices(euler: Array) -> Array:
    """Rotation matrices (…, 3, 3) from (…, 3) Euler angles, yaw·pitch·roll order."""
    x, y, z = euler[..., 0], euler[..., 1], euler[..., 2]
    cx, sx, cy, sy, cz, sz = np.cos(x), np.sin(x), np.cos(y), np.sin(y), np.cos(z), np.sin(z)
    m = np.empty((*euler.shape[:-1], 3, 3), dtype=np.float32)
    # R = Ry @ Rx @ Rz
    m[..., 0, 0] = cy * cz + sy * sx * sz
    m[..., 0, 1] = -cy * sz + sy * sx * cz
    m[..., 0, 2] = sy * cx
    m[..., 1, 0] = cx * sz
    m[..., 1, 1] = cx * cz
    m[..., 1, 2] = -sx
    m[..., 2, 0] = -sy * cz + cy * sx * sz
    m[..., 2, 1] = sy * sz + cy * sx * cz
    m[..., 2, 2] = cy * cx
    return m


def forward_kinematics(
    root: Array, euler: Array, offsets: Array, scales: Array | None = None, root_offset: Array | None = None
) -> Array:
    """World matrices (N, B, 4, 4) of every bone.

    ``root`` is (N, 4, 4) avatar placement; ``euler`` (N, B, 3) local rotations;
    ``offsets`` (N, B, 3) rest offsets; ``scales`` (N, B, 3) optional local scale;
    ``root_offset`` (N, 3) optional hip displacement (breathing bob, sitting).
    """
    n, b = euler.shape[0], euler.shape[1]
    local = np.zeros((n, b, 4, 4), dtype=np.float32)
    rot = euler_matrices(euler)
    if scales is not None:
        rot = rot * scales[:, :, None, :]
    local[:, :, :3, :3] = rot
    local[:, :, :3, 3] = offsets
    if root_offset is not None:
        local[:, 0, :3, 3] += root_offset
    local[:, :, 3, 3] = 1.0
    world = np.empty_like(local)
    for i in range(b):
        parent = PARENTS[i]
        if parent < 0:
            world[:, i] = root @ local[:, i]
        else:
            world[:, i] = world[:, parent] @ local[:, i]
    return world


def bind_inverse(offsets: Array) -> Array:
    """Inverse bind matrices (B, 4, 4): the rest pose is pure translation."""
    b = offsets.shape[0]
    pos = np.zeros((b, 3), dtype=np.float32)
    for i in range(b):
        parent = PARENTS[i]
        pos[i] = offsets[i] + (pos[parent] if parent >= 0 else 0.0)
    inv = np.tile(np.eye(4, dtype=np.float32), (b, 1, 1))
    inv[:, :3, 3] = -pos
    return inv


def rest_positions(offsets: Array) -> Array:
    """Model-space joint positions (B, 3) of the rest pose."""
    return -bind_inverse(offsets)[:, :3, 3]


def placement(position: Any, yaw_deg: Any, scales: Any = None) -> Array:
    """Root matrices (N, 4, 4) from positions (N, 3), yaw angles (N,) in degrees and scales (N, 3)."""
    pos = np.asarray(position, dtype=np.float32).reshape(-1, 3)
    yaw = np.radians(np.asarray(yaw_deg, dtype=np.float32).reshape(-1))
    sc = np.ones((len(pos), 3), dtype=np.float32) if scales is None else np.asarray(scales, dtype=np.float32)
    m = np.zeros((len(pos), 4, 4), dtype=np.float32)
    c, s = np.cos(yaw), np.sin(yaw)
    m[:, 0, 0], m[:, 0, 2], m[:, 2, 0], m[:, 2, 2] = c * sc[:, 0], s * sc[:, 2], -s * sc[:, 0], c * sc[:, 2]
    m[:, 1, 1] = sc[:, 1]
    m[:, :3, 3] = pos
    m[:, 3, 3] = 1.0
    return m
