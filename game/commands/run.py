"""``voxroom run``: open the desktop window on a scene."""

from __future__ import annotations

import argparse

from game.choices import BRAINS
from game.commands.mod_flags import add_mod_arguments
from game.hearing.engines import add_hearing_arguments


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``run`` sub-command."""
    p = sub.add_parser("run", help="open the 3D room window (the default command)")
    p.add_argument(
        "--scene",
        default="default",
        help="scene name in assets/scenes, a .toml path, or a mod's scene as mod:name (e.g. cafe:cafe)",
    )
    p.add_argument("--size", default="1280x720", help="window size WxH (default 1280x720)")
    p.add_argument("--fullscreen", action="store_true", help="start fullscreen (F11 toggles)")
    p.add_argument(
        "--msaa",
        type=int,
        default=None,
        choices=(0, 2, 4),
        help="multisample anti-aliasing (default: the config file's display.msaa, else 0)",
    )
    p.add_argument("--frames", type=int, default=0, help="quit after N frames (0 = run until closed)")
    p.add_argument("--screenshot", default="", help="with --frames: save the last frame as this PNG")
    p.add_argument(
        "--brain",
        default=None,
        choices=BRAINS,
        help="dialogue backend (default: the config file's mind.brain, else embed)",
    )
    p.add_argument(
        "--llama-model",
        default="",
        help="model for --brain llama: a name from `voxroom models list` or a .gguf path "
        "(default: the config file's mind.model, else the bundled SmolLM2)",
    )
    add_mod_arguments(p)
    p.add_argument(
        "--join",
        default="",
        metavar="URL/ROOM",
        help="join a shared room: nats://USER:PASSWORD@HOST:4222/ROOM (from `voxroom server --add-user`)",
    )
    p.add_argument("--name", default="", help="your name tag in a shared room (default: your user name)")
    p.add_argument(
        "--colour", default="#3a7bd5", help="your avatar's shirt colour in a shared room (#rrggbb)"
    )
    p.add_argument("--no-voice", action="store_true", help="no microphone: type to talk (Enter)")
    add_hearing_arguments(p)
    p.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from game.config import default_path
    from game.desktop.launch import run_app
    from game.files import clean_leftovers
    from game.logs import setup_logging
    from game.mind.paths import data_dir

    setup_logging(data_dir())
    for path in clean_leftovers([data_dir(), default_path().parent]):
        print(f"voxroom: removed {path}, left behind by a write that was interrupted")
    return run_app(args)
