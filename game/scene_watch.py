"""Keep the last good scene while its file is edited.

The app polls :meth:`SceneWatcher.poll` a few times a second; when the file changes
it reloads, and a broken file yields an error message instead of a new scene, so the
room on screen never disappears because of a typo.
"""

from __future__ import annotations

from pathlib import Path

from game.sim.scene import Scene, SceneError, load_scene


class SceneWatcher:
    """Tracks one scene file's modification time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp = self._mtime()

    def _mtime(self) -> float:
        try:
            return self.path.stat().st_mtime
        except OSError:
            return -1.0

    def poll(self, force: bool = False) -> Scene | SceneError | None:
        """A new Scene if the file changed and loads, a SceneError if it is broken, else None."""
        stamp = self._mtime()
        if stamp == self._stamp and not force:
            return None
        self._stamp = stamp
        try:
            return load_scene(self.path)
        except SceneError as exc:
            return exc
