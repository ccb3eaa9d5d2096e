"""The mod host: loads mods, routes the app's events to their hooks, and keeps the app safe from them.

The app calls the host from its main loop (``tick``, ``poll_reload``, ``apply``,
``user_moved``, ``key``) and from the conversation path (``heard``, ``reply``,
``action``). Every piece of mod code runs through one :class:`~game.modding.runner.Runner`:
an exception is reported with the mod's name and a traceback summary (the full
traceback goes to the log), a hook slower than its budget is reported, a hook that
never returns is abandoned after ``limit_s`` and its mod disabled, and a mod that fails
``max_failures`` times is disabled. The app never goes down with a mod.

Mods edit the world only through commands queued by :mod:`game.modding.api`; the main
thread carries them out in :meth:`ModHost.apply`.
"""

from __future__ import annotations

import logging
import math
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from game.bus import EventBus
from game.events import ModAssetChanged, Notice
from game.filewatch import FileWatcher
from game.mind.persona import Persona
from game.mind.protocols import Action, Reply
from game.modding import loader, matching
from game.modding.api import Command, Mod, ModError, ModIntent, as_reply
from game.modding.edits import Say
from game.modding.loader import Manifest
from game.modding.runner import Runner
from game.sim.scene import Scene, Vec3
from game.sim.world import World

log = logging.getLogger("game.modding")


@dataclass(frozen=True)
class ModStatus:
    """One line of ``voxroom mods`` and the HUD: state is ``loaded``, ``disabled`` or ``error``."""

    name: str
    version: str
    state: str
    error: str = ""
    description: str = ""
    folder: str = ""


@dataclass
class _Entry:
    name: str
    folder: Path
    manifest: Manifest | None = None
    mod: Mod | None = None
    state: str = "error"
    error: str = ""
    failures: int = 0
    scenes: dict[str, Scene] = field(default_factory=dict)
    personas: dict[str, Persona] = field(default_factory=dict)
    inside: set[str] = field(default_factory=set)
    warned: dict[str, float] = field(default_factory=dict)


def _mod_files(folder: Path) -> list[Path]:
    """The files whose change reloads a mod: its code and its TOML (manifest, scenes, personas)."""
    try:
        return [p for p in folder.rglob("*") if p.suffix in (".py", ".toml") and "__pycache__" not in p.parts]
    except OSError:
        return []


class ModHost:
    """Owns the loaded mods; see the module docstring for the threading and safety rules."""

    def __init__(
        self,
        bus: EventBus,
        search_dirs: list[Path],
        enabled: list[str] | None = None,
        data_dir: Path | None = None,
        budget_s: float = 0.05,
        limit_s: float = 0.5,
        load_limit_s: float = 5.0,
        max_failures: int = 3,
        watcher: FileWatcher | None = None,
    ) -> None:
        if data_dir is None:
            from game.mind.paths import data_dir as user_data

            data_dir = user_data() / "mod-data"
        self.bus = bus
        self.search_dirs = [Path(d) for d in search_dirs]
        self.enabled = None if enabled is None else [e.strip() for e in enabled if e.strip()]
        self.data_dir = data_dir
        self.budget_s, self.limit_s, self.load_limit_s = budget_s, limit_s, load_limit_s
        self.max_failures = max_failures
        self.runner = Runner()
        self.watcher = watcher or FileWatcher()
        self._entries: dict[str, _Entry] = {}
        self._world: World | None = None
        self._user: Vec3 = (0.0, 1.6, 3.0)
        self._queue: list[Command] = []
        self._qlock = threading.Lock()

    # --- loading ---------------------------------------------------------------------------------
    def load(self, world: World) -> None:
        """Discover and load the enabled mods (dependencies first) and run their ``on_load``."""
        self._world = world
        self._user = world.scene.spawn.position
        manifests, errors = loader.discover(self.search_dirs)
        for err in errors:
            folder = Path(err.path).parent
            self._entries[str(folder)] = _Entry(err.mod, folder, error=str(err))
            self._remember_files(folder)
            self._report(err.mod, str(err), "error")
        wanted = [m for m in manifests if self.enabled is None or m.name in self.enabled]
        for m in manifests:
            if m not in wanted:
                self._entries[m.name] = _Entry(m.name, m.folder, m, state="disabled", error="not enabled")
        for name in self.enabled or []:
            if name not in {m.name for m in manifests} and name not in self._entries:
                self._report(
                    name, f"no mod called {name!r} in {', '.join(map(str, self.search_dirs))}", "error"
                )
        ordered, order_errors = loader.load_order(wanted)
        for err in order_errors:
            m = next(x for x in wanted if x.name == err.mod)
            self._entries[m.name] = _Entry(m.name, m.folder, m, error=str(err))
            self._remember_files(m.folder)
            self._report(m.name, str(err), "error")
        for m in ordered:
            entry = _Entry(m.name, m.folder, m)
            self._entries[m.name] = entry
            self._start(entry, m, reloading=False)

    def set_world(self, world: World) -> None:
        """Point the mods at a new world (the app switched scenes); their hooks see it at once."""
        self._world = world
        self._user = world.scene.spawn.position
        for entry in self._entries.values():
            entry.inside.clear()

    def _make_mod(self, m: Manifest) -> Mod:
        return Mod(
            m.name,
            m.version,
            m.folder,
            self.data_dir / m.name,
            world=lambda: self._world,
            enqueue=self._enqueue,
            user_position=lambda: self._user,
            notify=lambda message, level: self._report(m.name, f"{m.name}: {message}", level),
        )

    def _start(self, entry: _Entry, m: Manifest, reloading: bool) -> bool:
        """Import a (new) version; on success swap it in and run on_load / on_reload."""
        self._remember_files(m.folder)
        if entry.mod is not None:
            self._save(entry)  # the new version reads the data as it is now
        new = self._make_mod(m)
        outcome = self.runner.call(loader.import_mod, (m, new), self.load_limit_s)
        problem = ""
        if outcome.timed_out:
            problem = f"mod {m.name!r} ({m.entry}): loading did not finish within {self.load_limit_s:g} s"
        elif isinstance(outcome.error, ModError):
            problem = str(outcome.error)
        elif outcome.error is not None:
            problem = f"mod {m.name!r} ({m.entry}): {loader.summarise(outcome.error, m.folder)}"
            self._log_traceback(m.name, outcome.error)
        if problem:
            if reloading and entry.state == "loaded":
                entry.error = problem
                self._report(m.name, f"{problem} (still running the previous version)", "error")
            else:
                entry.state, entry.error = "error", problem
                self._report(m.name, problem, "error")
            return False
        carried: Any = None
        old = entry.mod
        reloading = reloading and old is not None
        if old is not None and entry.state == "loaded":
            for fn in old.hooks["on_unload"]:
                ok, value = self._call(entry, "on_unload", fn)
                if ok and value is not None:
                    carried = value
            self._save(entry)
            new.data.update(old.data)
        entry.mod, entry.manifest = new, m
        entry.state, entry.error, entry.failures = "loaded", "", 0
        self._load_assets(entry, m, announce=False)
        if reloading and new.hooks["on_reload"]:
            for fn in new.hooks["on_reload"]:
                self._call(entry, "on_reload", fn, carried)
        else:
            for fn in new.hooks["on_load"]:
                self._call(entry, "on_load", fn)
        if reloading and entry.state == "loaded":
            self._report(m.name, f"{m.name}: reloaded", "info")
        return entry.state == "loaded"

    def _load_assets(self, entry: _Entry, m: Manifest, announce: bool, only: set[Path] | None = None) -> None:
        for kind, files, target in (
            ("scene", m.scenes, entry.scenes),
            ("persona", m.personas, entry.personas),
        ):
            for path in files:
                if only is not None and path not in only:
                    continue
                key = f"{m.name}:{path.stem}"
                try:
                    value: Any = (
                        loader.load_mod_scene(m, path)
                        if kind == "scene"
                        else loader.load_mod_persona(m, path)
                    )
                except ModError as exc:
                    kept = " (keeping the last good version)" if key in target else ""
                    self._report(m.name, f"{exc}{kept}", "error")
                    continue
                target[key] = value
                if announce:
                    self.bus.put(ModAssetChanged(mod=m.name, asset=kind, name=key, path=str(path)))
                    self._report(m.name, f"{m.name}: {kind} {key} reloaded", "info")

    # --- hot reload ------------------------------------------------------------------------------
    def _remember_files(self, folder: Path) -> None:
        """Record the mod's files as loaded now; later changes to them trigger a reload."""
        self.watcher.forget(f"mod:{folder}")
        self.watcher.changed(f"mod:{folder}", _mod_files(folder))

    def poll_reload(self, world: World) -> None:
        """Reload mods whose files changed (call a few times a second on the main thread)."""
        self._world = world
        for entry in list(self._entries.values()):
            if entry.error == "not enabled":
                continue
            changed = self.watcher.changed(f"mod:{entry.folder}", _mod_files(entry.folder))
            if not changed:
                continue
            code = any(p.suffix == ".py" or p.name == loader.MANIFEST for p in changed)
            if not code and entry.manifest is not None and entry.state == "loaded":
                self._load_assets(entry, entry.manifest, announce=True, only=changed)
                continue
            try:
                manifest = loader.read_manifest(entry.folder)
            except ModError as exc:
                self._report(
                    entry.name,
                    f"{exc} (still running the previous version)" if entry.state == "loaded" else str(exc),
                    "error",
                )
                entry.error = str(exc)
                continue
            taken = manifest.name in self._entries and self._entries[manifest.name] is not entry
            if manifest.name != entry.name and (entry.manifest is not None or taken):
                self._report(entry.name, f"{entry.name}: renaming a mod needs a restart", "warning")
                continue
            entry.name = manifest.name
            self._start(entry, manifest, reloading=True)

    # --- running mod code ------------------------------------------------------------------------
    def _active(self) -> Iterator[tuple[_Entry, Mod]]:
        for entry in list(self._entries.values()):
            if entry.state == "loaded" and entry.mod is not None:
                yield entry, entry.mod

    def _call(self, entry: _Entry, label: str, fn: Callable[..., Any], *args: Any) -> tuple[bool, Any]:
        """Run one hook in isolation; returns (ok, value)."""
        if entry.state != "loaded":
            return False, None
        outcome = self.runner.call(fn, args, self.limit_s)
        if outcome.timed_out:
            self._disable(
                entry,
                f"{entry.name}: {label} did not return within {self.limit_s:g} s (an endless loop?); "
                "the mod is disabled",
            )
            return False, None
        if outcome.error is not None:
            entry.failures += 1
            summary = loader.summarise(outcome.error, entry.folder)
            entry.error = f"{label} failed: {summary}"
            self._log_traceback(entry.name, outcome.error)
            if entry.failures >= self.max_failures:
                self._disable(
                    entry,
                    f"{entry.name}: {label} failed: {summary}; disabled after {entry.failures} failures",
                )
            else:
                self._report(entry.name, f"{entry.name}: {label} failed: {summary}", "error")
            return False, None
        if outcome.elapsed > self.budget_s:
            last = entry.warned.get(label, -math.inf)
            if time.monotonic() - last > 5.0:
                entry.warned[label] = time.monotonic()
                self._report(
                    entry.name,
                    f"{entry.name}: {label} took {outcome.elapsed * 1000:.0f} ms "
                    f"(budget {self.budget_s * 1000:.0f} ms)",
                    "warning",
                )
        return True, outcome.value

    def _disable(self, entry: _Entry, why: str) -> None:
        entry.state, entry.error = "disabled", why
        self._save(entry)
        self._report(entry.name, why, "error")

    def _save(self, entry: _Entry) -> None:
        if entry.mod is None:
            return
        try:
            entry.mod.save_data()
        except (OSError, TypeError, ValueError) as exc:
            self._report(entry.name, f"{entry.name}: could not save its data: {exc}", "error")

    def _report(self, mod: str, message: str, level: str) -> None:
        getattr(log, "info" if level == "info" else level)("%s", message)
        self.bus.put(Notice(source=f"mod:{mod}", message=message, level=level))

    def _log_traceback(self, mod: str, exc: BaseException) -> None:
        log.error("mod %s raised:\n%s", mod, "".join(traceback.format_exception(exc)).rstrip())

    def _enqueue(self, command: Command) -> None:
        with self._qlock:
            self._queue.append(command)

    # --- the app's events ------------------------------------------------------------------------
    def tick(self, dt: float, world: World) -> None:
        """Run ``on_tick(dt)`` hooks and due ``every(seconds)`` timers."""
        self._world = world
        for entry, mod in self._active():
            for fn in mod.hooks["on_tick"]:
                self._call(entry, "on_tick", fn, dt)
            for timer in mod.timers:
                timer.elapsed += dt
                if timer.elapsed >= timer.seconds - 1e-6:
                    timer.elapsed = min(max(timer.elapsed - timer.seconds, 0.0), timer.seconds)
                    self._call(entry, f"every({timer.seconds:g})", timer.fn)

    def user_moved(self, position: tuple[float, float, float]) -> None:
        """Track the user's position; fires ``on_enter``/``on_leave`` when a zone boundary is crossed."""
        self._user = (float(position[0]), float(position[1]), float(position[2]))
        for entry, mod in self._active():
            for zone in list(mod.zones.values()):
                cx, cz = zone.centre
                if zone.around:
                    prop = self._world.find_prop(zone.around) if self._world else None
                    if prop is None:
                        continue
                    cx, cz = prop.position[0], prop.position[2]
                now = math.hypot(self._user[0] - cx, self._user[2] - cz) <= zone.radius
                was = zone.name in entry.inside
                if now == was:
                    continue
                (entry.inside.add if now else entry.inside.discard)(zone.name)
                hook = "on_enter" if now else "on_leave"
                for fn in mod.zone_hooks.get((hook, zone.name), []):
                    self._call(entry, f"{hook}({zone.name})", fn)

    def heard(self, npc: str, utterance: str) -> Reply | None:
        """A mod's answer to an utterance (its intents first, then ``on_heard``), or None for the brain."""
        owners = {i.name: (e, i) for e, mod in self._active() for i in mod.intents.values()}
        found = matching.match(utterance, [i for _, i in owners.values()], npc)
        if found is not None:
            entry, intent = owners[found.intent.name]
            ok, value = self._call(
                entry,
                f"intent {intent.name}",
                lambda: as_reply(intent.handler(npc, utterance, found.slots), entry.name, intent.name),
            )
            if ok and isinstance(value, Reply):
                return replace(value, score=found.score) if value.intent == intent.name else value
        for entry, mod in self._active():
            for fn in mod.hooks["on_heard"]:
                ok, value = self._call(
                    entry, "on_heard", lambda f=fn, e=entry: as_reply(f(npc, utterance), e.name)
                )
                if ok and isinstance(value, Reply):
                    return value
        return None

    def reply(self, npc: str, reply: Reply) -> Reply:
        """Let ``on_reply`` hooks change a reply (a Reply replaces it, text replaces its words)."""
        current = reply
        for entry, mod in self._active():
            for fn in mod.hooks["on_reply"]:
                ok, value = self._call(entry, "on_reply", fn, npc, current)
                if not ok or value is None:
                    continue
                if isinstance(value, Reply):
                    current = value
                elif isinstance(value, str):
                    current = replace(current, text=value)
                else:
                    self._report(
                        entry.name,
                        f"{entry.name}: on_reply returned {type(value).__name__}, "
                        "expected a Reply, text or None",
                        "warning",
                    )
        return current

    def action(self, npc: str, action: Action) -> bool:
        """Tell ``on_action`` hooks; True when a mod's custom action (``mod:thing``) carried it out."""
        handled = False
        for entry, mod in self._active():
            for fn in mod.hooks["on_action"]:
                self._call(entry, "on_action", fn, npc, action)
            handler = mod.actions.get(action.name)
            if handler is not None:
                ok, _ = self._call(entry, f"action {action.name}", handler, npc, action)
                handled = handled or ok
        return handled

    def key(self, key: str) -> None:
        """Run ``on_key`` hooks registered for this key (pygame name, e.g. ``"f6"``)."""
        low = key.lower()
        for entry, mod in self._active():
            for fn in mod.key_hooks.get(low, []):
                self._call(entry, f"on_key({low})", fn, low)

    def apply(self, world: World, say: Say) -> None:
        """Carry out queued mod edits on the main thread; an impossible edit is reported, not fatal."""
        self._world = world
        with self._qlock:
            batch, self._queue = self._queue, []
        for command in batch:
            try:
                command.run(world, say)
            except Exception as exc:  # a bad request from a mod must never reach the main loop
                self._report(command.mod, f"{command.mod}: could not {command.what}: {exc}", "warning")

    # --- what mods provide -----------------------------------------------------------------------
    def intents(self) -> list[ModIntent]:
        """Intents of the loaded mods (namespaced names, example phrases, handlers)."""
        return [i for _, mod in self._active() for i in mod.intents.values()]

    def phrases(self) -> list[str]:
        """Sentences the mods understand, for ``vocabulary_for(scene, extra_phrases=...)``."""
        extra = [matching.normalise(p) for _, mod in self._active() for p in mod.phrases]
        return list(dict.fromkeys([*matching.phrases(self.intents()), *extra]))

    def scenes(self) -> dict[str, Scene]:
        """Scenes the loaded mods provide, by ``mod:name`` (the last version that validated)."""
        return {k: v for e, _ in self._active() for k, v in e.scenes.items()}

    def personas(self) -> dict[str, Persona]:
        """Personas the loaded mods provide, by ``mod:name``."""
        return {k: v for e, _ in self._active() for k, v in e.personas.items()}

    def scene(self, name: str) -> Scene | None:
        """A mod scene by ``mod:name``, or by bare name when only one mod has it."""
        scenes = self.scenes()
        if name in scenes:
            return scenes[name]
        hits = [v for k, v in scenes.items() if k.split(":", 1)[1] == name]
        return hits[0] if len(hits) == 1 else None

    def personas_dir(self, scene_name: str) -> Path | None:
        """The folder holding the personas of a mod scene's NPCs (for ``MindSession(personas_dir=…)``)."""
        mod = scene_name.split(":", 1)[0]
        entry = self._entries.get(mod)
        if entry is None or entry.manifest is None or not entry.manifest.personas:
            return None
        return entry.manifest.personas[0].parent

    def status(self) -> list[ModStatus]:
        """Every mod found: loaded, disabled (not enabled, or after failures) or error, with why."""
        out = []
        for entry in self._entries.values():
            m = entry.manifest
            out.append(
                ModStatus(
                    entry.name,
                    m.version if m else "?",
                    entry.state,
                    entry.error,
                    m.description if m else "",
                    str(entry.folder),
                )
            )
        return out

    def shutdown(self) -> None:
        """Run ``on_unload`` hooks, save every mod's data, stop the worker thread."""
        for entry, mod in self._active():
            for fn in mod.hooks["on_unload"]:
                self._call(entry, "on_unload", fn)
            self._save(entry)
        self.runner.close()
