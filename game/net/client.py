"""A user in a shared room: their avatar out, everyone else's avatars, NPCs, lines and edits in.

The client owns exactly one avatar: it publishes its pose (on change, at most
:data:`POSE_HZ` a second) and a heartbeat; the server's permissions let it publish
nothing else of anyone's. Speech recognition stays on this machine: only the transcript
and the gaze target travel (:meth:`RoomClient.say`). NPC replies arrive as text, voice and
start time, and :attr:`RoomClient.on_line` voices them locally with lip sync, so no audio
crosses the network.

The room is a :class:`~game.net.replica.RoomReplica`: the scene named by the host,
folded with the edit log. The client remembers the last sequence it applied and, after a
reconnect or a gap, asks the host for what came after it, so nothing is missed or
applied twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import nats
from nats.aio.client import Client
from nats.aio.msg import Msg

from game.net import subjects
from game.net.connect import connect
from game.net.peers import Peer
from game.net.replica import RoomReplica
from game.net.schema import BadMessage, decode, decode_pose, encode, encode_pose
from game.sim.scene import Scene, Vec3, load_scene

POSE_HZ = 15.0
HEARTBEAT_S = 1.0
INTERPOLATION_DELAY_S = 0.1  # others' avatars are drawn this far in the past, between two poses
REQUEST_TIMEOUT_S = 1.0
EDIT_DEADLINE_S = 10.0  # an edit is retried (same id) this long, e.g. across a host failover


@dataclass
class Traffic:
    """What this client received, for the benchmark's bandwidth figure."""

    messages: int = 0
    bytes: int = 0
    dropped: int = 0  # malformed messages ignored


class RoomClient:
    """One user's connection to one room; all methods run on the client's asyncio loop."""

    def __init__(
        self,
        url: str | list[str],
        room: str,
        user: str,
        display: str = "",
        colour: str = "#8899aa",
        scenes: Callable[[str], Scene] = load_scene,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url, self.room, self.user = url, room, user
        self.display, self.colour = display or user, colour
        self.scenes, self.clock = scenes, clock
        self.replica: RoomReplica | None = None
        self.peers: dict[str, Peer] = {}
        self.npcs: dict[str, dict[str, Any]] = {}
        self.lines: deque[dict[str, Any]] = deque(maxlen=50)
        self.traffic = Traffic()
        # Callbacks for the app and the benchmark: a log message applied, a line said, a pose seen.
        self.on_log: Callable[[int, dict[str, Any]], None] | None = None
        self.on_line: Callable[[dict[str, Any]], None] | None = None
        self.on_pose: Callable[[str, dict[str, Any]], None] | None = None
        self.on_npc: Callable[[dict[str, Any]], None] | None = None
        self.on_cue: Callable[[dict[str, Any]], None] | None = None  # an NPC thinks, or a line is hushed
        self.cues: deque[dict[str, Any]] = deque(maxlen=50)
        self.on_status: Callable[[str], None] | None = None  # connection lost / back, for the HUD
        self.scene_name = ""
        self._nc: Client | None = None
        self.poses_sent = 0
        self._last_pose: tuple[Vec3, float, float] | None = None
        self._last_sent = -1e9
        self._pending: tuple[Vec3, float, float] | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._syncing = asyncio.Lock()
        self._changed = asyncio.Condition()

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
        """Wait until ``predicate()`` holds after a message arrives (True), or ``timeout`` passes (False).

        The benchmark and the tests wait on what the client hears, never for a guessed time.
        """
        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(predicate), timeout)
            except TimeoutError:
                return False
        return True

    # --- connection ------------------------------------------------------------------------------
    async def join(self) -> None:
        """Connect, subscribe, fetch the room and start the heartbeat; returns once the room is known."""
        servers = self.url if isinstance(self.url, list) else [self.url]

        def lost() -> None:
            if self.on_status is not None:
                self.on_status("lost the room's server; reconnecting…")

        def back() -> None:
            self._heard()
            self._tasks.append(asyncio.create_task(self.sync()))
            if self.on_status is not None:
                self.on_status("reconnected to the room; catching up")

        self._nc = await connect(servers, f"{self.room}/{self.user}", on_lost=lost, on_back=back)
        nc, room = self._nc, self.room
        await nc.subscribe(subjects.pose(room), cb=self._on_pose)
        await nc.subscribe(subjects.hello(room), cb=self._on_hello)
        await nc.subscribe(subjects.log(room), cb=self._on_log)
        await nc.subscribe(subjects.npc(room), cb=self._on_npc)
        await nc.subscribe(subjects.line(room), cb=self._on_line)
        await nc.subscribe(subjects.thinking(room), cb=self._on_cue)
        await nc.subscribe(subjects.hush(room), cb=self._on_cue)
        await self._heartbeat_once()
        await self.sync()
        self._tasks.append(asyncio.create_task(self._heartbeat()))
        self._tasks.append(asyncio.create_task(self._flush_poses()))

    async def leave(self) -> None:
        """Stop the heartbeat and close the connection (the others see a ghost, then nothing)."""
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._nc is not None:
            with contextlib.suppress(Exception):
                await self._nc.drain()
        self._nc = None

    @property
    def connected(self) -> bool:
        """Whether the connection to the server is up."""
        return self._nc is not None and self._nc.is_connected

    def _heard(self) -> None:
        """Wake :meth:`wait_for` once the handler that called this has updated the state."""
        asyncio.get_running_loop().call_soon(lambda: asyncio.ensure_future(self._notify()))

    def _read(self, msg: Msg, kind: str | tuple[str, ...]) -> dict[str, Any] | None:
        """A counted, checked message of ``kind``; None (and counted as dropped) when malformed."""
        self._count(msg)
        try:
            return decode(msg.data, kind)
        except BadMessage:
            self.traffic.dropped += 1
            return None

    def _count(self, msg: Msg) -> None:
        self._heard()
        self.traffic.messages += 1
        self.traffic.bytes += (
            len(msg.data) + len(msg.subject) + sum(len(k) + len(v) for k, v in (msg.headers or {}).items())
        )

    # --- the room --------------------------------------------------------------------------------
    async def sync(self) -> None:
        """Ask the host for the log after the last applied sequence, page by page, until current."""
        async with self._syncing:
            while self._nc is not None:
                after = self.replica.seq if self.replica is not None else 0
                request = encode("sync", user=self.user, after=after)
                try:
                    answer = await self._nc.request(
                        subjects.sync(self.room, self.user), request, REQUEST_TIMEOUT_S
                    )
                    page = decode(answer.data, "page")
                except (nats.errors.TimeoutError, nats.errors.NoRespondersError, BadMessage):
                    await asyncio.sleep(0.2)  # the host is starting or failing over; ask again
                    continue
                if self.replica is None:
                    self.scene_name = str(page["scene"])
                    self.replica = RoomReplica(self.scenes(self.scene_name))
                for seq, message in page["logs"]:
                    self._apply(int(seq), message)
                if self.replica.seq >= int(page["last"]) or not page["logs"]:
                    self._heard()
                    return

    def _apply(self, seq: int, message: dict[str, Any]) -> None:
        assert self.replica is not None
        if self.replica.apply(seq, message) and self.on_log is not None:
            self.on_log(seq, message)

    async def _on_log(self, msg: Msg) -> None:
        self._count(msg)
        try:
            seq = int((msg.headers or {}).get("Nats-Sequence", "0"))
            message = decode(msg.data, "log")
        except (BadMessage, ValueError):
            self.traffic.dropped += 1
            return
        if self.replica is None:
            return  # the first sync page brings it
        if seq == self.replica.seq + 1:
            self._apply(seq, message)
        elif seq > self.replica.seq:
            self._tasks.append(asyncio.create_task(self.sync()))

    async def _on_npc(self, msg: Msg) -> None:
        body = self._read(msg, "npc")
        if body is None:
            return
        self.npcs[str(body["npc"])] = body
        if self.on_npc is not None:
            self.on_npc(body)

    async def _on_line(self, msg: Msg) -> None:
        line = self._read(msg, "line")
        if line is None:
            return
        self.lines.append(line)
        if self.on_line is not None:
            self.on_line(line)

    async def _on_cue(self, msg: Msg) -> None:
        cue = self._read(msg, ("thinking", "hush"))
        if cue is not None:
            self.cues.append(cue)
            if self.on_cue is not None:
                self.on_cue(cue)

    # --- people ----------------------------------------------------------------------------------
    def _peer(self, msg: Msg) -> Peer | None:
        user = msg.subject.rsplit(".", 1)[-1]
        if user == self.user:
            return None
        peer = self.peers.get(user)
        if peer is None:
            peer = self.peers[user] = Peer(user)
        peer.last_seen = self.clock()
        return peer

    async def _on_hello(self, msg: Msg) -> None:
        hello = self._read(msg, "hello")
        if hello is None:
            return
        peer = self._peer(msg)
        if peer is not None:
            peer.display, peer.colour = str(hello["display"]), str(hello["colour"])

    async def _on_pose(self, msg: Msg) -> None:
        self._count(msg)
        try:
            pose = decode_pose(msg.data)
        except BadMessage:
            self.traffic.dropped += 1
            return
        peer = self._peer(msg)
        if peer is None:
            return
        p = pose["pos"]
        peer.samples.append((self.clock(), (float(p[0]), float(p[1]), float(p[2])), float(pose["yaw"])))
        if self.on_pose is not None:
            self.on_pose(peer.user, pose)

    def roster(self) -> list[tuple[str, str]]:
        """(display name, presence) of everyone else seen in the last 30 s, oldest first."""
        now = self.clock()
        for user in [u for u, p in self.peers.items() if p.presence(now) == "gone"]:
            del self.peers[user]
        return [(p.display or p.user, p.presence(now)) for p in self.peers.values()]

    # --- this user's avatar, lines and edits ---------------------------------------------------
    def move(self, position: Vec3, yaw: float, pitch: float = 0.0) -> None:
        """Where this user stands and looks; sent when it changed, at most 15 times a second."""
        pose = (tuple(round(v, 3) for v in position), round(yaw, 1), round(pitch, 1))
        if pose == self._last_pose:
            return
        self._pending = pose  # type: ignore[assignment]

    async def _flush_poses(self) -> None:
        while True:
            wait = self._last_sent + 1.0 / POSE_HZ - self.clock()
            await asyncio.sleep(max(wait, 0.005))
            if self._pending is not None and self._nc is not None:
                await self.send_pose(*self._pending)

    async def send_pose(self, position: Vec3, yaw: float, pitch: float = 0.0) -> None:
        """Publish one pose now (the throttled path is :meth:`move`)."""
        assert self._nc is not None
        self.poses_sent += 1
        data = encode_pose(self.poses_sent, position, yaw, pitch, time.time())
        await self._nc.publish(subjects.pose(self.room, self.user), data)
        self._last_pose, self._pending, self._last_sent = (position, yaw, pitch), None, self.clock()

    async def _heartbeat_once(self) -> None:
        assert self._nc is not None
        seq = self.replica.seq if self.replica is not None else 0
        data = encode("hello", user=self.user, display=self.display[:64], colour=self.colour, last_seq=seq)
        await self._nc.publish(subjects.hello(self.room, self.user), data)

    async def _heartbeat(self) -> None:
        """Once a second: presence, and the pose again (a later joiner then sees a user who stands still)."""
        while True:
            await asyncio.sleep(HEARTBEAT_S)
            with contextlib.suppress(Exception):  # reconnecting: the next beat goes through
                await self._heartbeat_once()
                if self._last_pose is not None and self._pending is None:
                    await self.send_pose(*self._last_pose)

    async def say(self, text: str, gaze: str = "", guess: str = "") -> dict[str, Any]:
        """Say a typed or transcribed line; the ack names the NPC that will answer, or why none.

        ``guess``: the id of the :meth:`guess` this final transcript kept (its answer already plays
        here; the host now says it to everyone and acts on it).
        """
        request = encode(
            "say", user=self.user, id=uuid.uuid4().hex[:12], text=text[:600], gaze=gaze, guess=guess
        )
        return await self._request(subjects.say(self.room, self.user), request, REQUEST_TIMEOUT_S * 3)

    async def talk(self, on: bool) -> None:
        """Tell the host this user began (or stopped) speaking: a scene in the room stops for them."""
        if self._nc is not None:
            with contextlib.suppress(Exception):  # reconnecting: a scene may run on a little
                await self._nc.publish(
                    subjects.talk(self.room, self.user), encode("talk", user=self.user, on=on)
                )

    async def guess(self, text: str, npc: str, turn_id: str) -> dict[str, Any] | None:
        """What ``npc`` would answer to ``text``, for this user only; nothing is said, done or remembered."""
        assert self._nc is not None
        request = encode("guess", user=self.user, id=turn_id, text=text[:600], npc=npc)
        try:
            answer = await self._nc.request(
                subjects.guess(self.room, self.user), request, REQUEST_TIMEOUT_S * 3
            )
            return decode(answer.data, ("thought", "ack"))
        except (nats.errors.TimeoutError, nats.errors.NoRespondersError, BadMessage):
            return None

    async def edit(self, action: str, deadline_s: float = EDIT_DEADLINE_S, **args: Any) -> dict[str, Any]:
        """Ask the host for a room edit; retried with the same id until answered (no edit lost or doubled)."""
        request = encode("edit", user=self.user, id=uuid.uuid4().hex[:12], action=action, args=args)
        return await self._request(subjects.edit(self.room, self.user), request, deadline_s)

    async def _request(self, subject: str, data: bytes, deadline_s: float) -> dict[str, Any]:
        end = self.clock() + deadline_s
        while True:
            assert self._nc is not None
            try:
                answer = await self._nc.request(
                    subject, data, timeout=min(REQUEST_TIMEOUT_S, max(end - self.clock(), 0.05))
                )
                return decode(answer.data, "ack")
            except (nats.errors.TimeoutError, nats.errors.NoRespondersError):
                if self.clock() >= end:
                    return {
                        "ok": False,
                        "detail": f"the room host of {self.room} did not answer in {deadline_s:g} s",
                    }
                await asyncio.sleep(0.1)
