"""Contact shadows: soft ellipses on the floor under every avatar, so characters stand on it.

Why not the sun's shadow map: the room is a cached layer that is redrawn only when the
camera moves, and the shadow map only when props change. Avatars move every frame, so
putting them in the shadow map would mean a 2048² depth pass plus a full lit redraw of
the room each frame — the cache that makes standing and talking cheap would be gone.
Ellipses drawn over the cached layer cost a few small quads: one soft blob under the
body, stretched away from the sun, and a darker one under each foot where it touches
the floor (fading as the foot lifts). Measured side by side in ``bench render --compare``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import moderngl
import numpy as np

from game.render.shaders import ShaderLibrary
from game.sim.anim.skeleton import INDEX

if TYPE_CHECKING:
    from game.sim.world import World

BODY_STRENGTH = 0.45
FOOT_STRENGTH = 0.5
FOOT_FADE_M = 0.12  # a foot this high above the floor casts no contact shadow
_CORNERS = np.array([[-1, -1], [1, -1], [-1, 1], [-1, 1], [1, -1], [1, 1]], dtype=np.float32)


def ellipses(world: World, sun_dir: tuple[float, float, float] | None) -> np.ndarray[Any, Any]:
    """(3N, 8) per-instance rows: centre x, floor y, z, radius along; dir x, z, radius across, strength.

    Pure numpy on the animator's joints, so the shapes are testable without GL.
    """
    anim = world.animator
    n = len(anim.avatars)
    if n == 0:
        return np.zeros((0, 8), dtype=np.float32)
    pos = np.array([a.position for a in anim.avatars], dtype=np.float32)
    height = np.array([a.proportions.height for a in anim.avatars], dtype=np.float32) / 1.75
    build = np.array([a.proportions.build for a in anim.avatars], dtype=np.float32)
    joints = anim.world[:, :, :3, 3]
    hips = joints[:, INDEX["hips"]]
    # Where the sun pushes the shadow along the floor; straight down gives a round blob.
    flat, lean = np.array([0.0, 1.0], dtype=np.float32), 0.0
    if sun_dir is not None:
        d = np.asarray(sun_dir, dtype=np.float32)
        d = d / max(float(np.linalg.norm(d)), 1e-6)
        horizontal = float(np.hypot(d[0], d[2]))
        if horizontal > 1e-3:
            flat = np.array([d[0], d[2]], dtype=np.float32) / horizontal
            lean = min(horizontal / max(-float(d[1]), 0.2), 1.5)  # shadow length per metre of height
    floor = pos[:, 1]
    rows = np.zeros((3 * n, 8), dtype=np.float32)
    body = rows[:n]
    centre = hips[:, [0, 2]] + flat * (0.25 * lean * height)[:, None]
    body[:, 0], body[:, 1], body[:, 2] = centre[:, 0], floor, centre[:, 1]
    body[:, 3] = 0.32 * height * (1.0 + 0.6 * lean)
    body[:, 4:6] = flat
    body[:, 6] = 0.28 * height * build
    body[:, 7] = BODY_STRENGTH
    for k, foot in enumerate(("foot_l", "foot_r")):
        part = rows[n * (k + 1) : n * (k + 2)]
        p = joints[:, INDEX[foot]]
        lift = np.clip((p[:, 1] - floor - 0.06 * height) / FOOT_FADE_M, 0.0, 1.0)
        part[:, 0], part[:, 1], part[:, 2] = p[:, 0], floor, p[:, 2]
        part[:, 3] = 0.15 * height
        part[:, 4:6] = flat
        part[:, 6] = 0.09 * height * build
        part[:, 7] = FOOT_STRENGTH * (1.0 - lift)
    return rows


class ContactShadows:
    """GPU side: a unit quad, an instance buffer, one instanced draw."""

    def __init__(self, ctx: moderngl.Context, shaders: ShaderLibrary) -> None:
        self.ctx, self.shaders = ctx, shaders
        self._quad = ctx.buffer(_CORNERS.tobytes())
        self._instances = ctx.buffer(reserve=64 * 32, dynamic=True)
        self._vao: moderngl.VertexArray | None = None
        self._generation = -1

    def draw(
        self,
        world: World,
        fbo: moderngl.Framebuffer,
        view_proj_bytes: bytes,
        sun_dir: tuple[float, float, float] | None,
    ) -> None:
        """Darken the floor under every avatar in ``fbo`` (tested against its depth, not written)."""
        rows = ellipses(world, sun_dir)
        if not len(rows):
            return
        data = rows.tobytes()
        if len(data) > self._instances.size:
            self._instances.orphan(len(data) * 2)
        self._instances.write(data)
        program = self.shaders.get("contact")
        if self._vao is None or self._generation != self.shaders.generation:
            self._vao = self.ctx.vertex_array(
                program,
                [
                    (self._quad, "2f", "in_corner"),
                    (self._instances, "4f 4f /i", "in_centre_radius", "in_dir_width"),
                ],
            )
            self._generation = self.shaders.generation
        if "u_view_proj" in program:
            program["u_view_proj"].write(view_proj_bytes)  # type: ignore[union-attr]
        ctx = self.ctx
        ctx.enable(moderngl.DEPTH_TEST | moderngl.BLEND)
        ctx.disable(moderngl.CULL_FACE)
        ctx.blend_func = moderngl.ZERO, moderngl.ONE_MINUS_SRC_ALPHA
        fbo.depth_mask = False
        self._vao.render(moderngl.TRIANGLES, instances=len(rows))
        fbo.depth_mask = True
        ctx.disable(moderngl.BLEND)
        ctx.blend_func = moderngl.SRC_ALPHA, moderngl.ONE_MINUS_SRC_ALPHA
