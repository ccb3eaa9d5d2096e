"""A shared room's edit-log entries: what changed in a room, as state, not as the command that changed it.

The host applies an edit (a user's or an NPC's action) to its world, then logs the
*difference* between the room before and after: a prop as it now is, a prop that is
gone, a surface's new colour, the lights' new intensities. Replaying entries needs no
placement logic, so every client, standby host and mind worker that folds the same log
over the same scene holds the same room, whatever version of the placement code it runs.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from game.sim.scene import MAX_INTENSITY, Prop, Scene
from game.sim.world import World

Entry = dict[str, Any]


class BadEntry(ValueError):
    """An entry this build cannot read (a newer writer, or a corrupt message)."""


SURFACES = ("walls", "floor", "ceiling")


def _prop_entry(prop: Prop) -> Entry:
    return {
        "op": "prop",
        "name": prop.name,
        "type": prop.type,
        "pos": list(prop.position),
        "rot": list(prop.rotation),
        "scale": list(prop.scale),
        "colour": list(prop.colour),
    }


def diff(before: Scene, after: Scene) -> list[Entry]:
    """The entries that turn ``before``'s props, surfaces and light level into ``after``'s."""
    old = {p.name: p for p in before.props}
    new = {p.name: p for p in after.props}
    entries = [_prop_entry(p) for name, p in new.items() if old.get(name) != p]
    entries += [{"op": "drop", "name": name} for name in old if name not in new]
    for surface in SURFACES:
        colour = getattr(after.room, surface).colour
        if getattr(before.room, surface).colour != colour:
            entries.append({"op": "surface", "surface": surface, "colour": list(colour)})
    if after.lights != before.lights:
        entries.append({"op": "lights", "intensity": [light.intensity for light in after.lights]})
    return entries


def _vec(entry: Entry, key: str) -> tuple[float, float, float]:
    value = entry.get(key)
    if not isinstance(value, list) or len(value) != 3 or not all(isinstance(x, int | float) for x in value):
        raise BadEntry(f"log entry with a bad {key!r}")
    return (float(value[0]), float(value[1]), float(value[2]))


def apply_entry(world: World, entry: Entry) -> None:
    """Apply one entry to ``world``; :class:`BadEntry` for an entry this build cannot read."""
    op = entry.get("op")
    if op == "prop":
        name, kind = entry.get("name"), entry.get("type")
        if not isinstance(name, str) or not isinstance(kind, str):
            raise BadEntry("prop entry without a name and type")
        prop = Prop(
            name, kind, _vec(entry, "pos"), _vec(entry, "rot"), _vec(entry, "scale"), _vec(entry, "colour")
        )
        props = [p for p in world.scene.props if p.name != name]
        world.scene = world.scene.with_props((*props, prop))
    elif op == "drop":
        name = entry.get("name")
        world.scene = world.scene.with_props(tuple(p for p in world.scene.props if p.name != name))
    elif op == "surface":
        surface = entry.get("surface")
        if surface not in SURFACES:
            raise BadEntry(f"surface entry for {surface!r}")
        room = world.scene.room
        material = replace(getattr(room, str(surface)), colour=_vec(entry, "colour"))
        world.scene = replace(world.scene, room=replace(room, **{str(surface): material}))
    elif op == "lights":  # the same scene's lights, each at its new intensity
        levels, lights = entry.get("intensity"), world.scene.lights
        if not isinstance(levels, list) or len(levels) != len(lights):
            raise BadEntry("lights entry that does not fit this scene's lights")
        if not all(isinstance(x, int | float) and 0 <= x <= MAX_INTENSITY for x in levels):
            raise BadEntry("lights entry with a bad intensity")
        lit = tuple(replace(light, intensity=float(x)) for light, x in zip(lights, levels, strict=True))
        world.scene = replace(world.scene, lights=lit)
    else:
        raise BadEntry(f"log entry with unknown op {op!r}")
    world.revision += 1
