"""The one file watcher: which watched files changed since the last look.

Shaders, the scene file, persona files and mod folders all hot-reload, and they all
ask this one object, once per poll of the app (a few times a second). Each asks about
a named group of files; a file counts as changed when its modification time or size
differs, appears or disappears. Size is part of the stamp because some editors rewrite
a file within the file system's mtime resolution.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

Stamp = tuple[int, int]
"""``(st_mtime_ns, st_size)`` of a file."""


def stamp(path: Path) -> Stamp | None:
    """The file's stamp, or None when it cannot be read (missing, a folder, no permission)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


class FileWatcher:
    """Remembers the stamps of each group of files; :meth:`changed` reports the difference."""

    def __init__(self) -> None:
        self._groups: dict[str, dict[Path, Stamp]] = {}

    def changed(self, group: str, paths: Iterable[Path]) -> set[Path]:
        """The files of ``group`` that changed, appeared or vanished since the previous call.

        The first call for a group only records the files and returns nothing: what is on
        disk then is what was loaded.
        """
        now = {p: s for p in paths if (s := stamp(p)) is not None}
        before = self._groups.get(group)
        self._groups[group] = now
        if before is None:
            return set()
        return {p for p in now.keys() | before.keys() if now.get(p) != before.get(p)}

    def forget(self, group: str) -> None:
        """Drop a group (its files are no longer in use); a later call records it afresh."""
        self._groups.pop(group, None)
