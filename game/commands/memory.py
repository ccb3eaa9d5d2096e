"""``voxroom memory``: read and erase what the NPCs remember about the user."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``memory`` sub-command with ``show`` and ``forget``."""
    p = sub.add_parser("memory", help="show or erase what the NPCs remember about you")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    show = verbs.add_parser("show", help="print what an NPC remembers (or every NPC with no name)")
    show.add_argument("npc", nargs="?", default="", help="NPC name, e.g. Ada")
    show.add_argument("--json", action="store_true", help="print the stored JSON as it is")
    forget = verbs.add_parser("forget", help="erase an NPC's memory, or everything with --all")
    forget.add_argument("npc", nargs="?", default="", help="NPC name, e.g. Ada")
    forget.add_argument("--all", action="store_true", help="erase every NPC's memory")
    p.set_defaults(handler=_memory)


def _memory(args: argparse.Namespace) -> int:
    from game.mind.chat import run_memory

    return run_memory(args)
