"""``voxroom mods``: list the mods that are installed and whether they load."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``mods`` sub-command."""
    p = sub.add_parser("mods", help="list installed mods with their state (loaded, disabled, error)")
    p.add_argument("--dir", action="append", default=[], help="also look in this folder (repeatable)")
    p.add_argument(
        "--mods", default=None, help="comma-separated mods to enable (default: every mod found is tried)"
    )
    p.add_argument("--json", action="store_true", help="print one JSON object per mod")
    p.set_defaults(handler=_mods)


def _mods(args: argparse.Namespace) -> int:
    from game.modding.cli import list_mods

    return list_mods(args)
