"""The room's light level, as a user asks for it ("make it brighter", "dim the lights").

Every light of the scene is scaled by one factor, so the room keeps the look its author
gave it, only brighter or darker. The ambient term bounds the range: at full ambient light
the room is as bright as it sensibly goes, and below a glimmer the user could not see it.
"""

from __future__ import annotations

from dataclasses import replace

from game.sim.scene import MAX_INTENSITY, Light, Scene
from game.sim.world import WorldError

BRIGHTER = 1.35
"""One step up ("brighter"); about six steps take the default room from dim to fully lit."""
DIMMER = 1 / BRIGHTER
"""One step down, so "brighter" then "darker" is the room as it was."""
AMBIENT_RANGE = (0.02, 1.0)
"""The ambient intensity the room may go to, and no further."""


def relit(scene: Scene, factor: float) -> tuple[Light, ...]:
    """Every light of ``scene`` times ``factor``; :class:`WorldError` past :data:`AMBIENT_RANGE`.

    No light goes over a scene file's :data:`MAX_INTENSITY` either, so a shared room's clients
    accept the log entry. The same lights come back, none added: a scene that declares no
    ambient light keeps the renderer's default one, and only the other lights change.
    """
    low, high = AMBIENT_RANGE
    ambient = scene.ambient.intensity * factor
    lights = tuple(replace(light, intensity=light.intensity * factor) for light in scene.lights)
    if ambient > high or any(light.intensity > MAX_INTENSITY for light in lights):
        raise WorldError("the lights are as bright as they go")
    if ambient < low:
        raise WorldError("the lights are as low as they go")
    return lights
