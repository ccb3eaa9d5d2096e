"""The half of the mod API that touches the world: snapshot reads and queued edits.

It is its own class because these methods share a rule the hooks and registrations of
:class:`~game.modding.api.Mod` do not: they are called on the mod host's worker thread,
while the world belongs to the main thread. So a read returns an immutable snapshot, and
an edit never runs here: it is wrapped in a :class:`Command` that
:meth:`game.modding.host.ModHost.apply` carries out (through :mod:`game.modding.edits`) on
the next tick. ``Mod`` inherits these methods, so a mod still calls ``mod.spawn(...)``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from game.events import Event, SceneRequest, Silence
from game.mind.scenes import TOPICS
from game.modding import edits
from game.modding.edits import Say, Target
from game.sim.colours import NAMED
from game.sim.scene import PROP_TYPES, NpcSlot, Prop, Vec3

if TYPE_CHECKING:
    from game.sim.world import World


SAY_BURST = 5  # lines a mod may say at once …
SAY_EVERY_S = 2.0  # … and then one per this many seconds
MAX_SAY_CHARS = 1000
MAX_SUPPRESS_S = 3600.0


class SayLimit:
    """A token bucket for one mod's ``say``: a burst of :data:`SAY_BURST`, then one per :data:`SAY_EVERY_S`.

    Every line becomes speech, a subtitle and lip sync; a mod saying a thousand lines
    in a loop took the app to 5 fps and 760 MB. Lines over the limit are dropped, and the
    first drop of each run is reported so the modder learns why.
    """

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.tokens = float(SAY_BURST)
        self.stamp = clock()
        self.dropped = 0

    def take(self) -> bool:
        """Whether one more line may be said now (spends a token when it may)."""
        now = self.clock()
        self.tokens = min(float(SAY_BURST), self.tokens + (now - self.stamp) / SAY_EVERY_S)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            self.dropped = 0
            return True
        self.dropped += 1
        return False


@dataclass(frozen=True)
class RoomInfo:
    """What :attr:`WorldApi.room` tells a mod: the room's size in metres and the scene's name."""

    size: Vec3
    name: str


@dataclass(frozen=True)
class Command:
    """One queued world edit; ``run`` executes it on the main thread."""

    mod: str
    what: str
    run: Callable[[World, Say], None]


class WorldApi:
    """A mod's reads of the world and its queued edits; :class:`~game.modding.api.Mod` adds the rest."""

    def __init__(
        self,
        name: str,
        world: Callable[[], World | None],
        enqueue: Callable[[Command], None],
        user_position: Callable[[], Vec3],
        notify: Callable[[str, str], None],
        clock: Callable[[], float] = time.monotonic,
        post: Callable[[Event], None] | None = None,
    ) -> None:
        self.name = name
        self._world = world
        self._enqueue = enqueue
        self._user_position = user_position
        self._notify = notify
        self._post = post or (lambda event: None)
        self._pending_names: set[str] = set()
        self._say_limit = SayLimit(clock)

    # --- reading the world (snapshots) -------------------------------------------------------
    def _w(self) -> World:
        world = self._world()
        if world is None:
            raise RuntimeError("there is no world yet")
        return world

    def find(self, name: str) -> Prop | None:
        """The prop called ``name`` (case-insensitive) as it is now, or None."""
        return self._w().find_prop(name)

    def props(self, kind: str | None = None) -> tuple[Prop, ...]:
        """Every prop in the room, optionally of one type (``"cup"``)."""
        return tuple(p for p in self._w().props if kind is None or p.type == kind)

    def props_on(self, name: str) -> tuple[Prop, ...]:
        """Props standing on the named prop (what is on the counter)."""
        return tuple(self._w().props_on(name))

    def npcs(self) -> tuple[NpcSlot, ...]:
        """The NPCs in the room (name, persona, starting position)."""
        return self._w().scene.npcs

    def where(self, name: str) -> Vec3 | None:
        """Where a prop or an NPC is now; None when there is no such thing."""
        world = self._w()
        slot = world.npc(name)
        if slot is not None:
            return world.npc_position(slot.name)
        prop = world.find_prop(name)
        return prop.position if prop else None

    @property
    def colours(self) -> Mapping[str, tuple[float, float, float]]:
        """The colour names the game knows (``"red"`` → RGB in 0..1), read-only."""
        return MappingProxyType(NAMED)

    @property
    def prop_types(self) -> tuple[str, ...]:
        """The prop types ``spawn`` accepts (furniture and primitives)."""
        return PROP_TYPES

    @property
    def room(self) -> RoomInfo:
        """The room as it is now: ``size`` (width, height, depth in metres) and the scene's ``name``."""
        scene = self._w().scene
        return RoomInfo(size=scene.room.size, name=scene.name)

    def user_position(self) -> Vec3:
        """The user's eye position, as last reported by the app."""
        return self._user_position()

    # --- queued world edits --------------------------------------------------------------------
    def _queue(self, what: str, run: Callable[[World, Say], None]) -> None:
        self._enqueue(Command(self.name, what, run))

    def spawn(
        self,
        prop_type: str,
        name: str | None = None,
        at: Vec3 | None = None,
        near: str = "",
        on: str = "",
        colour: str | None = None,
        size: float = 1.0,
    ) -> str:
        """Add a prop at a point, beside a thing (``near``) or on top of one (``on``); returns its name."""
        if prop_type not in PROP_TYPES:
            raise ValueError(f"unknown prop type {prop_type!r}; known: {', '.join(PROP_TYPES)}")
        chosen = name or self._free_name(prop_type)
        self._pending_names.add(chosen.lower())
        self._queue(
            f"spawn {prop_type} {chosen!r}",
            lambda w, s: edits.spawn(w, prop_type, chosen, at, near, on, colour, size, self._pending_names),
        )
        return chosen

    def _free_name(self, prop_type: str) -> str:
        world = self._w()
        name, i = prop_type, 2
        while world.find_prop(name) is not None or name.lower() in self._pending_names:
            name, i = f"{prop_type} {i}", i + 1
        return name

    def remove(self, name: str) -> None:
        """Remove a prop."""
        self._queue(f"remove {name!r}", lambda w, s: edits.remove(w, name))

    def move(self, name: str, at: Vec3 | None = None, near: str = "", on: str = "") -> None:
        """Move a prop to a point, beside a thing or onto one."""
        self._queue(f"move {name!r}", lambda w, s: edits.move(w, name, at, near, on))

    def recolour(self, name: str, colour: str) -> None:
        """Paint a prop, or ``"walls"``, ``"floor"`` or ``"ceiling"``, by colour name or ``#rrggbb``."""
        self._queue(f"recolour {name!r}", lambda w, s: edits.recolour(w, name, colour))

    def resize(self, name: str, factor: float) -> None:
        """Scale a prop by ``factor`` (2 = twice as big)."""
        self._queue(f"resize {name!r}", lambda w, s: edits.resize(w, name, factor))

    def spawn_npc(
        self, name: str, persona: str = "", at: Vec3 = (0.0, 0.0, 0.0), facing: float = 0.0
    ) -> None:
        """Add an NPC with a persona this mod lists in mod.toml, else one of the game's, by name.

        The persona is recorded as ``thismod:persona`` (a ``mod:name`` given is kept), so
        the conversation finds the mod's own file first; with none, a generic character.
        """
        wanted = persona or name.lower()
        qualified = wanted if ":" in wanted else f"{self.name}:{wanted}"
        self._queue(f"spawn npc {name!r}", lambda w, s: edits.spawn_npc(w, name, qualified, at, facing))

    def remove_npc(self, name: str) -> None:
        """Take an NPC out of the room."""
        self._queue(f"remove npc {name!r}", lambda w, s: edits.remove_npc(w, name))

    def walk(self, npc: str, to: Target) -> None:
        """Send an NPC walking to a prop, another NPC, or a floor point."""
        self._queue(f"walk {npc!r}", lambda w, s: edits.walk(w, npc, to))

    def look_at(self, npc: str, target: Target | None) -> None:
        """Turn an NPC's head towards a thing or point (None: look ahead)."""
        self._queue(f"look_at {npc!r}", lambda w, s: edits.look_at(w, npc, target))

    def gesture(self, npc: str, gesture: str, at: Target | None = None) -> None:
        """Play a gesture: wave, nod, shake_head, shrug, point, think; ``at`` aims it (thing, NPC, point)."""
        self._queue(f"gesture {npc!r} {gesture}", lambda w, s: edits.gesture(w, npc, gesture, at))

    def stop(self, npc: str) -> None:
        """Stop an NPC now: its walk (no ``on_arrived``), its gesture and the line it is saying."""

        def run(world: World, say: Say) -> None:
            edits.stop(world, npc)
            self._post(Silence(npc=npc, source=f"mod:{self.name}"))

        self._queue(f"stop {npc!r}", run)

    def emotion(self, npc: str, emotion: str) -> None:
        """Set an NPC's face: neutral, happy, sad, angry, surprised, thinking."""
        self._queue(f"emotion {npc!r} {emotion}", lambda w, s: edits.emotion(w, npc, emotion))

    def say(self, npc: str, text: str) -> None:
        """Make an NPC say something (spoken by TTS, shown as a subtitle).

        At most :data:`SAY_BURST` lines at once, then one every :data:`SAY_EVERY_S` seconds;
        lines over that are dropped and reported. A line longer than :data:`MAX_SAY_CHARS`
        raises ``ValueError``.
        """
        text = str(text)
        if len(text) > MAX_SAY_CHARS:
            limit = f"the limit is {MAX_SAY_CHARS} (split it up)"
            raise ValueError(f"say(): a line of {len(text)} characters; {limit}")
        if not self._say_limit.take():
            if self._say_limit.dropped == 1:
                self._notify(
                    f"say() limit hit: {SAY_BURST} lines at once, then one every {SAY_EVERY_S:g} s; "
                    "lines over that are dropped",
                    "warning",
                )
            return
        self._queue(f"say {npc!r}", lambda w, s: edits.say(w, s, npc, text))

    def start_scene(self, a: str, b: str, topic: str | None = None) -> None:
        """Have NPCs ``a`` and ``b`` play a short scene at the next quiet moment (within 10 s, else dropped).

        ``topic``: ``"room"``, ``"each_other"`` or ``"user"`` (what the user said aloud), None to
        let them choose. It plays even with the ``conversation.scenes`` setting off, but never
        over the user or a reply, and the user's first word ends it.
        """
        if not isinstance(a, str) or not isinstance(b, str) or not a or not b or a == b:
            raise ValueError(f"start_scene(): needs two different NPC names, got {a!r} and {b!r}")
        if topic is not None and topic not in TOPICS:
            raise ValueError(
                f"start_scene(): unknown topic {topic!r}; use one of {', '.join(TOPICS)} or None"
            )
        self._post(SceneRequest(a=str(a), b=str(b), topic=topic or "", source=f"mod:{self.name}"))

    def suppress_scenes(self, seconds: float) -> None:
        """No NPC-to-NPC scene starts for ``seconds`` (0 lifts it); one in progress ends after its line."""
        if (
            isinstance(seconds, bool)
            or not isinstance(seconds, int | float)
            or not 0 <= seconds <= MAX_SUPPRESS_S
        ):
            raise ValueError(f"suppress_scenes(): seconds must be a number from 0 to {MAX_SUPPRESS_S:g}")
        self._post(SceneRequest(suppress_s=float(seconds), source=f"mod:{self.name}"))

    def light(
        self,
        name: str,
        colour: str | None = None,
        intensity: float | None = None,
        at: Vec3 | None = None,
        reach: float | None = None,
    ) -> None:
        """Change a named light, or add a point light with that name when there is none."""
        self._queue(f"light {name!r}", lambda w, s: edits.light(w, name, colour, intensity, at, reach))

    def remove_light(self, name: str) -> None:
        """Remove a named light."""
        self._queue(f"remove light {name!r}", lambda w, s: edits.remove_light(w, name))
