"""Body actions (gestures, gaze, pointing, sitting, following) carried out by the avatars.

Room edits and ``walk_to`` go through :func:`game.mind.actions.apply_action`; this
module turns the rest of a reply's actions into animator commands on the main thread.
Targets are names: a prop, an NPC, or ``user``.
"""

from __future__ import annotations

from game.mind.protocols import Action
from game.sim.anim.clips import GESTURES
from game.sim.anim.face import EMOTIONS
from game.sim.scene import Vec3
from game.sim.seating import seat_npc
from game.sim.world import World

GESTURE_ACTIONS = {"wave": "wave", "nod": "nod", "shake_head": "shake_head"}


def target_point(world: World, target: str, user_eye: Vec3) -> Vec3 | None:
    """World position of a named target: the user's eyes, an NPC's head height, a prop's top."""
    if target in ("user", "you", "me"):
        return user_eye
    if world.npc(target) is not None:
        x, _, z = world.npc_position(world.npc(target).name)  # type: ignore[union-attr]
        return (x, 1.55, z)
    prop = world.find_prop(target)
    if prop is not None:
        from game.sim.resting import prop_bounds

        lo, hi = prop_bounds(prop)
        return (float((lo[0] + hi[0]) / 2), float(hi[1]), float((lo[2] + hi[2]) / 2))
    return None


def perform(world: World, npc: str, action: Action, user_eye: Vec3) -> str:
    """Make ``npc``'s avatar do a body action; returns a short description ('' if none)."""
    anim = world.animator
    name = action.name
    target = str(action.arg("target", "") or "")
    if name in GESTURE_ACTIONS:
        anim.play(npc, GESTURE_ACTIONS[name], at=user_eye)
        return f"{npc} {name.replace('_', ' ')}s"
    if name == "point_at":
        point = target_point(world, target, user_eye)
        if point is None:
            return ""
        anim.play(npc, "point", at=point)
        anim.look_at(npc, point)
        return f"{npc} points at {target}"
    if name == "look_at":
        anim.look_at(npc, target_point(world, target, user_eye))
        return ""
    if name == "sit":
        seat = seat_npc(world, npc, target)  # "take a seat": the nearest free one
        if seat:
            return f"{npc} sits on the {seat}"
        anim.sit(npc)
        return f"{npc} sits down"
    if name == "stand":
        anim.stop(npc)
        return f"{npc} stands up"
    if name == "follow":
        anim.get(npc).following = target or "user"
        return f"{npc} follows {target or 'you'}"
    if name == "stop_following":
        anim.stop(npc)
        return f"{npc} stops following"
    if name == "emote":
        kind = str(action.arg("kind", "") or "")
        if kind in GESTURES:
            anim.play(npc, kind, at=user_eye)
        elif kind in EMOTIONS:
            anim.set_emotion(npc, kind)
        return ""
    return ""


def follow_step(world: World, user_eye: Vec3, keep: float = 1.2) -> None:
    """Each tick: NPCs that follow walk toward their target when it is more than ``keep`` m away."""
    for a in world.animator.avatars:
        if a.following is None:
            continue
        point = target_point(world, a.following, user_eye)
        if point is None:
            a.following = None
            continue
        dx, dz = point[0] - a.position[0], point[2] - a.position[2]
        dist = (dx * dx + dz * dz) ** 0.5
        if dist > keep + 0.4 and a.walk_target is None:
            ratio = (dist - keep) / dist
            world.walk_npc(a.name, (a.position[0] + dx * ratio, 0.0, a.position[2] + dz * ratio))
