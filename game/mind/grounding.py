"""What the NPCs know about the room: a frozen snapshot of the world and answers from it.

The brain never reads the live :class:`~game.sim.world.World` (it runs on a worker
thread; the main thread owns the world). The main thread builds a
:class:`WorldSnapshot` per utterance; every answer about the room ("what is on the
table?", "where is Bo?", "what colour is the sofa?") is computed from it, so answers are
right by construction and stay right after a room edit.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from game.memo import by_identity
from game.sim.colours import colour_name
from game.sim.resting import prop_bounds, resting_supports
from game.sim.scene import Prop, Vec3
from game.sim.seating import sitting_on
from game.sim.world import World

GAZE_CONE_DEG = 14.0
NEAR_M = 2.6


@dataclass(frozen=True)
class PropInfo:
    """A prop as the mind sees it: name, type, colour name, where it stands, what holds it up."""

    name: str
    type: str
    colour: str
    position: Vec3
    centre: Vec3
    top: float
    on: str = ""


@dataclass(frozen=True)
class NpcInfo:
    """An NPC's name and where it stands."""

    name: str
    position: Vec3


@dataclass(frozen=True)
class WorldSnapshot:
    """The room at one instant plus where the user is and what they look at."""

    props: tuple[PropInfo, ...]
    npcs: tuple[NpcInfo, ...]
    room_size: Vec3
    surfaces: tuple[tuple[str, str], ...]
    user_position: Vec3
    user_forward: Vec3
    gaze: str = ""
    revision: int = 0
    last_change: str = ""
    """The latest room edit made for the user that "undo" would take back ("added lamp 2"), or ""."""
    seated: tuple[tuple[str, str], ...] = ()
    """``(npc, seat)`` for each NPC on (or on its way to) a place on a chair or sofa; seat "" for
    one sitting where it stood."""
    table: PropTable | None = field(default=None, compare=False, repr=False)

    def prop(self, name: str) -> PropInfo | None:
        """Prop by name, case-insensitive."""
        low = name.lower()
        return next((p for p in self.props if p.name.lower() == low), None)

    def npc(self, name: str) -> NpcInfo | None:
        """NPC by name, case-insensitive."""
        low = name.lower()
        return next((n for n in self.npcs if n.name.lower() == low), None)

    def surface_colour(self, surface: str) -> str:
        """Colour name of walls, floor or ceiling."""
        return dict(self.surfaces).get(surface, "")

    def position_of(self, name: str) -> Vec3 | None:
        """Floor position of a prop or NPC."""
        prop = self.prop(name)
        if prop is not None:
            return prop.position
        npc = self.npc(name)
        return npc.position if npc is not None else None


def _flat_dist(a: Vec3, b: Vec3) -> float:
    return math.hypot(a[0] - b[0], a[2] - b[2])


def _gaze_target(table: PropTable, npcs: tuple[NpcInfo, ...], eye: Vec3, forward: Vec3) -> str:
    """The prop or NPC nearest the centre of the user's view, within :data:`GAZE_CONE_DEG`.

    Nearer things win ties: a small bias per metre keeps the sofa from hiding behind a cup.
    """
    f = np.asarray(forward, dtype=np.float64)
    norm = float(np.linalg.norm(f))
    if norm < 1e-6:
        return ""
    names = [p.name for p in table.infos] + [n.name for n in npcs]
    npc_points = [(n.position[0], 1.2, n.position[2]) for n in npcs]
    points = np.vstack([table.centres, np.array(npc_points, dtype=np.float64).reshape(-1, 3)])
    d = points - np.asarray(eye, dtype=np.float64)
    dist = np.linalg.norm(d, axis=1)
    ok = dist >= 1e-6
    cos = np.clip((d @ (f / norm))[ok] / dist[ok], -1.0, 1.0)
    angle = np.degrees(np.arccos(cos))
    inside = angle < GAZE_CONE_DEG
    if not inside.any():
        return ""
    score = angle + 0.3 * dist[ok]
    candidates = np.flatnonzero(ok)[inside]
    return names[int(candidates[int(np.argmin(score[inside]))])]


@dataclass(frozen=True)
class PropTable:
    """Every prop as the mind sees it, plus their floor positions and centres as arrays.

    Built once per room state (props are immutable and an edit makes a new tuple), so a
    guess per stable partial stays cheap in a room of 10,000 props; the arrays let gaze
    and "next to" searches run in numpy instead of a Python loop per prop.
    """

    infos: tuple[PropInfo, ...]
    positions: npt.NDArray[np.float64]  # (n, 3)
    centres: npt.NDArray[np.float64]  # (n, 3)


@functools.lru_cache(maxsize=1 << 15)
def _info(prop: Prop, on: str) -> PropInfo:
    """One prop as the mind sees it; cached, so an edit rebuilds only what it changed."""
    lo, hi = prop_bounds(prop)
    centre = ((lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2)
    return PropInfo(
        name=prop.name,
        type=prop.type,
        colour=colour_name(prop.colour),
        position=prop.position,
        centre=(float(centre[0]), float(centre[1]), float(centre[2])),
        top=float(hi[1]),
        on=on,
    )


def _seated(world: World, props: tuple[Prop, ...], npcs: tuple[NpcInfo, ...]) -> tuple[tuple[str, str], ...]:
    """Who sits on which seat, and ``(name, "")`` for one sitting where it stood."""
    on_seats = sitting_on(props, {n.name: (n.position[0], n.position[2]) for n in npcs})
    placed = {who for who, _ in on_seats}
    bare = tuple((a.name, "") for a in world.animator.avatars if a.base == "sit" and a.name not in placed)
    return on_seats + bare


@by_identity
def prop_table(props: tuple[Prop, ...]) -> PropTable:
    """The :class:`PropTable` of a room's props (cached on the tuple's identity)."""
    supports = resting_supports(props)
    infos = [_info(prop, supports.get(prop.name, "")) for prop in props]
    shape = (len(infos), 3)
    positions = np.array([i.position for i in infos], dtype=np.float64).reshape(shape)
    centres = np.array([i.centre for i in infos], dtype=np.float64).reshape(shape)
    return PropTable(tuple(infos), positions, centres)


def snapshot_world(
    world: World, user_position: Vec3 | None = None, user_forward: Vec3 | None = None
) -> WorldSnapshot:
    """Freeze what the mind needs from the world (call on the thread that owns it)."""
    scene = world.scene
    eye = user_position or scene.spawn.position
    if user_forward is None:
        yaw, pitch = math.radians(scene.spawn.yaw), math.radians(scene.spawn.pitch)
        user_forward = (-math.sin(yaw) * math.cos(pitch), math.sin(pitch), -math.cos(yaw) * math.cos(pitch))
    table = prop_table(scene.props)
    npcs = tuple(NpcInfo(n.name, world.npc_destination(n.name)) for n in scene.npcs)
    room = scene.room
    return WorldSnapshot(
        props=table.infos,
        npcs=npcs,
        room_size=room.size,
        surfaces=(
            ("walls", colour_name(room.walls.colour)),
            ("floor", colour_name(room.floor.colour)),
            ("ceiling", colour_name(room.ceiling.colour)),
        ),
        user_position=eye,
        user_forward=user_forward,
        gaze=_gaze_target(table, npcs, eye, user_forward),
        revision=world.revision,
        last_change=world.changes[-1].what if world.changes else "",
        seated=_seated(world, scene.props, npcs),
        table=table,
    )


def items_on(snap: WorldSnapshot, support: str) -> list[PropInfo]:
    """Props resting on ``support``."""
    return [p for p in snap.props if p.on.lower() == support.lower()]


def join_names(names: list[str]) -> str:
    """Return ``a, b and c`` for speech."""
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def without_number(name: str) -> str:
    """A prop's name without the number that only tells two of a kind apart ("lamp 2" → "lamp")."""
    return re.sub(r"\s+\d+$", "", name)


def with_article(name: str) -> str:
    """Return ``the sofa`` for props, bare names for people."""
    return name if name[:1].isupper() else f"the {name}"


def relative_direction(snap: WorldSnapshot, point: Vec3) -> str:
    """Where ``point`` is seen from the user: ahead, behind, to the left or right."""
    fx, fz = snap.user_forward[0], snap.user_forward[2]
    norm = math.hypot(fx, fz)
    if norm < 1e-6:
        return ""
    fx, fz = fx / norm, fz / norm
    dx, dz = point[0] - snap.user_position[0], point[2] - snap.user_position[2]
    dist = math.hypot(dx, dz)
    if dist < 0.6:
        return "right next to you"
    ahead = (dx * fx + dz * fz) / dist
    right = (dx * -fz + dz * fx) / dist
    if ahead > 0.8:
        return "ahead of you"
    if ahead < -0.7:
        return "behind you"
    side = "to your right" if right > 0 else "to your left"
    return (
        side
        if abs(ahead) < 0.35
        else f"{'ahead' if ahead > 0 else 'behind you'} {side}".replace("ahead to", "ahead, to")
    )


def _corner(snap: WorldSnapshot, point: Vec3) -> str:
    w, _, d = snap.room_size
    if abs(point[0]) > w / 2 - 1.0 and abs(point[2]) > d / 2 - 1.0:
        return f"in the {'back' if point[2] < 0 else 'front'} {'left' if point[0] < 0 else 'right'} corner"
    return ""


def _wall(snap: WorldSnapshot, point: Vec3) -> str:
    w, _, d = snap.room_size
    gaps = {
        "left": point[0] + w / 2,
        "right": w / 2 - point[0],
        "back": point[2] + d / 2,
        "front": d / 2 - point[2],
    }
    side, gap = min(gaps.items(), key=lambda kv: kv[1])
    return f"against the {side} wall" if gap < 0.7 else ""


def _nearest_free_prop(snap: WorldSnapshot, point: Vec3, exclude: str) -> PropInfo | None:
    """The prop standing on the floor (on nothing) nearest ``point`` on the floor plan."""
    table = snap.table if snap.table is not None and snap.table.infos is snap.props else None
    if table is None:
        others = [p for p in snap.props if p.name.lower() != exclude.lower() and not p.on]
        return min(others, key=lambda p: _flat_dist(p.position, point), default=None)
    d = np.hypot(table.positions[:, 0] - point[0], table.positions[:, 2] - point[2])
    low = exclude.lower()
    for i in np.argsort(d, kind="stable"):
        info = table.infos[int(i)]
        if not info.on and info.name.lower() != low:
            return info
    return None


def landmark(snap: WorldSnapshot, name: str) -> str:
    """Return a phrase placing ``name`` in the room: "on the table", "next to the sofa", "in the corner"."""
    prop = snap.prop(name)
    if prop is not None and prop.on:
        return f"on {with_article(prop.on)}"
    seat = next((on for who, on in snap.seated if who == name), "")
    if seat:
        return f"sitting on {with_article(seat)}"
    point = snap.position_of(name)
    if point is None:
        return ""
    nearest = _nearest_free_prop(snap, point, exclude=name)
    corner = _corner(snap, point)
    if nearest is not None and _flat_dist(nearest.position, point) <= NEAR_M:
        place = f"{'by' if nearest.type in ('window', 'door') else 'next to'} {with_article(nearest.name)}"
        return f"{corner}, {place}" if corner else place
    w, _, d = snap.room_size
    if corner:
        return corner
    wall = _wall(snap, point)
    if wall:
        return wall
    if abs(point[0]) < w / 4 and abs(point[2]) < d / 4:
        return "in the middle of the room"
    return f"over by the {'back' if point[2] < 0 else 'front'} {'left' if point[0] < 0 else 'right'}"


def describe_where(snap: WorldSnapshot, name: str) -> str:
    """Return a full answer to "where is X?" from the snapshot."""
    point = snap.position_of(name)
    if point is None:
        return ""
    subject = with_article(name)
    place = landmark(snap, name)
    direction = relative_direction(snap, point)
    verb = "is"
    text = f"{subject[0].upper()}{subject[1:]} {verb} {place}" if place else f"{subject} {verb} here"
    return f"{text}, {direction}." if direction else f"{text}."


def describe_on(snap: WorldSnapshot, support: str) -> str:
    """Return the answer to "what is on X?"."""
    found = items_on(snap, support)
    sitting = [who for who, on in snap.seated if on == support]
    if sitting:  # "what's on the sofa?", "is anyone on the sofa?"
        things = f", and on it there's {join_names([with_article(p.name) for p in found])}" if found else ""
        verb = "is" if len(sitting) == 1 else "are"
        return f"{join_names(sitting)} {verb} sitting on {with_article(support)}{things}."
    if not found:
        return f"There's nothing on {with_article(support)}."
    names = [
        f"a {p.colour} {p.type}"
        if (p.type in ("box", "sphere", "cylinder") and p.colour not in p.name) or p.name[-1:].isdigit()
        else f"{with_article(p.name)}"
        for p in found
    ]
    return f"On {with_article(support)} there's {join_names(names)}."


def describe_colour(snap: WorldSnapshot, name: str) -> str:
    """Return the answer to "what colour is X?" for a prop or a room surface."""
    if name in ("walls", "floor", "ceiling"):
        colour = snap.surface_colour(name)
        verb = "are" if name == "walls" else "is"
        return f"The {name} {verb} {colour}."
    prop = snap.prop(name)
    if prop is None:
        return ""
    subject = with_article(prop.name).capitalize()
    # The prop's colour paints one part of composed furniture (see game/sim/furniture.py).
    if prop.type == "plant":
        return f"{subject} is green, in {'an' if prop.colour[0] in 'aeiou' else 'a'} {prop.colour} pot."
    if prop.type == "lamp":
        return f"{subject} has a {prop.colour} shade on a metal stand."
    if prop.type == "window":
        return f"{subject} has a {prop.colour} frame."
    return f"{subject} is {prop.colour}."


def describe_room(snap: WorldSnapshot, speaker: str = "") -> str:
    """Return the answer to "what is in the room?", said by ``speaker`` (who says "I", not their name)."""
    names = [with_article(p.name) for p in snap.props if p.type not in ("door", "window")]
    people = [n.name for n in snap.npcs if n.name != speaker]
    if speaker and len(people) < len(snap.npcs):
        people.append("I")
    text = f"There's {join_names(names)}." if names else "The room is empty."
    if people == ["I"]:
        return f"{text} And I'm here."
    return f"{text} And {join_names(people)} {'is' if len(people) == 1 else 'are'} here." if people else text
