"""The loading screen, and the start-up stamps ``voxroom bench startup`` reads.

A first start spent up to 7.5 s on a black window: the scene, the voices, the recognizer
and the brain load before the first frame. So the window opens first, this screen is
drawn at once with the stage names, and it is redrawn as each stage finishes. It draws
with the HUD overlay (no room, no lighting), so it costs a few milliseconds.

``VOXROOM_STARTUP_LOG=FILE`` makes the app append one JSON line per milestone
(``{"stage": ..., "t": monotonic seconds}``); the benchmark starts the app as a fresh
process and compares these with its own clock (``CLOCK_MONOTONIC`` is system-wide).
"""

from __future__ import annotations

import json
import os
import time

import moderngl
import pygame

from game.render.overlay import HudState, Overlay
from game.render.shaders import ShaderLibrary

STAGES = ("scene", "voices", "recogniser", "brain")
LOG_ENV = "VOXROOM_STARTUP_LOG"


def stamp(stage: str) -> None:
    """Record a start-up (or quit) milestone when ``VOXROOM_STARTUP_LOG`` names a file."""
    path = os.environ.get(LOG_ENV)
    if path:
        with open(path, "a", encoding="utf-8") as log:
            log.write(json.dumps({"stage": stage, "t": time.monotonic()}) + "\n")


class LoadingScreen:
    """Stage names with their state, drawn in the window while the app loads."""

    def __init__(self, ctx: moderngl.Context, size: tuple[int, int], text_size: int = 20) -> None:
        self.ctx, self.size = ctx, size
        self.states = dict.fromkeys(STAGES, "…")
        self.quit_requested = False
        self._overlay = Overlay(ctx, ShaderLibrary(ctx), text_size)

    def lines(self) -> tuple[str, ...]:
        """The panel's text: a title, then one line per stage."""
        return ("Voxroom is starting", *(f"{name:<11} {state}" for name, state in self.states.items()))

    def show(self, stage: str = "", state: str = "ready") -> None:
        """Mark ``stage`` (if any) and redraw; a window close meanwhile is remembered, not lost."""
        if stage:
            self.states[stage] = state
            stamp(stage)
        for event in pygame.event.get():
            ctrl_q = event.type == pygame.KEYDOWN and event.key == pygame.K_q and event.mod & pygame.KMOD_CTRL
            if event.type == pygame.QUIT or ctrl_q:
                self.quit_requested = True
        self.ctx.screen.use()
        self.ctx.viewport = (0, 0, *self.size)
        self.ctx.clear(0.07, 0.08, 0.11)
        self._overlay.draw(self.ctx.screen, HudState(help_lines=self.lines()), self.size)
        pygame.display.flip()
        if not stage:
            stamp("loading_screen")

    def release(self) -> None:
        """Free the overlay's texture; the app draws its own HUD."""
        if self._overlay.texture is not None:
            self._overlay.texture.release()
