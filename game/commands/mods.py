"""``voxroom mods``: installed mods, read from their ``mod.toml`` alone; ``--check`` loads the enabled.

Listing must not run code: a mod is trusted code only once the user enables it, and a
mod that is merely installed has not been trusted yet. So the plain listing parses the
manifests (which are data) and says whether each mod is enabled (the config file's
``mods.enabled`` plus ``--mods``). ``--check`` is the honest load test — it does what
the app does, minus the window — and it runs ``on_load`` of the *enabled* mods only.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.modding.loader import ModStatus


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``mods`` sub-command."""
    p = sub.add_parser(
        "mods", help="list installed mods from their mod.toml (runs no mod code); --check loads the enabled"
    )
    p.add_argument(
        "--mods-dir", "--dir", dest="dir", action="append", default=[],
        help="also look in this folder (repeatable; the same flag as run, chat and simulate)",
    )  # fmt: skip
    p.add_argument(
        "--mods", default="", help="comma-separated mods to enable, added to the config file's mods.enabled"
    )
    p.add_argument(
        "--check",
        action="store_true",
        help="also load the enabled mods headless (runs their code) to test them",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object per mod")
    p.set_defaults(handler=_mods)


def _mods(args: argparse.Namespace) -> int:
    return list_mods(args)


def search_dirs(extra: list[str]) -> list[Path]:
    """The shipped examples, the user's mods folder, then any ``--mods-dir`` (as every command searches)."""
    from game.modding.wiring import search_dirs as searched

    return searched(extra)


def read_rows(dirs: list[Path], enabled: list[str]) -> list[ModStatus]:
    """Every mod found, from its manifest only: nothing of the mod is imported."""
    from game.modding.loader import ModStatus, discover, load_order

    manifests, errors = discover(dirs)
    _, order_errors = load_order([m for m in manifests if m.name in enabled])
    broken = {e.mod: e.problem for e in [*errors, *order_errors]}
    rows = [
        ModStatus(
            m.name,
            m.version,
            "error" if m.name in broken else ("enabled" if m.name in enabled else "disabled"),
            broken.get(m.name, ""),
            m.description,
            str(m.folder),
        )
        for m in manifests
    ]
    listed = {m.name for m in manifests}
    rows += [ModStatus(e.mod, "?", "error", e.problem, "", str(Path(e.path).parent)) for e in errors]
    rows += [ModStatus(n, "?", "error", "enabled but not installed") for n in enabled if n not in listed]
    return rows


def check_rows(dirs: list[Path], enabled: list[str]) -> list[ModStatus]:
    """Load the enabled mods against the default room, as the app would (runs their code)."""
    from game.bus import EventBus
    from game.modding.host import ModHost
    from game.sim.scene import load_scene
    from game.sim.world import World

    host = ModHost(EventBus(), dirs, enabled=enabled)
    host.load(World(load_scene("default")))
    statuses = host.status()
    host.shutdown()
    return statuses


def list_mods(args: argparse.Namespace) -> int:
    """Print every mod found; exit status 1 when any mod's manifest (or, with --check, load) fails."""
    from game.config import load_config
    from game.modding.loader import enabled_names

    config, _ = load_config()
    enabled = enabled_names(args.mods, config.mods.enabled)
    dirs = search_dirs(args.dir)
    rows = check_rows(dirs, enabled) if args.check else read_rows(dirs, enabled)
    for row in rows:
        if args.json:
            print(json.dumps(asdict(row)))
        else:
            print(f"{row.name:<16} {row.version:<8} {row.state:<9} {row.description}".rstrip())
            if row.error and row.error != "not enabled":
                print(f"    {row.error}")
    if not rows and not args.json:
        print("no mods found in " + ", ".join(str(d) for d in dirs))
    elif not args.check and not args.json:
        print("(read from mod.toml only; no mod code ran — 'voxroom mods --check' loads the enabled mods)")
    return 1 if any(r.state == "error" for r in rows) else 0
