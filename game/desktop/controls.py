"""First-person controls: keys and mouse → camera motion per fixed simulation step.

Input state is sampled by the main loop and applied in :meth:`FirstPerson.step` so
movement speed is the same at any frame rate.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.sim.camera import Camera

HELP_LINES = (
    "Voxroom — keys",
    "W A S D / arrows   walk and turn",
    "Mouse (click to capture)   look around",
    "Q / E   down / up       Shift   walk faster",
    "Enter or T   type to the room     V (hold)   push to talk",
    'Say "undo that"   take back the latest change to the room',
    "F1   this help          F3   debug / latency view",
    "F4   fetch the English speech model (Vosk, once)",
    "F5   reload scene       F11   fullscreen",
    "Tab   settings (volume, listening, brain, captions, text size…)",
    "Esc   release mouse / close text box / close help; else settings",
    "Ctrl+Q or closing the window   quit",
)


@dataclass
class FirstPerson:
    """Walk speed in m/s, turn speed in deg/s, mouse sensitivity in deg/pixel."""

    speed: float = 2.0
    turn_speed: float = 90.0
    sensitivity: float = 0.15
    room_half: tuple[float, float] = (5.0, 4.0)
    mouse_dx: float = 0.0
    mouse_dy: float = 0.0

    def add_mouse(self, dx: float, dy: float) -> None:
        """Accumulate relative mouse motion until the next step."""
        self.mouse_dx += dx
        self.mouse_dy += dy

    def step(self, camera: Camera, keys: pygame.key.ScancodeWrapper, dt: float) -> Camera:
        """Advance the camera by one step from held keys and accumulated mouse motion."""
        fast = 2.0 if keys[pygame.K_LSHIFT] or keys[pygame.K_RSHIFT] else 1.0
        forward = (keys[pygame.K_w] or keys[pygame.K_UP]) - (keys[pygame.K_s] or keys[pygame.K_DOWN])
        strafe = keys[pygame.K_d] - keys[pygame.K_a]
        turn = keys[pygame.K_LEFT] - keys[pygame.K_RIGHT]
        up = keys[pygame.K_e] - keys[pygame.K_q]
        cam = camera.turned(
            turn * self.turn_speed * dt - self.mouse_dx * self.sensitivity, -self.mouse_dy * self.sensitivity
        )
        self.mouse_dx = self.mouse_dy = 0.0
        step = self.speed * fast * dt
        cam = cam.moved(forward * step, strafe * step, up * step)
        x, y, z = cam.position
        hx, hz = self.room_half
        clamped = (max(-hx + 0.3, min(hx - 0.3, x)), max(0.5, min(2.6, y)), max(-hz + 0.3, min(hz - 0.3, z)))
        return Camera(position=clamped, yaw=cam.yaw, pitch=cam.pitch, fov=cam.fov)
