"""The scenes the render benchmarks draw: a crowd of talking avatars and a camera that turns.

Shared by ``bench render`` and its ``--compare`` runs, so both time the same frames.
"""

from __future__ import annotations

import math
from typing import Any


def turning(camera: Any, frame: int) -> Any:
    """The camera turned by a fraction of a degree that differs every frame (defeats the cache)."""
    from dataclasses import replace

    return replace(camera, yaw=camera.yaw + 0.5 * math.sin(frame * 0.7))


def crowd(scene: Any, count: int) -> Any:
    """The scene with its NPCs replaced by ``count`` talking avatars in rows facing the spawn."""
    from dataclasses import replace

    from game.sim.scene import NpcSlot

    w, _, d = scene.room.size
    cols = max(1, min(8, count))
    npcs = []
    for i in range(count):
        row, col = divmod(i, cols)
        x = (col - (cols - 1) / 2) * min(1.0, (w - 1) / cols)
        z = 1.0 - row * 0.9
        npcs.append(NpcSlot(f"npc{i}", "bench", (x, 0.0, max(-d / 2 + 0.4, z)), 180.0))
    return replace(scene, npcs=tuple(npcs))


def animate_crowd(world: Any) -> None:
    """Make every avatar talk (a looping viseme timeline), look at the camera and gesture."""
    from game.sim.anim.clips import GESTURES
    from game.sim.anim.face import VISEMES, VisemeTimeline

    names = list(VISEMES)
    keys = tuple((i * 0.09, names[(i * 7) % len(names)], 1.0) for i in range(100))
    timeline = VisemeTimeline(keys=keys, duration=9.0)
    spawn = world.scene.spawn.position
    for i, a in enumerate(world.animator.avatars):
        world.animator.speak(a.name, timeline, start_clock=0.0)
        world.animator.look_at(a.name, spawn)
        world.animator.play(a.name, GESTURES[i % len(GESTURES)])
