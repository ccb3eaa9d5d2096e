"""The one inbound queue: workers ``put()``, the main thread drains it once per tick.

Only the main thread mutates the world, so workers never share state with it; they
post events here. ``drain`` returns control events first, then data events in the
order they were posted; an :class:`~game.events.Interrupt` in the batch drops the data
events marked ``droppable`` that were made before it.
"""

from __future__ import annotations

import queue
from collections.abc import Callable

from game.events import ControlEvent, DataEvent, Event, Interrupt


class EventBus:
    """Thread-safe multi-producer, single-consumer event queue."""

    def __init__(self, maxsize: int = 0) -> None:
        self._queue: queue.Queue[Event] = queue.Queue(maxsize)
        self._taps: list[Callable[[Event], None]] = []

    def put(self, event: Event) -> None:
        """Post an event from any thread; never blocks unless a maxsize was given."""
        self._queue.put(event)

    def tap(self, listener: Callable[[Event], None]) -> None:
        """Observe every drained event (logging, latency tracking) on the main thread."""
        self._taps.append(listener)

    def drain(self) -> list[Event]:
        """Take everything queued now: control events first, then data in order."""
        pending: list[Event] = []
        while True:
            try:
                pending.append(self._queue.get_nowait())
            except queue.Empty:
                break
        control = [e for e in pending if isinstance(e, ControlEvent)]
        data = [e for e in pending if not isinstance(e, ControlEvent)]
        interrupts = [e.t for e in control if isinstance(e, Interrupt)]
        if interrupts:
            # Drop what was queued before the interrupt, not what workers posted after it
            # (the answer to what the user said when they interrupted).
            cut = max(interrupts)
            data = [e for e in data if not (isinstance(e, DataEvent) and e.droppable and e.t <= cut)]
        batch = control + data
        for listener in self._taps:
            for event in batch:
                listener(event)
        return batch

    def empty(self) -> bool:
        """True when nothing is queued (racy by nature; for tests and idling)."""
        return self._queue.empty()
