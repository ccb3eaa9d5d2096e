"""What the NPCs' initiative needs of the place it plays in, as protocols.

:class:`~game.conversation.initiative.Initiative` runs on the live
:class:`~game.conversation.live.Conversation` alone, and on a shared room's host
(:class:`game.net.stage.RoomStage`), which publishes each line to the room's clients instead of
playing it. Both provide the world, a clock, whether the room is idle, voices, the NPCs'
personas and memories, and a bus for the lines said.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from game.events import Event
from game.mind.memory import NpcMemory
from game.mind.persona import Persona
from game.sim.scene import Vec3
from game.sim.world import World


class Speaking(Protocol):
    """The voices (the conversation's :class:`~game.conversation.voicing.Voicing`)."""

    def say(self, npc: str, text: str) -> int:
        """Say a line; returns its id."""
        ...

    def stop(self, world: World, npcs: list[str]) -> dict[str, str]:
        """Cut the NPCs off (faded)."""
        ...

    def is_active(self, reply_id: int) -> bool:
        """Whether the line is still being said."""
        ...


class Cast(Protocol):
    """What initiative reads of the NPCs' minds (the conversation's mind session)."""

    @property
    def personas(self) -> Mapping[str, Persona]:
        """Each NPC's persona."""
        ...

    @property
    def memories(self) -> Mapping[str, NpcMemory]:
        """What each NPC remembers of the user (a greeting needs their name)."""
        ...

    @property
    def user_forward(self) -> Vec3 | None:
        """Where the user looks."""
        ...

    def sync(self) -> object:
        """Catch up with NPCs that came or left."""
        ...


class Poster(Protocol):
    """Where the lines said are announced (the bus: mods' ``on_line``)."""

    def put(self, event: Event) -> None:
        """Post an event."""
        ...


class Stage(Protocol):
    """Where initiative plays."""

    @property
    def world(self) -> World:
        """The room."""
        ...

    @property
    def user_eye(self) -> Vec3:
        """Where the user's eyes are."""
        ...

    @property
    def room(self) -> object | None:
        """A shared room this one defers to (its host speaks for the NPCs), or None."""
        ...

    @property
    def idle(self) -> bool:
        """Nothing is being thought, synthesized or said."""
        ...

    @property
    def voicing(self) -> Speaking:
        """The voices."""
        ...

    @property
    def session(self) -> Cast:
        """The NPCs' minds."""
        ...

    @property
    def bus(self) -> Poster:
        """Where lines are announced."""
        ...

    def clock(self) -> float:
        """Now, in seconds."""
        ...
