"""``voxroom bench soak``: a long conversation through the real stack, checked for leaks.

Typed lines cycle through the NPCs for the given time (speech recognition is covered
by ``bench voice``; typing lets turns follow each other as fast as the replies play).
Reports RSS growth, that every line got exactly one reply and one end of playback,
and that no worker thread is left running at exit.
"""

from __future__ import annotations

import argparse
import json
import resource
import threading
import time
from pathlib import Path
from typing import Any

from game.bench import write_result

LINES = (
    "Ada, where is the lamp?",
    "Bo, what is on the table?",
    "Cleo, who are you?",
    "Ada, what colour is the sofa?",
    "Bo, how are you?",
    "Cleo, where is the plant?",
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``bench soak``."""
    p = sub.add_parser(
        "soak", help="long conversation: RSS growth, lost or duplicated replies, threads (JSON)"
    )
    p.add_argument("--minutes", type=float, default=30.0, help="how long to talk (default 30)")
    p.add_argument("--out", default="bench-results/soak.json", help="JSON file to write")
    p.set_defaults(handler=run)


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="utf-8") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(args: argparse.Namespace) -> int:
    """Talk for ``--minutes`` and write the figures."""
    import tempfile

    from game.conversation.replay import SimInput, Simulation
    from game.sim.scene import load_scene

    with tempfile.TemporaryDirectory(prefix="voxroom-soak-") as tmp:
        sim = Simulation(load_scene("default"), Path(tmp))
        end = time.monotonic() + args.minutes * 60
        rss: list[float] = []
        turns_done = 0
        started = time.monotonic()
        while time.monotonic() < end:
            batch = [SimInput("text", LINES[(turns_done + i) % len(LINES)]) for i in range(6)]
            sim.run_more(batch)
            turns_done += len(batch)
            rss.append(_rss_mb())
        sim.finish()
        kinds: dict[str, int] = {}
        with (Path(tmp) / "events.jsonl").open(encoding="utf-8") as log:
            for line in log:
                kind = json.loads(line)["event"]
                kinds[kind] = kinds.get(kind, 0) + 1
        left = [t.name for t in threading.enumerate() if t.name in ("brain-worker", "tts-worker", "hearing")]
    warm = rss[min(1, len(rss) - 1)]
    results: dict[str, Any] = {
        "minutes": round((time.monotonic() - started) / 60, 2),
        "lines": turns_done,
        "turns": len(sim.runtime.conversation.turns),
        "npc_replied": kinds.get("npc_replied", 0),
        "playback_end": kinds.get("playback_end", 0),
        "rss_mb_after_first_batch": round(warm, 1),
        "rss_mb_end": round(rss[-1], 1),
        "rss_growth": round(rss[-1] / warm - 1, 4),
        "threads_left": left,
    }
    write_result(Path(args.out), "soak", results)
    print(json.dumps(results, indent=2))
    ok = (
        results["turns"] == turns_done == results["npc_replied"] and not left and results["rss_growth"] < 0.10
    )
    print("soak: " + ("ok" if ok else "PROBLEM") + f"; wrote {args.out}")
    return 0 if ok else 1
