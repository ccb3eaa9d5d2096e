"""4×4 transform helpers in numpy (column vectors, ``M @ v``), shared by sim and render."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt

Mat4 = npt.NDArray[np.floating[Any]]


def translate(x: float, y: float, z: float) -> Mat4:
    """Translation matrix."""
    m = np.eye(4, dtype=np.float32)
    m[:3, 3] = (x, y, z)
    return m


def scale(x: float, y: float, z: float) -> Mat4:
    """Non-uniform scale matrix."""
    return np.diag(np.array([x, y, z, 1.0], dtype=np.float32))


def rotate_x(degrees: float) -> Mat4:
    """Rotation about +X (pitch)."""
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    m = np.eye(4, dtype=np.float32)
    m[1, 1], m[1, 2], m[2, 1], m[2, 2] = c, -s, s, c
    return m


def rotate_y(degrees: float) -> Mat4:
    """Rotation about +Y (yaw); yaw 0 faces -Z, positive turns left (counter-clockwise from above)."""
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    m = np.eye(4, dtype=np.float32)
    m[0, 0], m[0, 2], m[2, 0], m[2, 2] = c, s, -s, c
    return m


def rotate_z(degrees: float) -> Mat4:
    """Rotation about +Z (roll)."""
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    m = np.eye(4, dtype=np.float32)
    m[0, 0], m[0, 1], m[1, 0], m[1, 1] = c, -s, s, c
    return m


def euler(rotation: tuple[float, float, float]) -> Mat4:
    """Yaw, then pitch, then roll, from (pitch, yaw, roll) degrees."""
    return rotate_y(rotation[1]) @ rotate_x(rotation[0]) @ rotate_z(rotation[2])


def perspective(fov_y_deg: float, aspect: float, near: float, far: float) -> Mat4:
    """OpenGL-style perspective projection."""
    f = 1.0 / math.tan(math.radians(fov_y_deg) / 2.0)
    m = np.zeros((4, 4), dtype=np.float32)
    m[0, 0] = f / aspect
    m[1, 1] = f
    m[2, 2] = (far + near) / (near - far)
    m[2, 3] = 2.0 * far * near / (near - far)
    m[3, 2] = -1.0
    return m


def orthographic(half_w: float, half_h: float, near: float, far: float) -> Mat4:
    """Symmetric orthographic projection (used for the sun's shadow map)."""
    m = np.eye(4, dtype=np.float32)
    m[0, 0] = 1.0 / half_w
    m[1, 1] = 1.0 / half_h
    m[2, 2] = -2.0 / (far - near)
    m[2, 3] = -(far + near) / (far - near)
    return m


def look_at(eye: tuple[float, float, float], target: tuple[float, float, float]) -> Mat4:
    """View matrix looking from ``eye`` to ``target`` with +Y up (or +Z when looking straight down)."""
    e = np.array(eye, dtype=np.float64)
    forward = np.array(target, dtype=np.float64) - e
    forward /= np.linalg.norm(forward)
    up = np.array([0.0, 1.0, 0.0]) if abs(forward[1]) < 0.99 else np.array([0.0, 0.0, 1.0])
    right = np.cross(forward, up)
    right /= np.linalg.norm(right)
    true_up = np.cross(right, forward)
    m = np.eye(4, dtype=np.float32)
    m[0, :3], m[1, :3], m[2, :3] = right, true_up, -forward
    m[:3, 3] = (-right @ e, -true_up @ e, forward @ e)
    return m


def forward_vector(yaw: float, pitch: float) -> tuple[float, float, float]:
    """Unit view direction for a yaw/pitch in degrees (yaw 0 looks along -Z)."""
    cy, sy = math.cos(math.radians(yaw)), math.sin(math.radians(yaw))
    cp, sp = math.cos(math.radians(pitch)), math.sin(math.radians(pitch))
    return (-sy * cp, sp, -cy * cp)


def angles_to(
    eye: tuple[float, float, float], yaw: float, target: tuple[float, float, float]
) -> tuple[float, float]:
    """Yaw (left > 0) and pitch (up > 0), in radians, of ``target`` seen from ``eye`` facing ``yaw`` degrees.

    Yaw 0 looks along -Z, as for :func:`forward_vector`; an avatar's head and pointing arm
    aim by these angles.
    """
    dx, dy, dz = target[0] - eye[0], target[1] - eye[1], target[2] - eye[2]
    rad = math.radians(yaw)
    lx = dx * math.cos(rad) - dz * math.sin(rad)
    lz = dx * math.sin(rad) + dz * math.cos(rad)
    return math.atan2(-lx, -lz), math.atan2(dy, math.hypot(lx, lz))
