"""What happens in the room, turned into mod hooks: lines said, speech done, walks arrived.

The host owns one :class:`RoomObserver`. The app hands it every bus event it drains
(:meth:`RoomObserver.observe`) and the host asks it once per tick for NPCs whose walk
ended (:meth:`RoomObserver.arrivals`). Kept apart from the host because it is the one
place that knows which events mean what to a mod.
"""

from __future__ import annotations

from collections.abc import Callable

from game.dispatch import Dispatch, event_types, handles
from game.events import Event, FinalTranscript, NpcLine, PlaybackEnded, TextInput
from game.sim.world import World

Broadcast = Callable[..., None]
"""``broadcast(hook_name, *args)``: call that hook of every loaded mod."""


class RoomObserver:
    """Maps bus events and world changes to ``on_line``, ``on_speech_done`` and ``on_arrived``."""

    def __init__(self, broadcast: Broadcast) -> None:
        self.broadcast = broadcast
        self._arrivals: dict[str, int] = {}
        self._world: World | None = None

    def observe(self, event: Event) -> None:
        """Pass one drained bus event to the hooks that care about it."""
        _DISPATCH(self, event)

    @handles(TextInput, FinalTranscript)
    def _on_user_line(self, event: TextInput | FinalTranscript) -> None:
        if event.text.strip():
            self.broadcast("on_line", "user", event.text, "user")

    @handles(NpcLine)
    def _on_npc_line(self, event: NpcLine) -> None:
        self.broadcast("on_line", event.npc, event.text, event.source)

    @handles(PlaybackEnded)
    def _on_playback_ended(self, event: PlaybackEnded) -> None:
        self.broadcast("on_speech_done", event.npc)

    def mod_said(self, mod: str) -> Callable[[str, str], None]:
        """A ``say`` callback wrapper's report: a mod's line is a line said in the room."""

        def said(npc: str, text: str) -> None:
            self.broadcast("on_line", npc, text, f"mod:{mod}")

        return said

    def arrivals(self, world: World) -> None:
        """Fire ``on_arrived(npc, target)`` for every walk that reached its target since the last call."""
        if world is not self._world:  # a new room: its walks start counting afresh
            self._world = world
            self._arrivals = {a.name: a.arrivals for a in world.animator.avatars}
            return
        for avatar in world.animator.avatars:
            seen = self._arrivals.get(avatar.name, 0)
            if avatar.arrivals > seen:
                self._arrivals[avatar.name] = avatar.arrivals
                self.broadcast("on_arrived", avatar.name, world.walk_labels.get(avatar.name, ""))


_DISPATCH = Dispatch(
    RoomObserver,
    ignored=[t for t in event_types() if t not in (TextInput, FinalTranscript, NpcLine, PlaybackEnded)],
)
