"""First-person camera as plain data: where the user stands and looks.

Kept in ``game.sim`` because the mind needs it too (what the user looks at decides
who is addressed), and because interpolating between two camera states is how the
renderer smooths a fixed-step simulation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from game.sim.transform import Mat4, forward_vector, look_at, perspective

Vec3 = tuple[float, float, float]


@dataclass(frozen=True)
class Camera:
    """Eye position, yaw/pitch in degrees (yaw 0 looks along -Z) and vertical field of view."""

    position: Vec3 = (0.0, 1.6, 3.0)
    yaw: float = 0.0
    pitch: float = 0.0
    fov: float = 70.0

    @property
    def forward(self) -> Vec3:
        """Unit view direction."""
        return forward_vector(self.yaw, self.pitch)

    def view(self) -> Mat4:
        """World → view matrix."""
        f = self.forward
        target = (self.position[0] + f[0], self.position[1] + f[1], self.position[2] + f[2])
        return look_at(self.position, target)

    def projection(self, aspect: float, near: float = 0.05, far: float = 60.0) -> Mat4:
        """Perspective projection for a viewport aspect ratio."""
        return perspective(self.fov, aspect, near, far)

    def moved(self, forward: float, strafe: float, up: float = 0.0) -> Camera:
        """Walk relative to the heading (pitch ignored so looking down does not sink you)."""
        yaw = math.radians(self.yaw)
        fx, fz = -math.sin(yaw), -math.cos(yaw)
        rx, rz = math.cos(yaw), -math.sin(yaw)
        x, y, z = self.position
        return replace(
            self, position=(x + fx * forward + rx * strafe, y + up, z + fz * forward + rz * strafe)
        )

    def turned(self, dyaw: float, dpitch: float) -> Camera:
        """Look around; pitch is clamped so the view never flips."""
        return replace(self, yaw=(self.yaw + dyaw) % 360.0, pitch=max(-85.0, min(85.0, self.pitch + dpitch)))


def lerp_camera(a: Camera, b: Camera, alpha: float) -> Camera:
    """Interpolate between two simulation states for smooth rendering (shortest yaw arc)."""
    pos = tuple(pa + (pb - pa) * alpha for pa, pb in zip(a.position, b.position, strict=True))
    dyaw = (b.yaw - a.yaw + 180.0) % 360.0 - 180.0
    return replace(
        b,
        position=(pos[0], pos[1], pos[2]),
        yaw=(a.yaw + dyaw * alpha) % 360.0,
        pitch=a.pitch + (b.pitch - a.pitch) * alpha,
    )


def parse_camera(text: str) -> Camera:
    """Parse ``x,y,z,yaw,pitch`` from the command line; raise ValueError with the format."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 5:
        raise ValueError(f"camera {text!r} must be x,y,z,yaw,pitch (five numbers)")
    try:
        x, y, z, yaw, pitch = (float(p) for p in parts)
    except ValueError:
        raise ValueError(f"camera {text!r} must be five numbers: x,y,z,yaw,pitch") from None
    return Camera(position=(x, y, z), yaw=yaw, pitch=max(-89.0, min(89.0, pitch)))
