"""Mind workers: the NPCs' thinking for a shared room, in a NATS queue group.

The host sends each user's line as a ``think`` request to the room's queue group; one
worker answers with the NPC's words and the actions it wants. One worker runs inside the
host; more can run on other machines (``voxroom host --room R --minds-only``), and NATS
spreads the requests over them.

Memory is kept **per user**: each user gets a :class:`~game.mind.session.MindSession`
with its own SQLite store under ``<data dir>/rooms/<room>/users/<user>/``, so what one
user tells an NPC is never in the context of another user's turn (docs/shared-rooms.md,
"Privacy"). The worker never applies actions: the host does, and logs them; the worker's
room is a :class:`~game.net.replica.RoomReplica` folded from that log, for grounding.

A *guess* (asked while the user is still speaking) is answered on private
copies of the NPC's memory and focus, like a local guess: only when the host says the final
kept it (``remember`` on this worker's own subject) does the user's memory take the copies.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import logging
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from nats.aio.client import Client
from nats.aio.msg import Msg

from game.mind.memory import MemoryStore
from game.mind.paths import data_dir
from game.mind.persona import Persona
from game.mind.protocols import Brain, MindContext, Reply
from game.mind.session import Exchange, MindSession
from game.net import subjects
from game.net.replica import RoomReplica
from game.net.schema import BadMessage, decode, encode

log = logging.getLogger(__name__)

PENDING_S = 60.0  # a guess nobody kept within this is forgotten
NO_EDITS_FOR_GUESTS = "I'd love to, but guests can't change this room. Ask the room's owner or an editor."


def user_memory_dir(room: str, user: str) -> Path:
    """Where one user's memories of a shared room's NPCs live (``voxroom memory --room --user``)."""
    return data_dir() / "rooms" / room / "users" / user


class MindWorker:
    """Answers ``think`` requests for one room; one MindSession (and memory) per user."""

    def __init__(self, room: str, replica: RoomReplica, brain: Brain, remember: bool = True) -> None:
        self.room, self.replica, self.brain, self.remember = room, replica, brain, remember
        self.sessions: dict[str, MindSession] = {}
        self.answered = 0
        self.dropped = 0
        # One thread: the brain and the sessions are not thread-safe, and the loop stays free.
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="mind-worker")
        self._subs: list[Any] = []
        self.worker_id = uuid.uuid4().hex[:10]
        self.pending: dict[tuple[str, str], tuple[MindContext, Exchange, float]] = {}  # guesses not kept yet

    async def start(self, nc: Client) -> None:
        """Join the room's queue group."""
        self._sub = await nc.subscribe(
            subjects.minds(self.room), queue=subjects.MIND_QUEUE, cb=self._on_think
        )

    async def stop(self) -> None:
        """Leave the queue group and finish the thread."""
        if self._sub is not None:
            with contextlib.suppress(Exception):  # the connection may be gone already (a crash)
                await self._sub.unsubscribe()
        self._executor.shutdown(wait=False)

    def session(self, user: str) -> MindSession:
        """The session of ``user``: the shared room, with their own memory store."""
        session = self.sessions.get(user)
        if session is None:
            store = MemoryStore(user_memory_dir(self.room, user))
            session = MindSession(
                self.replica.world.scene, self.brain, store, remember=self.remember, world=self.replica.world
            )
            self.sessions[user] = session
        return session

    async def _on_think(self, msg: Msg) -> None:
        try:
            request = decode(msg.data, "think")
        except BadMessage as exc:
            self.dropped += 1
            log.info("mind worker dropped a request: %s", exc)
            return
        loop = asyncio.get_running_loop()
        answer = await loop.run_in_executor(self._executor, self.think, request)
        await msg.respond(answer)

    def think(self, request: dict[str, Any]) -> bytes:
        """The NPC's reply to one user's line, remembered in that user's memory only."""
        session = self.session(request["user"])
        npc = str(request["npc"])
        pos = request["pos"]
        session.user_position = (float(pos[0]), float(pos[1]), float(pos[2]))
        try:
            context = session.context(npc)
        except KeyError:
            return encode("thought", npc=npc, text="", actions=[], intent="absent", worker=self.worker_id)
        if request["guess"]:  # private copies, as a local guess: nothing is kept unless the final keeps it
            context.memory, context.focus = copy.deepcopy(context.memory), dict(context.focus)
        reply = self.brain.reply(str(request["text"]), context)
        if not request["may_edit"] and any(a.is_edit for a in reply.actions):
            reply = Reply(text=NO_EDITS_FOR_GUESTS, intent="refused", brain=reply.brain)
        exchange = Exchange(npc, str(request["reason"]), reply)
        if request["guess"]:
            self.pending[(str(request["user"]), str(request["id"]))] = (context, exchange, time.monotonic())
        else:
            session.remember_turn(npc, exchange)
        self.answered += 1
        return encode(
            "thought",
            npc=npc,
            text=reply.text,
            actions=[a.as_dict() for a in reply.actions],
            intent=reply.intent,
            worker=self.worker_id,
            voice=voice_of(session.personas[npc]),
        )


def voice_of(persona: Persona) -> dict[str, Any]:
    """A persona's voice as a line carries it: every client synthesizes the NPC alike."""
    v = persona.voice
    return {"voice": v.voice, "rate": v.rate, "pitch": v.pitch, "volume": v.volume}


def forget_user(room: str, user: str) -> int:
    """Erase everything the room's NPCs remember about ``user`` (``voxroom memory forget --all``)."""
    return MemoryStore(user_memory_dir(room, user)).forget_all()


async def run_minds(
    url: str,
    room: str,
    scene_name: str,
    brain: Brain,
    stop: asyncio.Event,
    ready: asyncio.Event | None = None,
) -> MindWorker:
    """A mind worker on its own (another machine's share of the thinking) until ``stop``."""
    from game.net.connect import connect
    from game.net.jetstream import follow_log, room_stream, when_ready
    from game.sim.scene import load_scene

    nc = await connect(url, f"minds/{room}")
    js = nc.jetstream()
    await when_ready(lambda: room_stream(js, room))
    replica = RoomReplica(load_scene(scene_name))
    await follow_log(nc, js, room, replica)
    worker = MindWorker(room, replica, brain)
    await worker.start(nc)
    if ready is not None:
        ready.set()
    await stop.wait()
    await worker.stop()
    with contextlib.suppress(Exception):
        await nc.drain()
    return worker
