"""The typing box takes any text SDL hands it: odd characters cost a character, never the app."""

from __future__ import annotations

import os
from collections.abc import Iterator
from types import SimpleNamespace

import pygame
import pytest

from game.bus import EventBus
from game.desktop.keys import on_pygame_event
from game.events import TextInput
from game.text import clean_text, printable


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> Iterator[SimpleNamespace]:
    monkeypatch.setenv("SDL_VIDEODRIVER", os.environ.get("SDL_VIDEODRIVER", "dummy"))
    pygame.display.init()
    pygame.font.init()
    settings = SimpleNamespace(visible=False)
    yield SimpleNamespace(text_entry="", bus=EventBus(), runtime=None, settings=settings)
    pygame.display.quit()


@pytest.mark.parametrize("odd", ["Jos\udce9", "\ud800", "a\x00b", "tab\there", "\x07", "José 🫖"])
def test_odd_text_is_typed_drawn_and_sent(app: SimpleNamespace, odd: str) -> None:
    on_pygame_event(app, pygame.event.Event(pygame.TEXTINPUT, text=odd))
    on_pygame_event(app, pygame.event.Event(pygame.TEXTINPUT, text="!"))
    font = pygame.font.Font(None, 20)
    font.render(f"> {app.text_entry}_", True, (255, 255, 255))  # what the HUD draws: must not raise
    on_pygame_event(app, pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0))
    sent = [e for e in app.bus.drain() if isinstance(e, TextInput)]
    assert len(sent) == 1 and sent[0].text.endswith("!") and app.text_entry is None
    sent[0].text.encode("utf-8")  # storable and printable as UTF-8


def test_clean_text() -> None:
    assert clean_text(b"Jos\xe9") == "Jos\ufffd" and clean_text("Jos\udce9") == "Jos\ufffd"
    assert clean_text("José") == "José" and printable("a\x00b\tc") == "ab c"
