"""``--mods`` and ``--mods-dir``: one spelling for every command that runs the room (run, chat, simulate)."""

from __future__ import annotations

import argparse


def add_mod_arguments(p: argparse.ArgumentParser) -> None:
    """Add ``--mods a,b`` (added to the config's ``mods.enabled``) and a repeatable ``--mods-dir DIR``."""
    p.add_argument(
        "--mods",
        default="",
        help="comma-separated mods to load, added to the config file's mods.enabled (see 'voxroom mods')",
    )
    p.add_argument(
        "--mods-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="also look for mods in this folder (repeatable): where 'voxroom new-mod NAME --dir DIR' put one",
    )
