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

from game.render.hud_text import visible_tail, wrap, wrap_limited
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
    # Name tags and speech bubbles: (x, y, text), (x, y) the pixel just above the head; the tag
    # sits on it and the bubble on the tag, spaced by the font so they follow the text size.
    labels: tuple[tuple[float, float, str], ...] = field(default=())
    bubbles: tuple[tuple[float, float, str], ...] = field(default=())


MESSAGE_LINES = 4  # a long message wraps to at most this many lines (the log has all of it)


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
        """Switch the HUD's font size (the settings overlay applies it live); margins follow it."""
        self.font = pygame.font.Font(None, text_size + 4)
        self.big = pygame.font.Font(None, text_size + 12)
        self.line_h = self.font.get_linesize()
        self.pad = max(4, round(text_size / 2))
        self._state = None  # redraw with the new fonts on the next frame

    def _panel_rect(self, state: HudState, size: tuple[int, int]) -> pygame.Rect | None:
        """Where the help or settings panel goes (centred), or None when neither is open."""
        if not state.help_lines:
            return None
        w, h = size
        box_w = min(w, max(self.font.size(t)[0] for t in state.help_lines) + 4 * self.pad)
        box_h = min(h, len(state.help_lines) * self.line_h + 3 * self.pad)
        return pygame.Rect((w - box_w) // 2, (h - box_h) // 2, box_w, box_h)

    def _surface(self, state: HudState, size: tuple[int, int]) -> tuple[pygame.Surface, list[pygame.Rect]]:
        """Draw the HUD, bottom layer first: tags and bubbles, status text, then the open panel.

        Each drawn rectangle becomes a quad of its own, so a tag under the panel would be
        blended twice and show through it: tags and bubbles that touch the panel are left out.
        """
        w, h = size
        surf = pygame.Surface(size, pygame.SRCALPHA)
        rects: list[pygame.Rect] = []
        pad, lh = self.pad, self.line_h
        panel = self._panel_rect(state, size)

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

        gap = max(2, pad // 3)
        for x, y, text in state.labels:
            tw = self.font.size(text)[0]
            box = pygame.Rect(int(x - tw / 2) - 4, int(y) - lh - gap - 1, tw + 8, lh + 2)
            if panel is None or not box.colliderect(panel):
                line(text, box.x + 4, box.y + 1, WHITE)
        for x, y, text in state.bubbles:  # the bubble's bottom sits above the tag
            self._bubble(surf, rects, text, x, y - lh - 2 * gap - 2, w, panel)
        right_w = max((self.font.size(t)[0] for t in state.top_right), default=0)
        for i, text in enumerate(state.top_right):
            line(text, w - pad - self.font.size(text)[0], pad + i * lh, GREY)
        left_width = w - 2 * pad - (right_w + 2 * pad if right_w else 0)
        row = 0
        for text in state.top_left:
            for part in wrap(text, self.font, max(left_width, w // 3)):
                line(part, pad, pad + row * lh, GREY)
                row += 1
        y = h - pad - lh
        if state.text_entry is not None:
            self._entry(surf, rects, state.text_entry, y)
            y -= lh
        # the NPC's answer on the bottom line, the user's line above it, the messages above both
        bottom = y + lh
        for text, colour in ((state.npc_caption, YELLOW), (state.caption, WHITE)):
            for part in reversed(wrap(text, self.big, w - 2 * pad)[-2:]):
                bottom -= self.big.get_linesize()
                line(part, max(pad, (w - self.big.size(part)[0]) // 2), bottom, colour, self.big)
                bottom -= 2
        if state.caption or state.npc_caption:
            y = bottom - lh - 2
        for level, text in reversed(state.messages[-5:]):
            for part in reversed(wrap_limited(text, self.font, w - 2 * pad, MESSAGE_LINES)):
                line(part, pad, y, LEVEL_COLOURS.get(level, WHITE))
                y -= lh
        if panel is not None:
            self._panel(surf, rects, state, panel)
        return surf, rects

    def _entry(self, surf: pygame.Surface, rects: list[pygame.Rect], text: str, y: int) -> None:
        """The typing box: the end of the line that fits, and a bar cursor after it."""
        w = surf.get_width()
        pad, lh = self.pad, self.line_h
        caret_w = max(2, lh // 8)
        shown = "> " + visible_tail(text, self.font, w - 2 * pad - self.font.size("> ")[0] - 2 * caret_w)
        img = self.font.render(shown, True, YELLOW)
        back = pygame.Surface((img.get_width() + 8 + 2 * caret_w, lh + 2), pygame.SRCALPHA)
        back.fill((0, 0, 0, 140))
        rects.append(surf.blit(back, (pad - 4, y - 1)))
        surf.blit(img, (pad, y))
        caret = pygame.Rect(pad + img.get_width() + caret_w // 2, y, caret_w, lh - 1)
        surf.fill(YELLOW, caret)

    def _panel(
        self, surf: pygame.Surface, rects: list[pygame.Rect], state: HudState, box: pygame.Rect
    ) -> None:
        """The help or settings panel, drawn last so it covers everything under it."""
        pad, lh = self.pad, self.line_h
        panel = pygame.Surface(box.size, pygame.SRCALPHA)
        panel.fill((10, 12, 20, 210))
        rects.append(surf.blit(panel, box.topleft))
        top = box.y + 3 * pad // 2
        for i, text in enumerate(state.help_lines):
            if i == state.help_highlight:
                bar = pygame.Rect(box.x + pad - 2, top + i * lh - 2, box.w - 2 * pad + 4, lh + 2)
                pygame.draw.rect(surf, HIGHLIGHT, bar, border_radius=4)
            img = self.font.render(text, True, YELLOW if i == 0 else WHITE)
            surf.blit(img, (box.x + 2 * pad, top + i * lh))

    def _bubble(
        self,
        surf: pygame.Surface,
        rects: list[pygame.Rect],
        text: str,
        x: float,
        bottom: float,
        w: int,
        panel: pygame.Rect | None = None,
    ) -> None:
        """A white rounded speech bubble with dark text: about 40 characters wide, its last three lines."""
        pad = self.pad
        width = min(w - 4 * pad, self.font.size("n" * 40)[0])
        lines = wrap(text, self.font, width)[-3:] or [""]
        bw = max(self.font.size(t)[0] for t in lines) + 2 * pad
        bh = len(lines) * self.line_h + pad
        left = int(min(max(4, x - bw / 2), w - bw - 4))
        box = pygame.Rect(left, int(bottom - bh), bw, bh)
        if panel is not None and box.colliderect(panel):
            return
        pygame.draw.rect(surf, (250, 250, 245, 235), box, border_radius=8)
        rects.append(box)
        for i, t in enumerate(lines):
            where = (left + pad, box.y + pad // 2 + i * self.line_h)
            surf.blit(self.font.render(t, True, (20, 20, 30)), where)

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
