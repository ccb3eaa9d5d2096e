"""World edits that mods queue, carried out on the main thread by ``ModHost.apply``.

Each function validates like the mind's own edits do and raises
:class:`~game.sim.world.WorldError` (or a ValueError) with a message fit for the HUD,
so a mod asking for something impossible gets told, and the room stays intact.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from game.sim.anim.animator import AnimationError
from game.sim.colours import RGB, ColourError, parse_colour
from game.sim.placement import DEFAULT_COLOUR, DEFAULT_SCALE, spot_near, spot_on
from game.sim.scene import MAX_POINT_LIGHTS, Light, SceneError, Vec3, parse_scene
from game.sim.world import World, WorldError

Target = str | Vec3
"""Where a mod points an NPC or a prop: a thing's name or a point in the room."""
Say = Callable[[str, str], None]
"""How an edit makes an NPC speak: ``say(npc, text)``."""


def _colour(value: str) -> RGB:
    try:
        return parse_colour(value)
    except ColourError:
        raise WorldError(f"I don't know the colour {value}") from None


def _place(world: World, at: Vec3 | None, near: str, on: str, mover: str = "") -> Vec3:
    if on:
        return spot_on(world, on, ignore=mover)
    if near:
        return spot_near(world, near, ignore=mover)
    if at is not None:
        return (float(at[0]), float(at[1]), float(at[2]))
    raise WorldError("say where: at=(x, y, z), near='thing' or on='thing'")


def spawn(
    world: World,
    prop_type: str,
    name: str,
    at: Vec3 | None,
    near: str,
    on: str,
    colour: str | None,
    size: float,
    pending: set[str],
) -> None:
    """Add a prop where the mod asked (beside or on a thing is computed here, clear of others)."""
    pending.discard(name.lower())
    position = _place(world, at, near, on) if (at is not None or near or on) else (0.0, 0.0, 0.0)
    rgb = _colour(colour) if colour else parse_colour(DEFAULT_COLOUR.get(prop_type, "grey"))
    base = DEFAULT_SCALE.get(prop_type, (1.0, 1.0, 1.0))
    factor = min(max(float(size), 0.05), 10.0)
    world.add_prop(prop_type, position, name=name, colour=rgb, scale_xyz=tuple(s * factor for s in base))  # type: ignore[arg-type]


def move(world: World, name: str, at: Vec3 | None, near: str, on: str) -> None:
    """Move a prop, keeping it clear of other furniture when placed beside a thing."""
    if world.find_prop(name) is None:
        raise WorldError(f"there is no {name} here")
    world.move_prop(name, _place(world, at, near, on, mover=name))


def remove(world: World, name: str) -> None:
    """Remove a prop."""
    world.remove_prop(name)


def resize(world: World, name: str, factor: float) -> None:
    """Scale a prop."""
    world.resize_prop(name, float(factor))


def spawn_npc(world: World, name: str, persona: str, at: Vec3, facing: float) -> None:
    """Add an NPC; its persona defaults to its lower-cased name."""
    world.add_npc(name, persona or name.lower(), at, facing)


def remove_npc(world: World, name: str) -> None:
    """Remove an NPC."""
    world.remove_npc(name)


def recolour(world: World, name: str, colour: str) -> None:
    """Paint a prop or a room surface."""
    rgb = _colour(colour)
    if name in ("walls", "floor", "ceiling"):
        world.recolour_surface(name, rgb)
    else:
        world.recolour_prop(name, rgb)


def _npc(world: World, npc: str) -> str:
    slot = world.npc(npc)
    if slot is None:
        raise WorldError(f"there is nobody called {npc} here")
    return slot.name


def _point(world: World, target: Target) -> Vec3:
    if isinstance(target, str):
        slot = world.npc(target)
        if slot is not None:
            x, _, z = world.npc_position(slot.name)
            return (x, 1.5, z)
        prop = world.find_prop(target)
        if prop is None:
            raise WorldError(f"there is no {target} here")
        return prop.position
    return (float(target[0]), float(target[1]), float(target[2]))


def walk(world: World, npc: str, to: Target) -> None:
    """Walk an NPC beside a thing or to a floor point."""
    name = _npc(world, npc)
    if isinstance(to, str):
        _point(world, to)  # a clear error for unknown things
        world.walk_npc(name, spot_near(world, to, radius=0.35), label=to)
    else:
        world.walk_npc(name, _point(world, to))


def look_at(world: World, npc: str, target: Target | None) -> None:
    """Point an NPC's gaze."""
    world.animator.look_at(_npc(world, npc), None if target is None else _point(world, target))


def gesture(world: World, npc: str, name: str, at: Target | None = None) -> None:
    """Play a gesture clip; ``at`` aims it (``point`` at a thing, a person or a point) and turns the head."""
    who = _npc(world, npc)
    point = None if at is None else _point(world, at)
    try:
        world.animator.play(who, name, at=point)
    except AnimationError as exc:
        raise WorldError(str(exc)) from None
    if point is not None:
        world.animator.look_at(who, point)


def stop(world: World, npc: str) -> None:
    """Stop an NPC's walk and gesture where they are (its speech is stopped by the conversation)."""
    who = _npc(world, npc)
    world.animator.stop(who)
    world.animator.stop_gesture(who)
    world.walk_labels.pop(who, None)


def emotion(world: World, npc: str, name: str) -> None:
    """Set an NPC's facial emotion."""
    try:
        world.animator.set_emotion(_npc(world, npc), name)
    except AnimationError as exc:
        raise WorldError(str(exc)) from None


def say(world: World, speak: Say, npc: str, text: str) -> None:
    """Hand the line to the app's speech path (TTS, subtitles, lip sync)."""
    speak(_npc(world, npc), str(text))


def light(
    world: World,
    name: str,
    colour: str | None,
    intensity: float | None,
    at: Vec3 | None,
    reach: float | None,
) -> None:
    """Change a named light or add a point light."""
    lights = list(world.scene.lights)
    index = next((i for i, lt in enumerate(lights) if lt.name.lower() == name.lower()), None)
    if index is None:
        if sum(1 for lt in lights if lt.type == "point") >= MAX_POINT_LIGHTS:
            raise WorldError(f"a room can hold at most {MAX_POINT_LIGHTS} point lights")
        lights.append(Light(type="point", name=name, position=at or (0.0, 2.5, 0.0)))
        index = len(lights) - 1
    current = lights[index]
    if intensity is not None and not 0.0 <= intensity <= 20.0:
        raise WorldError("light intensity must be between 0 and 20")
    lights[index] = replace(
        current,
        colour=_colour(colour) if colour else current.colour,
        intensity=current.intensity if intensity is None else float(intensity),
        position=at if at is not None else current.position,
        range=current.range if reach is None else float(reach),
    )
    world.scene = replace(world.scene, lights=tuple(lights))
    world.revision += 1


def remove_light(world: World, name: str) -> None:
    """Remove a named light."""
    kept = tuple(lt for lt in world.scene.lights if lt.name.lower() != name.lower())
    if len(kept) == len(world.scene.lights):
        raise WorldError(f"there is no light called {name}")
    world.scene = replace(world.scene, lights=kept)
    world.revision += 1


def load_layout(world: World, path: Path) -> None:
    """Take a saved scene's room, lights and props; the NPCs in the room now stay where they are."""
    try:
        scene = parse_scene(tomllib.loads(path.read_text(encoding="utf-8")), str(path))
    except FileNotFoundError:
        raise WorldError(f"there is no saved room called {path.stem}") from None
    except (OSError, tomllib.TOMLDecodeError, SceneError) as exc:
        raise WorldError(f"cannot load {path.name}: {exc}") from None
    world.scene = replace(
        world.scene,
        room=scene.room,
        lights=scene.lights,
        props=scene.props,
        fog=scene.fog,
    )
    world.revision += 1
