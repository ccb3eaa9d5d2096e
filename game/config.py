"""The user's config file: TOML → frozen dataclasses, validated key by key.

The file lives in the platform's user config dir (``~/.config/voxroom/config.toml`` on
Linux); ``VOXROOM_CONFIG=FILE`` overrides it (tests, portable installs). The rules that
keep it safe to hand-edit:

- a bad value costs only that key: it is reported in one line naming the file, the key
  and the fix, and the key keeps its default;
- unknown keys and sections are reported, never fatal, and survive a save (a newer
  Voxroom's settings are not wiped by an older one);
- a file that is not TOML at all never stops the app: it is moved aside
  (``config.toml.broken-<timestamp>``) and the defaults are used;
- saving is atomic (temp file + rename), and a hand-edited file (comments, a value that
  was rejected) is copied to ``config.toml.bak`` before the overlay rewrites it;
- the overlay saves only the keys it changed, merged into the file as it is now under
  ``config.toml.lock``, so two running instances never revert each other's settings.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import tomli_w
from filelock import FileLock, Timeout

from game.choices import BrainName, EngineName
from game.config_rules import KEYS, RENAMED, RULES, ConfigError, check, shown
from game.files import aside_path, write_atomic

CONFIG_ENV = "VOXROOM_CONFIG"
HEADER = (
    "# Voxroom settings: edit freely (docs/settings.md lists every key).\n"
    "# The settings overlay (Tab in the app) rewrites this file; a hand-edited copy is kept as .bak.\n\n"
)


@dataclass(frozen=True)
class AudioConfig:
    """Sound devices by name ("" = the system default), the NPC voice volume, audible backchannels."""

    output_device: str = ""
    microphone: str = ""
    voice_volume: float = 1.0
    backchannels: bool = False
    """The listening NPC murmurs "uh-huh" with its nods during a long turn (off: nods only)."""


@dataclass(frozen=True)
class HearingConfig:
    """How the app listens: always, or only while V is held; which recognizer."""

    mode: str = "always"
    engine: EngineName = "auto"
    vosk_model: str = ""
    endpointing: str = "auto"


@dataclass(frozen=True)
class MindConfig:
    """The dialogue backend: the built-in embedding brain or a local llama.cpp model."""

    brain: BrainName = "embed"
    model: str = ""
    """The generative model: "" (bundled SmolLM2), a name from `voxroom models list`, or a .gguf path."""


@dataclass(frozen=True)
class DisplayConfig:
    """Subtitles and speech bubbles, HUD text size in pixels, multisample anti-aliasing."""

    captions: bool = True
    text_size: int = 20
    msaa: int = 0


@dataclass(frozen=True)
class ConversationConfig:
    """What the NPCs do on their own."""

    scenes: bool = True
    """Two NPCs talk to each other when the user has been quiet a while (off: they wait to be spoken to)."""


@dataclass(frozen=True)
class ModsConfig:
    """Mods to load, by name."""

    enabled: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    """The whole user config. ``extra`` holds unknown keys verbatim so a save keeps them."""

    audio: AudioConfig = field(default_factory=AudioConfig)
    hearing: HearingConfig = field(default_factory=HearingConfig)
    mind: MindConfig = field(default_factory=MindConfig)
    display: DisplayConfig = field(default_factory=DisplayConfig)
    conversation: ConversationConfig = field(default_factory=ConversationConfig)
    mods: ModsConfig = field(default_factory=ModsConfig)
    extra: Mapping[str, Any] = field(default_factory=dict)


SECTIONS = ("audio", "hearing", "mind", "display", "conversation", "mods")


def _name(name: str) -> str:
    """A key as TOML would need it written: bare when it can be, quoted otherwise."""
    bare = bool(name) and all(c.isascii() and (c.isalnum() or c in "-_") for c in name)
    return name if bare else shown(name)


def value_of(config: Config, key: str) -> Any:
    """The current value of a dotted key such as ``"display.text_size"``."""
    section, name = key.split(".")
    return getattr(getattr(config, section), name)


def with_value(config: Config, key: str, value: Any) -> Config:
    """A copy of ``config`` with one key changed; :class:`ConfigError` if the value is invalid."""
    if key not in RULES:
        raise ConfigError(f"unknown setting {key!r}; known: {', '.join(KEYS)}")
    section, name = key.split(".")
    part = replace(getattr(config, section), **{name: check(key, value)})
    return replace(config, **{section: part})


def default_path() -> Path:
    """``$VOXROOM_CONFIG``, else ``config.toml`` in the platform's user config dir."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("voxroom", appauthor=False)) / "config.toml"


def parse_config(doc: Mapping[str, Any], source: str = "config") -> tuple[Config, list[str]]:
    """Validate a parsed TOML document key by key; never raises on user data."""
    problems: list[str] = []
    config = Config()
    extra: dict[str, Any] = {}
    for section, body in doc.items():
        if section not in SECTIONS:
            problems.append(
                f"{source}: unknown section [{_name(section)}] (ignored, kept in the file); "
                f"known sections: {', '.join(SECTIONS)}"
            )
            extra[section] = body
            continue
        if not isinstance(body, Mapping):
            problems.append(
                f"{source}: {section} = {shown(body)} must be a section; write [{section}] "
                "followed by its keys (using the defaults for it)"
            )
            continue
        known = [f.name for f in fields(getattr(config, section))]
        for name, value in body.items():
            key = f"{section}.{name}"
            if key in RENAMED:
                key, name = _renamed(key, body, source, problems)
                if not key:
                    continue
            if key not in RULES:
                problems.append(
                    f"{source}: unknown key [{section}] {_name(name)} (ignored, kept in the file); "
                    f"known keys: {', '.join(known)}"
                )
                extra.setdefault(section, {})[name] = value
                continue
            try:
                config = with_value(config, key, value)
            except ConfigError as exc:
                problems.append(
                    f"{source}: [{section}] {name} = {exc} (using {shown(value_of(config, key))})"
                )
    return replace(config, extra=extra), problems


def _renamed(key: str, body: Mapping[str, Any], source: str, problems: list[str]) -> tuple[str, str]:
    """An old key's new name, or ("", "") when the file sets the new key too (the new one wins).

    The old key is not kept in the file: the next save writes the new name, which finishes the move.
    """
    section, old = key.split(".")
    new = RENAMED[key].split(".")[1]
    using = "ignored: it also sets " + new if new in body else "its value is used"
    problems.append(f"{source}: [{section}] {old} is now called {new}; rename it in the file ({using})")
    return ("", "") if new in body else (RENAMED[key], new)


def to_document(config: Config) -> dict[str, Any]:
    """The TOML document for ``config``: every known key, then the preserved unknown ones."""
    doc: dict[str, Any] = {}
    for section in SECTIONS:
        part = getattr(config, section)
        body = {f.name: getattr(part, f.name) for f in fields(part)}
        body = {k: list(v) if isinstance(v, tuple) else v for k, v in body.items()}
        kept = config.extra.get(section)
        if isinstance(kept, Mapping):
            body.update({k: v for k, v in kept.items() if k not in body})
        doc[section] = body
    for name, value in config.extra.items():
        if name not in SECTIONS:
            doc[name] = value
    return doc


def render(config: Config) -> str:
    """The file text ``save_config`` writes (deterministic, so a re-save changes nothing)."""
    return HEADER + tomli_w.dumps(to_document(config))


def load_config(path: str | os.PathLike[str] | None = None) -> tuple[Config, list[str]]:
    """Read the user config; returns ``(config, problems)`` and never raises on a bad file.

    A missing file means the defaults and no problem. A file that is not UTF-8 TOML is
    renamed to ``<name>.broken-<timestamp>`` (its bytes untouched) and the defaults are used.
    """
    p = Path(path).expanduser() if path is not None else default_path()
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        return Config(), []
    except OSError as exc:
        return Config(), [
            f"{p}: cannot read the config file ({exc.strerror or exc}); using the defaults — "
            f"fix its permissions or point {CONFIG_ENV} at another file"
        ]
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        target = aside_path(p, "broken")
        try:
            p.rename(target)
        except OSError as move_exc:
            return Config(), [
                f"{p}: not valid TOML ({why}); using the defaults and leaving the file as it is "
                f"(could not move it aside: {move_exc.strerror or move_exc}) — fix it or delete it"
            ]
        return Config(), [
            f"{p}: not valid TOML ({why}); moved it to {target.name} and using the defaults — "
            f"fix that file and rename it back to {p.name}"
        ]
    return parse_config(doc, str(p))


def _hand_edited(data: bytes) -> bool:
    """True when the file holds something a rewrite would not reproduce (comments, bad values)."""
    try:
        text = data.decode("utf-8")
        config, _ = parse_config(tomllib.loads(text))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True
    return render(config) != text


LOCK_TIMEOUT_S = 10.0


def _merged(old: bytes, config: Config, changed: Iterable[str]) -> Config:
    """The file as it is now with only ``changed`` keys taken from ``config``.

    A file that is no longer TOML cannot be merged into: ``config`` is written whole
    (the unreadable file is kept as ``.bak`` by the caller).
    """
    if not old:
        current = Config()
    else:
        try:
            current, _ = parse_config(tomllib.loads(old.decode("utf-8")))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            return config
    for key in changed:
        current = with_value(current, key, value_of(config, key))
    return current


def save_config(
    config: Config, path: str | os.PathLike[str] | None = None, changed: Iterable[str] | None = None
) -> list[str]:
    """Save settings; returns one-line notes (a backup made, a failure), never raises.

    ``changed`` names the dotted keys this instance changed: under ``<file>.lock`` the
    file is re-read and only those keys are written over it, so a second running Voxroom
    that changed other settings keeps them (each used to save its whole copy, reverting
    the other's). ``None`` writes all of ``config``. Raises :class:`ConfigError` only for
    a program error: a ``Config`` built with invalid values.
    """
    for key in KEYS:
        try:
            check(key, value_of(config, key))
        except ConfigError as exc:
            raise ConfigError(f"refusing to save an invalid config: {key} = {exc}") from None
    p = Path(path).expanduser() if path is not None else default_path()
    notes: list[str] = []
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(f"{p}.lock", timeout=LOCK_TIMEOUT_S):
            try:
                old = p.read_bytes()
            except FileNotFoundError:
                old = b""
            text = render(config if changed is None else _merged(old, config, changed))
            if old and old != text.encode("utf-8") and _hand_edited(old):
                backup = p.with_name(p.name + ".bak")
                write_atomic(backup, old)
                notes.append(f"{p}: your hand-edited version was kept as {backup.name}")
            write_atomic(p, text.encode("utf-8"))
    except Timeout:
        notes.append(
            f"{p}: cannot save settings (another Voxroom held {p.name}.lock for {LOCK_TIMEOUT_S:g} s); "
            "they apply until you quit — change the setting again to retry"
        )
    except OSError as exc:
        notes.append(
            f"{p}: cannot save settings ({exc.strerror or exc}); they apply until you quit — "
            f"fix the folder's permissions or point {CONFIG_ENV} at another file"
        )
    return notes
