"""``voxroom doctor``: report GL, audio devices and optional components, with fix hints.

Each check returns a :class:`Check`; only a ``fail`` means the app cannot run at all
(no OpenGL 3.3). Missing sound, microphone or models degrade gracefully, so they are
``warn`` with a fix hint. Other packages add their checks to :data:`CHECKS`.
"""

from __future__ import annotations

import argparse
import ctypes.util
import importlib.util
import json
import os
import shutil
import sys
from collections.abc import Callable

from game.health import Check


def check_python() -> Check:
    """Python 3.11 or newer."""
    ok = sys.version_info >= (3, 11)
    return Check(
        "python", "ok" if ok else "fail", sys.version.split()[0], "" if ok else "install Python 3.11+"
    )


def check_gl() -> Check:
    """A headless OpenGL 3.3 context (the one hard requirement)."""
    from game.render.context import GLUnavailable, create_headless_context, describe

    try:
        ctx = create_headless_context()
    except GLUnavailable as exc:
        return Check("opengl", "fail", str(exc).split(";")[0], str(exc).split(";", 1)[-1].strip())
    text = describe(ctx)
    ctx.release()
    return Check("opengl", "ok", text)


def check_display() -> Check:
    """Whether a window can appear on a screen or only offscreen."""
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return Check("display", "ok", os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY", ""))
    return Check(
        "display",
        "warn",
        "no DISPLAY: the window opens offscreen (SDL offscreen driver)",
        "run inside a desktop session, or use 'voxroom render' for pictures",
    )


def _audio_devices(capture: bool) -> list[str]:
    import pygame
    import pygame._sdl2.audio as sdl_audio

    if not pygame.mixer.get_init():
        pygame.mixer.init()
    return list(sdl_audio.get_audio_device_names(capture))


def check_audio_output() -> Check:
    """Sound output through SDL (pygame.mixer)."""
    try:
        names = _audio_devices(False)
    except Exception as exc:  # pygame.error when there is no sound card
        return Check(
            "audio out",
            "warn",
            f"no sound output ({exc})",
            "connect a sound device; voxroom falls back to SDL_AUDIODRIVER=dummy with subtitles only",
        )
    driver = os.environ.get("SDL_AUDIODRIVER", "default")
    return Check("audio out", "ok", f"{', '.join(names) or 'default device'} (driver: {driver})")


def check_audio_capture() -> Check:
    """A microphone through SDL capture (the same answer the app acts on: ``find_capture``)."""
    from game.hearing.capture import find_capture

    capture = find_capture()
    if not capture.names:
        return Check(
            "microphone", "warn", capture.problem, "plug in a microphone; typing (Enter) always works"
        )
    return Check("microphone", "ok", ", ".join(capture.names))


def check_module(name: str, label: str, fix: str) -> Callable[[], Check]:
    """A check that a Python package imports (without importing it)."""

    def run() -> Check:
        if importlib.util.find_spec(name) is None:
            return Check(label, "warn", f"package {name} is not installed", fix)
        return Check(label, "ok", f"{name} installed")

    return run


def check_espeak() -> Check:
    """The espeak-ng library that pyttsx3 and lip sync use."""
    lib = ctypes.util.find_library("espeak-ng")
    if lib is None:
        return Check(
            "espeak-ng", "warn", "libespeak-ng not found: NPCs cannot speak", "apt-get install espeak-ng"
        )
    binary = shutil.which("espeak-ng") or "no espeak-ng command"
    return Check("espeak-ng", "ok", f"{lib}; {binary}")


def check_config() -> Check:
    """The user config file: where it is, its first problem, the mods it enables (read only)."""
    import tomllib

    from game.config import Config, default_path, parse_config

    path = default_path()
    config: Config = Config()
    problems: list[str] = []
    if path.exists():
        try:
            config, problems = parse_config(tomllib.loads(path.read_text(encoding="utf-8")), str(path))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            return Check(
                "config",
                "warn",
                f"{path}: unreadable ({why})",
                "fix it (the app moves it aside and uses defaults)",
            )
    where = str(path) if path.exists() else f"{path} (not written yet; defaults)"
    mods = ", ".join(config.mods.enabled) or "none"
    if problems:
        more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
        return Check("config", "warn", problems[0] + more, "edit the file; docs/settings.md lists every key")
    return Check("config", "ok", f"{where}; mods enabled: {mods}")


def check_nats_server() -> Check:
    """The server shared rooms run on (single-user mode never needs it)."""
    from game.errors import UserError
    from game.net.server import INSTALL_HINT, find_binary

    try:
        return Check("shared rooms", "ok", f"nats-server at {find_binary()}")
    except UserError:
        return Check(
            "shared rooms", "warn", "nats-server not installed (only `voxroom server` needs it)", INSTALL_HINT
        )


CHECKS: list[Callable[[], Check]] = [
    check_python,
    check_gl,
    check_display,
    check_audio_output,
    check_audio_capture,
    check_espeak,
    check_config,
    check_module("pyttsx3", "speech out", "pip install pyttsx3"),
    check_module("vosk", "vosk", "pip install vosk"),
    check_module("pocketsphinx", "pocketsphinx", "pip install pocketsphinx"),
    check_module("onnxruntime", "onnxruntime", "pip install onnxruntime"),
    check_module("llama_cpp", "llm backend", "optional: pip install 'voxroom[llm]' for a generative brain"),
    check_module("nats", "nats client", "pip install nats-py (make setup installs it)"),
    check_nats_server,
]


def _hearing_checks() -> list[Callable[[], Check]]:
    from game.hearing.engines import check_recognizer, check_turn_model, check_vad

    return [check_recognizer, check_vad, check_turn_model]


CHECKS += _hearing_checks()


def run_checks() -> list[Check]:
    """Run every check; a check that crashes becomes a ``warn`` naming the error."""
    results = []
    for check in CHECKS:
        try:
            results.append(check())
        except Exception as exc:  # a broken optional component must not stop the report
            results.append(Check(getattr(check, "__name__", "check"), "warn", f"check crashed: {exc}"))
    return results


SYMBOLS = {"ok": "✔", "warn": "!", "fail": "✘"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``doctor`` sub-command."""
    p = sub.add_parser(
        "doctor", help="check GL, sound, microphone and models; exits non-zero only if the app cannot run"
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(handler=_doctor)


def _doctor(args: argparse.Namespace) -> int:
    results = run_checks()
    if args.json:
        print(json.dumps([r.__dict__ for r in results], indent=2))
    else:
        width = max(len(r.name) for r in results)
        for r in results:
            line = f"{SYMBOLS[r.status]} {r.name:<{width}}  {r.detail}"
            print(line + (f"\n  {'':<{width}}  fix: {r.fix}" if r.fix and r.status != "ok" else ""))
    fatal = [r for r in results if r.status == "fail"]
    if fatal:
        print(f"voxroom cannot run: {', '.join(r.name for r in fatal)}")
        return 1
    return 0
