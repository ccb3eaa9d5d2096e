"""Hot reload through the one file watcher: the scene file, personas, mods and shaders.

A broken file never replaces a working one: the scene, a persona, a mod or a shader that
fails to load is reported in the HUD and the last good version stays on screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from game.events import SceneChanged
from game.filewatch import FileWatcher
from game.sim.scene import Scene, SceneError, load_scene

if TYPE_CHECKING:
    from game.desktop.app import App


def reload_files(app: App, force: bool = False) -> None:
    """Hot reload through the one watcher: scene, personas, mods, shaders (F5 forces the scene)."""
    if app.scene_path is not None:
        result = changed_scene(app.watcher, app.scene_path, force)
        if isinstance(result, SceneError):
            app.notify("error", f"{result} — keeping the last good scene")
        elif result is not None:
            app.set_scene(result)
            app.bus.put(SceneChanged(path=str(app.scene_path)))
    if app.runtime is not None:
        files = app.runtime.session.persona_files()
        for level, line in app.runtime.reload_personas(app.watcher.changed("personas", files)):
            app.notify(level, line)
    if app.mods is not None:
        app.mods.poll_reload(app.world)
    for name in app.renderer.shaders.poll():
        app.notify("info", f"shader {name} reloaded")
    for error in app.renderer.shaders.errors.values():
        if not any(m.text == error for m in app.hud.messages):
            app.notify("error", error)


def changed_scene(watcher: FileWatcher, path: Path, force: bool = False) -> Scene | SceneError | None:
    """The edited scene if its file changed (or ``force``) and loads; its error if it is broken; else None."""
    if not watcher.changed("scene", [path]) and not force:
        return None
    try:
        return load_scene(path)
    except SceneError as exc:
        return exc
