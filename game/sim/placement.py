"""Where a new or moved prop goes: free spots on a surface or beside a prop or NPC.

Pure geometry over :class:`~game.sim.world.World`, shared by the brain's actions
(:mod:`game.mind.actions`) and the mods' edits (:mod:`game.modding.edits`), so "on the
table" means the same free spot whoever asked.
"""

from __future__ import annotations

import math

from game.sim.resting import prop_bounds
from game.sim.scene import Vec3
from game.sim.world import World, WorldError

DEFAULT_SCALE: dict[str, Vec3] = {
    "box": (0.4, 0.4, 0.4),
    "sphere": (0.4, 0.4, 0.4),
    "cylinder": (0.3, 0.6, 0.3),
}
DEFAULT_COLOUR = {"lamp": "cream", "plant": "brown", "table": "brown", "chair": "brown", "cup": "white"}
NPC_HALF = 0.25
"""Half the side of the square an NPC stands on, kept clear of new and moved props."""


def _footprint(world: World, name: str) -> tuple[float, float, float, float]:
    prop = world.find_prop(name)
    if prop is None:
        raise WorldError(f"there is no {name} here")
    lo, hi = prop_bounds(prop)
    return float(lo[0]), float(lo[2]), float(hi[0]), float(hi[2])


def _blocked(world: World, x: float, z: float, half: tuple[float, float], ignore: str) -> bool:
    """Whether a footprint of half-size ``half`` centred at (x, z) overlaps a floor prop or an NPC.

    An NPC counts where it is going, so a plant is not put where someone stands or is about to.
    """
    hx, hz = half
    for prop in world.props:
        if prop.name.lower() == ignore.lower() or prop.position[1] > 0.05:
            continue
        lo, hi = prop_bounds(prop)
        if lo[0] - hx < x < hi[0] + hx and lo[2] - hz < z < hi[2] + hz:
            return True
    for npc in world.scene.npcs:
        nx, _, nz = world.npc_destination(npc.name)
        if abs(nx - x) < hx + NPC_HALF and abs(nz - z) < hz + NPC_HALF:
            return True
    return False


def spot_on(world: World, support: str, ignore: str = "") -> Vec3:
    """Return a free point on ``support``'s top surface."""
    prop = world.find_prop(support)
    if prop is None:
        raise WorldError(f"there is no {support} here")
    lo, hi = prop_bounds(prop)
    cx, cz, top = (lo[0] + hi[0]) / 2, (lo[2] + hi[2]) / 2, float(hi[1])
    taken = [p.position for p in world.props_on(support) if p.name.lower() != ignore.lower()]
    for dx, dz in ((0.0, 0.0), (-0.3, 0.0), (0.3, 0.0), (0.0, -0.2), (0.0, 0.2), (-0.5, 0.15), (0.5, -0.15)):
        x = min(max(cx + dx, lo[0] + 0.1), hi[0] - 0.1)
        z = min(max(cz + dz, lo[2] + 0.1), hi[2] - 0.1)
        if all(math.hypot(x - t[0], z - t[2]) > 0.25 for t in taken):
            return (float(x), top, float(z))
    return (float(cx), top, float(cz))


def spot_near(world: World, anchor: str, radius: float = 0.45, ignore: str = "") -> Vec3:
    """Return a free floor point beside ``anchor`` (prop or NPC), preferring the side facing the room.

    When ``ignore`` names a prop being moved, its own footprint is kept clear of the
    other furniture and inside the walls, so a sofa moved to the window does not end up
    inside the table.
    """
    npc = world.npc(anchor)
    if npc is not None:
        ax, az = world.npc_destination(npc.name)[0::2]
        x0, z0, x1, z1 = ax - NPC_HALF, az - NPC_HALF, ax + NPC_HALF, az + NPC_HALF
    else:
        x0, z0, x1, z1 = _footprint(world, anchor)
        ax, az = (x0 + x1) / 2, (z0 + z1) / 2
    half = (radius, radius)
    mover = world.find_prop(ignore) if ignore else None
    if mover is not None:
        lo, hi = prop_bounds(mover)
        half = (float(hi[0] - lo[0]) / 2, float(hi[2] - lo[2]) / 2)
    w, _, d = world.scene.room.size
    towards_centre = math.atan2(-az, -ax)
    best: Vec3 | None = None
    for ring in (0.1, 0.5, 1.0):
        for step in range(8):
            angle = towards_centre + (step + 1) // 2 * (math.pi / 4) * (1 if step % 2 else -1)
            dx, dz = math.cos(angle), math.sin(angle)
            # Distance from the anchor's centre to its edge, plus the mover's, along this direction.
            reach = min((x1 - x0) / 2 / max(abs(dx), 1e-6), (z1 - z0) / 2 / max(abs(dz), 1e-6))
            reach += min(half[0] / max(abs(dx), 1e-6), half[1] / max(abs(dz), 1e-6)) + ring
            x, z = ax + dx * reach, az + dz * reach
            if abs(x) > w / 2 - half[0] - 0.05 or abs(z) > d / 2 - half[1] - 0.05:
                continue
            if not _blocked(world, x, z, half, ignore or anchor):
                return (float(x), 0.0, float(z))
            best = best or (float(x), 0.0, float(z))
    return best or (float(ax), 0.0, float(az))
