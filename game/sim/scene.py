"""Scene model as pure data, loaded and validated from TOML files in ``assets/scenes/``.

A scene file describes one room: its size and materials, its lights, its props, where
the user spawns and which NPCs stand where. Loading never half-succeeds: either a
complete :class:`Scene` comes back or a :class:`SceneError` names the file, the key
and the problem with a hint for the fix, so the app can keep the last good scene.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from game.errors import FileProblem
from game.sim.colours import RGB, ColourError, parse_colour

Vec3 = tuple[float, float, float]

PRIMITIVES = ("box", "cylinder", "sphere")
FURNITURE = ("table", "chair", "sofa", "lamp", "shelf", "plant", "door", "window", "cup", "counter")
PROP_TYPES = PRIMITIVES + FURNITURE
LIGHT_TYPES = ("directional", "point", "ambient")
DEFAULT_AMBIENT = 0.15  # a scene that declares no ambient light
MAX_INTENSITY = 50.0
MAX_POINT_LIGHTS = 8
MAX_PROPS = 20_000  # spatial questions stay fast to 10,000 (see bench mind); beyond, frames suffer
MAX_NPCS = 64
MAX_SCENE_BYTES = 8 * 1024 * 1024
SCENES_DIR = Path(__file__).resolve().parents[2] / "assets" / "scenes"


class SceneError(FileProblem):
    """A scene problem, formatted ``file: key: problem (fix)`` on one line."""


@dataclass(frozen=True)
class Material:
    """Surface colour and roughness of a room surface."""

    colour: RGB
    roughness: float = 0.8


@dataclass(frozen=True)
class Room:
    """An axis-aligned room centred on the origin, floor at y = 0."""

    size: Vec3
    floor: Material
    walls: Material
    ceiling: Material


@dataclass(frozen=True)
class Light:
    """A directional, point or ambient light. Unused fields keep their defaults."""

    type: str
    colour: RGB = (1.0, 1.0, 1.0)
    intensity: float = 1.0
    name: str = ""
    position: Vec3 = (0.0, 2.5, 0.0)
    direction: Vec3 = (-0.3, -1.0, -0.2)
    range: float = 6.0
    shadows: bool = True


@dataclass(frozen=True)
class Prop:
    """A named object: a primitive or a piece of composed furniture.

    ``position`` is the point on which the prop stands (its base centre); ``rotation``
    is (pitch, yaw, roll) in degrees; ``scale`` multiplies the type's natural size.
    """

    name: str
    type: str
    position: Vec3
    rotation: Vec3 = (0.0, 0.0, 0.0)
    scale: Vec3 = (1.0, 1.0, 1.0)
    colour: RGB = (0.7, 0.7, 0.7)


@dataclass(frozen=True)
class NpcSlot:
    """Where an NPC stands, which persona drives it, and the way it faces (yaw, deg)."""

    name: str
    persona: str
    position: Vec3
    facing: float = 0.0


@dataclass(frozen=True)
class Spawn:
    """The user's starting point (eye position) and view direction in degrees."""

    position: Vec3 = (0.0, 1.6, 3.0)
    yaw: float = 180.0
    pitch: float = 0.0


@dataclass(frozen=True)
class Fog:
    """Exponential distance fog."""

    colour: RGB = (0.0, 0.0, 0.0)
    density: float = 0.0


@dataclass(frozen=True)
class Scene:
    """A whole room, immutable; edits produce a new Scene via :func:`dataclasses.replace`."""

    name: str
    room: Room
    lights: tuple[Light, ...]
    props: tuple[Prop, ...]
    npcs: tuple[NpcSlot, ...] = ()
    spawn: Spawn = field(default_factory=Spawn)
    fog: Fog = field(default_factory=Fog)
    description: str = ""
    source: str = ""

    @property
    def sun(self) -> Light | None:
        """The first directional light, the one that casts the shadow map."""
        return next((light for light in self.lights if light.type == "directional"), None)

    @property
    def ambient(self) -> Light:
        """The ambient term; a dim default when the scene declares none."""
        found = next((light for light in self.lights if light.type == "ambient"), None)
        return found or Light(type="ambient", intensity=DEFAULT_AMBIENT)

    @property
    def point_lights(self) -> tuple[Light, ...]:
        """Point lights in declaration order (at most :data:`MAX_POINT_LIGHTS`)."""
        return tuple(light for light in self.lights if light.type == "point")

    def prop(self, name: str) -> Prop | None:
        """Find a prop by exact name."""
        return next((p for p in self.props if p.name == name), None)

    def with_props(self, props: tuple[Prop, ...]) -> Scene:
        """Return a copy with a new prop list (used by room edits)."""
        return replace(self, props=props)


class _Reader:
    """Typed access to a TOML table that raises SceneError naming the dotted key."""

    def __init__(self, path: str, table: dict[str, Any], prefix: str) -> None:
        self.path, self.table, self.prefix = path, table, prefix

    def key(self, name: str) -> str:
        shown = name if name.replace("-", "_").isidentifier() else repr(name)  # a key may hold any text
        return f"{self.prefix}.{shown}" if self.prefix else shown

    def fail(self, name: str, problem: str, fix: str = "") -> SceneError:
        return SceneError(self.path, self.key(name), problem, fix)

    def check_known(self, allowed: tuple[str, ...]) -> None:
        for name in self.table:
            if name not in allowed:
                raise self.fail(name, "unknown key", f"allowed keys: {', '.join(allowed)}")

    def string(self, name: str, default: str | None = None) -> str:
        value = self.table.get(name, default)
        if value is None:
            raise self.fail(name, "missing", "add it as a quoted string")
        if not isinstance(value, str) or (not value.strip() and default is None):
            raise self.fail(name, f"expected a non-empty string, got {value!r}")
        return value

    def number(self, name: str, default: float | None, lo: float, hi: float) -> float:
        value = self.table.get(name, default)
        if value is None:
            raise self.fail(name, "missing", f"add a number between {lo:g} and {hi:g}")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
            raise self.fail(name, f"expected a number, got {value!r}")
        if not lo <= value <= hi:
            raise self.fail(name, f"{value:g} is out of range", f"use a value between {lo:g} and {hi:g}")
        return float(value)

    def vec3(self, name: str, default: Vec3 | None, lo: float, hi: float) -> Vec3:
        value = self.table.get(name, default)
        if value is None:
            raise self.fail(name, "missing", "add it as [x, y, z]")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = [value, value, value]
        if not isinstance(value, (list, tuple)) or len(value) != 3:
            raise self.fail(name, f"expected [x, y, z], got {value!r}")
        for c in value:
            if isinstance(c, bool) or not isinstance(c, (int, float)) or math.isnan(c):
                raise self.fail(name, f"expected numbers, got {value!r}")
            if not lo <= c <= hi:
                raise self.fail(name, f"{c:g} is out of range", f"use values between {lo:g} and {hi:g}")
        return (float(value[0]), float(value[1]), float(value[2]))

    def colour(self, name: str, default: Any = None) -> RGB:
        value = self.table.get(name, default)
        if value is None:
            raise self.fail(name, "missing", "add a colour like '#aabbcc' or 'red'")
        try:
            return parse_colour(value)
        except ColourError as exc:
            raise self.fail(name, str(exc)) from None

    def boolean(self, name: str, default: bool) -> bool:
        value = self.table.get(name, default)
        if not isinstance(value, bool):
            raise self.fail(name, f"expected true or false, got {value!r}")
        return value

    def sub(self, name: str, required: bool = True) -> _Reader:
        value = self.table.get(name)
        if value is None and not required:
            return _Reader(self.path, {}, self.key(name))
        if not isinstance(value, dict):
            raise self.fail(
                name, "missing table" if value is None else "expected a table", f"add [{self.key(name)}]"
            )
        return _Reader(self.path, value, self.key(name))

    def tables(self, name: str) -> list[_Reader]:
        value = self.table.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(name, "expected an array of tables", f"write each entry as [[{self.key(name)}]]")
        return [_Reader(self.path, v, f"{self.key(name)}[{i}]") for i, v in enumerate(value)]


def _material(reader: _Reader, default: str) -> Material:
    reader.check_known(("colour", "roughness"))
    return Material(reader.colour("colour", default), reader.number("roughness", 0.8, 0.0, 1.0))


def _rotation(reader: _Reader) -> Vec3:
    value = reader.table.get("rotation", 0.0)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0.0, reader.number("rotation", 0.0, -360.0, 360.0), 0.0)
    return reader.vec3("rotation", (0.0, 0.0, 0.0), -360.0, 360.0)


def _light(reader: _Reader) -> Light:
    kind = reader.string("type")
    if kind not in LIGHT_TYPES:
        raise reader.fail("type", f"unknown light type {kind!r}", f"use one of: {', '.join(LIGHT_TYPES)}")
    common = ("type", "name", "colour", "intensity")
    extra = {"directional": ("direction", "shadows"), "point": ("position", "range"), "ambient": ()}[kind]
    reader.check_known(common + extra)
    light = Light(
        type=kind,
        name=reader.string("name", ""),
        colour=reader.colour("colour", "#ffffff"),
        intensity=reader.number("intensity", 1.0, 0.0, MAX_INTENSITY),
    )
    if kind == "directional":
        direction = reader.vec3("direction", light.direction, -1.0, 1.0)
        if sum(c * c for c in direction) < 1e-6:
            raise reader.fail("direction", "must not be [0, 0, 0]", "point it down, e.g. [-0.3, -1, -0.2]")
        light = replace(light, direction=direction, shadows=reader.boolean("shadows", True))
    elif kind == "point":
        light = replace(
            light,
            position=reader.vec3("position", None, -100.0, 100.0),
            range=reader.number("range", 6.0, 0.1, 100.0),
        )
    return light


def _prop(reader: _Reader, room: Room) -> Prop:
    reader.check_known(("name", "type", "position", "rotation", "scale", "colour"))
    kind = reader.string("type")
    if kind not in PROP_TYPES:
        raise reader.fail("type", f"unknown prop type {kind!r}", f"use one of: {', '.join(PROP_TYPES)}")
    position = reader.vec3("position", None, -100.0, 100.0)
    half_w, height, half_d = room.size[0] / 2, room.size[1], room.size[2] / 2
    if abs(position[0]) > half_w or abs(position[2]) > half_d or not 0.0 <= position[1] <= height:
        raise reader.fail(
            "position",
            f"{list(position)} is outside the room",
            f"keep x within ±{half_w:g}, y within 0..{height:g}, z within ±{half_d:g}",
        )
    return Prop(
        name=reader.string("name"),
        type=kind,
        position=position,
        rotation=_rotation(reader),
        scale=reader.vec3("scale", (1.0, 1.0, 1.0), 0.01, 20.0),
        colour=reader.colour("colour", "#b0b0b0"),
    )


def _npc(reader: _Reader, room: Room) -> NpcSlot:
    reader.check_known(("name", "persona", "position", "facing"))
    position = reader.vec3("position", None, -100.0, 100.0)
    if abs(position[0]) > room.size[0] / 2 or abs(position[2]) > room.size[2] / 2:
        raise reader.fail(
            "position", f"{list(position)} is outside the room", "move the NPC inside the walls"
        )
    return NpcSlot(
        name=reader.string("name"),
        persona=reader.string("persona"),
        position=position,
        facing=reader.number("facing", 0.0, -360.0, 360.0),
    )


def parse_scene(data: dict[str, Any], path: str = "<scene>") -> Scene:
    """Validate a parsed TOML document and build a :class:`Scene`."""
    top = _Reader(path, data, "")
    top.check_known(("scene", "room", "lights", "props", "npcs", "spawn", "fog"))
    meta = top.sub("scene")
    meta.check_known(("name", "description"))
    room_r = top.sub("room")
    room_r.check_known(("size", "floor", "walls", "ceiling"))
    room = Room(
        size=room_r.vec3("size", None, 2.0, 100.0),
        floor=_material(room_r.sub("floor", required=False), "#8a6f4e"),
        walls=_material(room_r.sub("walls", required=False), "#d8d0c0"),
        ceiling=_material(room_r.sub("ceiling", required=False), "#f2f2f2"),
    )
    lights = tuple(_light(r) for r in top.tables("lights"))
    if sum(1 for light in lights if light.type == "point") > MAX_POINT_LIGHTS:
        raise top.fail("lights", f"more than {MAX_POINT_LIGHTS} point lights", "remove some point lights")
    prop_tables, npc_tables = top.tables("props"), top.tables("npcs")
    for key, tables, most in (("props", prop_tables, MAX_PROPS), ("npcs", npc_tables, MAX_NPCS)):
        if len(tables) > most:
            problem = f"{len(tables)} entries; the limit is {most}"
            raise top.fail(key, problem, "split the room into several scenes")
    props = tuple(_prop(r, room) for r in prop_tables)
    npcs = tuple(_npc(r, room) for r in npc_tables)
    _check_unique(path, "props", [p.name for p in props])
    _check_unique(path, "npcs", [n.name for n in npcs])
    spawn_r = top.sub("spawn", required=False)
    spawn_r.check_known(("position", "yaw", "pitch"))
    fog_r = top.sub("fog", required=False)
    fog_r.check_known(("colour", "density"))
    return Scene(
        name=meta.string("name"),
        description=meta.string("description", ""),
        room=room,
        lights=lights,
        props=props,
        npcs=npcs,
        spawn=Spawn(
            position=spawn_r.vec3("position", (0.0, 1.6, 3.0), -100.0, 100.0),
            yaw=spawn_r.number("yaw", 180.0, -360.0, 360.0),
            pitch=spawn_r.number("pitch", 0.0, -89.0, 89.0),
        ),
        fog=Fog(colour=fog_r.colour("colour", "#000000"), density=fog_r.number("density", 0.0, 0.0, 1.0)),
        source=path,
    )


def _check_unique(path: str, key: str, names: list[str]) -> None:
    seen: set[str] = set()
    for i, name in enumerate(names):
        if name.lower() in seen:
            raise SceneError(
                path, f"{key}[{i}].name", f"duplicate name {name!r}", "give every entry its own name"
            )
        seen.add(name.lower())


def resolve_scene_path(name_or_path: str, search: tuple[Path, ...] = (SCENES_DIR,)) -> Path:
    """Turn ``default`` or ``path/to/x.toml`` into an existing file path."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml" or candidate.exists():
        if not candidate.is_file():
            raise SceneError(str(candidate), "", "no such scene file", "check the path or use a scene name")
        return candidate
    for folder in search:
        found = folder / f"{name_or_path}.toml"
        if found.is_file():
            return found
    known = sorted({p.stem for folder in search if folder.is_dir() for p in folder.glob("*.toml")})
    raise SceneError(name_or_path, "", "no such scene", f"known scenes: {', '.join(known) or 'none'}")


def load_scene(name_or_path: str | Path, search: tuple[Path, ...] = (SCENES_DIR,)) -> Scene:
    """Load and validate a scene by name or path, raising :class:`SceneError`."""
    path = resolve_scene_path(str(name_or_path), search)
    try:
        size = path.stat().st_size
        if size > MAX_SCENE_BYTES:
            mb = 1024 * 1024
            problem = f"file of {size / mb:.0f} MB; the limit is {MAX_SCENE_BYTES // mb} MB"
            raise SceneError(str(path), "", problem, "split the room into several scenes")
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SceneError(str(path), "", f"not valid TOML: {exc}", "fix the syntax at that line") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SceneError(str(path), "", f"cannot read: {exc}", "check the file exists and is UTF-8") from None
    return parse_scene(data, str(path))
