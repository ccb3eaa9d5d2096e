"""Draw skinned avatars: bone matrices in a float texture, one instanced draw per mesh.

Each frame the skinning matrices and every avatar's colour palette are written into
an RGBA32F texture per skeleton (a row per avatar). Procedural avatars share one
body mesh (plus a hair mesh per style); glTF characters get their own mesh and
texture. Avatars outside the view frustum are skipped; procedural ones that look
small on screen use a low-detail body without face details and low-detail hair.
A .glb that fails to load is reported once and the avatar falls back to the
procedural body.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import moderngl
import numpy as np

from game.render.avatar_mesh import build_body, build_hair
from game.render.gltf import GltfCharacter, GltfError, load_glb
from game.render.shaders import ShaderLibrary
from game.sim.anim.appearance import HAIR_STYLES, SLOTS, Appearance
from game.sim.anim.skeleton import COUNT
from game.sim.camera import Camera
from game.sim.transform import Mat4

if TYPE_CHECKING:
    from game.sim.world import World

FULL_DETAIL_PIXELS = 200.0
"""An avatar shorter than this on screen (at its head's distance) gets the low-detail
mesh: its face would be a few pixels, and on a software rasteriser every triangle
costs (the vertex stage is serial), so this is what keeps a crowd fluid. Chosen by
size, not distance, so a window twice as tall keeps faces twice as far away."""
VERTEX_FORMAT = "3f 3f 4f 4f 1f"
VERTEX_ATTRS = ("in_position", "in_normal", "in_bones", "in_weights", "in_slot")
FloatArray = np.ndarray[Any, np.dtype[np.float64]]


def frustum_planes(view_proj: Mat4) -> FloatArray:
    """Six planes (a, b, c, d) with inward normals, from a view-projection matrix."""
    m = np.asarray(view_proj, dtype=np.float64)
    planes = np.array([m[3] + m[0], m[3] - m[0], m[3] + m[1], m[3] - m[1], m[3] + m[2], m[3] - m[2]])
    return np.asarray(planes / np.linalg.norm(planes[:, :3], axis=1, keepdims=True), dtype=np.float64)


def visible(planes: FloatArray, centers: FloatArray, radius: float) -> np.ndarray[Any, Any]:
    """Boolean mask of spheres (N, 3) that intersect the frustum."""
    dist = centers @ planes[:, :3].T + planes[:, 3]
    return np.asarray(np.all(dist > -radius, axis=1))


class AvatarPass:
    """GPU resources and the per-frame draw of every avatar in a world."""

    def __init__(self, ctx: moderngl.Context, shaders: ShaderLibrary) -> None:
        self.ctx = ctx
        self.shaders = shaders
        self.meshes: dict[str, tuple[moderngl.Buffer, moderngl.Buffer, int]] = {}
        self.rows: dict[str, moderngl.Buffer] = {}
        for key, data in (("body", build_body(12, face=True)), ("body_lod", build_body(6, face=False))):
            self._add_mesh(key, data)
        for style in HAIR_STYLES:
            self._add_mesh(f"hair_{style}", build_hair(style))
            self._add_mesh(f"hair_{style}_lod", build_hair(style, detail=6))
        self.textures: dict[str, moderngl.Texture] = {}
        self.characters: dict[str, GltfCharacter] = {}
        self.errors: dict[str, str] = {}
        self._vaos: dict[str, moderngl.VertexArray] = {}
        self._generation = -1
        self.drawn = 0
        self.meshes_drawn: dict[str, int] = {}  # mesh key -> avatars drawn with it, last frame

    def _add_mesh(self, key: str, data: np.ndarray[Any, Any]) -> None:
        """Upload a triangle list as unique vertices plus indices.

        The builders emit three vertices per triangle; shared ones are merged so the
        vertex shader (the skinning, serial on a software rasteriser) runs about a
        fifth as often.
        """
        unique, indices = np.unique(np.asarray(data, dtype=np.float32), axis=0, return_inverse=True)
        self.meshes[key] = (
            self.ctx.buffer(unique.tobytes()),
            self.ctx.buffer(indices.astype(np.int32).reshape(-1).tobytes()),
            len(indices),
        )
        self.rows[key] = self.ctx.buffer(reserve=4 * 256, dynamic=True)

    def character(self, model: str) -> GltfCharacter | None:
        """The loaded .glb for ``model``, or None (with the error recorded) if it cannot be used."""
        if model in self.characters:
            return self.characters[model]
        if model in self.errors:
            return None
        try:
            character = load_glb(Path(model))
        except GltfError as exc:
            self.errors[model] = f"{exc} — using the procedural avatar"
            return None
        self.characters[model] = character
        self._add_mesh(f"glb:{model}", character.vertices)
        return character

    def _upload(
        self, key: str, skin: np.ndarray[Any, Any], palettes: np.ndarray[Any, Any]
    ) -> moderngl.Texture:
        n, bones = skin.shape[0], skin.shape[1]
        width = bones * 4 + palettes.shape[1]
        data = np.zeros((n, width, 4), dtype=np.float32)
        data[:, : bones * 4] = skin.transpose(0, 1, 3, 2).reshape(n, bones * 4, 4)
        data[:, bones * 4 :, :3] = palettes
        texture = self.textures.get(key)
        if texture is None or texture.size != (width, n):
            if texture is not None:
                texture.release()
            texture = self.ctx.texture((width, n), 4, dtype="f4")
            texture.filter = (moderngl.NEAREST, moderngl.NEAREST)
            self.textures[key] = texture
        texture.write(data.tobytes())
        return texture

    def _vao(self, key: str) -> moderngl.VertexArray:
        if self._generation != self.shaders.generation:
            for vao in self._vaos.values():
                vao.release()
            self._vaos.clear()
            self._generation = self.shaders.generation
        if key not in self._vaos:
            program = self.shaders.get("avatar")
            vbo, ibo, _ = self.meshes[key]
            # Attributes a (reloaded) shader does not use are skipped as padding bytes.
            formats = zip(VERTEX_FORMAT.split(), VERTEX_ATTRS, strict=True)
            parts = [f if a in program else f"{int(f[0]) * 4}x" for f, a in formats]
            used = [a for a in VERTEX_ATTRS if a in program]
            self._vaos[key] = self.ctx.vertex_array(
                program,
                [(vbo, " ".join(parts), *used), (self.rows[key], "1f /i", "in_row")],
                index_buffer=ibo,
                index_element_size=4,
            )
        return self._vaos[key]

    def _draw_group(self, program: moderngl.Program, key: str, rows: list[int]) -> None:
        # Bodies are closed and wound outwards, so their back faces are culled (half the
        # triangles never reach the rasteriser); hair brims and open tubes are two-sided.
        if key.startswith("body"):
            self.ctx.enable(moderngl.CULL_FACE)
        else:
            self.ctx.disable(moderngl.CULL_FACE)
        data = np.array(rows, dtype=np.float32).tobytes()
        buffer = self.rows[key]
        if len(data) > buffer.size:
            buffer.orphan(len(data) * 2)
        buffer.write(data)
        self._vao(key).render(instances=len(rows), vertices=self.meshes[key][2])

    def draw(
        self,
        world: World,
        camera: Camera,
        view_proj: Mat4,
        set_lighting: Any,
        viewport_height: int = 720,
    ) -> None:
        """Cull, upload and draw all avatars of ``world`` into a viewport ``viewport_height`` tall."""
        animator = world.animator
        self.drawn = 0
        self.meshes_drawn = {}
        if not animator.avatars:
            return
        looks: list[Appearance] = [world.appearance(a.name) for a in animator.avatars]
        positions = np.array([a.position for a in animator.avatars], dtype=np.float64)
        mask = visible(frustum_planes(view_proj), positions + np.array([0.0, 0.9, 0.0]), 1.1)
        heights = np.array([look.height for look in looks])
        heads = positions + np.outer(heights * 0.93, [0.0, 1.0, 0.0])  # the face decides the detail
        dist = np.linalg.norm(heads - np.array(camera.position), axis=1)
        focal = viewport_height / (2.0 * math.tan(math.radians(camera.fov) / 2.0))
        on_screen = heights * focal / np.maximum(dist, 1e-3)
        procedural: dict[str, list[int]] = {}
        models: dict[str, list[int]] = {}
        for i in (int(k) for k in np.nonzero(mask)[0]):
            if looks[i].model and self.character(looks[i].model) is not None:
                models.setdefault(looks[i].model, []).append(i)
                continue
            lod = "" if on_screen[i] >= FULL_DETAIL_PIXELS else "_lod"
            procedural.setdefault(f"body{lod}", []).append(i)
            procedural.setdefault(f"hair_{looks[i].hair_style}{lod}", []).append(i)
        self.drawn = int(mask.sum())
        self.meshes_drawn = {key: len(rows) for key, rows in procedural.items()}
        if not procedural and not models:
            return
        program = self.shaders.get("avatar")
        set_lighting(program)
        if procedural:
            palettes = np.array([look.palette() for look in looks], dtype=np.float32)
            self._bind(program, self._upload("procedural", animator.skinning(), palettes), COUNT)
            for key, rows in procedural.items():
                self._draw_group(program, key, rows)
        for model, members in models.items():
            character = self.characters[model]
            skin = character.skinning(animator.pose[members], animator.roots[members])
            palette = np.zeros((len(members), len(SLOTS), 3), dtype=np.float32)
            palette[:, : len(character.colours)] = character.colours
            self._bind(program, self._upload(f"glb:{model}", skin, palette), len(character.joint_names))
            self._draw_group(program, f"glb:{model}", list(range(len(members))))

    def _bind(self, program: moderngl.Program, texture: moderngl.Texture, bones: int) -> None:
        texture.use(location=2)
        if "u_bones" in program:
            program["u_bones"].value = 2  # type: ignore[union-attr]
        if "u_bone_count" in program:
            program["u_bone_count"].value = bones  # type: ignore[union-attr]
