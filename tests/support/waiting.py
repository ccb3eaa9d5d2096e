"""How tests wait: on an event that says the thing happened, never for a guessed time.

Workers post to the bus, so :class:`WatchedBus` lets a test thread wait for the event it
needs. :func:`frames` runs main-loop steps the way the app does, waking for each post
(or after one frame, as the app's loop would). :func:`poll` is the one place a test
checks a condition repeatedly, and only for state that announces nothing: a pygame
channel that has finished playing, a subprocess's audio device.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from game.bus import EventBus
from game.events import Event

FRAME_S = 1 / 60


class WatchedBus(EventBus):
    """An :class:`EventBus` that also records every post and wakes the threads waiting on it.

    ``drain`` works as usual (the main loop still owns the events); ``posted`` keeps them
    all, in the order they were put, for the waiting test.
    """

    def __init__(self) -> None:
        super().__init__()
        self._posted = threading.Condition()
        self.posted: list[Event] = []

    def put(self, event: Event) -> None:
        """Queue the event as usual, then wake whoever waits for it."""
        super().put(event)
        with self._posted:
            self.posted.append(event)
            self._posted.notify_all()

    def wait_for(self, predicate: Callable[[list[Event]], bool], timeout: float) -> bool:
        """Block until ``predicate(posted)`` holds (True) or ``timeout`` seconds pass (False)."""
        with self._posted:
            return self._posted.wait_for(lambda: predicate(self.posted), timeout)

    def wait_posted(self, timeout: float) -> bool:
        """Block until anything is posted after this call, or ``timeout`` seconds pass."""
        with self._posted:
            seen = len(self.posted)
            return self._posted.wait_for(lambda: len(self.posted) > seen, timeout)


def posted(kind: type[Event]) -> Callable[[list[Event]], bool]:
    """A :meth:`WatchedBus.wait_for` predicate: an event of this type was posted."""
    return lambda events: any(isinstance(e, kind) for e in events)


def frames(step: Callable[[], None], until: Callable[[], bool], timeout: float, bus: WatchedBus) -> bool:
    """Run ``step`` once a frame until ``until()`` holds (True) or ``timeout`` passes (False).

    Between steps it waits on the bus, not on a timer: a worker's post starts the next
    step at once. Without posts a frame still comes after ``FRAME_S``, because part of
    the room moves with time alone (playback, the watchdog's deadlines), as in the app.
    """
    deadline = time.monotonic() + timeout
    while True:
        step()
        if until():
            return True
        if time.monotonic() > deadline:
            return False
        bus.wait_posted(FRAME_S)


def poll(until: Callable[[], bool], timeout: float, every: float = 0.005) -> bool:
    """Check ``until()`` every ``every`` seconds until it holds (True) or ``timeout`` passes (False).

    Only for state with nothing to wait on (pygame reports a channel's end through the
    display's event queue, which headless tests do not open). Anything that posts to the
    bus or sets an Event is waited on with :class:`WatchedBus` or the Event instead.
    """
    deadline = time.monotonic() + timeout
    while not until():
        if time.monotonic() > deadline:
            return False
        time.sleep(every)
    return True
