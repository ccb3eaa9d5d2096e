"""Writing files so a crash never leaves half of one, and cleaning up after writes that were killed.

Every save in Voxroom goes through a temporary file in the same folder followed by a
rename: readers see the old file or the new one, never a torn one. A process killed
between the two leaves the temporary file behind; all of them are named
``.<name>.<pid>.<random>.tmp`` so :func:`clean_leftovers` can find them at the next start.
A file that cannot be read is never overwritten either: it is renamed aside (:func:`aside_path`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

LEFTOVER_AGE_S = 600.0
"""A temporary file this old belongs to no running write (a save takes milliseconds)."""


def voxroom_cache() -> Path:
    """The user's cache folder for Voxroom (``VOXROOM_CACHE_DIR`` wins): fetched and built models.

    One root for everything downloaded or built on request (``vosk/``, ``llm/``,
    ``language/``), so clearing the cache or pointing it elsewhere is one setting.
    """
    override = os.environ.get("VOXROOM_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("voxroom"))


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a synced temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def aside_path(path: Path, tag: str) -> Path:
    """A free name next to ``path`` to move it aside to: ``<name>.<tag>-<timestamp>[-n]``."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{tag}-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{tag}-{stamp}-{n}")
        n += 1
    return target


def clean_leftovers(
    folders: Iterable[Path], clock: Callable[[], float] = time.time, older_than_s: float = LEFTOVER_AGE_S
) -> list[Path]:
    """Remove temporary files of killed writes under ``folders``; returns what was removed.

    Also removes the per-run ``voxroom-tts-*`` folders older versions left in the system
    temp folder. Only files older than ``older_than_s`` go: another instance may be
    writing right now.
    """
    cutoff = clock() - older_than_s
    removed: list[Path] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.rglob(".*.tmp"):
            if _older(path, cutoff):
                path.unlink(missing_ok=True)
                removed.append(path)
    for stale in Path(tempfile.gettempdir()).glob("voxroom-tts-*"):
        if stale.is_dir() and _older(stale, cutoff):
            shutil.rmtree(stale, ignore_errors=True)
            removed.append(stale)
    return removed


def _older(path: Path, cutoff: float) -> bool:
    try:
        return path.stat().st_mtime < cutoff
    except OSError:  # gone already (another instance cleaned it)
        return False
