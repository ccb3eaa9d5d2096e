from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from game.config import (
    KEYS,
    AudioConfig,
    Config,
    DisplayConfig,
    HearingConfig,
    check,
    load_config,
    save_config,
    value_of,
)
from game.desktop.settings_menu import HINTS, TITLE, SettingChange, SettingsMenu

MICS = ("Built-in Microphone", "USB Headset")
OUTS = ("Speakers", "USB Headset")
MODELS = ("/cache/vosk/vosk-model-small-en-us-0.15",)
ROWS = [
    "audio.microphone",
    "audio.output_device",
    "hearing.mode",
    "hearing.engine",
    "hearing.vosk_model",
    "mind.brain",
    "audio.voice_volume",
    "audio.backchannels",
    "display.captions",
    "display.text_size",
    "display.msaa",
    "conversation.scenes",
]


def opened(config: Config | None = None) -> SettingsMenu:
    menu = SettingsMenu(config or Config(), MICS, OUTS, MODELS)
    menu.show()
    return menu


def select(menu: SettingsMenu, key: str) -> None:
    while menu.items()[menu.index].key != key:
        menu.press("down")


def test_rows_cover_every_setting_the_issue_lists() -> None:
    assert [item.key for item in opened().items()] == ROWS


def test_closed_menu_ignores_keys() -> None:
    menu = SettingsMenu(Config())
    assert not menu.visible
    assert menu.press("right") is None
    assert menu.config == Config()


def test_escape_and_tab_close() -> None:
    for key in ("escape", "tab"):
        menu = opened()
        assert menu.press(key) is None
        assert not menu.visible


def test_up_down_wrap_around() -> None:
    menu = opened()
    assert menu.index == 0
    menu.press("up")
    assert menu.index == len(ROWS) - 1
    menu.press("down")
    assert menu.index == 0
    for _ in range(3):
        menu.press("down")
    assert menu.index == 3
    assert menu.highlight == 4, "title is line 0"


def test_microphone_chooser_cycles_default_and_devices() -> None:
    menu = opened()
    seen = [menu.press("right") for _ in range(3)]
    assert seen == [
        SettingChange("audio.microphone", "Built-in Microphone"),
        SettingChange("audio.microphone", "USB Headset"),
        SettingChange("audio.microphone", ""),
    ]
    assert menu.press("left") == SettingChange("audio.microphone", "USB Headset")
    assert menu.config.audio.microphone == "USB Headset"


def test_output_chooser_uses_output_devices() -> None:
    menu = opened()
    select(menu, "audio.output_device")
    assert menu.press("return") == SettingChange("audio.output_device", "Speakers")


def test_configured_device_that_is_missing_stays_choosable_and_is_marked() -> None:
    menu = opened(Config(audio=AudioConfig(microphone="Old Webcam")))
    assert "Old Webcam (not connected)" in menu.lines()[1]
    assert menu.press("right") == SettingChange("audio.microphone", "")
    assert menu.press("left") == SettingChange("audio.microphone", "Old Webcam")


def test_show_refreshes_device_lists() -> None:
    menu = opened()
    menu.hide()
    menu.show(microphones=["New Mic"])
    assert menu.visible
    assert menu.press("right") == SettingChange("audio.microphone", "New Mic")


def test_listening_mode_engine_model_and_brain() -> None:
    menu = opened()
    select(menu, "hearing.mode")
    assert menu.press("return") == SettingChange("hearing.mode", "ptt")
    assert menu.press("return") == SettingChange("hearing.mode", "always")
    select(menu, "hearing.engine")
    assert menu.press("right") == SettingChange("hearing.engine", "vosk")
    assert menu.press("right") == SettingChange("hearing.engine", "sphinx")
    assert menu.press("right") == SettingChange("hearing.engine", "auto")
    select(menu, "hearing.vosk_model")
    assert menu.press("right") == SettingChange("hearing.vosk_model", MODELS[0])
    assert "vosk-model-small-en-us-0.15" in menu.lines()[menu.highlight]
    select(menu, "mind.brain")
    assert menu.press("right") == SettingChange("mind.brain", "llama")


def test_volume_steps_and_stops_at_the_ends() -> None:
    menu = opened()
    select(menu, "audio.voice_volume")
    assert menu.press("right") is None, "already at 100%"
    assert menu.press("return") is None, "Enter never wraps a volume to silence"
    assert menu.press("left") == SettingChange("audio.voice_volume", 0.9)
    for _ in range(20):
        menu.press("left")
    assert menu.config.audio.voice_volume == 0.0
    assert menu.press("left") is None
    assert "0%" in menu.lines()[menu.highlight]


def test_volume_from_the_file_between_steps_moves_to_the_next_step() -> None:
    menu = opened(Config(audio=AudioConfig(voice_volume=0.73)))
    select(menu, "audio.voice_volume")
    assert "73%" in menu.lines()[menu.highlight]
    assert menu.press("right") == SettingChange("audio.voice_volume", 0.8)
    assert menu.press("left") == SettingChange("audio.voice_volume", 0.7)


def test_captions_text_size_msaa() -> None:
    menu = opened()
    select(menu, "display.captions")
    assert menu.press("return") == SettingChange("display.captions", False)
    assert "off" in menu.lines()[menu.highlight]
    select(menu, "display.text_size")
    assert menu.press("right") == SettingChange("display.text_size", 22)
    assert menu.press("left") == SettingChange("display.text_size", 20)
    select(menu, "display.msaa")
    assert [menu.press("right") for _ in range(3)] == [
        SettingChange("display.msaa", 2),
        SettingChange("display.msaa", 4),
        SettingChange("display.msaa", 0),
    ]


def test_text_size_clamps_at_48() -> None:
    menu = opened(Config(display=DisplayConfig(text_size=47)))
    select(menu, "display.text_size")
    assert menu.press("right") == SettingChange("display.text_size", 48)
    assert menu.press("right") is None


def test_lines_show_title_rows_values_hints_and_status() -> None:
    menu = opened(Config(hearing=HearingConfig(mode="ptt")))
    lines = menu.lines()
    assert lines[0] == TITLE
    assert len(lines) == 1 + len(ROWS) + 2
    assert lines[1] == "Microphone:   < system default >", "selected row has arrows around its value"
    assert lines[2] == "Speakers:   system default"
    assert "push to talk (hold V)" in lines[3]
    assert lines[-1] == HINTS
    menu.status = "saved to config.toml"
    assert menu.lines()[-1] == "saved to config.toml"
    assert menu.lines()[menu.highlight].startswith("Microphone")


def test_long_device_names_are_cut() -> None:
    menu = SettingsMenu(Config(), ["A" * 200])
    menu.show()
    menu.press("right")
    assert len(menu.lines()[1]) < 70


def test_unknown_keys_do_nothing() -> None:
    menu = opened()
    for key in ("f1", "x", "", "backspace"):
        assert menu.press(key) is None
    assert menu.visible and menu.config == Config()


def test_changes_save_and_reload(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    menu = opened()
    select(menu, "display.text_size")
    change = menu.press("right")
    assert change is not None
    assert save_config(menu.config, path) == []
    assert load_config(path)[0].display.text_size == 22
    assert tomllib.loads(path.read_text())["display"]["text_size"] == 22


def test_the_menu_is_pure() -> None:
    import subprocess

    code = (
        "import sys, game.desktop.settings_menu, game.config; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('pygame', 'moderngl')]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


KEY_NAMES = st.sampled_from(["up", "down", "left", "right", "return", "enter", "space", "escape", "tab", "q"])


@settings(max_examples=200, deadline=None)
@given(st.lists(KEY_NAMES, max_size=60), st.lists(st.text(max_size=12), max_size=4))
def test_any_key_sequence_keeps_a_valid_config(keys: list[str], mics: list[str]) -> None:
    menu = SettingsMenu(Config(), mics, mics[:1], mics[1:])
    menu.show()
    for key in keys:
        if not menu.visible:
            menu.show()
        before = menu.config
        change = menu.press(key)
        if change is None:
            assert menu.config == before
        else:
            assert value_of(menu.config, change.key) == change.value
            assert change.value != value_of(before, change.key)
        for k in KEYS:
            check(k, value_of(menu.config, k))
        lines = menu.lines()
        assert 0 < menu.highlight < len(lines)
