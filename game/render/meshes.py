"""Procedural unit meshes (box, cylinder, sphere) as interleaved position+normal arrays.

Each mesh is centred on the origin with unit extents, so a part's ``size`` is just a
scale. Meshes are generated once with numpy; the renderer uploads them to GL.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

Mesh = npt.NDArray[np.float32]  # (vertices, 6): x y z nx ny nz, triangles


def box() -> Mesh:
    """Unit cube with flat normals (36 vertices)."""
    faces = []
    for axis in range(3):
        for sign in (-1.0, 1.0):
            n = np.zeros(3)
            n[axis] = sign
            u = np.zeros(3)
            u[(axis + 1) % 3] = 1.0
            v = np.cross(n, u)
            corners = [n * 0.5 + (u * a + v * b) * 0.5 for a, b in ((-1, -1), (1, -1), (1, 1), (-1, 1))]
            for i in (0, 1, 2, 0, 2, 3):
                faces.append([*corners[i], *n])
    return np.array(faces, dtype=np.float32)


def cylinder(segments: int = 24) -> Mesh:
    """Unit cylinder along Y (diameter 1, height 1) with smooth sides and flat caps."""
    verts: list[list[float]] = []
    for i in range(segments):
        a0, a1 = 2 * math.pi * i / segments, 2 * math.pi * (i + 1) / segments
        p0 = (math.cos(a0) * 0.5, math.sin(a0) * 0.5)
        p1 = (math.cos(a1) * 0.5, math.sin(a1) * 0.5)
        n0 = (math.cos(a0), 0.0, math.sin(a0))
        n1 = (math.cos(a1), 0.0, math.sin(a1))
        b0, b1 = [p0[0], -0.5, p0[1], *n0], [p1[0], -0.5, p1[1], *n1]
        t0, t1 = [p0[0], 0.5, p0[1], *n0], [p1[0], 0.5, p1[1], *n1]
        verts += [b0, t1, b1, b0, t0, t1]
        verts += [[0, 0.5, 0, 0, 1, 0], [p1[0], 0.5, p1[1], 0, 1, 0], [p0[0], 0.5, p0[1], 0, 1, 0]]
        verts += [[0, -0.5, 0, 0, -1, 0], [p0[0], -0.5, p0[1], 0, -1, 0], [p1[0], -0.5, p1[1], 0, -1, 0]]
    return np.array(verts, dtype=np.float32)


def sphere(rings: int = 12, segments: int = 20) -> Mesh:
    """Unit-diameter UV sphere with smooth normals."""

    def point(r: int, s: int) -> list[float]:
        theta = math.pi * r / rings
        phi = 2 * math.pi * s / segments
        n = [math.sin(theta) * math.cos(phi), math.cos(theta), math.sin(theta) * math.sin(phi)]
        return [c * 0.5 for c in n] + n

    verts: list[list[float]] = []
    for r in range(rings):
        for s in range(segments):
            a, b, c, d = point(r, s), point(r + 1, s), point(r + 1, s + 1), point(r, s + 1)
            verts += [a, d, c, a, c, b]
    return np.array(verts, dtype=np.float32)


def unit_meshes() -> dict[str, Mesh]:
    """All primitive kinds by name, matching :data:`game.sim.world.KINDS`."""
    return {"box": box(), "cylinder": cylinder(), "sphere": sphere()}
