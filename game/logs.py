"""Where "the log" is: ``<data dir>/logs/voxroom.log``, rotated, plus warnings on stderr.

The HUD shows one line per problem; the log keeps the detail a user or modder needs
later (full tracebacks of mod errors, ``mod.log`` lines, engine warnings). It is set up
by ``voxroom run``; commands that print their own output leave logging alone.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_NAME = "voxroom.log"


def log_path(data_dir: Path) -> Path:
    """The log file under a data folder."""
    return data_dir / "logs" / LOG_NAME


def setup_logging(data_dir: Path) -> Path | None:
    """Log INFO and above to the rotating file (3 × 1 MB); returns it, or None if it cannot be written."""
    path = log_path(data_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    for existing in root.handlers:
        if isinstance(existing, logging.StreamHandler) and not isinstance(existing, logging.FileHandler):
            existing.setLevel(logging.WARNING)
    return path
