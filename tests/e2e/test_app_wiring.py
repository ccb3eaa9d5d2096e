"""The desktop app's wiring: the config file, the settings overlay (Tab / Esc) and the mod host.

The window runs in a subprocess under SDL's offscreen driver (see ``app_driver.py``); the
config file and the data folder (memories, user mods) are temporary.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path
from typing import Any

import numpy as np
import pygame
import pytest

from tests.e2e.cli import ROOT, voxroom

HELLO_MOD = """\
from game.modding import api

mod = api.this_mod()


@mod.on_load
def start():
    mod.notify("hello mod is loaded")


@mod.on_key("f6")
def greet(key):
    mod.say("Ada", "Hello from the hello mod.")
"""


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        "VOXROOM_CONFIG": str(tmp_path / "config" / "config.toml"),
        "VOXROOM_DATA_DIR": str(tmp_path / "data"),
    }


def _driver_env(tmp_path: Path) -> dict[str, str]:
    # A Vosk model that does not exist: choosing Vosk fails the same way on every machine.
    return {**_env(tmp_path), "VOXROOM_VOSK_MODEL": str(tmp_path / "no-model")}


def _write_mod(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "mods" / "hello"
    folder.mkdir(parents=True)
    (folder / "mod.toml").write_text('name = "hello"\nversion = "1.0"\napi_version = 1\n', encoding="utf-8")
    (folder / "main.py").write_text(textwrap.dedent(HELLO_MOD), encoding="utf-8")


def _drive(
    tmp_path: Path, *steps: str, audio: dict[str, str] | None = None, extra: dict[str, str] | None = None
) -> dict[str, Any]:
    driver = audio or {"SDL_AUDIODRIVER": "dummy"}
    env = {**os.environ, **driver, "PYTHONPATH": str(ROOT), **_driver_env(tmp_path), **(extra or {})}
    result = subprocess.run(
        [sys.executable, "-m", "tests.e2e.app_driver", str(tmp_path), *steps],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("RESULT "))
    out: dict[str, Any] = json.loads(line[len("RESULT ") :])
    return out


def _png(path: Path) -> np.ndarray:
    surf = pygame.image.load(str(path))
    return pygame.surfarray.array3d(surf).transpose(1, 0, 2).astype(np.int32)


@pytest.mark.slow
def test_run_loads_builtin_and_user_mods_without_errors(tmp_path: Path, gl_ctx: Any) -> None:
    _write_mod(tmp_path)
    result = voxroom(
        "run", "--frames", "30", "--no-voice", "--size", "320x180", "--mods", "builder,hello",
        env=_env(tmp_path), timeout=180,
    )  # fmt: skip
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert "mod:hello: hello: hello mod is loaded" in out
    notices = [x for x in out.splitlines() if x.startswith("voxroom:")]
    assert not [x for x in notices if "error" in x], out


@pytest.mark.slow
def test_config_mods_and_a_missing_mod_is_one_error_line(tmp_path: Path, gl_ctx: Any) -> None:
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[mods]\nenabled = ["nosuchmod"]\n', encoding="utf-8")
    result = voxroom("run", "--frames", "5", "--no-voice", "--size", "320x180", env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    errors = [x for x in result.stdout.splitlines() if "error" in x]
    assert len(errors) == 1 and "no mod called 'nosuchmod'" in errors[0], result.stdout


@pytest.mark.slow
def test_a_mod_scene_opens_with_its_mod(tmp_path: Path, gl_ctx: Any) -> None:
    result = voxroom(
        "run", "--frames", "10", "--no-voice", "--size", "320x180", "--scene", "cafe:cafe", env=_env(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Café" in result.stdout and "voxroom: error" not in result.stdout
    bad = voxroom("run", "--frames", "5", "--no-voice", "--scene", "cafe:nope", env=_env(tmp_path))
    assert bad.returncode == 2 and "no mod scene 'cafe:nope'" in bad.stderr


@pytest.mark.slow
def test_tab_opens_settings_and_changes_apply_live_and_are_saved(tmp_path: Path, gl_ctx: Any) -> None:
    steps = ["shot:before", "tab", "shot:open"]
    steps += ["down"] * 6 + ["left"]  # Voice volume: 100% -> 90%
    steps += ["down", "down", "right"]  # past Murmurs (left off); Captions: on -> off
    steps += ["down", "right"]  # Text size: 20 -> 22 px
    steps += ["down", "down", "right"]  # past Anti-aliasing; NPCs chat when you're quiet: on -> off
    steps += ["up"] * 8 + ["right"]  # Recognizer: auto -> vosk (no voice input here)
    steps += ["escape", "escape", "tab"]  # Esc closes; Esc with nothing open opens; Tab closes
    out = _drive(tmp_path, *steps)
    log = out["log"]
    opened = log[0]
    assert opened["visible"] and opened["lines"][0] == "Settings" and opened["highlight"] == 1
    assert opened["lines"][1].startswith("Microphone:   <")
    assert log[7]["lines"][log[7]["highlight"]] == "Voice volume:   < 90% >" and log[7]["status"] == "saved"
    assert out["volume"] == pytest.approx(0.9)
    assert out["captions"] is False
    assert out["scenes"] is False, "scenes off at once"
    assert log[-4]["status"] == "saved (voice input is off in this run)"
    assert [e["visible"] for e in log[-3:]] == [False, True, False]
    saved = tomllib.loads((tmp_path / "config" / "config.toml").read_text(encoding="utf-8"))
    assert saved["audio"]["voice_volume"] == pytest.approx(0.9)
    assert saved["display"] == {"captions": False, "text_size": 22, "msaa": 0}
    assert saved["hearing"]["engine"] == "vosk"
    assert saved["conversation"] == {"scenes": False}
    # The panel is drawn: the middle of the window changed when Tab opened it.
    before, opened_png = _png(tmp_path / "before.png"), _png(tmp_path / "open.png")
    middle = (slice(40, 140), slice(80, 240))
    assert np.abs(before[middle] - opened_png[middle]).mean() > 10

    # The next start reads the saved file: bigger text, captions off, volume 90%.
    again = _drive(tmp_path)
    assert again["config_problems"] == []
    assert again["volume"] == pytest.approx(0.9) and again["captions"] is False
    assert again["scenes"] is False, "the next start reads scenes = false"
    pygame.font.init()
    assert again["line_h"] == out["line_h"] > pygame.font.Font(None, 20 + 4).get_linesize()


@pytest.mark.slow
def test_microphone_recognizer_and_speakers_apply_live_from_the_overlay(tmp_path: Path, gl_ctx: Any) -> None:
    raw, wav = tmp_path / "raw.wav", tmp_path / "hello.wav"
    subprocess.run(["espeak-ng", "-w", str(raw), "hello ada"], check=True)
    subprocess.run(["sox", "-D", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(wav)], check=True)
    steps = ["--hearing", str(wav), "heard", "tab"]
    steps += ["down", "right"]  # Speakers: system default -> SDL's dummy output device
    steps += ["down", "down", "right", "settled"]  # Recognizer: auto -> vosk (no English Vosk model)
    steps += ["up", "up", "up", "right", "settled"]  # Microphone: system default -> SDL's disk capture device
    # SDL's disk driver: a real capture device replaying a file (the dummy one is a silent stand-in)
    mic = tmp_path / "mic.raw"
    mic.write_bytes(wav.read_bytes()[44:] * 20)
    disk = {"SDL_AUDIODRIVER": "disk", "SDL_DISKAUDIOFILEIN": str(mic)}
    out = _drive(tmp_path, *steps, audio={**disk, "SDL_DISKAUDIOFILE": str(tmp_path / "out.raw")})
    log = out["log"]
    assert log[2]["status"] == "saved; speaking through System audio output device"
    assert out["mixer"] is True
    failed = log[6]["status"]  # once settled: the build (in the background) has failed
    assert log[5]["status"] in ("saved; starting the new recognizer…", failed)
    assert failed.startswith("saved; not switched: ") and "no-model: no such model directory" in failed
    assert failed.endswith("; keeping sphinx on the default microphone")
    assert log[10]["status"] in ("saved; starting the new recognizer…", log[11]["status"])
    assert log[11]["status"] == "saved; now sphinx on System audio capture device"
    hearing = out["hearing"]
    assert (hearing["engine"], hearing["microphone"]) == ("sphinx", "System audio capture device")
    assert hearing["threads"] in ([], ["hearing"]), "the replaced pipelines' threads are gone"
    saved = tomllib.loads((tmp_path / "config" / "config.toml").read_text(encoding="utf-8"))
    assert saved["audio"]["output_device"] == "System audio output device"
    assert saved["audio"]["microphone"] == "System audio capture device"
    assert saved["hearing"]["engine"] == "vosk", "a choice that could not be applied is still saved"


@pytest.mark.slow
def test_mod_key_hook_makes_an_npc_speak(tmp_path: Path, gl_ctx: Any) -> None:
    _write_mod(tmp_path)
    out = _drive(tmp_path, "--mods", "hello", "f6", "tab", "f6")
    assert out["said"] == [{"npc": "Ada", "text": "Hello from the hello mod."}]  # not while settings are open
    assert ["hello", "loaded", ""] in out["mods"]
    assert not [m for m in out["messages"] if m[0] == "error"]


@pytest.mark.slow
def test_f4_fetches_the_english_model_offered_once_on_first_start(tmp_path: Path, gl_ctx: Any) -> None:
    from tests.hearing.test_fetch import Server

    raw, wav = tmp_path / "raw.wav", tmp_path / "hello.wav"
    subprocess.run(["espeak-ng", "-w", str(raw), "hello ada"], check=True)
    subprocess.run(["sox", "-D", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(wav)], check=True)
    server = Server(name="vosk-model-small-en-us-0.15")  # what "en-us" means in the model list
    cache = tmp_path / "cache"
    extra = {"VOXROOM_MODEL_URL": server.base, "VOXROOM_CACHE_DIR": str(cache)}
    try:
        out = _drive(tmp_path, "--hearing", str(wav), "f4", "settled", extra=extra)
        again = _drive(tmp_path, "--hearing", str(wav), extra=extra)
    finally:
        server.close()
    said = [text for _, text in out["messages"]]
    assert any("press F4 to fetch the Vosk English model" in m for m in said)
    assert any(m.startswith("fetching the English speech model from http://127.0.0.1") for m in said)
    assert any(m.startswith("speech model installed in") for m in said)
    assert (cache / "vosk" / "vosk-model-small-en-us-0.15" / "am" / "final.mdl").exists()
    assert not any("press F4" in text for _, text in again["messages"]), "offered once"
