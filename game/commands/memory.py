"""``voxroom memory``: read and erase what the NPCs remember about the user."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TextIO

from game.errors import UserError
from game.mind.memory import MemoryStore, MemoryStoreError, NpcMemory


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``memory`` sub-command with ``show`` and ``forget``."""
    p = sub.add_parser("memory", help="show or erase what the NPCs remember about you")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    show = verbs.add_parser("show", help="print what an NPC remembers (or every NPC with no name)")
    show.add_argument("npc", nargs="?", default="", help="NPC name, e.g. Ada")
    show.add_argument("--json", action="store_true", help="print what is stored as JSON")
    forget = verbs.add_parser("forget", help="erase an NPC's memory, or everything with --all")
    forget.add_argument("npc", nargs="?", default="", help="NPC name, e.g. Ada")
    forget.add_argument("--all", action="store_true", help="erase every NPC's memory")
    for verb in (show, forget):
        verb.add_argument("--room", default="", help="a shared room's memories (with --user)")
        verb.add_argument("--user", default="", help="whose memories in --room: only that user's facts")
    p.set_defaults(handler=_memory)


def _memory(args: argparse.Namespace) -> int:
    if bool(args.room) != bool(args.user):
        raise UserError("a shared room's memory needs both --room NAME and --user NAME")
    if args.room:
        from game.net.minds import user_memory_dir

        return run_memory(args, MemoryStore(user_memory_dir(args.room, args.user)))
    return run_memory(args)


def _describe(memory: NpcMemory) -> str:
    lines = [f"{memory.npc}:"]
    lines.append(f"  your name: {memory.user_name or '(not told)'}")
    lines.append(f"  you like: {', '.join(memory.likes) or '(nothing yet)'}")
    lines.append(f"  you dislike: {', '.join(memory.dislikes) or '(nothing yet)'}")
    lines.append(f"  you told me: {'(nothing yet)' if not memory.notes else ''}".rstrip())
    for note in memory.notes:
        day = time.strftime("%Y-%m-%d", time.localtime(note.t))
        lines.append(f"    {note.about} ({note.kind}, {day}); later: {note.ask}")
    lines.append(f"  visits: {memory.sessions}")
    lines.append(f"  recent turns: {len(memory.turns)}")
    for turn in memory.turns[-5:]:
        lines.append(f"    you: {turn.get('user', '')}")
        lines.append(f"    {memory.npc}: {turn.get('npc', '')}")
    return "\n".join(lines)


def run_memory(args: argparse.Namespace, store: MemoryStore | None = None, out: TextIO | None = None) -> int:
    """``memory show [NPC]`` and ``memory forget NPC|--all``."""
    store = store or MemoryStore()
    out = out or sys.stdout
    try:
        return _run(args, store, out)
    except MemoryStoreError as exc:
        raise UserError(f"cannot read the NPC memory in {store.db_path}: {exc}") from None


def _run(args: argparse.Namespace, store: MemoryStore, out: TextIO) -> int:
    if args.verb == "show":
        names = [args.npc] if args.npc else store.stored_npcs()
        if not names:
            print(f"No memories stored (in {store.db_path}).", file=out)
            return 0
        for name in names:
            if not store.has(name):
                stored = ", ".join(store.stored_npcs()) or "none"
                raise UserError(f"no memory stored for {name!r} (stored: {stored})")
            memory = store.load(name)
            if args.json:
                print(json.dumps(memory.to_json(), ensure_ascii=False, indent=1), file=out)
            else:
                print(_describe(memory), file=out)
        for problem in store.problems:
            print(f"voxroom: warning: {problem}", file=sys.stderr)
        return 0
    if args.all:
        count = store.forget_all()
        print(f"Erased the memory of {count} NPC(s) in {store.db_path}.", file=out)
        return 0
    if not args.npc:
        raise UserError("say which NPC to forget (voxroom memory forget Ada) or use --all")
    if not store.forget(args.npc):
        stored = ", ".join(store.stored_npcs()) or "none"
        raise UserError(f"no memory stored for {args.npc!r} (stored: {stored})")
    print(f"{args.npc} has forgotten you.", file=out)
    return 0
