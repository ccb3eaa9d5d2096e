"""Drive the real :class:`game.desktop.app.App` headless with key presses, then print what happened as JSON.

Run by ``tests/e2e/test_app_wiring.py`` in a subprocess (SDL's offscreen driver, its own
GL window), so the pytest process keeps its shared EGL context to itself. The key names on
the command line are pygame key names; ``shot:NAME`` saves a screenshot into OUT_DIR.

    python -m tests.e2e.app_driver OUT_DIR [--mods a,b] [--hearing WAV] KEY|shot:NAME|settled|heard ...

``--hearing WAV`` wires hearing as ``voxroom run --engine sphinx --mic-file WAV`` does, so
the overlay's microphone and recognizer rows rebuild a real pipeline; ``settled`` runs
frames until no recognizer is being rebuilt and no model fetched, and their results are
handled; ``heard`` runs frames until the WAV's utterance has been heard to the end.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pygame

from game.bus import EventBus
from game.config import load_config
from game.conversation.assemble import build_runtime
from game.desktop.app import App
from game.desktop.launch import attach_hearing, configure, mod_names
from game.desktop.window import open_window, save_png
from game.hearing.engines import add_hearing_arguments
from game.modding.host import ModHost
from game.modding.scaffold import SCRIPTS_DIR, user_mods_dir
from game.sim.scene import load_scene, resolve_scene_path
from tests.support.fakes import FakeSynthesizer

SIZE = (320, 180)


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    steps = argv[1:]
    options = {"--mods": "", "--hearing": ""}
    while steps[:1] and steps[0] in options:
        options[steps[0]], steps = steps[1], steps[2:]
    mods = options["--mods"]
    config, problems = load_config()
    ctx = open_window(SIZE, False)
    bus = EventBus()
    path = resolve_scene_path("default")
    scene = load_scene(path)
    host = ModHost(bus, [SCRIPTS_DIR, user_mods_dir()], enabled=mod_names(mods, config))
    runtime = build_runtime(scene, bus, synthesizer=FakeSynthesizer(), mods=host)
    configure(runtime, config)
    host.load(runtime.world)
    if options["--hearing"]:
        parser = argparse.ArgumentParser()
        add_hearing_arguments(parser)
        args = parser.parse_args(["--engine", "sphinx", "--mic-file", options["--hearing"]])
        attach_hearing(runtime, scene, args, config, [])
    app = App(ctx, scene, path, SIZE, config.display.msaa, runtime, bus, config=config, mods=host)
    runtime.start()
    said: list[dict[str, str]] = []
    original = app.say

    def say(npc: str, text: str) -> None:
        said.append({"npc": npc, "text": text})
        original(npc, text)

    app.say = say  # type: ignore[method-assign]

    def frames(n: int) -> None:
        for _ in range(n):
            for event in pygame.event.get():
                app.on_pygame_event(event)
            app.tick(app.clock.step)
            app.frame()
            pygame.display.flip()

    log: list[dict[str, Any]] = []
    try:
        frames(3)
        for step in steps:
            if step.startswith("shot:"):
                save_png(app.target, str(out / f"{step[5:]}.png"))
                continue
            if step == "heard":
                # Until the file's utterance is heard to the end (on a cold start its final pass
                # waits for the helper process to load): a key that restarts hearing mid-pass
                # finds the thread busy and abandons it, which a user pressing keys later never sees.
                until = time.monotonic() + 60
                hearing = runtime.hearing
                while time.monotonic() < until and hearing is not None and not hearing.completed:
                    frames(1)
                continue
            if step == "settled":
                # The rebuild or download runs on its own thread and posts its result as it ends;
                # the next frame handles that post, which may start more work (a fetched model).
                # Two idle frames in a row: nothing is running and nothing is left to handle.
                until, idle = time.monotonic() + 60, 0
                while time.monotonic() < until and idle < 2:
                    frames(1)
                    idle = 0 if runtime.hearing_loading or app.fetcher.running else idle + 1
            else:
                key = pygame.key.key_code(step)
                pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
                frames(2)
            hud = app.hud_state()
            log.append(
                {
                    "key": step,
                    "visible": app.settings.visible,
                    "lines": list(hud.help_lines),
                    "highlight": hud.help_highlight,
                    "status": app.settings.status,
                }
            )
        frames(3)
        for stuck in [t for t in threading.enumerate() if t.name == "hearing-abandoned"]:
            stuck.join(30)  # given up on mid-pass (a final pass can outlast the 1 s join); it ends after it
        result = {
            "config_problems": problems,
            "log": log,
            "volume": runtime.player.volume,
            "captions": app.hud.captions,
            "scenes": runtime.conversation.initiative.scenes,
            "line_h": app.overlay.line_h,
            "msaa": app.msaa,
            "said": said,
            "messages": [[m.level, m.text] for m in app.hud.messages],
            "mods": [[s.name, s.state, s.error] for s in host.status()],
            "hearing": None
            if runtime.hearing is None
            else {
                "engine": runtime.hearing.worker.recognizer.name,
                "microphone": runtime.hearing_choice.microphone,
                "threads": sorted(t.name for t in threading.enumerate() if t.name.startswith("hearing")),
            },
            "mixer": pygame.mixer.get_init() is not None,
        }
    finally:
        host.shutdown()
        runtime.stop()
    print("RESULT " + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    from game.workers import leave

    leave(main(sys.argv[1:]))  # as the app ends: a brain abandoned at quit must not abort the exit
