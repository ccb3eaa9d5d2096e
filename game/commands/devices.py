"""``voxroom devices``: the microphones and outputs SDL sees."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``devices`` sub-command."""
    p = sub.add_parser("devices", help="list audio capture (microphone) and output devices")
    p.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from game.hearing.capture import list_devices

    d = list_devices()
    print(f"audio driver: {d.driver}")
    print("capture:")
    for name in d.capture:
        print(f"  {name}")
    if not d.capture:
        print(f"  (none: {d.capture_problem}; the app starts in typing mode)")
        print("  plug in a microphone, or use --mic-file WAV")
    print("output:")
    for name in d.output:
        print(f"  {name}")
    if not d.output:
        print("  (none)")
    return 0
