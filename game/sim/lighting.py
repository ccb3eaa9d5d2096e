"""The room's light level, as a user asks for it ("make it brighter", "dim the lights").

Every light of the scene is scaled by one factor, so the room keeps the look its author
gave it, only brighter or darker. The ambient term bounds the range: at full ambient light
the room is as bright as it sensibly goes, and below a glimmer the user could not see it.
"""

from __future__ import annotations

from dataclasses import replace

from game.sim.scene import DEFAULT_AMBIENT, Light, Scene
from game.sim.world import WorldError

BRIGHTER = 1.35
"""One step up ("brighter"); about six steps take the default room from dim to fully lit."""
DIMMER = 1 / BRIGHTER
"""One step down, so "brighter" then "darker" is the room as it was."""
AMBIENT_RANGE = (0.02, 1.0)
"""The ambient intensity the room may go to, and no further."""


def relit(scene: Scene, factor: float) -> tuple[Light, ...]:
    """Every light of ``scene`` times ``factor``; :class:`WorldError` past :data:`AMBIENT_RANGE`."""
    ambient = scene.ambient.intensity * factor
    low, high = AMBIENT_RANGE
    if ambient > high:
        raise WorldError("the lights are as bright as they go")
    if ambient < low:
        raise WorldError("the lights are as low as they go")
    lights = scene.lights
    if not any(light.type == "ambient" for light in lights):
        lights = (*lights, Light(type="ambient", intensity=DEFAULT_AMBIENT))
    return tuple(replace(light, intensity=light.intensity * factor) for light in lights)
