"""``voxroom bench startup``: time to the loading screen, to the first interactive frame, and to quit.

Each run is a fresh ``voxroom run --frames N`` process, the composition users run (the
default scene, the default brain, hearing as configured; the frame limit is the
injected quit: the loop ends as on Ctrl+Q or a window close). The app stamps its
milestones into ``VOXROOM_STARTUP_LOG`` on ``CLOCK_MONOTONIC``, which is system-wide,
so they compare with this process's clock taken just before the spawn.

"Cold" here means the first start after installing, as far as it goes without root: an
empty data folder (no config, no memory, no brain caches), empty Mesa shader and XDG
caches; Python's bytecode is what ``make setup`` left (pip compiles the packages it
installs, and the set-up compiles ``game/``). ``--no-bytecode`` also compiles every module
from source (a fresh ``PYTHONPYCACHEPREFIX``), which no user start does. The OS page cache
cannot be dropped without root, so files read recently stay in memory: a cold start after a
reboot is slower than this. "Warm" reuses one data folder and shader cache, primed by one
run that is not counted. Quit is from the end of the loop to the process's exit, as the
parent sees it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from game.bench import write_result

TARGETS_S = {"loading_screen": 0.5, "interactive_warm": 2.0, "interactive_cold": 5.0, "quit": 1.0}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``bench startup``."""
    p = sub.add_parser("startup", help="time to loading screen, first interactive frame and quit (JSON)")
    p.add_argument("--warm", type=int, default=20, help="warm starts (each one also quits; default 20)")
    p.add_argument("--cold", type=int, default=2, help="cold starts on fresh profiles (default 2)")
    p.add_argument(
        "--no-bytecode", action="store_true", help="cold starts also compile every Python module from source"
    )
    p.add_argument("--frames", type=int, default=10, help="frames before the injected quit (default 10)")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds before a run counts as hung")
    p.add_argument("--out", default="bench-results/startup.json", help="JSON file to write")
    p.set_defaults(handler=run)


def one_start(
    profile: Path, frames: int, timeout: float, extra_env: dict[str, str] | None = None, cold: bool = False
) -> dict[str, Any]:
    """Start the app once on ``profile`` (data, caches), let it quit; seconds from spawn to each stamp."""
    log = profile / f"startup-{time.monotonic_ns()}.log"
    env = {
        **os.environ,
        "VOXROOM_DATA_DIR": str(profile / "data"),
        "MESA_SHADER_CACHE_DIR": str(profile / "mesa"),
        "XDG_CACHE_HOME": str(profile / "cache"),
        "VOXROOM_STARTUP_LOG": str(log),
        **({"PYTHONPYCACHEPREFIX": str(profile / "pycache")} if cold else {}),
        **(extra_env or {}),
    }
    command = [sys.executable, "-m", "game", "run", "--frames", str(frames)]
    start = time.monotonic()
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
        code = done.returncode
    except subprocess.TimeoutExpired:
        code = -1
    end = time.monotonic()
    stamps = {}
    if log.exists():
        for line in log.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            stamps[row["stage"]] = row["t"]
    result: dict[str, Any] = {"exit_code": code}
    result.update({f"{k}_s": round(v - start, 3) for k, v in stamps.items()})
    if "quit" in stamps:
        result["quit_s"] = round(end - stamps["quit"], 3)  # the loop ended → the process is gone
    return result


def _stats(runs: list[dict[str, Any]], key: str) -> dict[str, float]:
    values = [r[key] for r in runs if key in r]
    if not values:
        return {}
    return {"median": round(statistics.median(values), 3), "max": round(max(values), 3), "n": len(values)}


def run(args: argparse.Namespace) -> int:
    """Cold starts first (each on its own fresh profile), then warm starts on one primed profile."""
    cold: list[dict[str, Any]] = []
    for _ in range(args.cold):
        with tempfile.TemporaryDirectory(prefix="voxroom-cold-") as tmp:
            cold.append(one_start(Path(tmp), args.frames, args.timeout, cold=args.no_bytecode))
    warm: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="voxroom-warm-") as tmp:
        one_start(Path(tmp), args.frames, args.timeout)  # primes the profile; not counted
        for _ in range(args.warm):
            warm.append(one_start(Path(tmp), args.frames, args.timeout))
    every = cold + warm
    summary: dict[str, Any] = {
        "loading_screen_s": _stats(every, "loading_screen_s"),
        "interactive_cold_s": _stats(cold, "interactive_s"),
        "interactive_warm_s": _stats(warm, "interactive_s"),
        "quit_s": _stats(every, "quit_s"),
        "failed_runs": sum(1 for r in every if r["exit_code"] != 0 or "quit_s" not in r),
    }
    checks = {
        "loading_screen": summary["loading_screen_s"].get("max", 99) <= TARGETS_S["loading_screen"],
        "interactive_warm": summary["interactive_warm_s"].get("median", 99) <= TARGETS_S["interactive_warm"],
        "interactive_cold": summary["interactive_cold_s"].get("median", 99) <= TARGETS_S["interactive_cold"],
        "quit": summary["quit_s"].get("max", 99) <= TARGETS_S["quit"],
    }
    doc = write_result(
        Path(args.out),
        "startup",
        {"summary": summary, "targets_s": TARGETS_S, "meets": checks, "cold": cold, "warm": warm},
    )
    print(json.dumps(doc["results"]["summary"], indent=2))
    print(f"targets met: {checks}; written to {args.out}")
    return 0 if summary["failed_runs"] == 0 else 1
