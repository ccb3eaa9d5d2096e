"""The one-key offer of the Vosk English model: a background download with progress on the bus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from game.bus import EventBus
from game.events import ModelFetched, ModelFetchProgress
from game.hearing.fetch_offer import ModelFetcher, mark_offered, offer_pending, progress_line
from game.hearing.models import validate_model_dir

from .test_fetch import NAME, Server


@pytest.fixture
def server() -> Iterator[Server]:
    s = Server()
    yield s
    s.close()


def test_the_model_downloads_in_the_background_with_progress(server: Server, tmp_path: Path) -> None:
    bus = EventBus()
    ticks = iter(range(10**6))  # every reading one second later: every progress report is posted
    fetcher = ModelFetcher(bus, NAME, base_url=server.base, root=tmp_path / "vosk", clock=lambda: next(ticks))
    assert fetcher.start()
    fetcher.join(30)
    events = bus.drain()
    progress = [e for e in events if isinstance(e, ModelFetchProgress)]
    (done,) = [e for e in events if isinstance(e, ModelFetched)]
    assert done.error == "" and Path(done.path) == tmp_path / "vosk" / NAME
    validate_model_dir(Path(done.path))
    assert progress and progress[-1].done == progress[-1].total == len(server.archive)
    assert [p.done for p in progress] == sorted(p.done for p in progress)


def test_a_failed_download_is_one_line_and_can_be_retried(tmp_path: Path) -> None:
    bus = EventBus()
    fetcher = ModelFetcher(bus, NAME, base_url="http://127.0.0.1:9", root=tmp_path / "vosk")
    fetcher.start()
    fetcher.join(30)
    (failed,) = [e for e in bus.drain() if isinstance(e, ModelFetched)]
    assert failed.path == "" and failed.error and "\n" not in failed.error
    assert not fetcher.running and fetcher.start()  # F4 again tries again
    fetcher.join(30)


def test_the_offer_is_made_once(tmp_path: Path) -> None:
    assert offer_pending(tmp_path)
    mark_offered(tmp_path)
    assert not offer_pending(tmp_path)


def test_progress_line_reads_as_a_bar() -> None:
    line = progress_line(15 * 1024 * 1024, 40 * 1024 * 1024, width=8)
    assert line == "speech model [###-----] 38% (15 of 40 MB)"
    assert progress_line(3 * 1024 * 1024, 0) == "speech model: 3 MB downloaded"
