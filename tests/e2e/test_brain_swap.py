"""The settings overlay's brain switch: built off the main thread, delivered through the bus."""

from __future__ import annotations

import threading

from game.events import BrainLoaded
from tests.support.live import make_runtime


def test_a_loaded_brain_arrives_on_the_bus_and_only_the_latest_choice_is_used() -> None:
    rt = make_runtime()
    try:
        rt.load_brain("embed", "")
        rt.load_brain("embed", "")  # the user changed their mind while the first one loaded
        for loader in [t for t in threading.enumerate() if t.name == "brain-loader"]:
            loader.join(60)
            assert not loader.is_alive(), "a brain loader never finished"
        loaded = [e for e in rt.bus.drain() if isinstance(e, BrainLoaded)]
        assert len(loaded) == 2
        first, second = sorted(loaded, key=lambda e: e.request)
        assert first.problems == () and first.choice == "embed"
        assert rt.brain_loaded(first) is None, "a superseded brain must not be swapped in"
        assert rt.session.brain is not first.brain
        assert rt.brain_loaded(second) == "embed"
        assert rt.session.brain is second.brain and rt.brain.brain is second.brain
    finally:
        rt.stop()
