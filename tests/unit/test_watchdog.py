"""The watchdog's pure logic on a fake clock: deadlines, one report per hang, strikes."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from game.conversation.watchdog import Deadlines, Watchdog
from game.workers import Busy
from tests.support.clock import FakeClock as Clock


@dataclass
class Worker:
    busy: Busy | None = None
    completed: int = 0


def test_idle_and_in_time_work_is_not_a_hang() -> None:
    clock = Clock()
    dog = Watchdog(Deadlines(brain_s=15.0), clock)
    worker = Worker()
    assert dog.check("brain", worker) is None
    worker.busy = Busy("Ada", 1, "hello", clock.now)
    clock.now += 15.0
    assert dog.check("brain", worker) is None, "exactly at the deadline is still in time"


def test_a_hang_is_reported_once_with_what_was_stuck() -> None:
    clock = Clock()
    dog = Watchdog(Deadlines(speech_s=5.0), clock)
    busy = Busy("Bo", 7, "The rest of the reply.", clock.now)
    worker = Worker(busy)
    clock.now += 5.5
    hang = dog.check("speech", worker)
    assert hang is not None
    assert (hang.worker, hang.busy, hang.strikes) == ("speech", busy, 1)
    assert hang.seconds == pytest.approx(5.5)
    clock.now += 60
    assert dog.check("speech", worker) is None, "the same stuck work is not reported every tick"


def test_strikes_count_hangs_with_nothing_finished_between() -> None:
    clock = Clock()
    dog = Watchdog(Deadlines(speech_s=1.0), clock)
    worker = Worker(Busy("Ada", 1, "one", clock.now))
    clock.now += 2
    first = dog.check("speech", worker)
    worker.busy = Busy("Ada", 2, "two", clock.now)  # the restarted thread took the next reply
    clock.now += 2
    second = dog.check("speech", worker)
    assert first is not None and second is not None
    assert (first.strikes, second.strikes) == (1, 2)
    worker.completed += 1  # a sentence was spoken: the engine works again
    worker.busy = Busy("Ada", 3, "three", clock.now)
    clock.now += 2
    third = dog.check("speech", worker)
    assert third is not None and third.strikes == 1


def test_a_replacement_object_counts_its_work_from_zero() -> None:
    clock = Clock()
    dog = Watchdog(Deadlines(hearing_s=1.0), clock)
    old = Worker(Busy("", 40, "", clock.now), completed=40)
    clock.now += 2
    assert dog.check("hearing", old) is not None
    stuck_at_once = Worker(Busy("", 0, "", clock.now))
    clock.now += 2
    hang = dog.check("hearing", stuck_at_once)
    assert hang is not None and hang.strikes == 2
    worked_first = Worker(Busy("", 5, "", clock.now), completed=5)
    clock.now += 2
    hang = dog.check("hearing", worked_first)
    assert hang is not None and hang.strikes == 1


def test_workers_are_independent_and_deadlines_are_named() -> None:
    clock = Clock()
    dog = Watchdog(Deadlines(brain_s=3.0, speech_s=1.0, hearing_s=2.0), clock)
    assert [dog.deadline(w) for w in ("brain", "speech", "hearing")] == [3.0, 1.0, 2.0]
    brain = Worker(Busy("Ada", 1, "hi", clock.now))
    speech = Worker(Busy("Ada", 9, "Hello.", clock.now))
    clock.now += 1.5
    assert dog.check("brain", brain) is None
    hang = dog.check("speech", speech)
    assert hang is not None and hang.strikes == 1
    clock.now += 2
    hang = dog.check("brain", brain)
    assert hang is not None and hang.strikes == 1
    assert Deadlines().brain_s >= 10, "the generative brain needs seconds for a long reply"
