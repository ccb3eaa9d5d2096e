"""The mod host: what the app drives. It routes the app's events to the mods' hooks.

The app calls the host from its main loop (``tick``, ``poll_reload``, ``apply``,
``user_moved``, ``key``) and from the conversation path (``heard``, ``reply``,
``action``). The host is a facade over two parts: :class:`~game.modding.lifecycle.Lifecycle`
loads and hot-reloads the mods, and :class:`~game.modding.guard.Guard` runs every piece
of mod code under one isolation policy (errors reported, slow hooks warned about, endless
loops abandoned, repeat offenders disabled), so the app never goes down with a mod.

Mods edit the world only through commands queued by :mod:`game.modding.api`; the main
thread carries them out in :meth:`ModHost.apply`.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from game.bus import EventBus
from game.events import Event
from game.filewatch import FileWatcher
from game.mind.persona import Persona
from game.mind.protocols import Action, Reply
from game.modding import matching
from game.modding.api import Mod, ModIntent, as_reply
from game.modding.edits import Say
from game.modding.guard import Guard, ModEntry
from game.modding.lifecycle import Lifecycle
from game.modding.loader import Manifest, ModStatus
from game.modding.observer import RoomObserver
from game.modding.runner import Runner
from game.modding.world_api import Command
from game.sim.scene import Scene, Vec3
from game.sim.world import World


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
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if data_dir is None:
            from game.mind.paths import data_dir as user_data

            data_dir = user_data() / "mod-data"
        self.bus = bus
        self.data_dir = data_dir
        self.clock = clock
        self.guard = Guard(bus, budget_s, limit_s, max_failures)
        self.observer = RoomObserver(self.broadcast)
        self.lifecycle = Lifecycle(
            self.guard,
            [Path(d) for d in search_dirs],
            None if enabled is None else [e.strip() for e in enabled if e.strip()],
            self._make_mod,
            watcher or FileWatcher(),
            load_limit_s,
        )
        self._world: World | None = None
        self._user: Vec3 = (0.0, 1.6, 3.0)
        self._queue: list[Command] = []
        self._qlock = threading.Lock()

    # --- settings: each lives in the part that uses it, and can still be set on the host ------
    @property
    def search_dirs(self) -> list[Path]:
        """Folders searched for mods (append before :meth:`load` to add one)."""
        return self.lifecycle.search_dirs

    @property
    def enabled(self) -> list[str] | None:
        """The mods to load by name; None loads every mod found."""
        return self.lifecycle.enabled

    @property
    def watcher(self) -> FileWatcher:
        """The file watcher that notices changed mod files (the app shares it)."""
        return self.lifecycle.watcher

    @property
    def runner(self) -> Runner:
        """The worker thread all mod code runs on."""
        return self.guard.runner

    @property
    def load_limit_s(self) -> float:
        """How long a mod's script may take to import before the load is abandoned."""
        return self.lifecycle.load_limit_s

    @load_limit_s.setter
    def load_limit_s(self, value: float) -> None:
        self.lifecycle.load_limit_s = value

    @property
    def budget_s(self) -> float:
        """A hook slower than this is reported (not stopped)."""
        return self.guard.budget_s

    @budget_s.setter
    def budget_s(self, value: float) -> None:
        self.guard.budget_s = value

    @property
    def limit_s(self) -> float:
        """A hook that has not returned after this long is abandoned and its mod disabled."""
        return self.guard.limit_s

    @limit_s.setter
    def limit_s(self, value: float) -> None:
        self.guard.limit_s = value

    @property
    def max_failures(self) -> int:
        """Failed hook calls after which a mod is disabled."""
        return self.guard.max_failures

    @max_failures.setter
    def max_failures(self, value: int) -> None:
        self.guard.max_failures = value

    # --- loading ---------------------------------------------------------------------------------
    def load(self, world: World) -> None:
        """Discover and load the enabled mods (dependencies first) and run their ``on_load``."""
        self._world = world
        self._user = world.scene.spawn.position
        self.lifecycle.load()

    def set_world(self, world: World) -> None:
        """Point the mods at a new world (the app switched scenes); their hooks see it at once."""
        self._world = world
        self._user = world.scene.spawn.position
        for entry in self.lifecycle.entries.values():
            entry.inside.clear()

    def poll_reload(self, world: World) -> None:
        """Reload mods whose files changed (call a few times a second on the main thread)."""
        self._world = world
        self.lifecycle.poll()

    def _make_mod(self, m: Manifest) -> Mod:
        return Mod(
            m.name,
            m.version,
            m.folder,
            self.data_dir / m.name,
            world=lambda: self._world,
            enqueue=self._enqueue,
            user_position=lambda: self._user,
            notify=lambda message, level: self.guard.report(m.name, f"{m.name}: {message}", level),
            clock=self.clock,
            post=self.bus.put,
        )

    def _active(self) -> Iterator[tuple[ModEntry, Mod]]:
        for entry in list(self.lifecycle.entries.values()):
            if entry.state == "loaded" and entry.mod is not None:
                yield entry, entry.mod

    def _enqueue(self, command: Command) -> None:
        with self._qlock:
            self._queue.append(command)

    # --- the app's events ------------------------------------------------------------------------
    def tick(self, dt: float, world: World) -> None:
        """Run ``on_tick(dt)`` hooks, due ``every``/``after`` timers and ``on_arrived`` for finished walks."""
        self._world = world
        self.observer.arrivals(world)
        for entry, mod in self._active():
            for fn in mod.hooks["on_tick"]:
                self.guard.call(entry, "on_tick", fn, dt)
            for timer in list(mod.timers):
                timer.elapsed += dt
                if timer.cancelled or timer.elapsed < timer.seconds - 1e-6:
                    continue
                timer.elapsed = min(max(timer.elapsed - timer.seconds, 0.0), timer.seconds)
                if timer.once:
                    timer.cancel()
                what = "after" if timer.once else "every"
                self.guard.call(entry, f"{what}({timer.seconds:g})", timer.fn)
            mod.timers = [t for t in mod.timers if not t.cancelled]

    def observe(self, event: Event) -> None:
        """Hand a drained bus event to the mods' ``on_line`` / ``on_speech_done`` (main thread)."""
        self.observer.observe(event)

    def broadcast(self, hook: str, *args: Any) -> None:
        """Call ``hook(*args)`` of every loaded mod, each under the guard."""
        for entry, mod in self._active():
            for fn in mod.hooks[hook]:
                self.guard.call(entry, hook, fn, *args)

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
                    self.guard.call(entry, f"{hook}({zone.name})", fn)

    def heard(self, npc: str, utterance: str) -> Reply | None:
        """A mod's answer to an utterance (its intents first, then ``on_heard``), or None for the brain."""
        owners = {i.name: (e, i) for e, mod in self._active() for i in mod.intents.values()}
        found = matching.match(utterance, [i for _, i in owners.values()], npc)
        if found is not None:
            entry, intent = owners[found.intent.name]
            ok, value = self.guard.call(
                entry,
                f"intent {intent.name}",
                lambda: as_reply(intent.handler(npc, utterance, found.slots), entry.name, intent.name),
            )
            if ok and isinstance(value, Reply):
                return replace(value, score=found.score) if value.intent == intent.name else value
        for entry, mod in self._active():
            for fn in mod.hooks["on_heard"]:
                ok, value = self.guard.call(
                    entry, "on_heard", lambda f=fn, e=entry: as_reply(f(npc, utterance), e.name)
                )
                if ok and isinstance(value, Reply):
                    return value
        return None

    def claims(self, utterance: str, npc: str = "") -> bool:
        """Whether a loaded mod declared it handles this utterance, so no early guess is made.

        Declared means: it matches one of the mod's intents (as :meth:`heard` would match
        it) or is one of its ``listen_for`` phrases. Reads registrations only; no mod code runs.
        """
        if matching.match(utterance, self.intents(), npc) is not None:
            return True
        said = matching.normalise(utterance)
        name = matching.normalise(npc)
        bare = said.removeprefix(f"{name} ").removesuffix(f" {name}") if name else said
        listened = {matching.normalise(p) for _, mod in self._active() for p in mod.phrases}
        return said in listened or bare in listened

    def listens(self) -> bool:
        """Whether a loaded mod has an ``on_heard`` hook (it must see a final before a guess plays)."""
        return any(mod.hooks["on_heard"] for _, mod in self._active())

    def reply(self, npc: str, reply: Reply) -> Reply:
        """Let ``on_reply`` hooks change a reply (a Reply replaces it, text replaces its words)."""
        current = reply
        for entry, mod in self._active():
            for fn in mod.hooks["on_reply"]:
                ok, value = self.guard.call(entry, "on_reply", fn, npc, current)
                if not ok or value is None:
                    continue
                if isinstance(value, Reply):
                    current = value
                elif isinstance(value, str):
                    current = replace(current, text=value)
                else:
                    self.guard.report(
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
                self.guard.call(entry, "on_action", fn, npc, action)
            handler = mod.actions.get(action.name)
            if handler is not None:
                ok, _ = self.guard.call(entry, f"action {action.name}", handler, npc, action)
                handled = handled or ok
        return handled

    def key(self, key: str) -> None:
        """Run ``on_key`` hooks registered for this key (pygame name, e.g. ``"f6"``)."""
        low = key.lower()
        for entry, mod in self._active():
            for fn in mod.key_hooks.get(low, []):
                self.guard.call(entry, f"on_key({low})", fn, low)

    def apply(self, world: World, say: Say) -> None:
        """Carry out queued mod edits on the main thread; an impossible edit is reported, not fatal."""
        self._world = world
        with self._qlock:
            batch, self._queue = self._queue, []
        for command in batch:
            said = self.observer.mod_said(command.mod)

            def speak(npc: str, text: str, said: Say = said) -> None:
                say(npc, text)
                said(npc, text)

            try:
                command.run(world, speak)
            except Exception as exc:  # a bad request from a mod must never reach the main loop
                self.guard.report(command.mod, f"{command.mod}: could not {command.what}: {exc}", "warning")

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
        entry = self.lifecycle.entries.get(mod)
        if entry is None or entry.manifest is None or not entry.manifest.personas:
            return None
        return entry.manifest.personas[0].parent

    def status(self) -> list[ModStatus]:
        """Every mod found: loaded, disabled (not enabled, or after failures) or error, with why."""
        out = []
        for entry in self.lifecycle.entries.values():
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
                self.guard.call(entry, "on_unload", fn)
            self.guard.save(entry)
        self.runner.close()
