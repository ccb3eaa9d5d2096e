"""Finding mods, reading ``mod.toml``, ordering by dependencies, importing scripts, checking data files.

Every problem becomes a :class:`~game.modding.api.ModError` naming the mod and the
file (and line, for code), so one broken mod is reported and skipped while the others
load. Mod scripts are imported under ``voxroom_mods.<mod>`` by a finder of our own that
compiles the source on every load, so a hot reload never picks up a stale ``.pyc``.
Scene and persona files are parsed as data only and must lie inside their mod folder.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import re
import sys
import tomllib
import traceback
import types
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.mind.persona import Persona, PersonaError, parse_persona
from game.modding import api
from game.modding.api import API_VERSION, SUPPORTED_VERSIONS, ModError
from game.sim.scene import Scene, SceneError, parse_scene

MANIFEST = "mod.toml"
KEYS = ("name", "version", "description", "api_version", "entry", "scenes", "personas", "depends")
NAME = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
PACKAGE = "voxroom_mods"


@dataclass(frozen=True)
class Manifest:
    """A validated ``mod.toml``: who the mod is and which files it brings."""

    name: str
    version: str
    description: str
    api_version: int
    entry: Path
    scenes: tuple[Path, ...]
    personas: tuple[Path, ...]
    depends: tuple[str, ...]
    folder: Path

    @property
    def path(self) -> Path:
        """The ``mod.toml`` file itself."""
        return self.folder / MANIFEST

    @property
    def package(self) -> str:
        """The Python package the mod's scripts are imported under."""
        return f"{PACKAGE}.{self.name.replace('-', '_')}"


def inside(folder: Path, relative: str, mod: str, manifest: Path, key: str) -> Path:
    """Resolve a file named in ``mod.toml``; refuse absolute paths and anything outside the mod."""
    if not isinstance(relative, str) or not relative:
        raise ModError(mod, manifest, f"{key}: expected a file name inside the mod folder")
    if Path(relative).is_absolute() or ".." in Path(relative).parts:
        raise ModError(mod, manifest, f"{key}: {relative!r} points outside the mod folder (not allowed)")
    root = folder.resolve()
    path = (root / relative).resolve()
    if not path.is_relative_to(root):
        raise ModError(mod, manifest, f"{key}: {relative!r} leads outside the mod folder (not allowed)")
    if not path.is_file():
        raise ModError(mod, manifest, f"{key}: {relative!r} does not exist")
    return path


def read_manifest(folder: Path) -> Manifest:
    """Parse and check ``folder/mod.toml``."""
    path = folder / MANIFEST
    label = folder.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ModError(label, path, f"not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ModError(label, path, f"cannot read: {exc}") from None
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ModError(label, path, f"unknown key {unknown[0]!r} (known: {', '.join(KEYS)})")
    name = data.get("name")
    if not isinstance(name, str) or not NAME.match(name):
        raise ModError(
            label,
            path,
            f"name {name!r} must be lower-case letters, digits, '-' or '_', starting with a letter",
        )
    wanted = data.get("api_version")
    if not isinstance(wanted, int) or isinstance(wanted, bool):
        raise ModError(
            name, path, f"api_version must be a whole number (this Voxroom provides {API_VERSION})"
        )
    if wanted not in SUPPORTED_VERSIONS:
        newer = "a newer" if wanted > API_VERSION else "an older"
        supported = " and ".join(str(v) for v in SUPPORTED_VERSIONS)
        raise ModError(
            name,
            path,
            f"written for mod API version {wanted}, but this Voxroom runs versions {supported} "
            f"(this mod needs {newer} Voxroom, or a version of the mod made for API {API_VERSION})",
        )
    for key in ("version", "description", "entry"):
        if key in data and not isinstance(data[key], str):
            raise ModError(name, path, f"{key} must be a string")
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("scenes", "personas", "depends"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ModError(name, path, f"{key} must be a list of strings")
        lists[key] = tuple(value)
    entry = inside(folder, data.get("entry", "main.py"), name, path, "entry")
    if entry.suffix != ".py":
        raise ModError(name, path, f"entry: {entry.name!r} is not a Python file (.py)")
    for dep in lists["depends"]:
        if not NAME.match(dep):
            raise ModError(name, path, f"depends: {dep!r} is not a mod name")
    return Manifest(
        name=name,
        version=str(data.get("version", "0.0.0")),
        description=str(data.get("description", "")),
        api_version=wanted,
        entry=entry,
        scenes=tuple(inside(folder, s, name, path, "scenes") for s in lists["scenes"]),
        personas=tuple(inside(folder, p, name, path, "personas") for p in lists["personas"]),
        depends=lists["depends"],
        folder=folder.resolve(),
    )


def enabled_names(flag: str, configured: Sequence[str]) -> list[str]:
    """``--mods a,b`` added to the config file's ``mods.enabled`` (order kept, repeats dropped).

    One rule for the app and ``voxroom mods``, so the listing says "enabled" exactly
    for the mods a ``voxroom run`` with the same flag would load.
    """
    names = [n.strip() for n in flag.split(",") if n.strip()]
    return list(dict.fromkeys([*configured, *names]))


def is_mod_scene(name: str) -> bool:
    """``cafe:cafe`` names a mod's scene; a path or a scene of assets/scenes does not."""
    return ":" in name and not name.endswith(".toml") and not Path(name).exists()


def mods_to_load(flag: str, configured: Sequence[str], scene: str = "") -> list[str]:
    """``--mods a,b`` added to the config's list; ``--scene cafe:cafe`` implies the cafe mod."""
    names = enabled_names(flag, configured)
    if is_mod_scene(scene) and scene.split(":", 1)[0] not in names:
        names.append(scene.split(":", 1)[0])
    return names


def discover(search_dirs: Sequence[Path]) -> tuple[list[Manifest], list[ModError]]:
    """Every mod folder in the search dirs; a second mod with a taken name is an error, the first wins."""
    found: list[Manifest] = []
    errors: list[ModError] = []
    seen: dict[str, Path] = {}
    for root in search_dirs:
        if not root.is_dir():
            continue
        for folder in sorted(p for p in root.iterdir() if (p / MANIFEST).is_file()):
            try:
                manifest = read_manifest(folder)
            except ModError as exc:
                errors.append(exc)
                continue
            if manifest.name in seen:
                errors.append(
                    ModError(
                        manifest.name,
                        manifest.path,
                        f"name clash: a mod called {manifest.name!r} is already loaded from "
                        f"{seen[manifest.name]} (rename one of them)",
                    )
                )
                continue
            seen[manifest.name] = manifest.folder
            found.append(manifest)
    return found, errors


def load_order(manifests: Sequence[Manifest]) -> tuple[list[Manifest], list[ModError]]:
    """Dependencies first; a mod whose dependency is missing (or in a cycle) is an error."""
    by_name = {m.name: m for m in manifests}
    ordered: list[Manifest] = []
    errors: list[ModError] = []
    state: dict[str, str] = {}

    def visit(m: Manifest, chain: tuple[str, ...]) -> bool:
        if state.get(m.name) == "done":
            return True
        if state.get(m.name) == "bad":
            return False
        if m.name in chain:
            errors.append(ModError(m.name, m.path, f"dependency cycle: {' -> '.join((*chain, m.name))}"))
            state[m.name] = "bad"
            return False
        for dep in m.depends:
            if dep not in by_name:
                errors.append(
                    ModError(m.name, m.path, f"depends on {dep!r}, which is not installed or enabled")
                )
                state[m.name] = "bad"
                return False
            if not visit(by_name[dep], (*chain, m.name)):
                if state.get(m.name) != "bad":
                    errors.append(ModError(m.name, m.path, f"depends on {dep!r}, which failed to load"))
                state[m.name] = "bad"
                return False
        state[m.name] = "done"
        ordered.append(m)
        return True

    for m in manifests:
        visit(m, ())
    return ordered, errors


# --- importing scripts ----------------------------------------------------------------------------
class _Source(importlib.abc.Loader):
    """Compile the file's current text every time (no bytecode cache, so edits always show)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return None

    def exec_module(self, module: types.ModuleType) -> None:
        if self.path is None:
            return
        code = compile(self.path.read_bytes(), str(self.path), "exec", dont_inherit=True)
        exec(code, module.__dict__)


class _Finder(importlib.abc.MetaPathFinder):
    """Maps ``voxroom_mods.<mod>.<module>`` to the mod's folder."""

    def __init__(self) -> None:
        self.folders: dict[str, Path] = {}

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        parts = fullname.split(".")
        if parts[0] != PACKAGE:
            return None
        if len(parts) == 1:
            return importlib.machinery.ModuleSpec(fullname, _Source(None), is_package=True)
        folder = self.folders.get(parts[1])
        if folder is None:
            return None
        if len(parts) == 2:
            spec = importlib.machinery.ModuleSpec(fullname, _Source(None), is_package=True)
            spec.submodule_search_locations = [str(folder)]
            return spec
        base = folder.joinpath(*parts[2:])
        for file, package in ((base.with_suffix(".py"), False), (base / "__init__.py", True)):
            if file.is_file():
                spec = importlib.machinery.ModuleSpec(
                    fullname, _Source(file), origin=str(file), is_package=package
                )
                if package:
                    spec.submodule_search_locations = [str(base)]
                spec.has_location = True
                return spec
        return None


_FINDER = _Finder()


def _install_finder() -> None:
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)


def _purge(package: str) -> dict[str, types.ModuleType]:
    gone = {k: v for k, v in sys.modules.items() if k == package or k.startswith(package + ".")}
    for key in gone:
        del sys.modules[key]
    return gone


def import_mod(manifest: Manifest, mod: api.Mod) -> types.ModuleType:
    """Execute the mod's entry script with ``mod`` as :func:`api.this_mod`; errors name file and line.

    On failure the previously loaded version's modules are put back, so the old
    version keeps running unchanged.
    """
    _install_finder()
    package = manifest.package
    _FINDER.folders[package.split(".")[1]] = manifest.folder
    old = _purge(package)
    relative = manifest.entry.relative_to(manifest.folder).with_suffix("")
    api._LOADING.mod = mod
    try:
        return importlib.import_module(".".join((package, *relative.parts)))
    except BaseException as exc:
        _purge(package)
        sys.modules.update(old)
        if isinstance(exc, ModError):
            raise
        raise ModError(manifest.name, _where(exc, manifest), describe(exc)) from exc
    finally:
        api._LOADING.mod = None


def _frames(exc: BaseException, folder: Path) -> list[traceback.FrameSummary]:
    root = str(folder)
    return [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(root)]


def _where(exc: BaseException, manifest: Manifest) -> str:
    if isinstance(exc, SyntaxError) and exc.filename:
        return f"{exc.filename}:{exc.lineno}"
    frames = _frames(exc, manifest.folder)
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else str(manifest.entry)


def describe(exc: BaseException) -> str:
    """One line for the HUD: what went wrong, in the mod author's terms."""
    if isinstance(exc, SyntaxError):
        return f"syntax error: {exc.msg}"
    if isinstance(exc, ModuleNotFoundError):
        return f"imports a missing module {exc.name!r} (install it, or remove the import)"
    return f"{type(exc).__name__}: {exc}"


def summarise(exc: BaseException, folder: Path) -> str:
    """``Type: message (file.py:12 in fn)`` using the innermost frame inside the mod."""
    frames = _frames(exc, folder)
    if isinstance(exc, SyntaxError) and exc.filename:
        return f"{describe(exc)} ({Path(exc.filename).name}:{exc.lineno})"
    if not frames:
        return describe(exc)
    last = frames[-1]
    return f"{describe(exc)} ({Path(last.filename).name}:{last.lineno} in {last.name})"


# --- data files -----------------------------------------------------------------------------------
def _toml(manifest: Manifest, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ModError(manifest.name, path, f"not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ModError(manifest.name, path, f"cannot read: {exc}") from None


def load_mod_scene(manifest: Manifest, path: Path) -> Scene:
    """Parse one of the mod's scene files as data (no code runs; it can name nothing outside)."""
    try:
        return parse_scene(_toml(manifest, path), str(path))
    except SceneError as exc:
        where = f"{exc.key}: " if exc.key else ""
        raise ModError(
            manifest.name, path, f"{where}{exc.problem}" + (f" ({exc.fix})" if exc.fix else "")
        ) from None


def load_mod_persona(manifest: Manifest, path: Path) -> Persona:
    """Parse one of the mod's persona files; a character model must be a file inside the mod."""
    try:
        persona = parse_persona(_toml(manifest, path), str(path), path.stem)
    except PersonaError as exc:
        raise ModError(manifest.name, path, f"{exc.key}: {exc.problem}" if exc.key else exc.problem) from None
    model = persona.appearance.model
    if model:
        resolved = inside(path.parent, model, manifest.name, path, "appearance.model")
        if not resolved.is_relative_to(manifest.folder):
            raise ModError(manifest.name, path, "appearance.model leads outside the mod folder (not allowed)")
    return persona


@dataclass(frozen=True)
class ModStatus:
    """One line of ``voxroom mods`` and the HUD: ``state`` is loaded, enabled, disabled or error.

    Here beside the manifest, so listing mods needs neither the host nor any mod's code.
    """

    name: str
    version: str
    state: str
    error: str = ""
    description: str = ""
    folder: str = ""
