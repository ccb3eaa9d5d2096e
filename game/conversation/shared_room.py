"""The conversation in a shared room: the host's NPCs, edits and other people, on this client's main thread.

In a joined room nothing is decided here: the user's final lines go to the room host
(:class:`RoomSink`), which routes them, queues the turns and has a mind worker answer.
What comes back is applied here, on the main thread that owns the world: edit-log entries
(:class:`~game.events.RoomChanged`), NPC bodies (:class:`~game.events.RoomBody`: where each
stands and whom it faces) and the other users' avatars (:class:`PeerAvatars`), drawn with
the NPCs' renderer. NPC lines are voiced by the conversation's own voicing, with lip sync.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Protocol

from game.events import RoomBody, RoomChanged, RoomLine
from game.mind.body import perform
from game.mind.protocols import Action
from game.sim.anim.appearance import Appearance
from game.sim.anim.skeleton import Proportions
from game.sim.room_diff import BadEntry, apply_entry
from game.sim.scene import Vec3
from game.sim.world import World

WALK_AFTER_M = 0.05  # the host's NPC stands this far from ours: walk there
PALE = (0.75, 0.78, 0.82)
GHOST = Appearance(skin=PALE, hair=PALE, top=PALE, bottom=PALE, shoes=PALE)  # dropped: shown pale until gone


class RoomSink(Protocol):
    """Where a joined conversation sends the user's lines (the app's :class:`~game.net.link.RoomLink`)."""

    @property
    def user(self) -> str:
        """The id this client joined as (NPC bodies name whom they face by it)."""
        ...

    def say(self, text: str, gaze: str) -> None:
        """Send a line; ``gaze`` is the NPC the user faces (the host uses it when no name is said)."""
        ...


def apply_room_change(world: World, event: RoomChanged) -> int:
    """Apply a log message's entries to the world; returns how many could not be read."""
    bad = 0
    for entry in event.entries:
        try:
            apply_entry(world, entry)
        except BadEntry:
            bad += 1
    return bad


def follow_body(world: World, event: RoomBody, user: str, user_eye: Vec3, others: dict[str, Vec3]) -> None:
    """Move, turn and point the gaze of an NPC where the host says it is (and whom it answers)."""
    if world.npc(event.npc) is None:
        return
    animator = world.animator
    here = world.npc_destination(event.npc)
    x, _, z = event.position
    if math.hypot(here[0] - x, here[2] - z) > WALK_AFTER_M:
        world.walk_npc(event.npc, (x, 0.0, z))
    target = user_eye if event.look_at == user else others.get(event.look_at)
    if target is not None:
        animator.turn_to(event.npc, target)
        animator.look_at(event.npc, target)
    else:
        animator.get(event.npc).face_target = event.yaw


def act_along(world: World, line: RoomLine, user: str, user_eye: Vec3, others: dict[str, Vec3]) -> None:
    """The NPC's gestures with its line (a wave, pointing at the lamp), toward whom it answers."""
    eye = user_eye if line.to == user else others.get(line.to, user_eye)
    for data in line.acts:
        try:
            perform(world, line.speaker, Action.from_dict(data), eye)
        except (ValueError, TypeError):
            continue  # an action a newer host knows and this build does not


def colour_rgb(text: str) -> tuple[float, float, float]:
    """``#rrggbb`` as 0..1 RGB (a grey for anything else: a peer's colour is untrusted)."""
    if len(text) == 7 and text.startswith("#"):
        try:
            return tuple(int(text[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]
        except ValueError:
            pass
    return (0.55, 0.6, 0.65)


@dataclass(frozen=True)
class PeerView:
    """Another user as the app draws them now."""

    user: str
    display: str
    colour: str
    presence: str  # here | ghost
    position: Vec3
    yaw: float


@dataclass
class PeerAvatars:
    """The other users' avatars in the world's animator (never NPC slots: nobody routes lines to them)."""

    names: dict[str, str] = field(default_factory=dict)  # user → avatar name (their display name)

    def avatar_name(self, world: World, peer: PeerView) -> str:
        """The name tag: the display name, marked when it would clash with an NPC or another user."""
        name = self.names.get(peer.user)
        if name is None:
            name = peer.display or peer.user
            taken = {a.name for a in world.animator.avatars}
            if name in taken:
                name = f"{name} ({peer.user})"
            self.names[peer.user] = name
        return name

    def said(self, world: World, user: str, text: str, now: float) -> None:
        """Another user's line as a bubble over their avatar (the reading time of its words)."""
        name = self.names.get(user)
        if name is None or name not in {a.name for a in world.animator.avatars}:
            return
        avatar = world.animator.get(name)
        avatar.subtitle, avatar.timeline = text, None
        avatar.subtitle_until = now + 2.5 + 0.3 * len(text.split())

    def update(self, world: World, peers: list[PeerView]) -> dict[str, Vec3]:
        """Add, move, ghost and remove avatars; returns user → position (for NPCs that face them)."""
        for peer in peers:
            name = self.avatar_name(world, peer)
            look = GHOST if peer.presence == "ghost" else Appearance(top=colour_rgb(peer.colour))
            world.appearances[name] = look
            x, _, z = peer.position
            if name not in {a.name for a in world.animator.avatars}:
                world.animator.add(name, (x, 0.0, z), peer.yaw, Proportions(look.height, look.build))
                continue
            now = world.animator.get(name).position
            if math.hypot(now[0] - x, now[2] - z) > 0.03:
                world.animator.walk_to(name, x, z)
            else:
                world.animator.get(name).face_target = peer.yaw
        seen = {peer.user: peer.position for peer in peers}
        for user in [u for u in self.names if u not in seen]:
            name = self.names.pop(user)
            if name in {a.name for a in world.animator.avatars}:
                world.animator.remove(name)
            world.appearances.pop(name, None)
        return seen
