"""The conversation in a shared room: the host's NPCs, edits and other people, on this client's main thread.

In a joined room nothing is decided here: the user's final lines go to the room host
(:class:`RoomSink`), which routes them, queues the turns and has a mind worker answer.
What comes back is applied here, on the main thread that owns the world: edit-log entries
(:class:`~game.events.RoomChanged`), NPC bodies (:class:`~game.events.RoomBody`: where each
stands and whom it faces) and the other users' avatars (:class:`PeerAvatars`), drawn with
the NPCs' renderer. NPC lines are voiced by the conversation's own voicing, with lip sync.

Thinking shows as alone: the sender's window shows its NPC thinking on the tick that ends
the turn (and says the persona's filler if the host's line is late), and the host's
``thinking`` word (:class:`~game.events.RoomThinking`) shows it on every other window, or
moves it on the sender's when the host chose another NPC (:func:`room_thinking`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from game.conversation.turns import TurnRecord
from game.mind.body import perform, target_point
from game.mind.protocols import Action
from game.room_events import RoomBody, RoomChanged, RoomLine, RoomThinking
from game.sim.anim.appearance import Appearance
from game.sim.anim.skeleton import Proportions
from game.sim.room_diff import BadEntry, apply_entry
from game.sim.scene import Vec3
from game.sim.world import World

if TYPE_CHECKING:
    from game.conversation.live import Conversation

ROOM_GIVE_UP_S = 12.0  # "…" with no line by then ends anyway (the host's mind timeout is 8 s)
WALK_AFTER_M = 0.05  # the host's NPC stands this far from ours: walk there
PALE = (0.75, 0.78, 0.82)
GHOST = Appearance(skin=PALE, hair=PALE, top=PALE, bottom=PALE, shoes=PALE)  # dropped: shown pale until gone


class RoomSink(Protocol):
    """Where a joined conversation sends the user's lines (the app's :class:`~game.net.link.RoomLink`)."""

    @property
    def user(self) -> str:
        """The id this client joined as (NPC bodies name whom they face by it)."""
        ...

    def say(self, text: str, gaze: str, guess_played: bool = False) -> None:
        """Send a line; ``gaze`` is the NPC the user faces (the host uses it when no name is said).

        ``guess_played``: the room's answer to a guess at these words already plays here, so the
        line adopts it instead of being answered again.
        """
        ...

    def talk(self, on: bool) -> None:
        """The user began (``on``) or stopped speaking: the host stops a scene for everyone."""
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


def room_thinking(conv: Conversation, event: RoomThinking) -> None:
    """The host's word that an NPC took a user's line (or gave up on it), shown on this window.

    For another user's line the NPC looks at their avatar and shows "…" (no filler: the wait
    is theirs). For this user's own line the reaction already showed when the turn ended;
    the word only moves it when the host chose another NPC. An NPC already speaking (an early
    answer playing here) shows nothing over its words.
    """
    world, thinking, npc = conv.world, conv.thinking, event.npc
    if world.npc(npc) is None:
        return
    if not event.on:
        thinking.stop(world, npc)  # the host's mind gave no answer
        return
    if conv.voicing.voicing(npc) or npc in thinking.npcs:
        return
    now = conv.clock()
    if conv.room is not None and event.to == conv.room.user:
        guessed, since = conv.view.listening_to, now
        if guessed is not None and guessed != npc:  # this window routed the line to another NPC
            started = thinking.since(guessed)
            since = now if started is None else started
            thinking.stop(world, guessed)
        thinking.begin(world, npc, conv.user_eye, since, until=since + ROOM_GIVE_UP_S)
        return
    eye = conv.peers.get(event.to, conv.user_eye)
    thinking.begin(world, npc, eye, now, filler=False, until=now + ROOM_GIVE_UP_S)


def send_to_room(
    conv: Conversation,
    room: RoomSink,
    text: str,
    t: float,
    speech_end: float | None,
    npc: str | None,
    reason: str,
) -> None:
    """Send the user's line to the host, which routes it; meanwhile the NPC it seems for listens.

    The turn is timed like any other (F3, bench voice) and thinking shows at once, with a
    filler if the host's line is late; the host may still route it elsewhere, or find someone
    (a name it knows) when this window found nobody.
    """
    conv.listen(npc)
    if npc is None:
        conv.thinking.stop(conv.world)
    else:
        turn = conv.open_turn(TurnRecord(npc, text, reason, speech_end=speech_end, final=t))
        ended = t if speech_end is None else speech_end  # a typed line's turn ends when it arrives
        until = ended + ROOM_GIVE_UP_S
        turn.reaction = conv.thinking.begin(conv.world, npc, conv.user_eye, ended, until=until)
    room.say(text, npc or "")  # everyone sees the line; the host's NPC answers


def room_line(conv: Conversation, event: RoomLine) -> None:
    """An NPC's line from the host, voiced and acted in every window; one to this user times its turn."""
    if not event.npc or conv.world.npc(event.speaker) is None:
        return
    turn = conv.turn_by_npc.get(event.speaker)
    mine = conv.room is not None and event.to == conv.room.user
    if mine and turn is not None and turn.reply is None:
        turn.reply, turn.reply_text = conv.clock(), event.text
    conv.voicing.say(event.speaker, event.text)  # every client voices it, with lip sync
    conv.thinking.replied(conv.world, event.speaker)  # "…" until it is heard
    act_along(conv.world, event, conv.room.user if conv.room else "", conv.user_eye, conv.peers)


def act_along(world: World, line: RoomLine, user: str, user_eye: Vec3, others: dict[str, Vec3]) -> None:
    """The NPC's gestures with its line (a wave, pointing at the lamp), toward whom it speaks.

    A line to another NPC (a scene) looks at that NPC; the host's body messages turn it.
    """
    eye = user_eye if line.to == user else others.get(line.to, user_eye)
    if line.to != user and world.npc(line.to) is not None:
        eye = target_point(world, line.to, user_eye) or user_eye
        world.animator.look_at(line.speaker, eye)
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
