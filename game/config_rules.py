"""The config file's keys: how each value is checked, and the one-line fix for a bad one.

Kept apart from :mod:`game.config` (reading, merging and saving the file) so the table
of keys reads on its own: adding a setting means one ``Rule`` here and one field in its
section's dataclass. Every message is one line naming what is allowed.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from game.choices import BRAINS, ENGINES
from game.llm_catalog import UnknownModel, check_setting


@dataclass(frozen=True)
class Rule:
    """How one key is checked: its kind, allowed choices or range, and the fix to suggest."""

    kind: str  # text | model | choice | volume | int_range | int_choice | bool | names
    choices: tuple[Any, ...] = ()
    low: int = 0
    high: int = 0
    fix: str = ""


_DEVICE_FIX = 'use a device name from "voxroom devices", or "" for the default'


def _one_of(names: tuple[str, ...]) -> str:
    """``"a", "b" or "c"``: the allowed words, quoted as they go in the file."""
    quoted = [f'"{n}"' for n in names]
    return ", ".join(quoted[:-1]) + f" or {quoted[-1]}"


RULES: dict[str, Rule] = {
    "audio.output_device": Rule("text", fix=_DEVICE_FIX),
    "audio.microphone": Rule("text", fix=_DEVICE_FIX),
    "audio.voice_volume": Rule("volume", fix="use a number from 0.0 to 1.0"),
    "audio.backchannels": Rule("bool", fix="use true or false"),
    "hearing.mode": Rule("choice", ("always", "ptt"), fix='use "always" or "ptt" (push to talk, hold V)'),
    "hearing.engine": Rule("choice", ENGINES, fix=f"use {_one_of(ENGINES)}"),
    "hearing.vosk_model": Rule("text", fix='use a Vosk model directory, or "" to find one'),
    "hearing.endpointing": Rule(
        "choice",
        ("auto", "smart", "timer"),
        fix='use "auto", "smart" (Smart Turn model) or "timer" (silence)',
    ),
    "mind.brain": Rule("choice", BRAINS, fix=f"use {_one_of(BRAINS)}"),
    "mind.model": Rule("model", fix='use a name from `voxroom models list`, a .gguf path, or "" (bundled)'),
    "display.captions": Rule("bool", fix="use true or false"),
    "display.text_size": Rule("int_range", low=12, high=48, fix="use a whole number from 12 to 48"),
    "display.msaa": Rule("int_choice", (0, 2, 4), fix="use 0, 2 or 4"),
    "conversation.scenes": Rule("bool", fix="use true or false"),
    "mods.enabled": Rule("names", fix='use a list of mod names, e.g. ["lamp", "weather"]'),
}
KEYS = tuple(RULES)
RENAMED = {"mind.llama_model": "mind.model"}
"""Keys that were renamed: the old key's value is used (unless the new key is set) and reported."""


class ConfigError(ValueError):
    """A value that cannot be stored under a key (the message says why and the fix)."""


def shown(value: Any) -> str:
    """A value as it would look in TOML, cut short so a message stays one line."""
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except ValueError:  # NaN / inf
        text = str(value).lower()
    return text if len(text) <= 40 else text[:37] + "..."


def check(key: str, value: Any) -> Any:
    """The value as stored under ``key`` (normalised), or :class:`ConfigError` saying why not."""
    rule = RULES[key]
    number = isinstance(value, int | float) and not isinstance(value, bool)
    whole = isinstance(value, int) and not isinstance(value, bool)
    if rule.kind == "text" and isinstance(value, str):
        return value
    if rule.kind == "model" and isinstance(value, str):
        try:
            return check_setting(value)
        except UnknownModel as exc:
            raise ConfigError(str(exc)) from None
    if rule.kind == "choice" and isinstance(value, str) and value in rule.choices:
        return value
    if rule.kind == "bool" and isinstance(value, bool):
        return value
    if rule.kind == "volume" and number and math.isfinite(value) and 0.0 <= value <= 1.0:
        return float(value)
    if rule.kind == "int_range" and whole and rule.low <= value <= rule.high:
        return value
    if rule.kind == "int_choice" and whole and value in rule.choices:
        return value
    if rule.kind == "names" and isinstance(value, list | tuple):
        bad = [v for v in value if not isinstance(v, str) or not v.strip()]
        if not bad:
            return tuple(dict.fromkeys(v.strip() for v in value))  # drop repeats, keep order
    raise ConfigError(f"{shown(value)} is not allowed; {rule.fix}")
