"""Write small skinned .glb characters for tests (and their broken variants)."""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

import numpy as np

# A "stick person": a column from the hips to the top of the head, plus a right arm.
JOINTS = [  # name, parent index, translation relative to the parent
    ("Hips", -1, (0.0, 0.95, 0.0)),
    ("Spine", 0, (0.0, 0.3, 0.0)),
    ("Head", 1, (0.0, 0.32, 0.0)),
    ("RightArm", 1, (0.2, 0.2, 0.0)),
    ("RightForeArm", 3, (0.0, -0.28, 0.0)),
]


def _world_positions() -> np.ndarray:
    pos = np.zeros((len(JOINTS), 3))
    for i, (_, parent, t) in enumerate(JOINTS):
        pos[i] = np.array(t) + (pos[parent] if parent >= 0 else 0.0)
    return pos


def _box(
    lo: np.ndarray,
    hi: np.ndarray,
    joint: int,
    verts: list,
    normals: list,
    joints: list,
    weights: list,
    idx: list,
):
    corners = [np.array([x, y, z]) for x in (lo[0], hi[0]) for y in (lo[1], hi[1]) for z in (lo[2], hi[2])]
    base = len(verts)
    centre = (lo + hi) / 2
    for c in corners:
        verts.append(c)
        n = c - centre
        normals.append(n / np.linalg.norm(n))
        joints.append([joint, 0, 0, 0])
        weights.append([1.0, 0.0, 0.0, 0.0])
    faces = [(0, 1, 3, 2), (4, 6, 7, 5), (0, 4, 5, 1), (2, 3, 7, 6), (0, 2, 6, 4), (1, 5, 7, 3)]
    for a, b, c, d in faces:
        idx += [base + a, base + b, base + c, base + a, base + c, base + d]


def character_arrays() -> dict[str, np.ndarray]:
    pos = _world_positions()
    verts: list = []
    normals: list = []
    joints: list = []
    weights: list = []
    idx: list = []
    _box(pos[0] - [0.15, 0.05, 0.1], pos[1] + [0.15, 0.0, 0.1], 0, verts, normals, joints, weights, idx)
    _box(pos[1] + [-0.18, 0.0, -0.1], pos[2] + [0.18, -0.02, 0.1], 1, verts, normals, joints, weights, idx)
    _box(pos[2] + [-0.1, 0.0, -0.1], pos[2] + [0.1, 0.22, 0.1], 2, verts, normals, joints, weights, idx)
    _box(pos[3] + [0.0, -0.28, -0.04], pos[3] + [0.08, 0.02, 0.04], 3, verts, normals, joints, weights, idx)
    _box(pos[4] + [0.0, -0.26, -0.04], pos[4] + [0.08, 0.0, 0.04], 4, verts, normals, joints, weights, idx)
    return {
        "POSITION": np.array(verts, dtype=np.float32),
        "NORMAL": np.array(normals, dtype=np.float32),
        "JOINTS_0": np.array(joints, dtype=np.uint8),
        "WEIGHTS_0": np.array(weights, dtype=np.float32),
        "indices": np.array(idx, dtype=np.uint16),
    }


def write_glb(
    path: Path,
    *,
    names: list[str] | None = None,
    skin: bool = True,
    truncate: int = 0,
    colour: tuple[float, float, float] = (0.9, 0.1, 0.1),
) -> Path:
    """Write the test character; ``names`` renames joints, ``truncate`` chops bytes off the buffer."""
    arrays = character_arrays()
    pos = _world_positions()
    ibm = np.stack(
        [np.linalg.inv(np.block([[np.eye(3), p[:, None]], [np.zeros((1, 3)), np.ones((1, 1))]])) for p in pos]
    )
    arrays["IBM"] = ibm.astype(np.float32).transpose(0, 2, 1).copy()  # column-major
    blob = b""
    views, accessors = [], []
    kinds = {
        "POSITION": ("VEC3", 5126),
        "NORMAL": ("VEC3", 5126),
        "JOINTS_0": ("VEC4", 5121),
        "WEIGHTS_0": ("VEC4", 5126),
        "indices": ("SCALAR", 5123),
        "IBM": ("MAT4", 5126),
    }
    index_of: dict[str, int] = {}
    for key, (kind, component) in kinds.items():
        data = arrays[key].tobytes()
        blob += b"\0" * (-len(blob) % 4)
        views.append({"buffer": 0, "byteOffset": len(blob), "byteLength": len(data)})
        count = len(arrays[key]) if key != "indices" else arrays[key].size
        accessors.append(
            {"bufferView": len(views) - 1, "componentType": component, "count": count, "type": kind}
        )
        index_of[key] = len(accessors) - 1
        blob += data
    names = names or [n for n, _, _ in JOINTS]
    nodes: list[dict[str, Any]] = []
    for i, (_, _parent, t) in enumerate(JOINTS):
        children = [k for k, (_, p, _) in enumerate(JOINTS) if p == i]
        node: dict[str, Any] = {"name": names[i], "translation": list(t)}
        if children:
            node["children"] = children
        nodes.append(node)
    mesh_node: dict[str, Any] = {"name": "body", "mesh": 0}
    if skin:
        mesh_node["skin"] = 0
    nodes.append(mesh_node)
    attributes = {k: index_of[k] for k in ("POSITION", "NORMAL", "JOINTS_0", "WEIGHTS_0")}
    doc = {
        "asset": {"version": "2.0", "generator": "voxroom tests"},
        "scene": 0,
        "scenes": [{"nodes": [0, len(JOINTS)]}],
        "nodes": nodes,
        "meshes": [
            {"primitives": [{"attributes": attributes, "indices": index_of["indices"], "material": 0}]}
        ],
        "materials": [{"pbrMetallicRoughness": {"baseColorFactor": [*colour, 1.0]}}],
        "skins": [{"joints": list(range(len(JOINTS))), "inverseBindMatrices": index_of["IBM"]}],
        "accessors": accessors,
        "bufferViews": views,
        "buffers": [{"byteLength": len(blob)}],
    }
    if truncate:
        blob = blob[:-truncate]
    js = json.dumps(doc).encode()
    js += b" " * (-len(js) % 4)
    blob += b"\0" * (-len(blob) % 4)
    body = struct.pack("<II", len(js), 0x4E4F534A) + js + struct.pack("<II", len(blob), 0x004E4942) + blob
    path.write_bytes(struct.pack("<4sII", b"glTF", 2, 12 + len(body)) + body)
    return path
