"""The settings overlay's brain switch: built off the main thread, delivered through the bus."""

from __future__ import annotations

import threading

import pytest

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
        assert rt.handle(first) == "", "a superseded brain must not be swapped in"
        assert rt.session.brain is not first.brain
        assert rt.handle(second) == "brain embed ready"
        assert rt.session.brain is second.brain and rt.brain.brain is second.brain
    finally:
        rt.stop()


def test_a_superseded_recognizer_build_is_closed_not_used() -> None:
    from types import SimpleNamespace

    from game.events import HearingLoaded

    closed: list[bool] = []
    recognizer = SimpleNamespace(close=lambda: closed.append(True))
    pipeline = SimpleNamespace(worker=SimpleNamespace(recognizer=recognizer))
    rt = make_runtime()
    try:
        rt.hearing_factory = lambda choice, scene: pipeline
        rt.rebuild_hearing(rt.hearing_choice)
        rt.rebuild_hearing(rt.hearing_choice)  # a second choice before the first finished
        for loader in [t for t in threading.enumerate() if t.name == "hearing-loader"]:
            loader.join(30)
        loaded = sorted((e for e in rt.bus.drain() if isinstance(e, HearingLoaded)), key=lambda e: e.request)
        assert [e.request for e in loaded] == [1, 2]
        assert rt.handle(loaded[0]) == "" and closed == [True]
        assert rt.hearing is None, "the superseded build was not swapped in"
    finally:
        rt.stop()


def test_the_brain_started_early_is_the_one_the_runtime_uses(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from game.bus import EventBus
    from game.conversation import assemble
    from game.sim.scene import load_scene
    from tests.support.fakes import FakeBrain, FakeSynthesizer

    brain = FakeBrain()
    monkeypatch.setattr(assemble, "make_brain", lambda kind, model: (brain, [f"built {kind}"]))
    future = assemble.start_brain("embed")
    scene = load_scene("default")
    runtime = assemble.build_runtime(scene, EventBus(), brain=future, synthesizer=FakeSynthesizer())
    try:
        assert runtime.session.brain is brain and "built embed" in runtime.problems
    finally:
        runtime.stop()

    def broken(kind: str, model: str) -> None:
        raise RuntimeError("no model file")

    monkeypatch.setattr(assemble, "make_brain", broken)
    with pytest.raises(RuntimeError, match="no model file"):
        assemble.start_brain("embed").result(timeout=30)
