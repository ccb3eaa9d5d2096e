"""The ``voxroom`` command line: one sub-command per task, each with its own help.

Sub-commands live in small ``game/commands/*.py`` modules that each expose
``register(subparsers)``; this file only assembles them, so adding a command never
touches the others. Heavy imports (GL, audio, models) happen inside the handlers so
``voxroom --help`` stays instant.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from game import __version__
from game.errors import UserError

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

COMMAND_MODULES = (
    "game.commands.run",
    "game.commands.render",
    "game.commands.doctor",
    "game.commands.say",
    "game.commands.simulate",
    "game.commands.bench",
    "game.commands.devices",
    "game.commands.models",
    "game.commands.transcribe",
    "game.commands.chat",
    "game.commands.memory",
    "game.commands.new_mod",
    "game.commands.mods",
    "game.commands.server",
    "game.commands.host",
)


def build_parser() -> argparse.ArgumentParser:
    """Assemble the parser from every command module."""
    parser = argparse.ArgumentParser(
        prog="voxroom",
        description="Voxroom: talk to avatar NPCs in a 3D room, fully offline.",
        epilog="Run 'voxroom COMMAND --help' for the options of each command.",
    )
    parser.add_argument("--version", action="version", version=f"voxroom {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def entry() -> None:
    """The ``voxroom`` console script: :func:`main`, then an exit that survives abandoned workers."""
    from game.workers import leave

    leave(main())


def main(argv: Sequence[str] | None = None) -> int:
    """The command line; returns the process exit code (tests call it in-process)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        args = parser.parse_args(["run", *(argv or sys.argv[1:])])
    try:
        return int(args.handler(args) or 0)
    except UserError as exc:
        print(f"voxroom: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
