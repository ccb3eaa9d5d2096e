"""The NPCs' initiative in a shared room: decided on the host, voiced by every client.

The rules are the solo app's, unchanged: :class:`~game.conversation.initiative.Initiative`
(greetings by name, a comment on an edit, NPC-to-NPC scenes after quiet, the backoff, the
``scenes`` setting) runs on the host against a :class:`RoomStage` instead of the live
conversation. The stage is the host's side of everything the conversation lends it: the
room is the host's replica world, times are the host's clock, and a line is not played but
*published* as a ``line`` (text, voice, gestures) that every client voices with lip sync, as
it voices a reply. A line counts as being said for its estimated length on the host's clock
(:func:`~game.net.npc_turns.speaking_seconds`, as for replies).

- The room is quiet when no user has spoken, typed or been answered for the quiet time: the
  host hears every ``say``, every ``talk`` (a client's speech start and end) and knows when
  an NPC is busy with a turn (:attr:`RoomInitiative.busy`).
- A user's speech start on any client (``talk``) cuts a scene in: the host drops the rest
  and publishes ``hush`` for the line being said, which every client stops.
- One :class:`Initiative` speaks for the room (scenes, comments); one more per user who has
  shown up greets that user by name, reading what the host's own mind worker remembers of
  them (it never makes a name up: a user known only to a mind worker on another machine is
  not greeted).

See docs/shared-rooms.md, "Thinking, fillers and initiative".
"""

from __future__ import annotations

import logging
import random
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from game.conversation.initiative import Initiative
from game.events import Event, Notice, SpeechEnded, SpeechStarted, TextInput
from game.mind.casting import Casting
from game.mind.memory import MemoryStore, NpcMemory
from game.mind.persona import Persona
from game.mind.scenes import SceneLine
from game.net import subjects
from game.net.minds import user_memory_dir, voice_of
from game.net.npc_turns import speaking_seconds
from game.net.schema import encode
from game.sim.scene import Scene, Vec3
from game.sim.transform import forward_vector
from game.sim.world import World

log = logging.getLogger(__name__)

TALK_STALE_S = 30.0  # a user who began speaking and was never heard to stop (their client died)

Pose = tuple[Vec3, float]  # (position of the eyes, yaw)


class StoredMemories(Mapping[str, NpcMemory]):
    """What the NPCs remember of one user, read from the host's own store when a greeting asks."""

    def __init__(self, room: str, user: str, npcs: Callable[[], list[str]]) -> None:
        self.room, self.user, self.npcs = room, user, npcs

    def __getitem__(self, npc: str) -> NpcMemory:
        if npc not in self.npcs():
            raise KeyError(npc)
        return MemoryStore(user_memory_dir(self.room, self.user)).load(npc)

    def __iter__(self) -> Iterator[str]:
        return iter(self.npcs())

    def __len__(self) -> int:
        return len(self.npcs())


@dataclass
class RoomVoices:
    """Initiative lines said in the room: published, and 'being said' for their length on the host's clock."""

    room: str
    clock: Callable[[], float]
    wall: Callable[[], float]
    personas: Mapping[str, Persona]
    outbox: list[tuple[str, bytes]] = field(default_factory=list)  # (subject, message) for the host to send
    said: deque[dict[str, Any]] = field(default_factory=lambda: deque(maxlen=100))  # the last lines published
    tag: str = field(
        default_factory=lambda: uuid.uuid4().hex[:4]
    )  # this host's: ids stay unique across failovers
    _lines: dict[int, tuple[str, str, float]] = field(default_factory=dict)  # n → (npc, line id, until)
    _count: int = 0

    def publish(self, kind: str, line: SceneLine, to: str) -> int:
        """Send one line of ``kind`` (scene, greeting, comment) to every client; returns its number."""
        self._count += 1
        line_id = f"{kind}-{self.tag}{self._count}"
        persona = self.personas.get(line.speaker)
        voice = voice_of(persona) if persona is not None else {}
        duration = speaking_seconds(line.text, int(voice.get("rate", 165)))
        message = {
            "id": line_id,
            "speaker": line.speaker,
            "to": to,
            "text": line.text,
            "npc": True,
            "voice": voice,
            "start": self.wall(),
            "duration": duration,
            "acts": [a.as_dict() for a in line.actions],
        }
        self.outbox.append((subjects.line(self.room), encode("line", **message)))
        self.said.append(message)
        self._lines[self._count] = (line.speaker, line_id, self.clock() + duration)
        return self._count

    def is_active(self, n: int) -> bool:
        """Whether line ``n`` is still being said."""
        line = self._lines.get(n)
        if line is not None and self.clock() >= line[2]:
            del self._lines[n]
            return False
        return line is not None

    @property
    def busy(self) -> bool:
        """Some initiative line is being said."""
        return any(self.is_active(n) for n in list(self._lines))

    def stop(self, npcs: list[str]) -> dict[str, str]:
        """Hush the lines of ``npcs`` on every client (a user spoke over them)."""
        stopped: dict[str, str] = {}
        for n, (npc, line_id, _) in list(self._lines.items()):
            if npc in npcs and self.is_active(n):
                del self._lines[n]
                self.outbox.append((subjects.hush(self.room), encode("hush", npc=npc, id=line_id)))
                stopped[npc] = ""
        return stopped


class RoomStage:
    """What the live conversation is to :class:`Initiative`, played by the host for one audience.

    ``user`` is whom its lines to "the user" go to: one user (their greetings), or "" for the
    room's own initiative, which speaks to whoever spoke or edited last (:attr:`focus`).
    The stage is its own voicing, mind session and bus (:class:`~game.conversation.initiative.Stage`).
    """

    room = None  # the host decides here: nothing to defer to

    def __init__(self, host: RoomInitiative, user: str = "") -> None:
        self.host, self.user, self.focus = host, user, user
        self.memories: Mapping[str, NpcMemory] = StoredMemories(host.room, user, host.npcs) if user else {}

    # the stage
    @property
    def world(self) -> World:
        """The host's replica of the room."""
        return self.host.world()

    @property
    def user_eye(self) -> Vec3:
        """Where the user this stage speaks to stands (their pose's eyes)."""
        return self.host.pose(self.focus)[0]

    @property
    def idle(self) -> bool:
        """No NPC answers anyone and no initiative line is being said."""
        return not self.host.busy() and not self.host.voices.busy

    def clock(self) -> float:
        """The host's clock."""
        return self.host.clock()

    @property
    def voicing(self) -> RoomStage:
        """Itself: lines are published, not played."""
        return self

    @property
    def session(self) -> RoomStage:
        """Itself: the personas, this user's memories and gaze."""
        return self

    @property
    def bus(self) -> RoomStage:
        """Itself: a host has no mods to tell; notices are logged."""
        return self

    # the voicing
    def voice_line(self, kind: str, line: SceneLine) -> int:
        """Publish a line; an NPC speaking to another turns from the user it last answered."""
        to = self.focus if line.listener == "user" else line.listener
        faced = [(line.speaker, to)] if line.listener == "user" else [(line.speaker, ""), (line.listener, "")]
        for npc, user in faced:
            self.host.face(npc, user)
        return self.host.voices.publish(kind, line, to)

    def say(self, npc: str, text: str) -> int:
        """Publish a plain line of ``npc`` to this stage's user."""
        return self.voice_line("line", SceneLine(npc, "user", text, ()))

    def stop(self, world: World, npcs: list[str]) -> dict[str, str]:
        """Hush the lines of ``npcs`` on every client."""
        return self.host.voices.stop(npcs)

    def is_active(self, reply_id: int) -> bool:
        """Whether the line is still being said."""
        return self.host.voices.is_active(reply_id)

    # the mind session
    @property
    def personas(self) -> Mapping[str, Persona]:
        """The room's NPCs' personas."""
        return self.host.personas

    @property
    def user_forward(self) -> Vec3:
        """Where that user looks."""
        return forward_vector(self.host.pose(self.focus)[1], 0.0)

    def sync(self) -> None:
        """The cast is the room's scene (no mods run on a host)."""

    # the bus
    def put(self, event: Event) -> None:
        """Log a notice (a scene that could not start); lines need no announcing here."""
        if isinstance(event, Notice):
            log.info("%s: %s", event.source, event.message)


class RoomInitiative:
    """The host's initiative for one room; the host feeds it what happens and sends its :attr:`outbox`."""

    def __init__(
        self,
        room: str,
        world: Callable[[], World],
        pose: Callable[[str], Pose],
        busy: Callable[[], bool],
        clock: Callable[[], float],
        wall: Callable[[], float],
        rng: random.Random | None = None,
    ) -> None:
        self.room, self.world, self.pose, self.busy, self.clock = room, world, pose, busy, clock
        self.rng = rng or random.Random()
        casting = Casting.for_scene(None)
        self.personas = {s.name: casting.find(s.persona, s.name)[0] for s in world().scene.npcs}
        self.voices = RoomVoices(room, clock, wall, self.personas)
        self.stage = RoomStage(self)
        self.everyone = self._initiative(self.stage)
        self.face: Callable[[str, str], None] = lambda npc, user: None
        """Turn an NPC to the user it speaks to, or from the one it answered last (""): the host's bodies."""
        self.greeters: dict[str, Initiative] = {}  # user → the greetings for that user
        self.talking: dict[str, float] = {}  # user → when they began speaking

    def _initiative(self, stage: RoomStage) -> Initiative:
        initiative = Initiative(stage, self.rng)
        initiative.voice = stage.voice_line
        return initiative

    def npcs(self) -> list[str]:
        """The NPCs in the room now."""
        return [slot.name for slot in self.world().scene.npcs]

    @property
    def outbox(self) -> list[tuple[str, bytes]]:
        """Messages to send now (lines, hushes); the host empties it."""
        return self.voices.outbox

    def _all(self) -> list[Initiative]:
        return [self.everyone, *self.greeters.values()]

    def _observe(self, event: Event) -> None:
        for initiative in self._all():
            initiative.observe(event)

    # --- what happens in the room ----------------------------------------------------------
    def joined(self, user: str) -> None:
        """A user shows up (their first pose): NPCs that know their name may greet them."""
        if user not in self.greeters:
            stage = RoomStage(self, user)
            greeter = self.greeters[user] = self._initiative(stage)
            greeter.scenes = False  # the room's own initiative plays the scenes

    def talk(self, user: str, on: bool) -> None:
        """``user`` began (``on``) or stopped speaking on their client: a scene stops at once."""
        now = self.clock()
        if on:
            self.talking[user] = now
            self._observe(SpeechStarted(t=now))
        elif self.talking.pop(user, None) is not None and not self.talking:
            self._observe(SpeechEnded(t=now))

    def said(self, user: str, text: str) -> None:
        """A user's line reached the host (typed, or a final transcript): the room is not quiet."""
        self.talking.pop(user, None)
        self.stage.focus = user
        self._observe(TextInput(text=text, t=self.clock()))

    def edited(self, user: str, npc: str, before: Scene) -> None:
        """``npc`` changed the room at ``user``'s request: a bystander near that user may remark on it."""
        self.stage.focus = user
        self.everyone.edited(npc, before)

    def tick(self) -> None:
        """Say what is due (the host calls this on its 20 Hz tick, then sends the outbox)."""
        now = self.clock()
        stale = [u for u, since in self.talking.items() if now - since > TALK_STALE_S]
        for user in stale:
            self.talk(user, False)
        for initiative in self._all():
            try:
                initiative.tick()
            except Exception:  # a bug in making a line must not stop the host's tick (NPC bodies)
                log.exception("initiative failed in room %s", self.room)
