"""Keyboard, mouse and window events → what the app does (the bindings :data:`HELP_LINES` lists).

The overlay's keys go to the settings menu, typing goes to the text box, everything
else is a binding; keys nobody binds are offered to the mods.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.desktop.settings_apply import apply_setting, open_settings
from game.events import TextInput
from game.text import printable

if TYPE_CHECKING:
    from game.desktop.app import App


def on_pygame_event(app: App, event: pygame.event.Event) -> None:
    """One pygame event: quit, resize, mouse capture and look, typing, keys, a lost microphone."""
    hearing = app.runtime.hearing if app.runtime is not None else None
    if event.type == pygame.QUIT:
        app.running = False
    elif event.type == pygame.VIDEORESIZE:
        app.resize((max(64, event.w), max(64, event.h)))
    elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and app.text_entry is None:
        pygame.event.set_grab(True)
        pygame.mouse.set_visible(False)
    elif event.type == pygame.MOUSEMOTION and pygame.event.get_grab():
        app.controls.add_mouse(*event.rel)
    elif event.type == pygame.TEXTINPUT and app.text_entry is not None:
        app.text_entry += printable(getattr(event, "text", ""))  # odd text costs a character, not the app
    elif event.type == pygame.KEYDOWN:
        on_key(app, event)
    elif event.type == pygame.KEYUP and event.key == pygame.K_v and hearing is not None:
        hearing.set_ptt(False)
    elif (
        event.type == getattr(pygame, "AUDIODEVICEREMOVED", -1)
        and getattr(event, "iscapture", False)
        and hearing is not None
    ):
        hearing.device_removed()


def on_key(app: App, event: pygame.event.Event) -> None:
    """A key press: Ctrl+Q always quits; the open overlay or text box gets keys first."""
    key = event.key
    if key == pygame.K_q and event.mod & pygame.KMOD_CTRL:
        app.running = False
    elif app.settings.visible:
        change = app.settings.press(pygame.key.name(key))
        if change is not None:
            apply_setting(app, change)
    elif app.text_entry is not None:
        _typing_key(app, key)
    else:
        _binding(app, key)


def _typing_key(app: App, key: int) -> None:
    """Enter sends the line (spaces tidied), Esc drops it, Backspace deletes."""
    if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
        text = " ".join(printable(app.text_entry or "").split())
        app.text_entry = None
        pygame.key.stop_text_input()
        if text:
            app.bus.put(TextInput(text=text))
    elif key == pygame.K_ESCAPE:
        app.text_entry = None
        pygame.key.stop_text_input()
    elif key == pygame.K_BACKSPACE:
        app.text_entry = (app.text_entry or "")[:-1]


def _binding(app: App, key: int) -> None:
    hud = app.hud
    hearing = app.runtime.hearing if app.runtime is not None else None
    if key == pygame.K_ESCAPE:
        if pygame.event.get_grab():
            pygame.event.set_grab(False)
            pygame.mouse.set_visible(True)
        elif hud.show_help:
            hud.show_help = False
        else:
            open_settings(app)
    elif key == pygame.K_TAB:
        hud.show_help = False
        open_settings(app)
    elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_t):
        app.text_entry = ""
        pygame.key.start_text_input()
    elif key == pygame.K_v and hearing is not None:
        hearing.set_ptt(True)
    elif key == pygame.K_F1:
        hud.show_help = not hud.show_help
    elif key == pygame.K_F3:
        hud.debug = not hud.debug
    elif key == pygame.K_F4:
        app.fetch_model()
    elif key == pygame.K_F5:
        app.reload_files(force=True)
    elif key == pygame.K_F11:
        pygame.display.toggle_fullscreen()
        app.resize(pygame.display.get_surface().get_size())
    elif app.mods is not None:
        app.mods.key(pygame.key.name(key))
