"""The live world: the current scene plus everything that changes while the app runs.

The world is pure data. The renderer asks it for a :class:`DrawList` (instance
matrices and colours per primitive kind); the mind asks it questions ("what is on the
table?"); voice commands and mods edit it through the methods here, which validate
and return a clear error instead of corrupting the room.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import tomli_w

from game.files import write_atomic
from game.sim.anim.animator import Animator
from game.sim.anim.appearance import Appearance, default_for
from game.sim.anim.skeleton import Proportions
from game.sim.colours import RGB, to_hex
from game.sim.furniture import parts_for
from game.sim.resting import prop_matrix, rests_on
from game.sim.scene import MAX_PROPS, PROP_TYPES, Light, NpcSlot, Prop, Room, Scene, SceneError, Vec3
from game.sim.transform import Mat4, scale, translate

KINDS = ("box", "cylinder", "sphere")
WALL = 0.1
UNDO_DEPTH = 20
"""How many room edits "undo that" can take back, newest first."""


@dataclass
class DrawList:
    """Per primitive kind: model matrices (N×4×4), sRGB colours (N×3), emissive (N)."""

    models: dict[str, npt.NDArray[np.float32]] = field(default_factory=dict)
    colours: dict[str, npt.NDArray[np.float32]] = field(default_factory=dict)
    emissive: dict[str, npt.NDArray[np.float32]] = field(default_factory=dict)

    def count(self) -> int:
        """Total number of instances."""
        return sum(len(m) for m in self.models.values())


@dataclass
class _Builder:
    models: dict[str, list[Mat4]] = field(default_factory=lambda: {k: [] for k in KINDS})
    colours: dict[str, list[RGB]] = field(default_factory=lambda: {k: [] for k in KINDS})
    emissive: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in KINDS})

    def add(self, kind: str, model: Mat4, colour: RGB, emissive: float = 0.0) -> None:
        self.models[kind].append(model)
        self.colours[kind].append(colour)
        self.emissive[kind].append(emissive)

    def build(self) -> DrawList:
        out = DrawList()
        for kind in KINDS:
            n = len(self.models[kind])
            out.models[kind] = np.array(self.models[kind], dtype=np.float32).reshape(n, 4, 4)
            out.colours[kind] = np.array(self.colours[kind], dtype=np.float32).reshape(n, 3)
            out.emissive[kind] = np.array(self.emissive[kind], dtype=np.float32).reshape(n)
        return out


@dataclass(frozen=True)
class Change:
    """One edit of the room as it can be taken back: what it did, and the props, room and lights before it."""

    what: str
    props: tuple[Prop, ...]
    room: Room
    lights: tuple[Light, ...]


class WorldError(ValueError):
    """An edit that cannot be applied; the message is safe to show or say."""


class World:
    """Mutable room state built from an immutable :class:`Scene`."""

    def __init__(self, scene: Scene, appearances: dict[str, Appearance] | None = None) -> None:
        self.scene = scene
        self.appearances = dict(appearances or {})
        self.animator = Animator()
        for npc in scene.npcs:
            look = self.appearance(npc.name)
            self.animator.add(npc.name, npc.position, npc.facing, Proportions(look.height, look.build))
        self.animator.update(0.0)
        self.revision = 0
        self.time = 0.0
        self.walk_labels: dict[str, str] = {}  # NPC → where its last walk was going
        self.changes: list[Change] = []
        """The latest edits the NPCs made for the user, for :meth:`undo`; a reload starts afresh."""

    def appearance(self, npc_name: str) -> Appearance:
        """The NPC's look from its persona, or a stable default derived from its name."""
        return self.appearances.get(npc_name) or default_for(npc_name)

    def npc_position(self, name: str) -> Vec3:
        """Where an NPC stands now (it may have walked since the scene loaded)."""
        p = self.animator.get(name).position
        return (p[0], p[1], p[2])

    def npc_destination(self, name: str) -> Vec3:
        """Where an NPC is walking to, or where it stands when it is not walking."""
        a = self.animator.get(name)
        goal = a.route[-1] if a.route else a.walk_target
        if goal is not None:
            return (goal[0], 0.0, goal[1])
        return self.npc_position(name)

    def walk_npc(self, name: str, point: Vec3, label: str = "") -> None:
        """Send an NPC walking to a floor point (clamped inside the room).

        ``label`` names where it goes ("the sofa", "Bo"); mods hear it in ``on_arrived``.
        """
        x, _, z = self.inside(point)
        self.animator.walk_to(name, x, z)
        self.walk_labels[name] = label or f"{x:.2f}, {z:.2f}"

    def advance(self, seconds: float, step: float = 1.0 / 60.0) -> None:
        """Run the simulation forward in fixed steps (animation, NPC behaviour)."""
        remaining = seconds
        while remaining > 1e-9:
            dt = min(step, remaining)
            self.tick(dt)
            remaining -= dt

    def tick(self, dt: float, audio_clock: float | None = None) -> None:
        """One fixed simulation step; mouths follow ``audio_clock`` (the playback clock) when given."""
        self.time += dt
        self.animator.update(dt, audio_clock)

    # --- queries -------------------------------------------------------------------------
    @property
    def props(self) -> tuple[Prop, ...]:
        """Current props."""
        return self.scene.props

    def props_count(self) -> int:
        """Number of props in the room."""
        return len(self.scene.props)

    def find_prop(self, name: str) -> Prop | None:
        """Prop by name, case-insensitive."""
        low = name.lower()
        return next((p for p in self.scene.props if p.name.lower() == low), None)

    def npc(self, name: str) -> NpcSlot | None:
        """NPC slot by name, case-insensitive."""
        low = name.lower()
        return next((n for n in self.scene.npcs if n.name.lower() == low), None)

    def props_on(self, name: str) -> list[Prop]:
        """Props resting on top of the named prop (base within 5 cm of its top, inside its footprint)."""
        support = self.find_prop(name)
        if support is None:
            return []
        return [p for p in self.scene.props if p is not support and rests_on(p, support)]

    def nearest_prop(self, point: Vec3, kind: str | None = None) -> Prop | None:
        """Closest prop to a point (optionally of one type)."""
        candidates = [p for p in self.scene.props if kind is None or p.type == kind]
        if not candidates:
            return None
        return min(
            candidates, key=lambda p: sum((a - b) ** 2 for a, b in zip(p.position, point, strict=True))
        )

    # --- edits ---------------------------------------------------------------------------
    def remember(self, change: Change) -> None:
        """Keep an edit made for the user, so "undo that" can take it back.

        The oldest beyond :data:`UNDO_DEPTH` is forgotten. A mod's scripted edits are not kept:
        they are not the user's.
        """
        self.changes = [*self.changes[1 - UNDO_DEPTH :], change]

    def undo(self) -> Change:
        """Take back the latest edit: props and surfaces return to what they were before it."""
        if not self.changes:
            raise WorldError("there is nothing to undo")
        *self.changes, change = self.changes  # a new list: a caller may hold the old one
        self.scene = replace(self.scene.with_props(change.props), room=change.room, lights=change.lights)
        self.revision += 1
        return change

    def _replace_prop(self, old: Prop, new: Prop | None) -> None:
        props = [p for p in self.scene.props if p is not old]
        if new is not None:
            props.append(new)
        self.scene = self.scene.with_props(tuple(props))
        self.revision += 1

    def inside(self, position: Vec3) -> Vec3:
        """The nearest point inside the room's walls (0.2 m clear) and under its ceiling."""
        w, h, d = self.scene.room.size
        x = min(max(position[0], -w / 2 + 0.2), w / 2 - 0.2)
        z = min(max(position[2], -d / 2 + 0.2), d / 2 - 0.2)
        return (x, min(max(position[1], 0.0), h - 0.1), z)

    def add_prop(
        self,
        prop_type: str,
        position: Vec3,
        name: str | None = None,
        colour: RGB = (0.7, 0.7, 0.7),
        scale_xyz: Vec3 = (1.0, 1.0, 1.0),
        rotation: Vec3 = (0.0, 0.0, 0.0),
    ) -> Prop:
        """Add a prop; picks a free name like ``lamp 2`` when none is given."""
        if prop_type not in PROP_TYPES:
            raise WorldError(f"I don't know how to make a {prop_type}")
        if len(self.scene.props) >= MAX_PROPS:
            raise WorldError(f"the room is full: it holds at most {MAX_PROPS} things")
        if name is None:
            name, i = prop_type, 2
            while self.find_prop(name) is not None:
                name, i = f"{prop_type} {i}", i + 1
        elif self.find_prop(name) is not None:
            raise WorldError(f"there is already something called {name}")
        prop = Prop(name, prop_type, self.inside(position), rotation, scale_xyz, colour)
        self.scene = self.scene.with_props((*self.scene.props, prop))
        self.revision += 1
        return prop

    def _require(self, name: str) -> Prop:
        prop = self.find_prop(name)
        if prop is None:
            raise WorldError(f"there is no {name} here")
        return prop

    def remove_prop(self, name: str) -> Prop:
        """Remove a prop by name."""
        prop = self._require(name)
        self._replace_prop(prop, None)
        return prop

    def move_prop(self, name: str, position: Vec3) -> Prop:
        """Move a prop (clamped inside the room)."""
        prop = self._require(name)
        new = replace(prop, position=self.inside(position))
        self._replace_prop(prop, new)
        return new

    def recolour_prop(self, name: str, colour: RGB) -> Prop:
        """Change a prop's colour."""
        prop = self._require(name)
        new = replace(prop, colour=colour)
        self._replace_prop(prop, new)
        return new

    def resize_prop(self, name: str, factor: float) -> Prop:
        """Scale a prop uniformly by ``factor`` (kept within 0.05..10× per axis)."""
        prop = self._require(name)
        if not 0.05 <= factor <= 20:
            raise WorldError("that is too big a change")
        size = tuple(min(max(s * factor, 0.05), 10.0) for s in prop.scale)
        new = replace(prop, scale=(size[0], size[1], size[2]))
        self._replace_prop(prop, new)
        return new

    def recolour_surface(self, surface: str, colour: RGB) -> None:
        """Recolour ``walls``, ``floor`` or ``ceiling``."""
        room = self.scene.room
        if surface not in ("walls", "floor", "ceiling"):
            raise WorldError(f"the room has no {surface}")
        material = replace(getattr(room, surface), colour=colour)
        self.scene = replace(self.scene, room=replace(room, **{surface: material}))
        self.revision += 1

    def add_npc(self, name: str, persona: str, position: Vec3, facing: float = 0.0) -> NpcSlot:
        """Add an NPC standing on the floor at ``position`` (mods spawn characters this way)."""
        if not name.strip():
            raise WorldError("an NPC needs a name")
        if self.npc(name) is not None:
            raise WorldError(f"there is already someone called {name}")
        x, _, z = self.inside(position)
        slot = NpcSlot(name, persona, (x, 0.0, z), facing)
        self.scene = replace(self.scene, npcs=(*self.scene.npcs, slot))
        look = self.appearance(name)
        self.animator.add(name, slot.position, facing, Proportions(look.height, look.build))
        self.revision += 1
        return slot

    def remove_npc(self, name: str) -> NpcSlot:
        """Take an NPC out of the room."""
        slot = self.npc(name)
        if slot is None:
            raise WorldError(f"there is nobody called {name} here")
        self.scene = replace(self.scene, npcs=tuple(n for n in self.scene.npcs if n is not slot))
        self.animator.remove(slot.name)
        self.revision += 1
        return slot

    # --- rendering -----------------------------------------------------------------------
    def props_draw_list(self) -> DrawList:
        """Instances of every prop's parts (these cast shadows)."""
        b = _Builder()
        for prop in self.scene.props:
            model = prop_matrix(prop)
            for part in parts_for(prop.type):
                part_model = model @ translate(*part.center) @ scale(*part.size)
                b.add(part.kind, part_model, part.colour or prop.colour, part.emissive)
        return b.build()

    def room_draw_list(self) -> DrawList:
        """Instances of the room shell: floor, ceiling and four walls."""
        b = _Builder()
        self._add_room(b)
        return b.build()

    def _add_room(self, b: _Builder) -> None:
        w, h, d = self.scene.room.size
        room = self.scene.room
        b.add("box", translate(0, -WALL / 2, 0) @ scale(w, WALL, d), room.floor.colour)
        b.add("box", translate(0, h + WALL / 2, 0) @ scale(w, WALL, d), room.ceiling.colour)
        b.add("box", translate(0, h / 2, -d / 2 - WALL / 2) @ scale(w, h, WALL), room.walls.colour)
        b.add("box", translate(0, h / 2, d / 2 + WALL / 2) @ scale(w, h, WALL), room.walls.colour)
        b.add("box", translate(-w / 2 - WALL / 2, h / 2, 0) @ scale(WALL, h, d), room.walls.colour)
        b.add("box", translate(w / 2 + WALL / 2, h / 2, 0) @ scale(WALL, h, d), room.walls.colour)

    # --- saving --------------------------------------------------------------------------
    def to_toml(self) -> str:
        """Serialise the current room as a scene file that :func:`load_scene` accepts."""
        return scene_to_toml(self.scene)

    def save(self, path: Path) -> None:
        """Write the scene atomically (temp file + rename) so a crash never leaves half a file."""
        write_atomic(path, self.to_toml())


def scene_to_toml(scene: Scene) -> str:
    """Serialise a scene in the same schema :func:`game.sim.scene.parse_scene` reads."""
    room = scene.room

    def material(m: Any) -> dict[str, Any]:
        return {"colour": to_hex(m.colour), "roughness": m.roughness}

    lights: list[dict[str, Any]] = []
    for light in scene.lights:
        entry: dict[str, Any] = {
            "type": light.type,
            "colour": to_hex(light.colour),
            "intensity": light.intensity,
        }
        if light.name:
            entry["name"] = light.name
        if light.type == "directional":
            entry.update(direction=list(light.direction), shadows=light.shadows)
        elif light.type == "point":
            entry.update(position=list(light.position), range=light.range)
        lights.append(entry)
    doc: dict[str, Any] = {
        "scene": {"name": scene.name, "description": scene.description},
        "room": {
            "size": list(room.size),
            "floor": material(room.floor),
            "walls": material(room.walls),
            "ceiling": material(room.ceiling),
        },
        "spawn": {"position": list(scene.spawn.position), "yaw": scene.spawn.yaw, "pitch": scene.spawn.pitch},
        "fog": {"colour": to_hex(scene.fog.colour), "density": scene.fog.density},
        "lights": lights,
        "props": [
            {
                "name": p.name,
                "type": p.type,
                "position": [round(c, 4) for c in p.position],
                "rotation": list(p.rotation),
                "scale": [round(c, 4) for c in p.scale],
                "colour": to_hex(p.colour),
            }
            for p in scene.props
        ],
        "npcs": [
            {"name": n.name, "persona": n.persona, "position": list(n.position), "facing": n.facing}
            for n in scene.npcs
        ],
    }
    return tomli_w.dumps(doc)


def check_scene_name(name: str) -> str:
    """Validate a user-given scene name for saving (no paths, no traversal)."""
    clean = name.strip().lower().replace(" ", "-")
    if not clean or not all(c.isalnum() or c in "-_" for c in clean):
        raise SceneError(
            name, "", "a scene name may hold only letters, digits, '-' and '_'", "pick a simple name"
        )
    return clean
