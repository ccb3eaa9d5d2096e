"""What the HUD says: messages that expire, frame timing, hearing status, the F3 debug lines.

Plain state and text; the overlay renderer draws whatever :meth:`Hud.state` returns, so
every line here is testable without a window.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass

from game.conversation.turns import TurnRecord
from game.desktop.controls import HELP_LINES
from game.desktop.settings_menu import SettingsMenu
from game.events import HearingStatus
from game.render.overlay import HudState
from game.sim.world import World

MESSAGE_SECONDS = 8.0


@dataclass
class Message:
    """A HUD message with the time it stops showing (errors stay three times longer)."""

    level: str
    text: str
    until: float


class FrameStats:
    """Frame-time history for the FPS readout and ``bench``."""

    def __init__(self, window: int = 120) -> None:
        self.times: deque[float] = deque(maxlen=window)

    def add(self, seconds: float) -> None:
        """Record one frame's duration."""
        self.times.append(seconds)

    def summary(self) -> str:
        """``NN fps · N.N ms`` over the recent window."""
        if not self.times:
            return "— fps"
        mean = sum(self.times) / len(self.times)
        return f"{1.0 / max(mean, 1e-6):.0f} fps · {mean * 1000:.1f} ms"


def latency_lines(turn: TurnRecord | None) -> tuple[str, ...]:
    """F3: the last turn's per-stage timings and why the NPC said what it said."""
    if turn is None:
        return ("no conversation yet",)
    stages = " · ".join(f"{k} {v:.0f} ms" for k, v in turn.stages_ms().items())
    layer = f", layer {turn.layer}" if turn.layer else ""
    lines = (f"{turn.npc} ({turn.reason}): intent {turn.intent} via {turn.brain}{layer}", stages or "…")
    return lines + tuple(f"  used: {e}" for e in turn.evidence[:3])  # the overlay wraps them


class Hud:
    """The HUD's own state: messages, toggles (help, debug, captions), status lines."""

    def __init__(self, renderer_name: str, captions: bool, silent: bool = False) -> None:
        """``silent``: no sound card (or SDL's dummy/disk driver), so replies are only ever read."""
        self.renderer_name = renderer_name
        self.captions = captions
        self.silent = silent
        self.npc_caption = ""  # "Ada: …", the sentence being said, under the user's line
        self._silent_told = False
        self.messages: list[Message] = []
        self.stats = FrameStats()
        self.hearing_status = "hearing: off"
        self.mic_live = False  # the level meter shows only while a real microphone is open
        self.level_dbfs = -90.0
        self.caption = ""
        self.progress = ""  # a download's progress bar (the speech model), while one runs
        self.show_help = False
        self.debug = False
        self._stats_text = ""
        self._stats_at = 0.0

    def hearing(self, event: HearingStatus) -> None:
        """The hearing line: the engine and mode, or typing mode and why, as ``voxroom doctor`` says it.

        Without a microphone there is no level to show: a meter at -100 dBFS read as a
        live but silent microphone, so the line says "typing mode" and the reason instead.
        """
        self.mic_live = event.mode != "text"
        if self.mic_live:
            turned = event.endpointing and event.mode == "always"
            turn = f", end of turn: {event.endpointing}" if turned else ""
            self.hearing_status = f"hearing: {event.engine} ({event.mode}{turn})"
        else:
            why = (event.no_mic or "no microphone").split(" (")[0]  # the details are in the notice
            self.hearing_status = f"hearing: typing mode · {why} · press Enter or T to type"

    @property
    def show_replies(self) -> bool:
        """Speech bubbles and the NPC's caption show with captions on, and always without sound."""
        return self.captions or self.silent

    def set_caption(self, text: str) -> None:
        """The user's line; a new one (a first partial included) clears the answer to the last."""
        if text != self.caption:
            self.caption, self.npc_caption = text, ""

    def npc_said(self, npc: str, text: str) -> None:
        """A sentence began playing: it becomes the NPC caption line."""
        self.npc_caption = f"{npc}: {text}"

    def _tell_where_replies_are(self) -> None:
        """Once: without sound and with captions off, say that replies show anyway, and where."""
        if self.silent and not self.captions and not self._silent_told:
            self._silent_told = True
            self.notify(
                "info",
                "no sound output and captions are off: NPC replies still show in speech bubbles "
                "and on the caption line at the bottom (Tab → Captions for your own lines)",
            )

    def notify(self, level: str, text: str) -> None:
        """Show a message in the HUD and log it to stderr for the terminal."""
        print(f"voxroom: {level}: {text}", flush=True)
        until = time.monotonic() + MESSAGE_SECONDS * (3 if level == "error" else 1)
        self.messages = [*self.messages, Message(level, text, until)][-8:]

    def state(
        self, world: World, settings: SettingsMenu, text_entry: str | None, last_turn: TurnRecord | None
    ) -> HudState:
        """What the HUD shows this frame."""
        self._tell_where_replies_are()
        now = time.monotonic()
        if now >= self._stats_at:
            self._stats_text, self._stats_at = self.stats.summary(), now + 0.5
        self.messages = [m for m in self.messages if m.until > now]
        top_left: tuple[str, ...] = (
            self._stats_text,
            f"{self.hearing_status} · mic {self.level_dbfs:.0f} dBFS"
            if self.mic_live
            else self.hearing_status,
        )
        if self.progress:
            top_left += (self.progress,)
        if self.debug:
            scene = world.scene
            top_left += (self.renderer_name, f"scene: {scene.name} · {len(scene.props)} props")
            top_left += latency_lines(last_turn)
        help_lines: tuple[str, ...] = HELP_LINES if self.show_help else ()
        highlight = -1
        if settings.visible:
            help_lines, highlight = settings.lines(), settings.highlight
        return HudState(
            top_left=top_left,
            top_right=("F1 help · Tab settings",),
            messages=tuple((m.level, m.text) for m in self.messages),
            caption=self.caption if self.captions else "",
            npc_caption=self.npc_caption if self.show_replies else "",
            help_lines=help_lines,
            help_highlight=highlight,
            text_entry=text_entry,
        )
