"""The tour-guide example mod: walks, talks, waits for speech to end, notices silence, stops, counts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from game.events import Event, PlaybackEnded, PlaybackStarted, TextInput
from game.modding.scaffold import SCRIPTS_DIR
from tests.support.live import drive, make_runtime_with_mods, of

from .conftest import Harness

SOFA, LAMP, WINDOW = (
    "This is the sofa. Everyone ends up here sooner or later.",
    "This lamp is the warmest light in the room.",
    "And the window: the best view in the lounge. That's the tour!",
)


def _guide(tmp_path: Path) -> Harness:
    harness = Harness(SCRIPTS_DIR, tmp_path / "data", enabled=["tour"])
    harness.load()
    assert harness.state("tour") == "loaded"
    return harness


def _until_said(harness: Harness, line: str, seconds: float = 30.0) -> None:
    for _ in range(int(seconds * 60)):
        harness.step()
        if harness.said and harness.said[-1][1] == line:
            return
    raise AssertionError(f"never said {line!r}; said {harness.said}")


def test_the_guide_walks_talks_and_moves_on_only_when_each_line_is_done(tmp_path: Path) -> None:
    h = _guide(tmp_path)
    try:
        reply = h.host.heard("Bo", "Bo, give me a tour")
        assert reply is not None and reply.text == "Follow me! Tour number 1."
        h.host.observe(PlaybackEnded(npc="Bo"))  # the "follow me" line ends before Bo arrives
        _until_said(h, SOFA)
        bo = h.world.animator.get("Bo")
        assert bo.gesture == "point" and h.world.find_prop("sofa") is not None
        for _ in range(120):  # still talking: Bo waits by the sofa
            h.step()
        assert bo.walk_target is None and h.said[-1][1] == SOFA
        h.host.observe(PlaybackEnded(npc="Bo"))
        _until_said(h, LAMP)
        h.host.observe(PlaybackEnded(npc="Bo"))
        _until_said(h, WINDOW)
        h.host.observe(PlaybackEnded(npc="Bo"))
        h.step()
        assert h.host.heard("Bo", "stop the tour").text == "There's no tour going on."  # type: ignore[union-attr]
    finally:
        h.host.shutdown()
    again = _guide(tmp_path)  # a restart: the count was kept
    try:
        assert again.host.heard("Ada", "give me a tour").text == "Follow me! Tour number 2."  # type: ignore[union-attr]
    finally:
        again.host.shutdown()


def test_a_quiet_user_is_asked_and_stop_ends_the_walk(tmp_path: Path) -> None:
    h = _guide(tmp_path)
    try:
        h.host.heard("Cleo", "show me around")
        for _ in range(19 * 60):
            h.host.tick(1 / 60, h.world)
        h.host.observe(TextInput(text="wow, nice room"))  # speaking resets the 20 s timer
        for _ in range(19 * 60):
            h.host.tick(1 / 60, h.world)
        h.host.apply(h.world, h.say)
        assert not any("Still with me" in text for _, text in h.said)
        for _ in range(2 * 60):
            h.host.tick(1 / 60, h.world)
        h.host.apply(h.world, h.say)
        assert h.said[-1] == ("Cleo", "Still with me? Say 'stop the tour' if you've seen enough.")
        assert h.host.heard("Cleo", "stop the tour").text == "All right, the tour is over."  # type: ignore[union-attr]
        h.step()
        assert h.world.animator.get("Cleo").walk_target is None
    finally:
        h.host.shutdown()


@pytest.mark.slow
def test_the_tour_through_the_real_conversation(tmp_path: Path) -> None:
    rt, host = make_runtime_with_mods([SCRIPTS_DIR], tmp_path / "data", enabled=["tour"])
    rt.start()
    log: list[Event] = []

    def run_until(until: Callable[[], bool]) -> bool:
        return drive(rt, until, 60.0, log, mods=host)

    try:
        rt.bus.put(TextInput(text="Bo, give me a tour"))
        last = "That's the tour!"
        assert run_until(lambda: any(e.text == last for e in of(log, PlaybackStarted)))
        spoken = " ".join(e.text for e in of(log, PlaybackStarted) if e.npc == "Bo")
        assert spoken == f"Follow me! Tour number 1. {SOFA} {LAMP} {WINDOW}"
    finally:
        host.shutdown()
        rt.stop()
