"""The room host: the one writer of a shared room's objects, NPC bodies and edit log.

A host connects, makes sure the room's KV bucket and log stream exist, and follows the
log as a standby until it holds the room's lease (:mod:`game.net.lease`). Then it serves:

- ``edit.<user>`` requests: the user's role and rate are checked and the edit goes to the
  room's :class:`~game.net.edit_log.EditLog` (fenced, deduplicated, republished to all).
- ``say.<user>`` requests: the line is shown to everyone, routed to an NPC
  (:func:`~game.mind.addressing.choose_addressee` with that user's pose) and queued in the
  NPC's turns (:mod:`game.net.npc_turns`); a mind worker answers. ``guess.<user>``
  requests are answered to that user only, kept unacted until a ``say`` adopts one.
- ``sync.<user>`` requests: a page of the log after the client's last sequence.
- ``talk.<user>``: a user began or stopped speaking. With the lines said and the NPCs' turns it
  tells the room's initiative (:mod:`game.net.stage`) when the room is quiet, and stops a scene.
- ``pose.*``: where each user stands and looks, for addressing and gaze (presence is the
  clients' own business: each reads the others' heartbeats).

The sender of every request is the subject's user token, which the server's permissions
tie to the connection's login; a payload that names another user is dropped and counted.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import nats
from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.js import JetStreamContext

from game.mind.actions import apply_action
from game.mind.addressing import choose_addressee
from game.mind.protocols import Action, Brain
from game.net import subjects
from game.net.access import EDIT_ROLES, Access
from game.net.bodies import NpcBodies
from game.net.connect import connect
from game.net.edit_log import EditLog
from game.net.jetstream import catch_up, follow_log, room_bucket, room_stream, when_ready
from game.net.lease import RENEW_S, Lease
from game.net.limits import RateLimits
from game.net.minds import MindWorker
from game.net.npc_turns import NpcTurns, Turn, to_action
from game.net.replica import RoomReplica
from game.net.schema import BadMessage, decode, decode_pose, encode
from game.net.stage import Pose, RoomInitiative
from game.net.thoughts import Thoughts
from game.sim.scene import Scene, Vec3, load_scene
from game.sim.transform import forward_vector
from game.sim.world import World, WorldError

log = logging.getLogger(__name__)

TICK_S = 0.05  # NPC bodies: simulated and published (on change) 20 times a second
PAGE = 32  # log messages per sync reply


@dataclass
class HostStats:
    """What the host counted (``voxroom host`` prints it at exit; tests and the benchmark read it)."""

    dropped: int = 0  # malformed, oversized or spoofed messages
    refused: int = 0  # edits refused for role or rate
    edits: int = 0
    became_host_at: float | None = None
    problems: list[str] = field(default_factory=list)


class RoomHost:
    """Host (or standby) for one room; :meth:`run` until ``stop`` is set."""

    def __init__(
        self,
        url: str,
        room: str,
        scene_name: str = "default",
        access: Access | None = None,
        brain: Brain | None = None,
        holder: str = "",
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        hold: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        scenes: Callable[[str], Scene] = load_scene,
        npc_scenes: bool = True,
    ) -> None:
        self.url, self.room, self.access, self.scene_name = url, room, access, scene_name
        self.holder = holder or f"host-{uuid.uuid4().hex[:8]}"
        self.clock, self.wall = clock, wall
        self.replica = RoomReplica(scenes(scene_name))
        self.minds = MindWorker(room, self.replica, brain) if brain is not None else None
        self.limits = RateLimits(clock)
        self.stats = HostStats()
        self.poses: dict[str, tuple[Vec3, float]] = {}  # user → (position, yaw)
        self.thoughts = Thoughts(
            room, lambda: self._nc, lambda u: self._pose(u)[0], self._may_edit, clock, self.stats.problems
        )
        self.turns = NpcTurns(self.thoughts.think, self._act, self._announce, self._face, hold=hold)
        self.bodies = NpcBodies()
        world: Callable[[], World] = lambda: self.replica.world  # noqa: E731
        self.initiative = RoomInitiative(room, world, self._pose, lambda: not self.turns.idle, clock, wall)
        self.initiative.everyone.scenes = npc_scenes  # ``conversation.scenes`` on the host's machine
        self.initiative.face = lambda npc, user: self.bodies.face(world(), npc, user, False, self.poses)
        self.active = asyncio.Event()
        self._log: EditLog | None = None
        self._nc: Client | None = None
        self._js: JetStreamContext | None = None
        self._lease: Lease | None = None
        self._subs: list[Any] = []
        self._tasks: list[asyncio.Task[None]] = []

    # --- lifecycle -------------------------------------------------------------------------------
    async def run(self, stop: asyncio.Event) -> None:
        """Stand by until holding the lease, then serve until ``stop`` (or the lease is lost)."""
        nc = self._nc = await connect(self.url, self.holder)
        js = self._js = nc.jetstream()
        kv = await when_ready(lambda: room_bucket(js))
        await when_ready(lambda: room_stream(js, self.room))
        self._lease = Lease(kv, subjects.lease_key(self.room), self.holder, self.clock)
        self._subs.append(await follow_log(nc, js, self.room, self.replica))
        if self.minds is not None:
            await self.minds.start(nc)
        waiting = asyncio.create_task(self._lease.wait_for_it())
        stopping = asyncio.create_task(stop.wait())
        await asyncio.wait({waiting, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if waiting.done():
            await self._serve(stop)
        waiting.cancel()
        stopping.cancel()
        await self._close(release=True)

    async def _serve(self, stop: asyncio.Event) -> None:
        assert self._nc is not None and self._js is not None and self._lease is not None
        await catch_up(self._js, self.room, self.replica)
        self._log = EditLog(self._js, self.room, self.replica)
        self.stats.became_host_at = self.clock()
        nc, room = self._nc, self.room
        for subject, cb in (
            (subjects.pose(room), self._on_pose),
            (subjects.say(room), self._on_say),
            (subjects.guess(room), self._on_guess),
            (subjects.edit(room), self._on_edit),
            (subjects.sync(room), self._on_sync),
            (subjects.talk(room), self._on_talk),
        ):
            self._subs.append(await nc.subscribe(subject, cb=cb))
        self.active.set()
        log.info("%s hosts room %s from log sequence %d", self.holder, room, self.replica.seq)
        self._tasks = [asyncio.create_task(self._renew(stop)), asyncio.create_task(self._tick(stop))]
        await stop.wait()
        for task in self._tasks:
            task.cancel()
        await self.turns.stop()

    async def _renew(self, stop: asyncio.Event) -> None:
        """Renew every half second; a dropped connection retries, a lease taken by another ends hosting."""
        assert self._lease is not None
        while not stop.is_set():
            await asyncio.sleep(RENEW_S)
            try:
                held = await self._lease.renew()
            except (nats.errors.Error, TimeoutError) as exc:  # reconnecting: try again next time
                log.info("lease renewal of %s failed: %s", self.room, exc)
                continue
            if not held:
                self.stats.problems.append(f"{self.holder} lost the lease of room {self.room}")
                stop.set()

    async def crash(self) -> None:
        """Drop the connection without a goodbye, as a killed process would (the failover test)."""
        if self._nc is not None:
            for task in self._tasks:
                task.cancel()
            await self.turns.stop()
            with contextlib.suppress(Exception):
                await self._nc._transport.close()  # type: ignore[union-attr]  # no flush, no unsubscribe
            with contextlib.suppress(Exception):
                await self._nc.close()
        self._nc = None

    async def _close(self, release: bool) -> None:
        if self.minds is not None:
            await self.minds.stop()
        if self._nc is None:
            return
        if release and self._lease is not None:
            with contextlib.suppress(Exception):
                await self._lease.release()
        with contextlib.suppress(Exception):
            await self._nc.drain()
        self._nc = None

    async def _log_edit(self, by: str, via: str, edit_id: str, action: Action) -> tuple[bool, str]:
        assert self._log is not None
        ok, detail = await self._log.edit(by, via, edit_id, action)
        self.stats.edits = self._log.written
        return ok, detail

    # --- requests --------------------------------------------------------------------------------
    async def _sender(self, msg: Msg, kind: str) -> tuple[str, dict[str, Any]] | None:
        """The subject's user and the checked payload, or None (counted) for a bad, spoofed or excess one.

        A request over the user's rate is answered ("slow down"), so an honest client hears
        why instead of retrying into the limit; anything else bad gets no answer.
        """
        user = msg.subject.rsplit(".", 1)[-1]
        try:
            message = decode(msg.data, kind)
        except BadMessage as exc:
            self.stats.dropped += 1
            log.debug("dropped a %s from %s: %s", kind, user, exc)
            return None
        if message.get("user") != user:
            self.stats.dropped += 1
            return None
        if not self.limits.allow(user, kind):
            self.stats.dropped += 1
            await self._reply(msg, False, f"too many {kind} requests from {user}; wait a moment")
            return None
        return user, message

    def _pose(self, user: str) -> Pose:
        spawn = self.replica.scene.spawn
        return self.poses.get(user, (spawn.position, spawn.yaw))

    def _role(self, user: str) -> str:
        return "editor" if self.access is None else self.access.role(user, self.room)

    def _may_edit(self, user: str) -> bool:
        return self._role(user) in EDIT_ROLES

    async def _reply(self, msg: Msg, ok: bool, detail: str) -> None:
        if msg.reply:
            await msg.respond(encode("ack", ok=ok, detail=detail[:500]))

    async def _on_pose(self, msg: Msg) -> None:
        user = msg.subject.rsplit(".", 1)[-1]
        try:
            pose = decode_pose(msg.data)
        except BadMessage:
            self.stats.dropped += 1
            return
        if self.limits.allow(user, "pose"):
            p = pose["pos"]
            self.initiative.joined(user)  # (once a user) NPCs that know their name may greet them
            self.poses[user] = ((float(p[0]), float(p[1]), float(p[2])), float(pose["yaw"]))

    async def _on_edit(self, msg: Msg) -> None:
        got = await self._sender(msg, "edit")
        if got is None:
            return
        user, request = got
        if self._role(user) not in EDIT_ROLES:
            self.stats.refused += 1
            await self._reply(msg, False, f"{user} is a guest in {self.room}: only owners and editors edit")
            return
        action = to_action({"name": request["action"], **request["args"]})
        if action is None or not action.is_edit:
            self.stats.dropped += 1
            await self._reply(msg, False, f"{request['action']!r} is not a room edit")
            return
        ok, detail = await self._log_edit(user, user, str(request["id"]), action)
        await self._reply(msg, ok, detail)

    async def _on_sync(self, msg: Msg) -> None:
        got = await self._sender(msg, "sync")
        if got is None:
            return
        await msg.respond(self.replica.page(self.scene_name, int(got[1]["after"]), PAGE))

    async def _on_say(self, msg: Msg) -> None:
        got = await self._sender(msg, "say")
        if got is None:
            return
        user, request = got
        text = str(request["text"]).strip()
        self.initiative.said(user, text)  # the room is not quiet; a scene stops
        await self._send_initiative()
        position, yaw = self._pose(user)
        world = self.replica.world
        guess = self.thoughts.adopt(user, str(request["guess"]))
        npc: str | None
        if guess is not None and world.npc(guess[0]) is not None:
            npc, reason = guess[0], "guessed"  # the speaker already hears this NPC's answer
        else:
            guess = None
            npc, reason = choose_addressee(text, world, position, forward_vector(yaw, 0.0))
            if npc is None and request["gaze"] and world.npc(str(request["gaze"])) is not None:
                npc, reason = str(request["gaze"]), "looked at"
        await self._line(user, npc or "", text, npc=False, extra={})
        if npc is None:
            await self._reply(msg, False, "nobody is near enough to hear; face an NPC or say its name")
            return
        turn_id = str(request["guess"]) if guess is not None else str(request["id"])
        turn = Turn(user, text, reason, turn_id, guess[1] if guess is not None else None)
        ahead = self.turns.add(npc, turn)
        await self._reply(msg, True, f"{npc}" + (f" (after {ahead} more)" if ahead else ""))

    # --- the turns' side -------------------------------------------------------------------------
    async def _on_talk(self, msg: Msg) -> None:
        got = await self._sender(msg, "talk")
        if got is not None:
            self.initiative.talk(got[0], bool(got[1]["on"]))
            await self._send_initiative()

    async def _act(self, turn: Turn, npc: str, actions: list[Action], thought: dict[str, Any]) -> str:
        """Apply the NPC's actions (a kept guess's are applied only now); what to say instead, or ""."""
        if turn.thought is not None:
            await self.thoughts.remember(turn, thought)
        return await self._apply(turn.user, npc, actions)

    async def _on_guess(self, msg: Msg) -> None:
        """Answer what a user seems to be saying, to that user only; nothing is said, done or remembered."""
        got = await self._sender(msg, "guess")
        if got is None:
            return
        user, request = got
        npc = str(request["npc"])
        if self.replica.world.npc(npc) is None:
            await self._reply(msg, False, f"there is nobody called {npc} here")
            return
        answer = await self.thoughts.guess(Turn(user, str(request["text"]), "guess", str(request["id"])), npc)
        if answer is None:
            await self._reply(msg, False, "no mind worker answered")
            return
        await msg.respond(answer)

    async def _apply(self, user: str, npc: str, actions: list[Action]) -> str:
        """Apply the NPC's actions; returns what to say instead when an edit failed, else ""."""
        before = self.replica.world.scene
        for action in actions:
            if action.is_edit:
                ok, detail = await self._log_edit(user, npc, uuid.uuid4().hex[:12], action)
                if not ok:
                    return f"I couldn't: {detail}."
                continue
            with contextlib.suppress(WorldError):
                target = self._pose(user)[0]
                if action.name == "walk_to" and action.arg("target") == "user":
                    self.replica.world.walk_npc(npc, (target[0], 0.0, target[2] - 0.8), label=user)
                else:
                    apply_action(self.replica.world, action, actor=npc)
        if any(a.is_edit for a in actions):
            self.initiative.edited(user, npc, before)  # a bystander may remark on what changed
        return ""

    async def _announce(self, npc: str, turn: Turn, text: str, extra: dict[str, Any]) -> None:
        await self._line(npc, turn.user, text, npc=True, extra=extra, turn_id=turn.id)

    async def _line(
        self, speaker: str, to: str, text: str, npc: bool, extra: dict[str, Any], turn_id: str = ""
    ) -> None:
        assert self._nc is not None
        data = encode(
            "line",
            id=turn_id,
            speaker=speaker,
            to=to,
            text=text,
            npc=npc,
            voice=extra.get("voice", {}),
            start=self.wall(),
            duration=float(extra.get("duration", 0.0)),
            acts=list(extra.get("acts", [])),
        )
        await self._nc.publish(subjects.line(self.room), data)

    async def _face(self, npc: str, user: str, speaking: bool) -> None:
        self.bodies.face(self.replica.world, npc, user, speaking, self.poses)
        await self._publish_bodies()

    # --- NPC bodies ------------------------------------------------------------------------------
    async def _tick(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self.replica.world.tick(TICK_S)
            self.initiative.tick()
            await self._send_initiative()
            await self._publish_bodies()
            await asyncio.sleep(TICK_S)

    async def _send_initiative(self) -> None:
        """The initiative's lines and hushes (a user spoke over a scene), in order."""
        outbox, self.initiative.voices.outbox = self.initiative.voices.outbox, []
        for subject, data in outbox if self._nc is not None else []:
            await self._nc.publish(subject, data)  # type: ignore[union-attr]

    async def _publish_bodies(self) -> None:
        if self._nc is not None:
            for data in self.bodies.changed(self.replica.world):
                await self._nc.publish(subjects.npc(self.room), data)
