"""``voxroom new-mod``: scaffold a working mod folder."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``new-mod`` sub-command."""
    p = sub.add_parser("new-mod", help="create a new mod folder that works out of the box")
    p.add_argument("name", help="mod name: lower-case letters, digits, '-' or '_' (e.g. my-mod)")
    p.add_argument("--dir", default="", help="where to create it (default: your user mods folder)")
    p.set_defaults(handler=_new_mod)


def _new_mod(args: argparse.Namespace) -> int:
    from pathlib import Path

    from game.modding.scaffold import new_mod, run_command, user_mods_dir

    where = Path(args.dir) if args.dir else user_mods_dir()
    folder = new_mod(args.name, where)
    print(f"created {folder}")
    print(f"  edit {folder / 'main.py'}, then: {run_command(args.name, where)}")
    print(f"  test it without a window: python -m pytest {folder / 'tests'}")
    return 0
