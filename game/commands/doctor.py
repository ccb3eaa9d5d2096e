"""``voxroom doctor``: report GL, audio devices and optional components, with fix hints."""

from __future__ import annotations

import argparse
import json

SYMBOLS = {"ok": "✔", "warn": "!", "fail": "✘"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``doctor`` sub-command."""
    p = sub.add_parser(
        "doctor", help="check GL, sound, microphone and models; exits non-zero only if the app cannot run"
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(handler=_doctor)


def _doctor(args: argparse.Namespace) -> int:
    from game.doctor import run_checks

    results = run_checks()
    if args.json:
        print(json.dumps([r.__dict__ for r in results], indent=2))
    else:
        width = max(len(r.name) for r in results)
        for r in results:
            line = f"{SYMBOLS[r.status]} {r.name:<{width}}  {r.detail}"
            print(line + (f"\n  {'':<{width}}  fix: {r.fix}" if r.fix and r.status != "ok" else ""))
    fatal = [r for r in results if r.status == "fail"]
    if fatal:
        print(f"voxroom cannot run: {', '.join(r.name for r in fatal)}")
        return 1
    return 0
