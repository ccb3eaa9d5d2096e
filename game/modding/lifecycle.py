"""Loading and hot-reloading mods: discovery, dependency order, version swaps, scene and persona files.

Kept apart from the host's event routing because it has its own state (one
:class:`~game.modding.guard.ModEntry` per mod folder, the watcher's memory of their
files) and its own rule: a new version replaces the running one only once it has
imported cleanly, and then the old version's ``on_unload`` value and data are handed to
the new one, so a typo saved mid-session never takes a working mod down. A changed
scene or persona file alone is re-read without restarting the mod's code.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.events import ModAssetChanged
from game.filewatch import FileWatcher
from game.modding import loader
from game.modding.api import Mod, ModError
from game.modding.guard import Guard, ModEntry
from game.modding.loader import Manifest


def _mod_files(folder: Path) -> list[Path]:
    """The files whose change reloads a mod: its code and its TOML (manifest, scenes, personas)."""
    try:
        return [p for p in folder.rglob("*") if p.suffix in (".py", ".toml") and "__pycache__" not in p.parts]
    except OSError:
        return []


class Lifecycle:
    """Owns the entries of every mod found, and starts, swaps and reloads their versions."""

    def __init__(
        self,
        guard: Guard,
        search_dirs: list[Path],
        enabled: list[str] | None,
        make_mod: Callable[[Manifest], Mod],
        watcher: FileWatcher,
        load_limit_s: float,
    ) -> None:
        self.guard = guard
        self.search_dirs = search_dirs
        self.enabled = enabled
        self.make_mod = make_mod
        self.watcher = watcher
        self.load_limit_s = load_limit_s
        self.entries: dict[str, ModEntry] = {}

    def load(self) -> None:
        """Discover and load the enabled mods (dependencies first) and run their ``on_load``."""
        report = self.guard.report
        manifests, errors = loader.discover(self.search_dirs)
        for err in errors:
            folder = Path(err.path).parent
            self.entries[str(folder)] = ModEntry(err.mod, folder, error=str(err))
            self.remember_files(folder)
            report(err.mod, str(err), "error")
        wanted = [m for m in manifests if self.enabled is None or m.name in self.enabled]
        for m in manifests:
            if m not in wanted:
                self.entries[m.name] = ModEntry(m.name, m.folder, m, state="disabled", error="not enabled")
        for name in self.enabled or []:
            if name not in {m.name for m in manifests} and name not in self.entries:
                report(name, f"no mod called {name!r} in {', '.join(map(str, self.search_dirs))}", "error")
        ordered, order_errors = loader.load_order(wanted)
        for err in order_errors:
            m = next(x for x in wanted if x.name == err.mod)
            self.entries[m.name] = ModEntry(m.name, m.folder, m, error=str(err))
            self.remember_files(m.folder)
            report(m.name, str(err), "error")
        for m in ordered:
            entry = ModEntry(m.name, m.folder, m)
            self.entries[m.name] = entry
            self.start(entry, m, reloading=False)

    def _import(self, m: Manifest, new: Mod) -> str:
        """Run the entry script of a new version; returns the problem, or "" when it imported."""
        outcome = self.guard.runner.call(loader.import_mod, (m, new), self.load_limit_s)
        if outcome.timed_out:
            return f"mod {m.name!r} ({m.entry}): loading did not finish within {self.load_limit_s:g} s"
        if isinstance(outcome.error, ModError):
            return str(outcome.error)
        if outcome.error is not None:
            problem = f"mod {m.name!r} ({m.entry}): {loader.summarise(outcome.error, m.folder)}"
            self.guard.log_traceback(m.name, outcome.error)
            return problem
        return ""

    def start(self, entry: ModEntry, m: Manifest, reloading: bool) -> bool:
        """Import a (new) version; on success swap it in and run on_load / on_reload."""
        guard = self.guard
        self.remember_files(m.folder)
        if entry.mod is not None:
            guard.save(entry)  # the new version reads the data as it is now
        new = self.make_mod(m)
        problem = self._import(m, new)
        if problem:
            if reloading and entry.state == "loaded":
                entry.error = problem
                guard.report(m.name, f"{problem} (still running the previous version)", "error")
            else:
                entry.state, entry.error = "error", problem
                guard.report(m.name, problem, "error")
            return False
        carried: Any = entry.carried  # kept when the mod was disabled
        entry.carried = None
        old = entry.mod
        reloading = reloading and old is not None
        if old is not None and entry.state == "loaded":
            for fn in old.hooks["on_unload"]:
                ok, value = guard.call(entry, "on_unload", fn)
                if ok and value is not None:
                    carried = value
            guard.save(entry)
            new.data.update(old.data)
        entry.mod, entry.manifest = new, m
        entry.state, entry.error, entry.failures = "loaded", "", 0
        self.load_assets(entry, m, announce=False)
        if reloading and new.hooks["on_reload"]:
            for fn in new.hooks["on_reload"]:
                guard.call(entry, "on_reload", fn, carried)
        else:
            for fn in new.hooks["on_load"]:
                guard.call(entry, "on_load", fn)
        if reloading and entry.state == "loaded":
            guard.report(m.name, f"{m.name}: reloaded", "info")
        return entry.state == "loaded"

    def load_assets(
        self, entry: ModEntry, m: Manifest, announce: bool, only: set[Path] | None = None
    ) -> None:
        """Read the mod's scenes and personas; one that fails to validate keeps its last good version."""
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
                    self.guard.report(m.name, f"{exc}{kept}", "error")
                    continue
                target[key] = value
                if announce:
                    self.guard.bus.put(ModAssetChanged(mod=m.name, asset=kind, name=key, path=str(path)))
                    self.guard.report(m.name, f"{m.name}: {kind} {key} reloaded", "info")

    def remember_files(self, folder: Path) -> None:
        """Record the mod's files as loaded now; later changes to them trigger a reload."""
        self.watcher.forget(f"mod:{folder}")
        self.watcher.changed(f"mod:{folder}", _mod_files(folder))

    def poll(self) -> None:
        """Reload mods whose files changed: assets alone when only TOML data changed, else the code."""
        for entry in list(self.entries.values()):
            if entry.error == "not enabled":
                continue
            changed = self.watcher.changed(f"mod:{entry.folder}", _mod_files(entry.folder))
            if not changed:
                continue
            code = any(p.suffix == ".py" or p.name == loader.MANIFEST for p in changed)
            if not code and entry.manifest is not None and entry.state == "loaded":
                self.load_assets(entry, entry.manifest, announce=True, only=changed)
                continue
            try:
                manifest = loader.read_manifest(entry.folder)
            except ModError as exc:
                self.guard.report(
                    entry.name,
                    f"{exc} (still running the previous version)" if entry.state == "loaded" else str(exc),
                    "error",
                )
                entry.error = str(exc)
                continue
            taken = manifest.name in self.entries and self.entries[manifest.name] is not entry
            if manifest.name != entry.name and (entry.manifest is not None or taken):
                self.guard.report(entry.name, f"{entry.name}: renaming a mod needs a restart", "warning")
                continue
            entry.name = manifest.name
            self.start(entry, manifest, reloading=True)
