"""glTF 2.0 binary (.glb) skinned characters, driven by Voxroom's own animation.

The file's skeleton keeps its rest pose; each of its joints that maps to one of our
bones (by name, with the usual Mixamo/VRM spellings understood) receives our bone's
local rotation, re-expressed in the joint's own frame. Everything here is numpy and
file parsing, with no GL, so a broken file fails in a test, not in the render loop.
"""

from __future__ import annotations

import json
import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from game.render.avatar_mesh import VERTEX_FLOATS
from game.sim.anim.skeleton import INDEX, euler_matrices

Array = npt.NDArray[np.float32]
REQUIRED_BONES = ("hips", "head")
_COMPONENTS = {
    5120: np.int8,
    5121: np.uint8,
    5122: np.int16,
    5123: np.uint16,
    5125: np.uint32,
    5126: np.float32,
}
_WIDTH = {"SCALAR": 1, "VEC2": 2, "VEC3": 3, "VEC4": 4, "MAT4": 16}
_ALIASES = {
    "hips": "hips",
    "pelvis": "hips",
    "root": "hips",
    "spine": "spine",
    "spine1": "chest",
    "spine2": "chest",
    "chest": "chest",
    "upperchest": "chest",
    "neck": "neck",
    "head": "head",
    "shoulder": "shoulder",
    "clavicle": "shoulder",
    "arm": "upper_arm",
    "upperarm": "upper_arm",
    "forearm": "lower_arm",
    "lowerarm": "lower_arm",
    "hand": "hand",
    "upleg": "upper_leg",
    "upperleg": "upper_leg",
    "thigh": "upper_leg",
    "leg": "lower_leg",
    "lowerleg": "lower_leg",
    "calf": "lower_leg",
    "shin": "lower_leg",
    "foot": "foot",
}


class GltfError(ValueError):
    """A .glb that cannot be used; the message names the file and what is wrong."""


def bone_for(joint_name: str) -> str | None:
    """Map a joint name (``mixamorig:LeftForeArm``, ``leftLowerArm``, ``lower_arm_l``) to our bone."""
    name = joint_name.split(":")[-1].split("|")[-1]
    if name in INDEX:
        return name
    low = re.sub(r"[^a-z0-9]", "", name.lower())
    side = ""
    for prefix, s in (("left", "l"), ("right", "r")):
        if low.startswith(prefix):
            side, low = s, low[len(prefix) :]
    if not side and len(low) > 1 and low[-1] in "lr" and low[:-1] in _ALIASES:
        side, low = low[-1], low[:-1]
    base = _ALIASES.get(low)
    if base is None:
        return None
    full = f"{base}_{side}" if side else base
    return full if full in INDEX else None


@dataclass
class GltfCharacter:
    """A skinned character ready for the avatar shader (vertex layout of :mod:`avatar_mesh`)."""

    path: str
    vertices: Array  # (n, 15): position, normal, joints, weights, palette slot (primitive index)
    colours: list[tuple[float, float, float]]  # per primitive, sRGB
    joint_names: list[str]
    parents: npt.NDArray[np.int32]  # joint index of the parent joint, or -1
    rest_local: Array  # (J, 4, 4) rest local transform relative to the parent joint
    rest_world_rot: Array  # (J, 3, 3)
    inverse_bind: Array  # (J, 4, 4)
    bone_map: npt.NDArray[np.int32]  # our bone index per joint, or -1
    order: list[int]  # joints sorted parents-first

    def skinning(self, pose: Array, root: Array) -> Array:
        """(N, J, 4, 4) skinning matrices from our (N, B, 3) Euler pose and (N, 4, 4) roots."""
        n, joints = pose.shape[0], len(self.joint_names)
        world = np.zeros((n, joints, 4, 4), dtype=np.float32)
        for j in self.order:
            local = np.broadcast_to(self.rest_local[j], (n, 4, 4)).copy()
            b = self.bone_map[j]
            if b >= 0:
                w = self.rest_world_rot[j]
                delta = euler_matrices(pose[:, b])  # (n, 3, 3) in the model-aligned frame
                local_delta = w.T @ delta @ w
                local[:, :3, :3] = local[:, :3, :3] @ local_delta
            parent = self.parents[j]
            world[:, j] = (root if parent < 0 else world[:, parent]) @ local
        return np.asarray(world @ self.inverse_bind, dtype=np.float32)


def _trs(node: dict[str, Any]) -> Array:
    if "matrix" in node:
        return np.array(node["matrix"], dtype=np.float32).reshape(4, 4).T
    t = node.get("translation", [0, 0, 0])
    x, y, z, w = node.get("rotation", [0, 0, 0, 1])
    s = node.get("scale", [1, 1, 1])
    rot = np.array(
        [
            [1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)],
            [2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)],
            [2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)],
        ],
        dtype=np.float32,
    )
    m = np.eye(4, dtype=np.float32)
    m[:3, :3] = rot * np.array(s, dtype=np.float32)[None, :]
    m[:3, 3] = t
    return m


class _Glb:
    def __init__(self, path: Path) -> None:
        self.path = str(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise GltfError(f"{path}: cannot read ({exc})") from None
        if len(data) < 20 or data[:4] != b"glTF":
            raise GltfError(f"{path}: not a binary glTF (.glb) file")
        version, length = struct.unpack_from("<II", data, 4)
        if version != 2 or length > len(data):
            raise GltfError(f"{path}: unsupported glTF version {version} or truncated file")
        offset, self.json, self.bin = 12, None, b""
        while offset + 8 <= length:
            size, kind = struct.unpack_from("<II", data, offset)
            chunk = data[offset + 8 : offset + 8 + size]
            if kind == 0x4E4F534A:
                try:
                    self.json = json.loads(chunk)
                except ValueError as exc:
                    raise GltfError(f"{path}: broken JSON chunk ({exc})") from None
            elif kind == 0x004E4942:
                self.bin = chunk
            offset += 8 + size
        if not isinstance(self.json, dict):
            raise GltfError(f"{path}: no JSON chunk")
        self.doc: dict[str, Any] = self.json

    def accessor(self, index: int) -> npt.NDArray[Any]:
        try:
            acc = self.doc["accessors"][index]
            view = self.doc["bufferViews"][acc["bufferView"]]
            dtype = np.dtype(_COMPONENTS[acc["componentType"]])
            width = _WIDTH[acc["type"]]
            count = acc["count"]
        except (KeyError, IndexError, TypeError) as exc:
            raise GltfError(f"{self.path}: accessor {index} is malformed ({exc})") from None
        start = view.get("byteOffset", 0) + acc.get("byteOffset", 0)
        stride = view.get("byteStride", 0) or dtype.itemsize * width
        end = start + stride * (count - 1) + dtype.itemsize * width
        if count <= 0 or end > len(self.bin) or end > view.get("byteOffset", 0) + view["byteLength"]:
            raise GltfError(f"{self.path}: accessor {index} reads past its buffer (bad buffers)")
        raw = np.frombuffer(self.bin, dtype=np.uint8, count=end - start, offset=start)
        if stride == dtype.itemsize * width:
            out = raw.view(dtype).reshape(count, width)
        else:
            rows = np.lib.stride_tricks.as_strided(raw, (count, dtype.itemsize * width), (stride, 1))
            out = np.ascontiguousarray(rows).view(dtype).reshape(count, width)
        if acc.get("normalized") and dtype != np.float32:
            out = out.astype(np.float32) / float(np.iinfo(out.dtype.type).max)
        return out


def load_glb(path: Path) -> GltfCharacter:
    """Load the first skinned mesh of a .glb, or raise :class:`GltfError` naming the problem."""
    glb = _Glb(path)
    doc = glb.doc
    nodes = doc.get("nodes", [])
    node_index = next((i for i, n in enumerate(nodes) if "mesh" in n and "skin" in n), None)
    if node_index is None:
        raise GltfError(f"{path}: no skinned mesh (a node with both 'mesh' and 'skin')")
    skin = doc["skins"][nodes[node_index]["skin"]]
    joints: list[int] = list(skin.get("joints", []))
    if not joints:
        raise GltfError(f"{path}: the skin has no joints")
    names = [nodes[j].get("name", f"joint{k}") for k, j in enumerate(joints)]
    bone_map = np.array([INDEX.get(bone_for(n) or "", -1) for n in names], dtype=np.int32)
    mapped = {b for b in bone_map if b >= 0}
    missing = [b for b in REQUIRED_BONES if INDEX[b] not in mapped]
    if missing:
        raise GltfError(f"{path}: missing bones {', '.join(missing)} (joints: {', '.join(names[:12])})")
    parent_of = {c: i for i, n in enumerate(nodes) for c in n.get("children", [])}
    joint_pos = {node: k for k, node in enumerate(joints)}
    parents = np.full(len(joints), -1, dtype=np.int32)
    rest_local = np.zeros((len(joints), 4, 4), dtype=np.float32)
    for k, node in enumerate(joints):
        local = _trs(nodes[node])
        p = parent_of.get(node)
        while p is not None and p not in joint_pos:  # fold non-joint ancestors into the transform
            local = _trs(nodes[p]) @ local
            p = parent_of.get(p)
        parents[k] = joint_pos[p] if p is not None else -1
        rest_local[k] = local
    order = _parents_first(parents)
    rest_world = np.zeros_like(rest_local)
    for k in order:
        rest_world[k] = rest_local[k] if parents[k] < 0 else rest_world[parents[k]] @ rest_local[k]
    rot = rest_world[:, :3, :3] / np.linalg.norm(rest_world[:, :3, :3], axis=1, keepdims=True)
    if "inverseBindMatrices" in skin:
        ibm = (
            glb.accessor(skin["inverseBindMatrices"]).reshape(-1, 4, 4).transpose(0, 2, 1).astype(np.float32)
        )
        if len(ibm) != len(joints):
            raise GltfError(
                f"{path}: {len(ibm)} inverse bind matrices for {len(joints)} joints (bad buffers)"
            )
    else:
        ibm = np.linalg.inv(rest_world).astype(np.float32)
    vertices, colours = _mesh(glb, doc["meshes"][nodes[node_index]["mesh"]], len(joints))
    return GltfCharacter(
        str(path), vertices, colours, names, parents, rest_local, rot.astype(np.float32), ibm, bone_map, order
    )


def _parents_first(parents: npt.NDArray[np.int32]) -> list[int]:
    order: list[int] = []
    placed: set[int] = set()
    while len(order) < len(parents):
        progressed = False
        for k, p in enumerate(parents):
            if k not in placed and (p < 0 or p in placed):
                order.append(k)
                placed.add(k)
                progressed = True
        if not progressed:
            raise GltfError("the joint hierarchy has a cycle")
    return order


def _mesh(
    glb: _Glb, mesh: dict[str, Any], joint_count: int
) -> tuple[Array, list[tuple[float, float, float]]]:
    rows, colours = [], []
    for slot, prim in enumerate(mesh.get("primitives", [])[:9]):
        attrs = prim.get("attributes", {})
        for needed in ("POSITION", "JOINTS_0", "WEIGHTS_0"):
            if needed not in attrs:
                raise GltfError(f"{glb.path}: primitive {slot} has no {needed} (not skinned)")
        pos = glb.accessor(attrs["POSITION"]).astype(np.float32)
        jnt = glb.accessor(attrs["JOINTS_0"]).astype(np.float32)
        wts = glb.accessor(attrs["WEIGHTS_0"]).astype(np.float32)
        if len(jnt) != len(pos) or len(wts) != len(pos):
            raise GltfError(f"{glb.path}: primitive {slot} attribute counts differ (bad buffers)")
        if jnt.max(initial=0) >= joint_count:
            raise GltfError(f"{glb.path}: primitive {slot} uses joint {int(jnt.max())} of {joint_count}")
        wts = wts / np.maximum(wts.sum(axis=1, keepdims=True), 1e-6)
        idx = (
            glb.accessor(prim["indices"]).reshape(-1).astype(np.int64)
            if "indices" in prim
            else np.arange(len(pos))
        )
        if idx.max(initial=0) >= len(pos):
            raise GltfError(f"{glb.path}: primitive {slot} indices point past its vertices (bad buffers)")
        if "NORMAL" in attrs:
            nrm = glb.accessor(attrs["NORMAL"]).astype(np.float32)
        else:
            nrm = np.tile(np.array([0.0, 0.0, 1.0], dtype=np.float32), (len(pos), 1))
        block = np.concatenate([pos, nrm, jnt, wts, np.full((len(pos), 1), slot, dtype=np.float32)], axis=1)
        rows.append(block[idx])
        material = glb.doc.get("materials", [{}])[prim["material"]] if "material" in prim else {}
        r, g, b, _ = material.get("pbrMetallicRoughness", {}).get("baseColorFactor", [0.8, 0.8, 0.8, 1.0])
        colours.append((float(r) ** (1 / 2.2), float(g) ** (1 / 2.2), float(b) ** (1 / 2.2)))
    if not rows:
        raise GltfError(f"{glb.path}: the skinned mesh has no primitives")
    vertices = np.concatenate(rows).astype(np.float32)
    assert vertices.shape[1] == VERTEX_FLOATS
    return vertices, colours
