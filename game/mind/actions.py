"""Carry out a brain's actions on a :class:`~game.sim.world.World` (pure, no GL, no audio).

The simulation calls :func:`apply_action` on the main thread for each action of a reply.
Room edits change the props, surfaces and lights; ``walk_to`` moves the actor's logical position to its goal
(the animation system walks the body there). Placement is computed here, not by the
brain: "on the table" means on its top surface in a free spot, "next to the sofa" means
beside it on the side facing the room, clear of other furniture and inside the walls.
"""

from __future__ import annotations

from dataclasses import replace

from game.mind.protocols import Action
from game.sim.colours import ColourError, colour_name, parse_colour
from game.sim.lighting import BRIGHTER, relit
from game.sim.placement import DEFAULT_COLOUR, DEFAULT_SCALE, spot_near, spot_on
from game.sim.scene import PROP_TYPES, Vec3
from game.sim.world import Change, World, WorldError

SURFACE_NAMES = ("walls", "floor", "ceiling")
MAX_ADDED = 5
"""One request adds at most this many props ("add five chairs"); more is refused, not cut short."""


def _colour(action: Action) -> tuple[float, float, float]:
    try:
        return parse_colour(action.arg("colour"))
    except ColourError:
        raise WorldError(f"I don't know the colour {action.arg('colour')}") from None


def _destination(world: World, action: Action, mover: str) -> Vec3:
    if action.arg("on"):
        return spot_on(world, str(action.arg("on")), ignore=mover)
    if action.arg("near"):
        return spot_near(world, str(action.arg("near")), ignore=mover)
    position = action.arg("position")
    if isinstance(position, tuple) and len(position) == 3:
        return (float(position[0]), float(position[1]), float(position[2]))
    raise WorldError("I need to know where to put it")


def apply_action(world: World, action: Action, actor: str = "") -> str:
    """Apply one action; returns what changed in words ('' when the world is untouched).

    Raises :class:`~game.sim.world.WorldError` with a speakable message when the edit is
    impossible (unknown prop, unknown colour, nowhere to put it, nothing to undo). Each room
    edit is remembered on the world, so ``undo`` can take the latest back.
    """
    name = action.name
    if name == "undo":
        return f"undid: {world.undo().what}"
    if action.is_edit:
        before = world.scene
        change = _edit(world, action)
        world.remember(Change(change, before.props, before.room, before.lights))
        return change
    slot = world.npc(actor) if actor else None
    if name == "walk_to" and slot is not None:
        target = str(action.arg("target", ""))
        if target == "user":
            eye = world.scene.spawn.position
            world.walk_npc(slot.name, (eye[0], 0.0, eye[2] - 0.8), label="user")
            return f"{slot.name} walked to you"
        if world.find_prop(target) is None and world.npc(target) is None:
            raise WorldError(f"there is no {target} here")
        world.walk_npc(slot.name, spot_near(world, target, radius=0.35), label=target)
        return f"{slot.name} walked to {target}"
    return ""


def _edit(world: World, action: Action) -> str:
    """Make one room edit; returns what changed in words."""
    name = action.name
    if name == "add_prop":
        kind = str(action.arg("type", ""))
        if kind not in PROP_TYPES:
            raise WorldError(f"I don't know how to make a {kind or 'thing like that'}")
        colour = _colour(action) if action.arg("colour") else parse_colour(DEFAULT_COLOUR.get(kind, "grey"))
        count = action.arg("count", 1)
        if not isinstance(count, int) or not 1 <= count <= MAX_ADDED:
            raise WorldError(f"I can add one to {MAX_ADDED} at a time")
        wanted = str(action.arg("prop_name", "")) or None
        if wanted is not None and world.find_prop(wanted) is not None:
            wanted = None  # the room changed since the brain looked; pick a fresh name
        added: list[str] = []
        try:
            for _ in range(count):  # one edit, so one "undo" takes them all back
                position = _destination(world, action, "")
                scale = DEFAULT_SCALE.get(kind, (1.0, 1.0, 1.0))
                added.append(world.add_prop(kind, position, name=wanted, colour=colour, scale_xyz=scale).name)
                wanted = None
        except WorldError:
            for name in added:  # all or none: the reply promised them all
                world.remove_prop(name)
            raise
        return f"added {' and '.join(added)}"
    if name == "remove_prop":
        prop = world.remove_prop(str(action.arg("target", "")))
        return f"removed {prop.name}"
    if name == "move_prop":
        target = str(action.arg("target", ""))
        if world.find_prop(target) is None:
            raise WorldError(f"there is no {target} here")
        prop = world.move_prop(target, _destination(world, action, target))
        return f"moved {prop.name}"
    if name == "recolour":
        target, colour = str(action.arg("target", "")), _colour(action)
        if target in SURFACE_NAMES:
            world.recolour_surface(target, colour)
            return f"recoloured {target} {colour_name(colour)}"
        prop = world.recolour_prop(target, colour)
        return f"recoloured {prop.name} {colour_name(colour)}"
    if name == "resize":
        prop = world.resize_prop(str(action.arg("target", "")), float(action.arg("factor", 1.0)))
        return f"resized {prop.name}"
    if name == "lights":
        factor = action.arg("factor", BRIGHTER)
        if not isinstance(factor, int | float) or not 0.25 <= factor <= 4.0:
            raise WorldError("that is too big a change for the lights")
        world.scene = replace(world.scene, lights=relit(world.scene, float(factor)))
        world.revision += 1
        return f"{'brightened' if factor > 1 else 'dimmed'} the lights"
    raise WorldError(f"I can't do {name}")
