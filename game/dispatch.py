"""The one way bus events reach their handlers: a table, checked complete at import.

A handler is a method marked ``@handles(EventType)``; :class:`Dispatch` collects the
marks of a class and of its bases (a big class keeps a group of handlers in a mixin) and
refuses to build unless every event type (:func:`event_types`: those of
:mod:`game.events` and :mod:`game.room_events`) is either handled or named as ignored.
Renaming or adding an event therefore fails at import time, where the previous
``getattr(self, f"_on_{name}")`` lookup silently did nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from game import events, room_events
from game.events import ControlEvent, DataEvent, Event

F = TypeVar("F", bound=Callable[..., Any])


def event_types() -> tuple[type[Event], ...]:
    """Every concrete event type, for the dispatch tables' completeness check."""
    bases = (Event, ControlEvent, DataEvent)
    return tuple(
        v
        for module in (events, room_events)
        for v in vars(module).values()
        if isinstance(v, type) and issubclass(v, Event) and v not in bases
    )


def handles(*types: type[Event]) -> Callable[[F], F]:
    """Mark a method as the handler of ``types``."""

    def mark(method: F) -> F:
        method._handles = types  # type: ignore[attr-defined]
        return method

    return mark


class Dispatch:
    """Event type → handler method name for one class; complete over :func:`event_types`."""

    def __init__(self, owner: type, ignored: Iterable[type[Event]] = ()) -> None:
        self.ignored = frozenset(ignored)
        self.table: dict[type[Event], str] = {}
        for klass in reversed(owner.__mro__):  # a mixin's handlers count as the class's own
            for name, member in vars(klass).items():
                for event_type in getattr(member, "_handles", ()):
                    if self.table.get(event_type, name) != name:
                        raise TypeError(f"{owner.__name__}: {event_type.__name__} has two handlers")
                    self.table[event_type] = name
        both = self.ignored & self.table.keys()
        missing = set(event_types()) - self.table.keys() - self.ignored
        if both or missing:
            names = ", ".join(sorted(t.__name__ for t in both | missing))
            raise TypeError(f"{owner.__name__}: events neither handled nor ignored (or both): {names}")

    def __call__(self, obj: object, event: Event) -> Any:
        """Call ``obj``'s handler for ``event`` and return what it returns; ignored types give None."""
        name = self.table.get(type(event))
        if name is not None:
            return getattr(obj, name)(event)
        if type(event) not in self.ignored:
            raise TypeError(f"{type(obj).__name__} has no handler for {type(event).__name__}")
        return None
