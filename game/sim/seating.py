"""Where an avatar sits on a chair or a sofa: the way in, the spot on the seat, and the way it faces.

"Bo, sit on the sofa" was answered "I'll sit on the sofa", and Bo sat down where he stood, on
thin air. A seat has a front (local -Z: the chair's and the sofa's backs are at +Z), so the
avatar walks to a point in front of it, steps in, turns its back to the backrest and sits. The
sitting pose lowers the hips 0.43 m (a chair-height seat) and moves them 0.1 m back, so the
avatar stands :data:`HIPS_BACK` in front of where its hips should rest. A sofa has three
places; the one taken is the free one nearest the avatar.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.sim.scene import Prop

if TYPE_CHECKING:
    from game.sim.world import World

PLACES: dict[str, tuple[float, ...]] = {"chair": (0.0,), "sofa": (-0.55, 0.0, 0.55)}
"""The seat types, and the places along each (local X, in the type's natural size)."""
DEPTH = {"chair": 0.45, "sofa": 0.85}
"""Each seat type's natural depth (local Z), for the way in."""
HIPS_AT = 0.05
"""Local Z of the seated hips: over the seat, a little towards the backrest."""
HIPS_BACK = 0.1
"""How far the sitting pose moves the hips back from where the avatar stands (clips.sit)."""
APPROACH = 0.45
"""How far in front of the seat's front edge the avatar lines up before stepping in."""
TAKEN = 0.35
"""A place with another avatar this near (m) is taken."""


@dataclass(frozen=True)
class Seat:
    """The way to one place on a seat: the floor points to walk through, and the yaw to sit facing."""

    approach: tuple[float, float]
    spot: tuple[float, float]
    yaw: float


def is_seat(prop: Prop) -> bool:
    """Whether a prop can be sat on (a chair or a sofa)."""
    return prop.type in PLACES


def seat_on(prop: Prop, sitter: tuple[float, float], others: list[tuple[float, float]]) -> Seat | None:
    """The free place on ``prop`` nearest ``sitter`` (x, z), or None when it is no seat or is full."""
    if not is_seat(prop):
        return None
    free = []
    for along, spot in _places(prop):
        if all(math.dist(spot, other) >= TAKEN for other in others):
            free.append((math.dist(spot, sitter), along, spot))
    if not free:
        return None
    _, along, spot = min(free)
    approach = _world(prop, along, -(DEPTH[prop.type] / 2 + APPROACH))
    return Seat(approach, spot, prop.rotation[1])


def seat_npc(world: World, name: str, prop_name: str = "") -> str:
    """Send an NPC to sit on a chair or sofa: in front of it, onto a free place, back to the backrest.

    With no ``prop_name`` ("take a seat") the nearest seat with a free place is taken. Returns
    the seat's name, or "" (and nothing happens) when it is no seat or every place is taken.
    """
    x, _, z = world.npc_position(name)
    others = [world.npc_destination(a.name) for a in world.animator.avatars if a.name != name]
    taken = [(p[0], p[2]) for p in others]
    named = world.find_prop(prop_name) if prop_name else None
    props = [named] if named is not None else [] if prop_name else list(world.props)
    seats = [(seat, p) for p in props if (seat := seat_on(p, (x, z), taken)) is not None]
    if not seats:
        return ""
    seat, prop = min(seats, key=lambda found: math.dist(found[0].spot, (x, z)))
    ax, _, az = world.inside((seat.approach[0], 0.0, seat.approach[1]))  # as any walk, inside the walls
    world.animator.sit(name, ((ax, az), seat.spot), seat.yaw)
    world.walk_labels[name] = prop.name
    return prop.name


def sitting_on(props: tuple[Prop, ...], where: dict[str, tuple[float, float]]) -> tuple[tuple[str, str], ...]:
    """``(who, seat)`` for everyone whose floor point (``where``: name → x, z) is a place on a seat."""
    found = []
    for prop in props:
        if is_seat(prop):
            places = [spot for _, spot in _places(prop)]
            found += [
                (who, prop.name) for who, at in where.items() if any(math.dist(at, p) < TAKEN for p in places)
            ]
    return tuple(found)


def _places(prop: Prop) -> list[tuple[float, tuple[float, float]]]:
    """Each place along a seat, with the floor point its sitter stands on (hips over the seat)."""
    return [(along, _world(prop, along, HIPS_AT - HIPS_BACK)) for along in PLACES[prop.type]]


def _world(prop: Prop, x: float, z: float) -> tuple[float, float]:
    """A point of the prop's own floor plan (natural size) in room coordinates."""
    lx, lz = x * prop.scale[0], z * prop.scale[2]
    yaw = math.radians(prop.rotation[1])
    c, s = math.cos(yaw), math.sin(yaw)
    return (prop.position[0] + c * lx + s * lz, prop.position[2] - s * lx + c * lz)
