"""Who said what, on screen: the user's line and every NPC line, also when it could not be heard.

A mixin of :class:`~game.desktop.app.App` (its handlers join the app's dispatch table).
With a runtime, the conversation writes the user's caption; a shared room's remote users
show under their own names and speak through their avatars' bubbles.
"""

from __future__ import annotations

import time

from game.conversation.runtime import Runtime
from game.desktop.hud import Hud
from game.desktop.joined import JoinedRoom
from game.dispatch import handles
from game.events import FinalTranscript, PlaybackStarted, SpeechFailed, TextInput
from game.room_events import RoomLine
from game.sim.world import World


class SubtitleEvents:
    """Captions of the user's lines and subtitles of the NPCs' and remote users' lines."""

    hud: Hud
    runtime: Runtime | None
    joined: JoinedRoom | None
    world: World

    @handles(TextInput, FinalTranscript)
    def _on_user_line(self, event: TextInput | FinalTranscript) -> None:
        if self.runtime is None:  # with a runtime, the conversation writes the caption
            self.hud.set_caption(f"You: {event.text}")

    @handles(RoomLine)
    def _on_room_line(self, event: RoomLine) -> None:
        if event.npc:
            return  # NPC lines show as they play
        if self.joined is None:
            self.hud.npc_said(event.speaker, event.text)
            return
        self.hud.npc_said(self.joined.avatars.names.get(event.speaker, event.speaker), event.text)
        self.joined.avatars.said(self.world, event.speaker, event.text, time.monotonic())

    @handles(PlaybackStarted)
    def _on_playback_started(self, event: PlaybackStarted) -> None:
        self.hud.npc_said(event.npc, event.text)

    @handles(SpeechFailed)
    def _on_speech_failed(self, event: SpeechFailed) -> None:
        self.hud.npc_said(event.npc, event.text)  # unheard, so at least read
