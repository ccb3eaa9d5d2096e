"""One dispatch style: every event type is handled or ignored, checked when the class is built."""

from __future__ import annotations

import pytest

from game.dispatch import Dispatch, event_types, handles
from game.events import Notice, Shutdown, TextInput


def _others(*handled: type) -> list[type]:
    return [t for t in event_types() if t not in handled]


class _Handler:
    def __init__(self) -> None:
        self.seen: list[object] = []

    @handles(Notice, Shutdown)
    def _on_control(self, event: object) -> None:
        self.seen.append(event)


def test_handled_events_reach_their_method_and_ignored_ones_do_nothing() -> None:
    table = Dispatch(_Handler, ignored=_others(Notice, Shutdown))
    h = _Handler()
    note = Notice(source="x", message="hi")
    table(h, note)
    table(h, TextInput(text="ignored"))
    assert h.seen == [note]


def test_a_missing_handler_fails_when_the_table_is_built() -> None:
    with pytest.raises(TypeError, match="TextInput"):
        Dispatch(_Handler, ignored=_others(Notice, Shutdown, TextInput))


def test_an_event_both_handled_and_ignored_is_refused() -> None:
    with pytest.raises(TypeError, match="Notice"):
        Dispatch(_Handler, ignored=_others(Shutdown))


def test_two_handlers_for_one_event_are_refused() -> None:
    class Twice(_Handler):
        @handles(Notice)
        def _again(self, event: object) -> None: ...

    Twice._on_control = _Handler._on_control  # type: ignore[method-assign]
    with pytest.raises(TypeError, match="two handlers"):
        Dispatch(Twice, ignored=_others(Notice, Shutdown))


def test_a_mixins_handlers_join_the_class_table_and_still_count_once() -> None:
    class Window(_Handler):
        @handles(TextInput)
        def _on_text(self, event: object) -> None:
            self.seen.append(("text", event))

    table = Dispatch(Window, ignored=_others(Notice, Shutdown, TextInput))
    w = Window()
    note, line = Notice(source="x", message="hi"), TextInput(text="hello")
    table(w, note)
    table(w, line)
    assert w.seen == [note, ("text", line)]

    class Clash(Window):
        @handles(Notice)
        def _on_notice_again(self, event: object) -> None: ...

    with pytest.raises(TypeError, match="Notice has two handlers"):
        Dispatch(Clash, ignored=_others(Notice, Shutdown, TextInput))


def test_an_unknown_event_type_raises_instead_of_vanishing() -> None:
    from dataclasses import dataclass

    from game.events import DataEvent

    table = Dispatch(_Handler, ignored=_others(Notice, Shutdown))

    @dataclass(frozen=True, kw_only=True)
    class Stray(DataEvent):
        pass

    with pytest.raises(TypeError, match="Stray"):
        table(_Handler(), Stray())


def test_the_app_and_the_conversation_cover_every_event() -> None:
    from game.conversation.live import _DISPATCH as conversation
    from game.desktop.app import _DISPATCH as app

    every = set(event_types())
    for table in (conversation, app):
        assert set(table.table) | table.ignored == every
    assert "ModAssetChanged" in {t.__name__ for t in every} and "BrainLoaded" in {t.__name__ for t in every}
