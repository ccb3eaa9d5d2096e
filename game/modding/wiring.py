"""How every command finds and starts the mods: one place for ``run``, ``chat``, ``simulate`` and ``bench``.

``voxroom run`` used to build its mod host inline, so ``chat`` and ``simulate`` ran with
no mods and ``bench voice`` measured a composition the app never ran. Now each of them
asks here: the same search folders (the shipped examples, the user's mods folder, then
any ``--mods-dir``), the same enabled list (the config's ``mods.enabled`` plus
``--mods``), and the same way to open a mod's scene (``--scene cafe:cafe``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from game.bus import EventBus
from game.errors import UserError
from game.events import NpcSpeech
from game.modding.host import ModHost
from game.modding.loader import is_mod_scene
from game.modding.scaffold import SCRIPTS_DIR, user_mods_dir
from game.sim.scene import Scene, SceneError, load_scene, resolve_scene_path
from game.sim.world import World


def search_dirs(extra: Sequence[str | Path] = ()) -> list[Path]:
    """The shipped examples, the user's mods folder, then each ``--mods-dir`` (in that order)."""
    found = [SCRIPTS_DIR, user_mods_dir(), *(Path(d) for d in extra)]
    return list(dict.fromkeys(d.expanduser().resolve() for d in found))  # one folder is searched once


def check_dirs(mods_dirs: Sequence[str | Path]) -> None:
    """A ``--mods-dir`` that does not exist is a typo to report, not an empty folder to search."""
    for folder in mods_dirs:
        if not Path(folder).expanduser().is_dir():
            raise UserError(f"--mods-dir {folder}: no such folder")


def make_host(
    bus: EventBus, names: Sequence[str], mods_dirs: Sequence[str | Path] = (), data_dir: Path | None = None
) -> ModHost:
    """A mod host over the usual folders (plus ``mods_dirs``) that loads ``names``."""
    check_dirs(mods_dirs)
    return ModHost(bus, search_dirs(mods_dirs), enabled=list(names), data_dir=data_dir)


@dataclass(frozen=True)
class OpenedScene:
    """A scene to run, with its file (None for a mod's) and the personas folder a mod scene brings.

    ``loaded``: the host already loaded the mods (it must, to know a mod's scene).
    """

    scene: Scene
    path: Path | None
    personas_dir: Path | None
    loaded: bool


def open_scene(host: ModHost, name: str) -> OpenedScene:
    """A scene of assets/scenes, a .toml path, or a mod's ``mod:name`` (which loads the mods first)."""
    if not is_mod_scene(name):
        try:
            path = resolve_scene_path(name)
            return OpenedScene(load_scene(path), path, None, False)
        except SceneError as exc:
            raise UserError(str(exc)) from None
    host.load(World(load_scene("default")))  # the mods provide the scene; the world follows
    found = host.scene(name)
    if found is None:
        known = ", ".join(sorted(host.scenes())) or "none loaded"
        raise UserError(
            f"no mod scene {name!r} (mod scenes: {known}); "
            "check the name and that the mod loads ('voxroom mods --check')"
        )
    return OpenedScene(found, None, host.personas_dir(name), True)


def start_mods(host: ModHost, world: World, opened: OpenedScene, bus: EventBus) -> None:
    """Point the mods at the running world and carry out their ``on_load`` edits now.

    The edits run before the recogniser is built, so it knows the NPCs mods spawned.
    """
    if opened.loaded:
        host.set_world(world)
    else:
        host.load(world)
    host.apply(world, lambda npc, text: bus.put(NpcSpeech(npc=npc, text=text)))
