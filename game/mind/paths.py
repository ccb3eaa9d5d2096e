"""Where the mind keeps its files: the user data directory, overridable for tests.

``VOXROOM_DATA_DIR`` wins over the platform default so tests, CI and portable installs
never touch a real user's memories.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "VOXROOM_DATA_DIR"


def data_dir() -> Path:
    """Return the root of Voxroom's per-user data (memory, caches)."""
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("voxroom", appauthor=False))


def memory_dir() -> Path:
    """The NPC memory database lives here (and the old per-NPC JSON files it imports once)."""
    return data_dir() / "memory"


def cache_dir() -> Path:
    """Return derived data (embedding vectors) that may be deleted at any time."""
    return data_dir() / "cache"
