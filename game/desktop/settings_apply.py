"""The settings overlay's changes, applied to the running app and saved to the config file.

Each setting says what happened in the overlay's status line: applied at once, saved for
the next start, or loading in the background (the brain, the recognizer).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.config import save_config
from game.desktop.settings_menu import SettingChange

if TYPE_CHECKING:
    from game.desktop.app import App

HEARING_KEYS = frozenset({"audio.microphone", "hearing.engine", "hearing.vosk_model"})


def open_settings(app: App) -> None:
    """Show the settings overlay with the devices and English Vosk models present now."""
    microphones: tuple[str, ...] | None = None
    outputs: tuple[str, ...] | None = None
    try:
        from game.hearing.capture import list_devices

        devices = list_devices()
        microphones, outputs = devices.capture, devices.output
    except Exception as exc:  # no audio system: the rows keep "system default" and the file's names
        print(f"voxroom: warning: settings: cannot list audio devices ({exc})", flush=True)
    models: list[str] | None = None
    try:
        from game.hearing.models import discover

        models = [str(m.path) for m in discover() if m.lang.split("-")[0] == "en"]
    except Exception as exc:  # a broken cache folder must not keep the menu shut
        print(f"voxroom: warning: settings: cannot list Vosk models ({exc})", flush=True)
    app.settings.show(microphones, outputs, models)


def apply_setting(app: App, change: SettingChange) -> None:
    """Apply one change from the overlay to the running app, save the file, say what happened."""
    status = _apply(app, change)
    app.config = app.settings.config
    notes = save_config(app.config, changed={change.key})  # merged: another instance's changes stay
    for note in notes:
        app.notify("warning", f"settings: {note}")
    app.settings.status = notes[-1] if notes and "cannot save" in notes[-1] else status


def _apply(app: App, change: SettingChange) -> str:
    """Put one change into effect; returns the overlay's status line."""
    key, value, runtime = change.key, change.value, app.runtime
    hearing = runtime.hearing if runtime is not None else None
    if key == "audio.voice_volume" and runtime is not None:
        runtime.player.volume = float(value)
    elif key == "audio.backchannels" and runtime is not None:
        runtime.conversation.audible_backchannels = bool(value)
    elif key == "conversation.scenes" and runtime is not None:
        runtime.conversation.initiative.scenes = bool(value)
    elif key == "hearing.mode":
        if hearing is None:
            return "saved (voice input is off in this run)"
        hearing.set_mode(value)
    elif key == "display.captions":
        app.hud.captions = bool(value)
    elif key == "display.text_size":
        app.overlay.set_text_size(int(value))
    elif key == "display.msaa":
        app.msaa = int(value)
        app.resize(app.target.size)
    elif key == "mind.brain":
        if runtime is None:
            return "saved (no conversation in this run)"
        if app.joined is not None:
            return "saved for later: in a shared room the room's host chooses the NPCs' minds"
        runtime.load_brain(str(value), app.settings.config.mind.model)
        return "saved; loading the brain…"
    elif key in HEARING_KEYS:
        if runtime is None or runtime.hearing_factory is None:
            return "saved (voice input is off in this run)"
        return f"saved; {runtime.switch_hearing(key, value)}"
    elif key == "audio.output_device" and runtime is not None:
        problem = runtime.switch_speakers(str(value))
        return f"saved; {problem or 'speaking through ' + (str(value) or 'the system default')}"
    return "saved"
