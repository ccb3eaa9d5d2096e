"""The procedural humanoid: a smooth-skinned mesh built from tubes and ellipsoids.

Vertices carry up to four bone indices and weights; where a limb meets its parent
or child the weights blend over the last 20 % of the segment, so elbows and knees
bend smoothly instead of creasing. Each vertex also names a palette slot (skin,
hair, top, …) so one mesh serves every avatar; colours come per instance.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from game.sim.anim.appearance import HAIR_STYLES, SLOTS
from game.sim.anim.skeleton import INDEX, REST, rest_positions

Array = npt.NDArray[np.float32]
VERTEX_FLOATS = 15  # position 3, normal 3, bones 4, weights 4, slot 1
S = {name: float(i) for i, name in enumerate(SLOTS)}


@dataclass
class MeshBuilder:
    """Accumulates skinned triangles."""

    rows: list[list[float]] = field(default_factory=list)

    def tri(self, verts: list[tuple[Array, Array, tuple[int, ...], tuple[float, ...]]], slot: float) -> None:
        """Append vertices (three per triangle), padding bones and weights to four."""
        for pos, normal, bones, weights in verts:
            b = ([*list(bones), 0, 0, 0, 0])[:4]
            w = ([*list(weights), 0.0, 0.0, 0.0, 0.0])[:4]
            self.rows.append([*pos, *normal, *b, *w, slot])

    def ellipsoid(
        self,
        center: Array,
        radii: tuple[float, float, float],
        bone: str,
        slot: str,
        detail: int,
        upper_only: bool = False,
    ) -> None:
        """An ellipsoid rigidly bound to one bone (head, hands, eyes …)."""
        rings, segs = max(3, detail // 2 + 1), max(4, detail)
        r = np.array(radii, dtype=np.float32)
        b = (INDEX[bone],)
        max_theta = math.pi / 2 if upper_only else math.pi

        def point(i: int, j: int) -> tuple[Array, Array, tuple[int, ...], tuple[float, ...]]:
            theta, phi = max_theta * i / rings, 2 * math.pi * j / segs
            unit = np.array(
                [math.sin(theta) * math.cos(phi), math.cos(theta), math.sin(theta) * math.sin(phi)]
            )
            normal = unit / r
            return (
                (center + unit * r).astype(np.float32),
                (normal / np.linalg.norm(normal)).astype(np.float32),
                b,
                (1.0,),
            )

        for i in range(rings):
            for j in range(segs):
                a, c, d, e = point(i, j), point(i + 1, j), point(i + 1, j + 1), point(i, j + 1)
                self.tri([a, e, d, a, d, c], S[slot])

    def tube(
        self,
        p0: Array,
        p1: Array,
        r0: float,
        r1: float,
        bone: str,
        parent: str | None,
        child: str | None,
        slot: str,
        detail: int,
        squash: float = 1.0,
    ) -> None:
        """A tapered tube from p0 to p1 with weights blended into the parent and child bones."""
        axis = p1 - p0
        length = float(np.linalg.norm(axis))
        d = axis / length
        helper = np.array([0.0, 0.0, 1.0]) if abs(d[2]) < 0.9 else np.array([1.0, 0.0, 0.0])
        u = np.cross(d, helper)
        u /= np.linalg.norm(u)
        v = np.cross(d, u)
        rings, segs = 4, max(4, detail)

        def point(i: int, j: int) -> tuple[Array, Array, tuple[int, ...], tuple[float, ...]]:
            t = i / rings
            phi = 2 * math.pi * j / segs
            radial = u * math.cos(phi) + v * math.sin(phi) * squash
            pos = p0 + axis * t + radial * (r0 + (r1 - r0) * t)
            normal = u * math.cos(phi) + v * math.sin(phi) / max(squash, 0.2)
            bones, weights = [INDEX[bone]], [1.0]
            if parent is not None and t < 0.2:
                wp = 0.5 * (1 - t / 0.2)
                bones.append(INDEX[parent])
                weights = [1 - wp, wp]
            elif child is not None and t > 0.8:
                wc = 0.5 * (t - 0.8) / 0.2
                bones.append(INDEX[child])
                weights = [1 - wc, wc]
            n = normal / np.linalg.norm(normal)
            return pos.astype(np.float32), n.astype(np.float32), tuple(bones), tuple(weights)

        for i in range(rings):
            for j in range(segs):
                a, c, dd, e = point(i, j), point(i + 1, j), point(i + 1, j + 1), point(i, j + 1)
                self.tri([a, c, dd, a, dd, e], S[slot])

    def array(self) -> Array:
        """All vertices as an (n, 15) float32 array.

        Every triangle is wound counter-clockwise seen from the side its normals point
        to, so the renderer can cull back faces.
        """
        verts = np.array(self.rows, dtype=np.float32).reshape(-1, 3, VERTEX_FLOATS)
        p = verts[:, :, :3]
        face = np.cross(p[:, 1] - p[:, 0], p[:, 2] - p[:, 0])
        inward = np.einsum("ij,ij->i", face, verts[:, :, 3:6].sum(axis=1)) < 0
        verts[inward] = verts[inward][:, [0, 2, 1]]
        return verts.reshape(-1, VERTEX_FLOATS)


def build_body(detail: int = 12, face: bool = True) -> Array:
    """The body of the reference 1.75 m skeleton (proportions are applied by bone offsets)."""
    joints = rest_positions(REST)

    def j(name: str) -> Array:
        return np.asarray(joints[INDEX[name]], dtype=np.float32)

    m = MeshBuilder()
    _trunk_and_head(m, j, detail)
    for side in ("l", "r"):
        _arm(m, j, side, detail)
        _leg(m, j, side, detail)
    if face:
        _face(m, j, detail)
    else:
        for side in ("l", "r"):
            m.ellipsoid(j(f"eye_{side}"), (0.016, 0.016, 0.012), f"eye_{side}", "pupil", 4)
    return m.array()


def _trunk_and_head(m: MeshBuilder, j: Callable[[str], Array], detail: int) -> None:
    up = np.array([0.0, 1.0, 0.0], dtype=np.float32)
    # Torso: hips (trousers) → chest (top), slightly flattened front to back.
    m.tube(j("hips") - up * 0.08, j("spine"), 0.15, 0.14, "hips", None, "spine", "bottom", detail, 0.7)
    m.tube(j("spine"), j("chest"), 0.14, 0.16, "spine", "hips", "chest", "top", detail, 0.68)
    m.tube(j("chest"), j("neck") - up * 0.02, 0.16, 0.1, "chest", "spine", "neck", "top", detail, 0.62)
    m.ellipsoid(j("chest") + up * 0.16, (0.19, 0.07, 0.1), "chest", "top", detail)  # shoulders
    m.tube(j("neck") - up * 0.03, j("head") + up * 0.02, 0.05, 0.05, "neck", "chest", "head", "skin", detail)
    head_c = j("head") + up * 0.1
    m.ellipsoid(head_c, (0.09, 0.118, 0.1), "head", "skin", detail)
    # Jaw and cheeks: the egg-shaped head alone narrowed to a point at the chin, so the
    # neck read as running up to the mouth (issue 18's "long neck").
    jaw = j("head") + np.array([0.0, 0.05, -0.025], dtype=np.float32)
    m.ellipsoid(jaw, (0.072, 0.05, 0.07), "head", "skin", detail)


def _arm(m: MeshBuilder, j: Callable[[str], Array], side: str, detail: int) -> None:
    """Upper arm in the top's colour, forearm and hand in skin: the top has short sleeves."""
    up = np.array([0.0, 1.0, 0.0], dtype=np.float32)
    m.tube(
        j(f"upper_arm_{side}"),
        j(f"lower_arm_{side}"),
        0.05,
        0.042,
        f"upper_arm_{side}",
        f"shoulder_{side}",
        f"lower_arm_{side}",
        "top",
        detail,
    )
    m.tube(
        j(f"lower_arm_{side}"),
        j(f"hand_{side}"),
        0.042,
        0.033,
        f"lower_arm_{side}",
        f"upper_arm_{side}",
        f"hand_{side}",
        "skin",
        detail,
    )
    m.ellipsoid(j(f"hand_{side}") - up * 0.06, (0.03, 0.065, 0.045), f"hand_{side}", "skin", detail // 2 + 2)


def _leg(m: MeshBuilder, j: Callable[[str], Array], side: str, detail: int) -> None:
    up = np.array([0.0, 1.0, 0.0], dtype=np.float32)
    m.tube(
        j(f"upper_leg_{side}") + up * 0.05,
        j(f"lower_leg_{side}"),
        0.08,
        0.058,
        f"upper_leg_{side}",
        "hips",
        f"lower_leg_{side}",
        "bottom",
        detail,
    )
    m.tube(
        j(f"lower_leg_{side}"),
        j(f"foot_{side}"),
        0.058,
        0.045,
        f"lower_leg_{side}",
        f"upper_leg_{side}",
        f"foot_{side}",
        "bottom",
        detail,
    )
    m.ellipsoid(
        j(f"foot_{side}") + np.array([0, -0.02, -0.05], dtype=np.float32),
        (0.05, 0.035, 0.12),
        f"foot_{side}",
        "shoes",
        detail // 2 + 2,
    )


def _face(m: MeshBuilder, joint: Callable[[str], Array], detail: int) -> None:
    fwd = np.array([0.0, 0.0, -1.0], dtype=np.float32)
    for side in ("l", "r"):
        eye = joint(f"eye_{side}")
        m.ellipsoid(eye, (0.017, 0.017, 0.012), f"eye_{side}", "eye", 8)
        m.ellipsoid(eye + fwd * 0.011, (0.008, 0.008, 0.003), f"eye_{side}", "pupil", 6)
        m.ellipsoid(eye + fwd * 0.002, (0.02, 0.018, 0.016), f"lid_{side}", "skin", 8, upper_only=True)
        brow = joint(f"brow_{side}")
        m.ellipsoid(brow, (0.022, 0.005, 0.006), f"brow_{side}", "hair", 6)
    mouth = joint("mouth")
    m.ellipsoid(mouth, (0.03, 0.022, 0.008), "mouth", "mouth", 10)
    m.ellipsoid(mouth + np.array([0, 0, 0.004], dtype=np.float32), (0.034, 0.026, 0.008), "mouth", "lips", 10)
    nose = joint("head") + np.array([0.0, 0.075, -0.105], dtype=np.float32)
    m.ellipsoid(nose, (0.014, 0.022, 0.018), "head", "skin", 6)


def build_hair(style: str, detail: int = 12) -> Array:
    """Hair or hat for one style, bound to the head bone."""
    if style not in HAIR_STYLES:
        raise ValueError(f"unknown hair style {style!r}")
    joints = rest_positions(REST)
    head_c = joints[INDEX["head"]] + np.array([0.0, 0.1, 0.0], dtype=np.float32)
    m = MeshBuilder()
    back = np.array([0.0, 0.0, 1.0], dtype=np.float32)
    up = np.array([0.0, 1.0, 0.0], dtype=np.float32)
    if style in ("short", "long", "bun", "ponytail", "curly"):
        m.ellipsoid(
            head_c + up * 0.012 + back * 0.008, (0.093, 0.113, 0.104), "head", "hair", detail, upper_only=True
        )
        m.ellipsoid(head_c + back * 0.03, (0.09, 0.1, 0.085), "head", "hair", detail)
    if style == "long":
        m.ellipsoid(head_c + back * 0.06 - up * 0.1, (0.1, 0.16, 0.05), "head", "hair", detail)
    if style == "bun":
        m.ellipsoid(head_c + back * 0.1 + up * 0.06, (0.045, 0.045, 0.045), "head", "hair", detail)
    if style == "ponytail":
        m.ellipsoid(head_c + back * 0.1 + up * 0.02, (0.035, 0.035, 0.035), "head", "hair", detail)
        m.ellipsoid(head_c + back * 0.13 - up * 0.08, (0.035, 0.1, 0.035), "head", "hair", detail)
    if style == "curly":
        for k in range(9):
            angle = k / 9 * 2 * np.pi
            x, y, z = np.cos(angle) * 0.085, 0.05 + 0.03 * np.sin(3 * angle), np.sin(angle) * 0.09 + 0.02
            curl = head_c + np.array([x, y, z], dtype=np.float32)
            m.ellipsoid(curl, (0.04, 0.04, 0.04), "head", "hair", detail // 2 + 2)
    if style == "hat":
        brim = head_c + up * 0.06
        m.tube(brim, brim + up * 0.01, 0.16, 0.16, "head", None, None, "hair", detail)
        m.tube(brim, brim + up * 0.11, 0.095, 0.09, "head", None, None, "hair", detail)
        m.ellipsoid(brim + up * 0.11, (0.09, 0.01, 0.09), "head", "hair", detail, upper_only=True)
    if style == "bald":
        m.ellipsoid(head_c + up * 0.01, (0.086, 0.111, 0.101), "head", "skin", 4, upper_only=True)
    return m.array()
