"""HUD and text overlay: pygame.font draws into one RGBA surface, uploaded as a texture.

The surface is redrawn and re-uploaded only when its content changes (text, size).
Only the rectangles that hold text are drawn, not a full-screen quad: on a software
rasteriser a full-screen alpha blend costs as much as lighting the room.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import moderngl
import numpy as np
import pygame

from game.render.shaders import ShaderLibrary

WHITE = (240, 240, 240)
YELLOW = (255, 215, 90)
RED = (255, 110, 100)
GREY = (190, 190, 190)
HIGHLIGHT = (40, 90, 170, 235)
LEVEL_COLOURS = {"info": WHITE, "warning": YELLOW, "error": RED}


@dataclass(frozen=True)
class HudState:
    """Everything the HUD shows; equality decides whether the texture is redrawn."""

    top_left: tuple[str, ...] = ()
    top_right: tuple[str, ...] = ()
    messages: tuple[tuple[str, str], ...] = ()  # (level, text), newest last
    caption: str = ""  # the user's line
    npc_caption: str = ""  # the NPC's answer ("Ada: …"), on the bottom line under the user's
    help_lines: tuple[str, ...] = ()
    help_highlight: int = -1  # index of a help_lines row drawn on a highlight bar (the settings cursor)
    text_entry: str | None = None
    labels: tuple[tuple[float, float, str], ...] = field(default=())  # name tags: (x, y, text) in pixels
    bubbles: tuple[tuple[float, float, str], ...] = field(default=())  # speech bubbles above the tags


def wrap(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """Words broken into lines no wider than ``width`` pixels (a long word gets a line of its own)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and font.size(trial)[0] > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return [*lines, current] if current else lines


class Overlay:
    """Draws a :class:`HudState` over the frame with alpha blending."""

    def __init__(self, ctx: moderngl.Context, shaders: ShaderLibrary, text_size: int = 20) -> None:
        if not pygame.font.get_init():
            pygame.font.init()
        self.ctx = ctx
        self.shaders = shaders
        self.set_text_size(text_size)
        self.texture: moderngl.Texture | None = None
        self._state: HudState | None = None
        self._size = (0, 0)
        self._vbo = ctx.buffer(reserve=64 * 24 * 4, dynamic=True)
        self._vertices = 0
        self._vao: moderngl.VertexArray | None = None
        self._vao_generation = -1

    def set_text_size(self, text_size: int) -> None:
        """Switch the HUD's font size (the settings overlay applies it live)."""
        self.font = pygame.font.Font(None, text_size + 4)
        self.big = pygame.font.Font(None, text_size + 12)
        self.line_h = self.font.get_linesize()
        self._state = None  # redraw with the new fonts on the next frame

    def _surface(self, state: HudState, size: tuple[int, int]) -> tuple[pygame.Surface, list[pygame.Rect]]:
        w, h = size
        surf = pygame.Surface(size, pygame.SRCALPHA)
        rects: list[pygame.Rect] = []
        pad = 10

        def line(
            text: str,
            x: int,
            y: int,
            colour: tuple[int, int, int] = WHITE,
            font: pygame.font.Font | None = None,
        ) -> int:
            f = font or self.font
            img = f.render(text, True, colour)
            back = pygame.Surface((img.get_width() + 8, img.get_height() + 2), pygame.SRCALPHA)
            back.fill((0, 0, 0, 140))
            rects.append(surf.blit(back, (x - 4, y - 1)))
            surf.blit(img, (x, y))
            return img.get_width()

        for i, text in enumerate(state.top_left):
            line(text, pad, pad + i * self.line_h, GREY)
        for i, text in enumerate(state.top_right):
            tw = self.font.size(text)[0]
            line(text, w - pad - tw, pad + i * self.line_h, GREY)
        for x, y, text in state.labels:
            tw = self.font.size(text)[0]
            line(text, int(x - tw / 2), int(y), WHITE)
        for x, y, text in state.bubbles:
            self._bubble(surf, rects, text, x, y, w)  # its last three lines: the tail
        y = h - pad - self.line_h
        if state.text_entry is not None:
            line(f"> {state.text_entry}_", pad, y, YELLOW)
            y -= self.line_h
        # the NPC's answer on the bottom line, the user's line above it, the messages above both
        bottom = y + self.line_h
        for text, colour in ((state.npc_caption, YELLOW), (state.caption, WHITE)):
            for row in reversed(wrap(text, self.big, w - 2 * pad)[-2:]):
                bottom -= self.big.get_linesize()
                line(row, max(pad, (w - self.big.size(row)[0]) // 2), bottom, colour, self.big)
                bottom -= 2
        if state.caption or state.npc_caption:
            y = bottom - self.line_h - 2
        for level, text in reversed(state.messages[-5:]):
            line(text[:160], pad, y, LEVEL_COLOURS.get(level, WHITE))
            y -= self.line_h
        if state.help_lines:
            box_w = max(self.font.size(t)[0] for t in state.help_lines) + 40
            box_h = len(state.help_lines) * self.line_h + 30
            panel = pygame.Surface((box_w, box_h), pygame.SRCALPHA)
            panel.fill((10, 12, 20, 210))
            x0, y0 = (w - box_w) // 2, (h - box_h) // 2
            rects.append(surf.blit(panel, (x0, y0)))
            for i, text in enumerate(state.help_lines):
                if i == state.help_highlight:
                    bar = pygame.Rect(x0 + 8, y0 + 15 + i * self.line_h - 2, box_w - 16, self.line_h + 2)
                    pygame.draw.rect(surf, HIGHLIGHT, bar, border_radius=4)
                img = self.font.render(text, True, YELLOW if i == 0 else WHITE)
                surf.blit(img, (x0 + 20, y0 + 15 + i * self.line_h))
        return surf, rects

    def _bubble(
        self, surf: pygame.Surface, rects: list[pygame.Rect], text: str, x: float, y: float, w: int
    ) -> None:
        """A white rounded speech bubble with dark text, wrapped at about 40 characters."""
        words, lines, current = text.split(), [], ""
        for word in words:
            if len(current) + len(word) > 40 and current:
                lines.append(current)
                current = word
            else:
                current = f"{current} {word}".strip()
        lines.append(current)
        lines = lines[-3:]
        bw = max(self.font.size(t)[0] for t in lines) + 16
        bh = len(lines) * self.line_h + 8
        left = int(min(max(4, x - bw / 2), w - bw - 4))
        top = int(y - bh)
        box = pygame.Rect(left, top, bw, bh)
        pygame.draw.rect(surf, (250, 250, 245, 235), box, border_radius=8)
        rects.append(box)
        for i, t in enumerate(lines):
            surf.blit(self.font.render(t, True, (20, 20, 30)), (left + 8, top + 4 + i * self.line_h))

    def _write_quads(self, rects: list[pygame.Rect], size: tuple[int, int]) -> None:
        w, h = size
        quads = []
        for r in rects:
            x0, y0, x1, y1 = r.left / w, r.top / h, r.right / w, r.bottom / h
            for x, y in ((x0, y0), (x1, y0), (x0, y1), (x0, y1), (x1, y0), (x1, y1)):
                quads += [x, y, x, y]
        data = np.array(quads, dtype=np.float32).tobytes()
        if len(data) > self._vbo.size:
            self._vbo.orphan(len(data) * 2)
        if data:
            self._vbo.write(data)
        self._vertices = len(rects) * 6

    def draw(self, fbo: moderngl.Framebuffer, state: HudState, size: tuple[int, int]) -> None:
        """Composite the HUD onto ``fbo``; redraws the texture only when something changed."""
        if state != self._state or size != self._size or self.texture is None:
            surf, rects = self._surface(state, size)
            self._write_quads(rects, size)
            data = pygame.image.tobytes(surf, "RGBA", False)
            if self.texture is None or self.texture.size != size:
                if self.texture is not None:
                    self.texture.release()
                self.texture = self.ctx.texture(size, 4)
            self.texture.write(data)
            self._state, self._size = state, size
        if self._vertices == 0:
            return
        program = self.shaders.get("overlay")
        if self._vao is None or self._vao_generation != self.shaders.generation:
            self._vao = self.ctx.vertex_array(program, [(self._vbo, "2f 2f", "in_position", "in_uv")])
            self._vao_generation = self.shaders.generation
        fbo.use()
        self.ctx.disable(moderngl.DEPTH_TEST | moderngl.CULL_FACE)
        self.ctx.enable(moderngl.BLEND)
        self.ctx.blend_func = moderngl.SRC_ALPHA, moderngl.ONE_MINUS_SRC_ALPHA
        if "u_screen" in program:
            program["u_screen"].value = (1.0, 1.0)  # type: ignore[union-attr]
        self.texture.use(location=1)
        if "u_texture" in program:
            program["u_texture"].value = 1  # type: ignore[union-attr]
        self._vao.render(moderngl.TRIANGLES, vertices=self._vertices)
        self.ctx.disable(moderngl.BLEND)
