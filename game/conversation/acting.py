"""Carrying out what a reply asks for: its actions on the world and the avatars.

A reply's actions run on the main thread, which owns the world: a mod's own action goes
to the mod that registered it, a room edit or a walk to :func:`~game.mind.actions.apply_action`,
a gesture or gaze to the avatar (:func:`~game.mind.body.perform`). Each outcome is posted
as an :class:`~game.events.ActionDone`, so the HUD, the log and ``simulate`` see what
changed and what could not be done.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from game.bus import EventBus
from game.events import ActionDone
from game.mind.actions import apply_action
from game.mind.body import perform
from game.mind.protocols import Reply
from game.sim.scene import Vec3
from game.sim.world import World, WorldError


def carry_out(world: World, bus: EventBus, mods: Any, npc: str, reply: Reply, user_eye: Vec3) -> None:
    """Run every action of ``reply`` as ``npc``; an impossible one is reported, not raised."""
    for action in reply.actions:
        if mods is not None and mods.action(npc, action):
            continue
        try:
            if action.is_edit or action.name == "walk_to":
                change = apply_action(world, action, actor=npc)
            else:
                change = perform(world, npc, action, user_eye)
        except (WorldError, ValueError) as exc:
            bus.put(ActionDone(npc=npc, action=action.name, error=str(exc)))
            continue
        bus.put(ActionDone(npc=npc, action=action.name, change=change))


def without_actions(reply: Reply) -> Reply:
    """The reply without its actions (they were carried out already, body actions included)."""
    return replace(reply, actions=())
