"""Dynamic resolution: while the camera moves, draw the 3D frame smaller and stretch it.

Turning the camera invalidates the cached room layer, so every moving frame lights the
whole room per pixel; on a software rasteriser that is fill-bound (35 fps at 1280×720
with 8 avatars). Drawn at half the width and height, a moving frame shades a quarter of
the pixels, and motion hides the softness. The HUD is drawn afterwards at the native
size, so text stays sharp, and the first frame with a still camera is full resolution
again (well within the 0.3 s a user would notice).
"""

from __future__ import annotations

import moderngl

from game.render.shaders import ShaderLibrary

MOVING_SCALE = 0.5
"""Scale of the 3D frame while the camera moves (the app's default; 1.0 turns it off).
Chosen by ``bench render --compare dynamic-resolution``: see README.md's render rows."""


def reduced_size(size: tuple[int, int], scale: float) -> tuple[int, int]:
    """The smaller frame's size, at least 16×16 pixels."""
    return (max(16, round(size[0] * scale)), max(16, round(size[1] * scale)))


class Upscaler:
    """Stretch a colour texture over a whole framebuffer with bilinear filtering."""

    def __init__(self, ctx: moderngl.Context, shaders: ShaderLibrary) -> None:
        self.ctx, self.shaders = ctx, shaders
        self._vao: moderngl.VertexArray | None = None
        self._generation = -1

    def draw(self, texture: moderngl.Texture, fbo: moderngl.Framebuffer, size: tuple[int, int]) -> None:
        """Cover ``fbo`` (``size``) with ``texture``; depth is neither tested nor written."""
        program = self.shaders.get("upscale")
        if self._vao is None or self._generation != self.shaders.generation:
            self._vao = self.ctx.vertex_array(program, [])
            self._generation = self.shaders.generation
        texture.filter = (moderngl.LINEAR, moderngl.LINEAR)
        texture.use(location=3)
        if "u_frame" in program:
            program["u_frame"].value = 3  # type: ignore[union-attr]
        fbo.use()
        self.ctx.viewport = (0, 0, *size)
        self.ctx.disable(moderngl.DEPTH_TEST | moderngl.CULL_FACE | moderngl.BLEND)
        self._vao.render(moderngl.TRIANGLES, vertices=3)
