"""Draw skinned avatars: bone matrices in a float texture, one instanced draw per mesh.

Each frame the animator's skinning matrices and every avatar's colour palette are
written into one RGBA32F texture (a row per avatar). Avatars outside the view
frustum are skipped; distant ones use a low-detail body without face details.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import moderngl
import numpy as np

from game.render.avatar_mesh import build_body, build_hair
from game.sim.anim.appearance import HAIR_STYLES, SLOTS, Appearance
from game.sim.anim.skeleton import COUNT
from game.sim.camera import Camera
from game.sim.transform import Mat4

if TYPE_CHECKING:
    from game.render.renderer import Renderer
    from game.sim.world import World

LOD_DISTANCE = 7.0
VERTEX_FORMAT = "3f 3f 4f 4f 1f"
VERTEX_ATTRS = ("in_position", "in_normal", "in_bones", "in_weights", "in_slot")


def frustum_planes(view_proj: Mat4) -> np.ndarray[Any, np.dtype[np.float64]]:
    """Six planes (a, b, c, d) with inward normals, from a view-projection matrix."""
    m = np.asarray(view_proj, dtype=np.float64)
    planes = np.array([m[3] + m[0], m[3] - m[0], m[3] + m[1], m[3] - m[1], m[3] + m[2], m[3] - m[2]])
    return np.asarray(planes / np.linalg.norm(planes[:, :3], axis=1, keepdims=True), dtype=np.float64)


def visible(
    planes: np.ndarray[Any, np.dtype[np.float64]], centers: np.ndarray[Any, Any], radius: float
) -> np.ndarray[Any, Any]:
    """Boolean mask of spheres (N, 3) that intersect the frustum."""
    dist = centers @ planes[:, :3].T + planes[:, 3]
    return np.asarray(np.all(dist > -radius, axis=1))


class AvatarPass:
    """GPU resources and the per-frame draw of every avatar in a world."""

    def __init__(self, ctx: moderngl.Context) -> None:
        self.ctx = ctx
        self.meshes: dict[str, tuple[moderngl.Buffer, int]] = {}
        for key, data in (("body", build_body(12, face=True)), ("body_lod", build_body(6, face=False))):
            self.meshes[key] = (ctx.buffer(data.tobytes()), len(data))
        for style in HAIR_STYLES:
            data = build_hair(style)
            self.meshes[f"hair_{style}"] = (ctx.buffer(data.tobytes()), len(data))
        self.rows: dict[str, moderngl.Buffer] = {
            k: ctx.buffer(reserve=4 * 256, dynamic=True) for k in self.meshes
        }
        self.texture: moderngl.Texture | None = None
        self._vaos: dict[str, moderngl.VertexArray] = {}
        self._generation = -1
        self.drawn = 0

    def _upload(self, skin: np.ndarray[Any, Any], palettes: np.ndarray[Any, Any]) -> None:
        n = skin.shape[0]
        width = COUNT * 4 + len(SLOTS)
        data = np.zeros((n, width, 4), dtype=np.float32)
        data[:, : COUNT * 4] = skin.transpose(0, 1, 3, 2).reshape(n, COUNT * 4, 4)
        data[:, COUNT * 4 :, :3] = palettes
        if self.texture is None or self.texture.size != (width, n):
            if self.texture is not None:
                self.texture.release()
            self.texture = self.ctx.texture((width, n), 4, dtype="f4")
            self.texture.filter = (moderngl.NEAREST, moderngl.NEAREST)
        self.texture.write(data.tobytes())

    def _vao(self, renderer: Renderer, key: str) -> moderngl.VertexArray:
        if self._generation != renderer.shaders.generation:
            for vao in self._vaos.values():
                vao.release()
            self._vaos.clear()
            self._generation = renderer.shaders.generation
        if key not in self._vaos:
            program = renderer.shaders.get("avatar")
            vbo, _ = self.meshes[key]
            # Attributes a (reloaded) shader does not use are skipped as padding bytes.
            parts = [
                f if a in program else f"{int(f[0]) * 4}x"
                for f, a in zip(VERTEX_FORMAT.split(), VERTEX_ATTRS, strict=True)
            ]
            used = [a for a in VERTEX_ATTRS if a in program]
            self._vaos[key] = self.ctx.vertex_array(
                program, [(vbo, " ".join(parts), *used), (self.rows[key], "1f /i", "in_row")]
            )
        return self._vaos[key]

    def draw(
        self, renderer: Renderer, world: World, camera: Camera, view_proj: Mat4, set_lighting: Any
    ) -> None:
        """Animate-out, cull, upload and draw all avatars of ``world``."""
        animator = world.animator
        n = len(animator.avatars)
        self.drawn = 0
        if n == 0:
            return
        appearances: list[Appearance] = [world.appearance(a.name) for a in animator.avatars]
        palettes = np.array([a.palette() for a in appearances], dtype=np.float32)
        self._upload(animator.skinning(), palettes)
        positions = np.array([a.position for a in animator.avatars], dtype=np.float64)
        centers = positions + np.array([0.0, 0.9, 0.0])
        mask = visible(frustum_planes(view_proj), centers, 1.1)
        dist = np.linalg.norm(positions - np.array(camera.position), axis=1)
        groups: dict[str, list[int]] = {}
        for i in np.nonzero(mask)[0]:
            groups.setdefault("body" if dist[i] < LOD_DISTANCE else "body_lod", []).append(int(i))
            groups.setdefault(f"hair_{appearances[i].hair_style}", []).append(int(i))
        self.drawn = int(mask.sum())
        if not groups:
            return
        program = renderer.shaders.get("avatar")
        set_lighting(program)
        self.ctx.disable(moderngl.CULL_FACE)  # open tube ends and hat brims are seen from both sides
        assert self.texture is not None
        self.texture.use(location=2)
        if "u_bones" in program:
            program["u_bones"].value = 2  # type: ignore[union-attr]
        if "u_bone_count" in program:
            program["u_bone_count"].value = COUNT  # type: ignore[union-attr]
        for key, rows in groups.items():
            data = np.array(rows, dtype=np.float32).tobytes()
            buffer = self.rows[key]
            if len(data) > buffer.size:
                buffer.orphan(len(data) * 2)
            buffer.write(data)
            _, vertices = self.meshes[key]
            self._vao(renderer, key).render(instances=len(rows), vertices=vertices)
