"""The first-run offer of a better recognizer: one key fetches the Vosk English model.

Without an English Vosk model the app hears through pocketsphinx, whose free dictation
is poor. The app offers the model once (a marker file remembers the offer) and binds one
key to fetch it; :class:`ModelFetcher` downloads it on a thread (the user asked, so
this is the one time the network is used) and reports progress and the outcome on the
bus, so the HUD can draw a progress bar and the runtime can switch recognizers.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from game.bus import EventBus
from game.events import ModelFetched, ModelFetchProgress
from game.hearing.fetch import DEFAULT_BASE_URL, fetch
from game.hearing.models import ModelError, cache_dir

MODEL = "en-us"
URL_ENV = "VOXROOM_MODEL_URL"
"""A mirror of ``model-list.json`` and the archives (default: the Vosk project's site)."""
_MARKER = ".english-model-offered"


def offer_pending(root: Path | None = None) -> bool:
    """Whether the fetch has not been offered yet on this machine."""
    return not ((root or cache_dir()) / _MARKER).exists()


def mark_offered(root: Path | None = None) -> None:
    """Remember the offer, so it is made once (F1 help keeps listing the key)."""
    folder = root or cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / _MARKER).touch()
    except OSError:  # a read-only cache: the offer repeats next time, nothing worse
        pass


class ModelFetcher:
    """Downloads one model on a thread; posts :class:`ModelFetchProgress` and :class:`ModelFetched`."""

    def __init__(
        self,
        bus: EventBus,
        name: str = MODEL,
        base_url: str | None = None,
        root: Path | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.bus, self.name, self.root, self.clock = bus, name, root, clock
        self.base_url = base_url or os.environ.get(URL_ENV) or DEFAULT_BASE_URL
        self._thread: threading.Thread | None = None
        self._last_post = -1.0

    @property
    def running(self) -> bool:
        """A download is under way."""
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> bool:
        """Begin the download; False (nothing done) when one is already running."""
        if self.running:
            return False
        self._thread = threading.Thread(target=self._run, name="model-fetch", daemon=True)
        self._thread.start()
        return True

    def join(self, timeout: float | None = None) -> None:
        """Wait for the download thread (tests, shutdown)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def _progress(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self._last_post >= 0.1 or done >= total > 0:  # ten updates a second are plenty
            self._last_post = now
            self.bus.put(ModelFetchProgress(name=self.name, done=done, total=total))

    def _run(self) -> None:
        try:
            path = fetch(self.name, self.base_url, self.root, progress=self._progress)
        except ModelError as exc:
            self.bus.put(ModelFetched(name=self.name, error=str(exc).splitlines()[0]))
        except OSError as exc:  # a full disk while unpacking, say
            self.bus.put(ModelFetched(name=self.name, error=f"cannot install the model ({exc})"))
        else:
            self.bus.put(ModelFetched(name=self.name, path=str(path)))


def progress_line(done: int, total: int, width: int = 24) -> str:
    """``speech model [#########-------] 37% (15 of 40 MB)`` for the HUD."""
    mb = 1024 * 1024
    if total <= 0:
        return f"speech model: {done / mb:.0f} MB downloaded"
    share = min(max(done / total, 0.0), 1.0)
    filled = round(share * width)
    bar = "#" * filled + "-" * (width - filled)
    return f"speech model [{bar}] {share:.0%} ({done / mb:.0f} of {total / mb:.0f} MB)"
