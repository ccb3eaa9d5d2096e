"""``voxroom mods``: load the mods against the default room, headless, and report each one's state.

Loading is the only honest check (a mod's scripts run when it loads), so this does
what the app does, minus the window: it runs ``on_load`` of each enabled mod. Mods are
trusted code either way; see the trust model in docs/modding.md.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


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
    return list_mods(args)


def search_dirs(extra: list[str]) -> list[Path]:
    """The shipped examples, the user's mods folder, then any ``--dir``."""
    from game.modding.scaffold import SCRIPTS_DIR, user_mods_dir

    return [SCRIPTS_DIR, user_mods_dir(), *(Path(d) for d in extra)]


def list_mods(args: argparse.Namespace) -> int:
    """Print every mod found; exit status 1 when any enabled mod fails to load."""
    enabled = None if args.mods is None else [m for m in args.mods.split(",") if m.strip()]
    from game.bus import EventBus
    from game.modding.host import ModHost
    from game.sim.scene import load_scene
    from game.sim.world import World

    host = ModHost(EventBus(), search_dirs(args.dir), enabled=enabled)
    host.load(World(load_scene("default")))
    statuses = host.status()
    host.shutdown()
    for s in statuses:
        if args.json:
            print(json.dumps(s.__dict__))
        else:
            line = f"{s.name:<16} {s.version:<8} {s.state:<9} {s.description}"
            print(line.rstrip())
            if s.error and s.error != "not enabled":
                print(f"    {s.error}")
    if not statuses and not args.json:
        print("no mods found in " + ", ".join(str(d) for d in search_dirs(args.dir)))
    return 1 if any(s.state == "error" for s in statuses) else 0
