"""The settings overlay's model: which row is selected, what each key does, what to draw.

Pure state, no pygame and no GL, so every path is tested without a window. The app feeds
it key names (``pygame.key.name(event.key)``: "up", "down", "left", "right", "return",
"escape", "tab"), applies each :class:`SettingChange` it returns to the running engines,
saves :attr:`SettingsMenu.config`, and draws :meth:`SettingsMenu.lines` with the HUD's
centred panel, highlighting row :attr:`SettingsMenu.highlight`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.choices import BRAINS, ENGINES, BrainName, EngineName
from game.config import Config, value_of, with_value

TITLE = "Settings"
HINTS = "Up/Down select · Left/Right or Enter change · Esc or Tab close"
NEXT_KEYS = frozenset({"right", "d"})
PREV_KEYS = frozenset({"left", "a"})
ENTER_KEYS = frozenset({"return", "enter", "space"})
CLOSE_KEYS = frozenset({"escape", "tab"})
MAX_VALUE_CHARS = 40


@dataclass(frozen=True)
class SettingChange:
    """One setting the user changed: a dotted config key (``"audio.voice_volume"``) and its new value."""

    key: str
    value: Any


@dataclass(frozen=True)
class Item:
    """One row: the values it steps through and how each is shown.

    ``ordered`` rows (numbers) stop at their ends and Enter leaves them alone, so a volume
    never jumps from loud to silent; the other rows cycle.
    """

    key: str
    label: str
    values: tuple[Any, ...]
    show: Callable[[Any], str]
    ordered: bool = False


def _device(value: Any) -> str:
    return "system default" if value == "" else str(value)


def _model(value: Any) -> str:
    return "auto (first one found)" if value == "" else Path(str(value)).name or str(value)


LISTENING = {"always": "always listening", "ptt": "push to talk (hold V)"}
ENGINE_LABELS: dict[EngineName, str] = {
    "auto": "auto (Vosk when a model is found)",
    "vosk": "Vosk",
    "sphinx": "pocketsphinx",
}
BRAIN_LABELS: dict[BrainName, str] = {"embed": "built-in (fast)", "llama": "generative (llama.cpp)"}
MSAA = {0: "off", 2: "2x", 4: "4x"}


PICKED = ("audio.microphone", "audio.output_device", "hearing.vosk_model")


def _with_current(values: Sequence[Any], *current: Any) -> tuple[Any, ...]:
    """The choices, deduplicated, with the configured values kept even when they are not offered."""
    return tuple(dict.fromkeys((*values, *current)))


class SettingsMenu:
    """The settings overlay: open with :meth:`show` (Tab or the Esc menu), feed keys to :meth:`press`."""

    def __init__(
        self,
        config: Config,
        microphones: Sequence[str] = (),
        outputs: Sequence[str] = (),
        vosk_models: Sequence[str] = (),
    ) -> None:
        self.config = config
        self.visible = False
        self.index = 0
        self.status = ""  # one line the app sets: "saved", a save error, "applies after this reply"
        self.room_lines: tuple[str, ...] = ()  # a joined shared room: who is in it
        self.microphones = tuple(microphones)
        self.outputs = tuple(outputs)
        self.vosk_models = tuple(vosk_models)
        # What the file named when the app started stays choosable after stepping off it,
        # so an unplugged microphone is one key press away when it is back.
        self._from_file = {k: value_of(config, k) for k in PICKED}

    # --- opening and closing -----------------------------------------------------------------
    def show(
        self,
        microphones: Sequence[str] | None = None,
        outputs: Sequence[str] | None = None,
        vosk_models: Sequence[str] | None = None,
    ) -> None:
        """Open the overlay, refreshing the device and model lists when given."""
        if microphones is not None:
            self.microphones = tuple(microphones)
        if outputs is not None:
            self.outputs = tuple(outputs)
        if vosk_models is not None:
            self.vosk_models = tuple(vosk_models)
        self.visible = True
        self.status = ""

    def hide(self) -> None:
        """Close the overlay (the selected row is remembered for next time)."""
        self.visible = False

    # --- rows --------------------------------------------------------------------------------
    def items(self) -> list[Item]:
        """The rows, built from the current config and the device lists."""
        c = self.config
        kept = self._from_file
        mics = _with_current(("", *self.microphones), c.audio.microphone, kept["audio.microphone"])
        outs = _with_current(("", *self.outputs), c.audio.output_device, kept["audio.output_device"])
        models = _with_current(("", *self.vosk_models), c.hearing.vosk_model, kept["hearing.vosk_model"])
        volume_steps = tuple(round(i / 10, 1) for i in range(11))
        return [
            Item("audio.microphone", "Microphone", mics,
                 self._missing(_device, self.microphones, "not connected")),
            Item("audio.output_device", "Speakers", outs,
                 self._missing(_device, self.outputs, "not connected")),
            Item("hearing.mode", "Listening", tuple(LISTENING), LISTENING.__getitem__),
            Item("hearing.engine", "Recognizer", ENGINES, ENGINE_LABELS.__getitem__),
            Item("hearing.vosk_model", "Vosk model", models,
                 self._missing(_model, self.vosk_models, "not found")),
            Item("mind.brain", "Brain", BRAINS, BRAIN_LABELS.__getitem__),
            Item("audio.voice_volume", "Voice volume", volume_steps, lambda v: f"{round(v * 100)}%",
                 ordered=True),
            Item("audio.backchannels", "Murmurs while you talk", (False, True),
                 lambda v: "on (uh-huh, yeah)" if v else "off (nods only)"),
            Item("display.captions", "Captions", (True, False), lambda v: "on" if v else "off"),
            Item("display.text_size", "Text size", tuple(range(12, 49, 2)), lambda v: f"{v} px",
                 ordered=True),
            Item("display.msaa", "Anti-aliasing", tuple(MSAA), MSAA.__getitem__),
            Item("conversation.scenes", "NPCs chat when you're quiet", (True, False),
                 lambda v: "on" if v else "off"),
        ]  # fmt: skip

    @staticmethod
    def _missing(show: Callable[[Any], str], offered: Sequence[str], note: str) -> Callable[[Any], str]:
        """Mark a configured device or model that is not among the ones offered now."""

        def shown(value: Any) -> str:
            text = show(value)
            return text if value == "" or value in offered else f"{text} ({note})"

        return shown

    # --- keys --------------------------------------------------------------------------------
    def press(self, key: str) -> SettingChange | None:
        """Handle one key name; returns the change to apply live (and save), or None."""
        if not self.visible:
            return None
        items = self.items()
        self.index %= len(items)
        if key in CLOSE_KEYS:
            self.hide()
        elif key in ("up", "w"):
            self.index = (self.index - 1) % len(items)
        elif key in ("down", "s"):
            self.index = (self.index + 1) % len(items)
        elif key in NEXT_KEYS | PREV_KEYS | ENTER_KEYS:
            item = items[self.index]
            if item.ordered and key in ENTER_KEYS:
                return None
            value = self._step(item, -1 if key in PREV_KEYS else 1)
            if value == value_of(self.config, item.key):
                return None
            self.config = with_value(self.config, item.key, value)
            return SettingChange(item.key, value_of(self.config, item.key))
        return None

    def _step(self, item: Item, direction: int) -> Any:
        """The next value along the row: clamped for numbers, cycling for choices."""
        current = value_of(self.config, item.key)
        if item.ordered:
            if direction > 0:
                bigger = [v for v in item.values if v > current]
                return min(bigger) if bigger else current
            smaller = [v for v in item.values if v < current]
            return max(smaller) if smaller else current
        values = list(item.values)
        at = values.index(current) if current in values else 0
        return values[(at + direction) % len(values)]

    # --- drawing -----------------------------------------------------------------------------
    def lines(self) -> tuple[str, ...]:
        """Title, one row per setting (the selected one with < > around its value), hints, status."""
        rows = [TITLE]
        for i, item in enumerate(self.items()):
            text = item.show(value_of(self.config, item.key))
            if len(text) > MAX_VALUE_CHARS:
                text = text[: MAX_VALUE_CHARS - 3] + "..."
            if i == self.index % len(self.items()):
                rows.append(f"{item.label}:   < {text} >")
            else:
                rows.append(f"{item.label}:   {text}")
        rows += ["", *self.room_lines, HINTS] if self.room_lines else ["", HINTS]
        if self.status:
            rows.append(self.status)
        return tuple(rows)

    @property
    def highlight(self) -> int:
        """Index into :meth:`lines` of the selected row (for ``HudState.help_highlight``)."""
        return 1 + self.index % len(self.items())
