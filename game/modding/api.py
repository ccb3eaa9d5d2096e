"""The mod surface: everything a mod script may call, on one object per mod.

A mod's entry script starts with ``mod = api.this_mod()`` and registers hooks with the
decorators below. Hooks run on the mod host's worker thread, never on the main thread,
so a mod cannot stall rendering; for the same reason a mod never edits the world
directly. Every edit (spawn, move, say, gesture, lights …) is *queued* and carried
out by :meth:`game.modding.host.ModHost.apply` on the main thread, the only owner of the
world. Reads (:meth:`Mod.find`, :meth:`Mod.props` …) return immutable snapshots. Those
reads and edits live in :class:`game.modding.world_api.WorldApi`, which :class:`Mod`
inherits; this module holds the hooks, registrations and the mod's own data.

Everything a mod registers (intents, actions, zones) is namespaced ``modname:thing`` so
two mods can never take each other's names. This module is the public contract: it is
versioned by :data:`API_VERSION` and documented with an example per function in
``docs/modding.md``.
"""

from __future__ import annotations

import difflib
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from game.events import Event
from game.files import write_atomic
from game.mind.protocols import Action, ArgValue, Reply
from game.modding import edits
from game.modding.world_api import Command, WorldApi
from game.sim.scene import Vec3

if TYPE_CHECKING:
    from game.sim.world import World

#: The version of this API. A mod states the version it was written for in ``mod.toml``;
#: every version in :data:`SUPPORTED_VERSIONS` still loads (version 2 only added things).
API_VERSION = 2
SUPPORTED_VERSIONS = (1, 2)
#: Every hook name a mod can register; anything else is a typo and is reported.
HOOKS = (
    "on_load",
    "on_unload",
    "on_reload",
    "on_tick",
    "on_heard",
    "on_reply",
    "on_action",
    "on_enter",
    "on_leave",
    "on_key",
    "every",
    "on_arrived",
    "on_line",
    "on_speech_done",
)

F = TypeVar("F", bound=Callable[..., Any])


class ModError(Exception):
    """A problem with a mod, formatted ``mod (file): problem`` so the author finds it at once."""

    def __init__(self, mod: str, path: str | Path, problem: str) -> None:
        self.mod, self.path, self.problem = mod, str(path), problem
        where = f" ({path})" if str(path) else ""
        super().__init__(f"mod {mod!r}{where}: {problem}")


@dataclass(frozen=True)
class ModIntent:
    """A mod-defined intent: example phrases (``{slot}`` placeholders) and the handler that answers."""

    name: str
    examples: tuple[str, ...]
    handler: Callable[..., Any]
    slots: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    mod: str = ""


@dataclass(frozen=True)
class Zone:
    """A circle on the floor (x, z, radius); ``around`` follows a prop when it moves."""

    name: str
    centre: tuple[float, float] = (0.0, 0.0)
    radius: float = 1.0
    around: str = ""


@dataclass
class Timer:
    """An ``every``/``after`` registration and the simulation time accumulated towards its next call.

    Timers count simulation time (the ticks the host is given), so a paused or slow
    machine never fires them early, and tests advance them exactly.
    """

    seconds: float
    fn: Callable[[], Any]
    elapsed: float = 0.0
    once: bool = False
    cancelled: bool = False

    def cancel(self) -> None:
        """Never call it again (timers also end with their mod)."""
        self.cancelled = True


_LOADING = threading.local()


def this_mod() -> Mod:
    """Return the :class:`Mod` of the script being loaded; call it once, at the top of the script.

    Handing the object over explicitly (rather than as a hidden global) keeps mod
    scripts ordinary Python that linters and editors understand.
    """
    current: Mod | None = getattr(_LOADING, "mod", None)
    if current is None:
        raise RuntimeError("api.this_mod() works only while a mod is loading (at the top of its script)")
    return current


def _check_name(kind: str, name: str) -> str:
    if not isinstance(name, str) or not name or not all(c.isalnum() or c in "-_ " for c in name):
        raise ValueError(f"{kind} name {name!r} may hold only letters, digits, '-', '_' and spaces")
    return name


class Mod(WorldApi):
    """One mod's handle on the game: hooks, world reads, queued world edits, data.

    The host creates it; a mod gets it from :func:`this_mod`. All public methods are
    safe to call from hooks; edits take effect on the next main-thread tick.
    """

    def __init__(
        self,
        name: str,
        version: str,
        folder: Path,
        data_dir: Path,
        world: Callable[[], World | None],
        enqueue: Callable[[Command], None],
        user_position: Callable[[], Vec3],
        notify: Callable[[str, str], None],
        clock: Callable[[], float] = time.monotonic,
        post: Callable[[Event], None] | None = None,
    ) -> None:
        super().__init__(name, world, enqueue, user_position, notify, clock, post)
        self.version = version
        self.folder = folder
        self._data_dir = data_dir
        self.hooks: dict[str, list[Callable[..., Any]]] = {h: [] for h in HOOKS}
        self.zone_hooks: dict[tuple[str, str], list[Callable[..., Any]]] = {}
        self.key_hooks: dict[str, list[Callable[..., Any]]] = {}
        self.timers: list[Timer] = []
        self.intents: dict[str, ModIntent] = {}
        self.actions: dict[str, Callable[..., Any]] = {}
        self.zones: dict[str, Zone] = {}
        self.phrases: list[str] = []
        self.data: dict[str, Any] = self._read_data()

    def __getattr__(self, item: str) -> Any:
        known = [n for n in dir(type(self)) if not n.startswith("_")]
        close = difflib.get_close_matches(item, known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise AttributeError(f"the mod API has no {item!r}{hint} (see docs/modding.md)")

    def ns(self, thing: str) -> str:
        """Namespace a name: ``"order"`` → ``"cafe:order"`` (names already holding ':' are kept)."""
        return thing if ":" in thing else f"{self.name}:{thing}"

    # --- hooks -------------------------------------------------------------------------------
    def hook(self, hook_name: str, arg: Any = None) -> Callable[[F], F]:
        """Register a hook by name; the decorators below are shortcuts for this."""
        if hook_name not in HOOKS:
            close = difflib.get_close_matches(hook_name, HOOKS, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise ValueError(f"unknown hook {hook_name!r}; {hint}known hooks: {', '.join(HOOKS)}")

        def register(fn: F) -> F:
            if not callable(fn):
                raise TypeError(f"{hook_name} needs a function, got {fn!r}")
            if hook_name in ("on_enter", "on_leave"):
                self.zone_hooks.setdefault((hook_name, self.ns(str(arg))), []).append(fn)
            elif hook_name == "on_key":
                self.key_hooks.setdefault(str(arg).lower(), []).append(fn)
            elif hook_name == "every":
                self._timer(arg, fn, once=False)
            else:
                self.hooks[hook_name].append(fn)
            return fn

        return register

    def on_load(self, fn: F) -> F:
        """Run once when the mod is loaded (not on hot reload when ``on_reload`` exists)."""
        return self.hook("on_load")(fn)

    def on_unload(self, fn: F) -> F:
        """Run before the mod is unloaded or replaced; its return value is passed to ``on_reload``."""
        return self.hook("on_unload")(fn)

    def on_reload(self, fn: F) -> F:
        """Run in the new version after a hot reload, with what the old ``on_unload`` returned."""
        return self.hook("on_reload")(fn)

    def on_tick(self, fn: F) -> F:
        """Run every simulation step with ``dt`` in seconds; keep it short (a few ms)."""
        return self.hook("on_tick")(fn)

    def on_heard(self, fn: F) -> F:
        """Run on each utterance ``(npc, utterance)``; return text or a Reply to answer for the brain."""
        return self.hook("on_heard")(fn)

    def on_reply(self, fn: F) -> F:
        """Run on each reply ``(npc, reply)``; return a new Reply or text to change it, None to keep it."""
        return self.hook("on_reply")(fn)

    def on_action(self, fn: F) -> F:
        """Run for each action an NPC is about to perform ``(npc, action)``."""
        return self.hook("on_action")(fn)

    def on_enter(self, zone: str) -> Callable[[F], F]:
        """Run when the user walks into one of this mod's zones (see :meth:`zone`)."""
        return self.hook("on_enter", zone)

    def on_leave(self, zone: str) -> Callable[[F], F]:
        """Run when the user walks out of one of this mod's zones."""
        return self.hook("on_leave", zone)

    def on_key(self, key: str) -> Callable[[F], F]:
        """Run when a key is pressed, by pygame name (``"f6"``, ``"k"``); the handler gets the key."""
        return self.hook("on_key", key)

    def every(self, seconds: float, fn: Callable[[], Any] | None = None) -> Any:
        """Run ``fn`` every ``seconds`` of simulation time (at most once per tick).

        ``mod.every(2.0, fn)`` returns a :class:`Timer` to ``cancel()``; without ``fn`` it is
        a decorator (``@mod.every(2.0)``).
        """
        if fn is None:
            return self.hook("every", seconds)
        return self._timer(seconds, fn, once=False)

    def after(self, seconds: float, fn: Callable[[], Any]) -> Timer:
        """Run ``fn`` once, ``seconds`` of simulation time from now; returns a :class:`Timer`."""
        return self._timer(seconds, fn, once=True)

    def _timer(self, seconds: Any, fn: Callable[[], Any], once: bool) -> Timer:
        what = "after" if once else "every"
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds <= 0:
            raise ValueError(f"{what}() needs a positive number of seconds, got {seconds!r}")
        if not callable(fn):
            raise TypeError(f"{what}() needs a function, got {fn!r}")
        timer = Timer(float(seconds), fn, once=once)
        self.timers.append(timer)
        return timer

    def on_arrived(self, fn: F) -> F:
        """Run when an NPC's walk reaches its target ``(npc, target)``; not when it was stopped."""
        return self.hook("on_arrived")(fn)

    def on_line(self, fn: F) -> F:
        """Run for every line said in the room ``(speaker, text, source)``.

        ``speaker`` is ``"user"`` or an NPC; ``source`` is ``user``, ``reply`` (the brain's
        answer) or ``mod:<name>`` (a mod's ``say`` or a mod's answer, this mod's included).
        """
        return self.hook("on_line")(fn)

    def on_speech_done(self, fn: F) -> F:
        """Run when an NPC stops speaking ``(npc)``: its line finished or was cut off."""
        return self.hook("on_speech_done")(fn)

    # --- registrations -----------------------------------------------------------------------
    def intent(
        self,
        name: str,
        examples: Iterable[str],
        handler: Callable[..., Any],
        slots: Mapping[str, Iterable[str]] | None = None,
    ) -> str:
        """Teach the NPCs a new request; ``handler(npc, utterance, slots)`` answers it.

        Examples may hold ``{slot}`` placeholders; a slot with listed values matches only
        those (and they go into the speech grammar), one without matches any words.
        """
        full = self.ns(_check_name("intent", name))
        if full in self.intents:
            raise ValueError(f"intent {full!r} is registered twice")
        lines = tuple(str(e) for e in examples)
        if not lines:
            raise ValueError(f"intent {full!r} needs at least one example phrase")
        values = {k: tuple(str(v).lower() for v in vs) for k, vs in (slots or {}).items()}
        self.intents[full] = ModIntent(full, lines, handler, values, self.name)
        return full

    def listen_for(self, *phrases: str) -> None:
        """Add sentences to the speech grammar that no intent covers (quiz answers, names)."""
        self.phrases.extend(str(p) for p in phrases if str(p).strip())

    def action(self, name: str, handler: Callable[..., Any]) -> str:
        """Add a custom action ``modname:name`` that replies can carry; ``handler(npc, action)`` does it."""
        full = self.ns(_check_name("action", name))
        if full in self.actions:
            raise ValueError(f"action {full!r} is registered twice")
        self.actions[full] = handler
        return full

    def make_action(self, name: str, **args: ArgValue) -> Action:
        """Build an Action (built-in like ``"wave"`` or custom like ``"serve"`` → ``"cafe:serve"``)."""
        from game.mind.protocols import ACTION_NAMES

        full = name if name in ACTION_NAMES else self.ns(name)
        return Action.make(full, **args)

    def zone(self, name: str, at: Vec3 | None = None, around: str = "", radius: float = 1.0) -> str:
        """Define a floor zone by a point or around a prop; ``on_enter``/``on_leave`` fire on crossing it."""
        full = self.ns(_check_name("zone", name))
        if full in self.zones:
            raise ValueError(f"zone {full!r} is registered twice")
        if at is None and not around:
            raise ValueError(f"zone {full!r} needs at=(x, y, z) or around='prop name'")
        centre = (float(at[0]), float(at[2])) if at is not None else (0.0, 0.0)
        self.zones[full] = Zone(full, centre, float(radius), around)
        return full

    # --- scenes and notices --------------------------------------------------------------------
    def save_scene(self, name: str) -> Path:
        """Save the room as a scene file in this mod's data folder; returns where it will be."""
        from game.sim.world import check_scene_name

        path = self.data_path(f"scenes/{check_scene_name(name)}.toml")
        self._queue(f"save scene {name!r}", lambda w, s: w.save(path))
        return path

    def load_scene(self, name: str) -> None:
        """Replace the room's furniture, lights and colours by a scene this mod saved (NPCs stay)."""
        from game.sim.world import check_scene_name

        path = self.data_path(f"scenes/{check_scene_name(name)}.toml")
        self._queue(f"load scene {name!r}", lambda w, s: edits.load_layout(w, path))

    def notify(self, message: str, level: str = "info") -> None:
        """Show a message in the HUD and the log, tagged with this mod's name (level info/warning/error)."""
        self._notify(str(message), level if level in ("info", "warning", "error") else "info")

    def log(self, *parts: Any) -> None:
        """Write a line to the log only, not the HUD (``<data dir>/logs/voxroom.log``, :mod:`game.logs`)."""
        logging.getLogger(f"game.modding.{self.name}").info("%s", " ".join(str(p) for p in parts))

    # --- persistent data ---------------------------------------------------------------------
    def data_path(self, filename: str) -> Path:
        """A file in this mod's own data folder (never outside it); the folder is created."""
        root = self._data_dir.resolve()
        path = (root / filename).resolve()
        if not path.is_relative_to(root) or path == root:
            raise ValueError(f"{filename!r} is outside this mod's data folder")
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def _read_data(self) -> dict[str, Any]:
        file = self._data_dir / "data.json"
        try:
            value = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return value if isinstance(value, dict) else {}

    def save_data(self) -> None:
        """Write :attr:`data` (JSON values only) now; it is also saved on unload, reload and exit."""
        text = json.dumps(self.data, indent=2, sort_keys=True)
        write_atomic(self.data_path("data.json"), text)


def as_reply(value: Any, mod: str, intent: str = "") -> Reply | None:
    """Turn what a hook returned (None, text or a Reply) into a Reply tagged with the mod."""
    if value is None or value == "":
        return None
    if isinstance(value, Reply):
        return value
    if isinstance(value, str):
        return Reply(text=value, intent=intent or f"{mod}:heard", score=1.0, brain=f"mod:{mod}")
    raise TypeError(f"a hook must return text, a Reply or None, not {type(value).__name__}")
