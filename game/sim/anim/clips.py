"""Procedural animation clips, vectorised over avatars.

Each clip maps times (N,) to local Euler angles (N, B, 3) in radians, plus a hip
offset for clips that move the body up or down. Angles follow the skeleton's
conventions: pitch > 0 swings a limb forward (−Z), roll > 0 swings it towards +X,
yaw > 0 turns left.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from game.sim.anim.skeleton import COUNT, INDEX

Array = npt.NDArray[np.float32]

GESTURES = ("wave", "nod", "shake_head", "shrug", "point", "think")
GESTURE_SECONDS = {"wave": 2.2, "nod": 1.2, "shake_head": 1.4, "shrug": 1.6, "point": 2.5, "think": 3.0}
ARM_L = [INDEX[b] for b in ("shoulder_l", "upper_arm_l", "lower_arm_l", "hand_l")]
ARM_R = [INDEX[b] for b in ("shoulder_r", "upper_arm_r", "lower_arm_r", "hand_r")]
HEAD = [INDEX["neck"], INDEX["head"]]
# Which bones each gesture owns (the rest keep the base animation).
GESTURE_MASKS: dict[str, list[int]] = {
    "wave": ARM_R + HEAD,
    "nod": HEAD,
    "shake_head": HEAD,
    "shrug": ARM_L + ARM_R + HEAD,
    "point": ARM_R,
    "think": ARM_R + HEAD,
}
STRIDE = 0.7  # metres per step at a normal walk
ARMS_DOWN = 0.08  # arms slightly away from the body at rest
J = INDEX


def _zeros(n: int) -> Array:
    return np.zeros((n, COUNT, 3), dtype=np.float32)


def _rest_arms(pose: Array) -> None:
    pose[:, J["upper_arm_l"], 2] = -ARMS_DOWN
    pose[:, J["upper_arm_r"], 2] = ARMS_DOWN
    pose[:, J["lower_arm_l"], 0] = 0.12
    pose[:, J["lower_arm_r"], 0] = 0.12


def idle(t: Array) -> tuple[Array, Array]:
    """Breathing (4 s) and a slow weight shift (7 s), desynchronised by ``t``."""
    pose = _zeros(len(t))
    _rest_arms(pose)
    breath = np.sin(t * 2 * math.pi / 4.0).astype(np.float32)
    shift = np.sin(t * 2 * math.pi / 7.0).astype(np.float32)
    pose[:, J["chest"], 0] = 0.025 * breath
    pose[:, J["neck"], 0] = -0.02 * breath
    pose[:, J["hips"], 2] = 0.03 * shift
    pose[:, J["spine"], 2] = -0.035 * shift
    pose[:, J["upper_leg_l"], 2] = -0.03 * shift
    pose[:, J["upper_leg_r"], 2] = -0.03 * shift
    pose[:, J["upper_arm_l"], 0] = 0.02 * breath
    pose[:, J["upper_arm_r"], 0] = 0.02 * breath
    hip = np.zeros((len(t), 3), dtype=np.float32)
    hip[:, 1] = 0.004 * breath
    hip[:, 0] = 0.02 * shift
    return pose, hip


LEG = 0.86  # hip-to-ankle length of the 1.75 m reference skeleton
SWING = 0.42  # hip swing amplitude (radians): LEG * sin(SWING) * 2 ≈ STRIDE


def leg_angle(u: Array) -> Array:
    """Hip pitch over one cycle: a linear stance (foot planted) then an eased swing.

    A sine swing would move the planted foot at π/2 × the body's speed mid-stance;
    the linear stance keeps it within a few percent of still.
    """
    u = np.mod(u, 1.0)
    stance = SWING - 2 * SWING * (u / 0.5)
    swing_u = np.clip((u - 0.5) / 0.5, 0.0, 1.0)
    swing = -SWING + 2 * SWING * (0.5 - 0.5 * np.cos(swing_u * math.pi))
    return np.where(u < 0.5, stance, swing).astype(np.float32)


def walk(phase: Array) -> tuple[Array, Array]:
    """One walk cycle per unit of ``phase`` (two steps of :data:`STRIDE` metres)."""
    pose = _zeros(len(phase))
    _rest_arms(pose)
    left = leg_angle(phase)
    right = leg_angle(phase + 0.5)
    pose[:, J["upper_leg_l"], 0] = left
    pose[:, J["upper_leg_r"], 0] = right
    u = np.mod(phase, 1.0)
    knee = np.sin(np.clip((np.mod(u, 0.5)) / 0.5, 0, 1) * math.pi).astype(np.float32)
    pose[:, J["lower_leg_l"], 0] = np.where(u >= 0.5, -0.6 * knee, 0.0)
    pose[:, J["lower_leg_r"], 0] = np.where(u < 0.5, -0.6 * knee, 0.0)
    a = (phase * 2 * math.pi).astype(np.float32)
    pose[:, J["upper_arm_l"], 0] = -0.7 * right
    pose[:, J["upper_arm_r"], 0] = -0.7 * left
    pose[:, J["lower_arm_l"], 0] = 0.25
    pose[:, J["lower_arm_r"], 0] = 0.25
    pose[:, J["spine"], 1] = 0.06 * np.sin(a)
    pose[:, J["chest"], 1] = -0.1 * np.sin(a)
    stance = np.where(u < 0.5, left, right)
    hip = np.zeros((len(phase), 3), dtype=np.float32)
    hip[:, 1] = -LEG * (1.0 - np.cos(stance))  # keep the planted foot on the floor
    return pose, hip


def sit(t: Array) -> tuple[Array, Array]:
    """Seated on a chair-height seat (~0.45 m), hands on the thighs."""
    pose, hip = idle(t)
    pose[:, J["upper_leg_l"], 0] = 1.5
    pose[:, J["upper_leg_r"], 0] = 1.5
    pose[:, J["lower_leg_l"], 0] = -1.5
    pose[:, J["lower_leg_r"], 0] = -1.5
    pose[:, J["upper_arm_l"], 0] = 0.35
    pose[:, J["upper_arm_r"], 0] = 0.35
    pose[:, J["lower_arm_l"], 0] = 0.9
    pose[:, J["lower_arm_r"], 0] = 0.9
    hip[:, 1] -= 0.43
    hip[:, 2] += 0.1
    return pose, hip


def envelope(t: Array, duration: float, fade: float = 0.3) -> Array:
    """0→1→0 weight of a one-shot gesture with smooth fades."""
    up = np.clip(t / fade, 0, 1)
    down = np.clip((duration - t) / fade, 0, 1)
    w = np.minimum(up, down)
    return np.asarray(w * w * (3 - 2 * w), dtype=np.float32)


def gesture(name: str, t: Array, aim: Array | None = None) -> Array:
    """Pose of a gesture at times ``t``; ``aim`` (N, 2) = (yaw, pitch) for ``point``."""
    pose = _zeros(len(t))
    _rest_arms(pose)
    if name == "wave":
        pose[:, J["upper_arm_r"], 2] = 2.5
        pose[:, J["upper_arm_r"], 0] = 0.3
        pose[:, J["lower_arm_r"], 2] = 0.35 * np.sin(t * 2 * math.pi * 2.2) - 0.1
        pose[:, J["lower_arm_r"], 0] = 0.3
        pose[:, J["head"], 2] = 0.08
    elif name == "nod":
        pose[:, J["head"], 0] = -0.22 * np.abs(np.sin(t * 2 * math.pi * 1.3))
        pose[:, J["neck"], 0] = -0.08 * np.abs(np.sin(t * 2 * math.pi * 1.3))
    elif name == "shake_head":
        pose[:, J["head"], 1] = 0.4 * np.sin(t * 2 * math.pi * 1.6)
        pose[:, J["neck"], 1] = 0.1 * np.sin(t * 2 * math.pi * 1.6)
    elif name == "shrug":
        pose[:, J["shoulder_l"], 2] = -0.25
        pose[:, J["shoulder_r"], 2] = 0.25
        pose[:, J["upper_arm_l"], 2] = -0.35
        pose[:, J["upper_arm_r"], 2] = 0.35
        pose[:, J["lower_arm_l"], 0] = 1.2
        pose[:, J["lower_arm_r"], 0] = 1.2
        pose[:, J["lower_arm_l"], 1] = 0.6
        pose[:, J["lower_arm_r"], 1] = -0.6
        pose[:, J["head"], 2] = 0.15
    elif name == "point":
        yaw = aim[:, 0] if aim is not None else np.zeros(len(t), dtype=np.float32)
        pitch = aim[:, 1] if aim is not None else np.zeros(len(t), dtype=np.float32)
        pose[:, J["upper_arm_r"], 0] = np.clip(math.pi / 2 + pitch, 0.3, 2.6)
        pose[:, J["upper_arm_r"], 1] = np.clip(yaw, -1.2, 1.4)
        pose[:, J["lower_arm_r"], 0] = 0.05
    elif name == "think":
        pose[:, J["upper_arm_r"], 0] = 0.55
        pose[:, J["upper_arm_r"], 2] = 0.25
        pose[:, J["lower_arm_r"], 0] = 2.35
        pose[:, J["lower_arm_r"], 1] = -0.5
        pose[:, J["head"], 2] = -0.12
        pose[:, J["head"], 0] = 0.1
    else:
        raise ValueError(f"unknown gesture {name!r}; known: {', '.join(GESTURES)}")
    return pose
