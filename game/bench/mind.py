"""``voxroom bench mind``: reply latency and memory of the brains, and open talk scored by SSA.

Measures, on this machine: the default brain's start-up (cold cache and warm), its reply
latency p50/p95 over a fixed mix of utterances addressed to every NPC, the generative
backend's load time and time to first sentence p50/p95 (when the ``[llm]`` extra and a
model are present), the process RSS after each brain is up, and open talk scored by SSA with
its automatic guards (:mod:`game.bench.open_talk`). Writes JSON.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

UTTERANCES = (
    "hello there", "where is the lamp?", "what is on the table?", "what colour is the sofa?",
    "what do you do for a living?", "how old are you?", "go to the window", "look at me",
    "make the walls green", "put a cup on the table", "my name is Sam", "what's my name?",
    "are you human?", "tell me a joke", "do you like jazz?", "what can you see?", "follow me",
    "sit on the sofa", "thanks a lot", "goodbye", "asdf qwer zxcv", "move the chair next to the door",
    "what am I looking at?", "who else is here?", "I love football", "make the plant bigger",
)  # fmt: skip
SMALL_TALK = ("hello there", "tell me something funny", "what do you think about money?", "I'm bored",
              "you are lovely", "how are you today?")  # fmt: skip


def rss_mb() -> float:
    """Resident set size of this process in MiB (from /proc, so it is the current value, not the peak)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def run_mind_bench(
    out_path: Path | None,
    rounds: int = 4,
    llm: bool = True,
    model: str = "",
    open_talk: str = "test",
    label_sheet: Path | None = None,
) -> dict[str, Any]:
    """Run the benchmark; returns the results and writes them as JSON to ``out_path`` when given."""
    data_dir = Path(tempfile.mkdtemp(prefix="voxroom-bench-"))
    os.environ["VOXROOM_DATA_DIR"] = str(data_dir)  # never touch the user's memories
    from game.mind.brain import EmbeddingBrain
    from game.mind.memory import MemoryStore
    from game.mind.session import MindSession
    from game.sim.scene import load_scene

    results: dict[str, Any] = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}}
    rss_start = rss_mb()
    t = time.perf_counter()
    brain = EmbeddingBrain(seed=1)
    cold_ms = (time.perf_counter() - t) * 1000.0
    t = time.perf_counter()
    EmbeddingBrain(seed=1)
    warm_ms = (time.perf_counter() - t) * 1000.0
    scene = load_scene("default")
    latencies: list[float] = []
    for _ in range(rounds):
        talk = MindSession(scene, brain, MemoryStore(data_dir / "memory"), remember=False)
        for i, text in enumerate(UTTERANCES):
            npc = scene.npcs[i % len(scene.npcs)].name
            exchange = talk.say(text, npc)
            if exchange is not None:
                latencies.append(exchange.reply.latency_ms)
    results["default_brain"] = {
        "startup_cold_ms": round(cold_ms, 1),
        "startup_warm_ms": round(warm_ms, 1),
        "replies": len(latencies),
        "reply_p50_ms": round(statistics.median(latencies), 2),
        "reply_p95_ms": round(_pct(latencies, 0.95), 2),
        "reply_max_ms": round(max(latencies), 2),
        "rss_mb": round(rss_mb(), 1),
        "rss_added_mb": round(rss_mb() - rss_start, 1),
    }
    results["big_room"] = _bench_big_room(brain, data_dir)
    if open_talk != "none":
        from game.bench.open_talk import run_open_talk

        results["open_talk"] = run_open_talk(EmbeddingBrain(seed=1), open_talk, label_sheet)
    if llm:
        results["generative"] = _bench_llama(brain, scene, data_dir, model)
    if out_path is not None:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        out_path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results


BIG_ROOM_QUESTIONS = (
    "where is the lamp?",
    "what is on the table?",
    "where is crate 5017?",
    "what colour is the sofa?",
    "is there a plant here?",
)


def big_room(crates: int = 10_000) -> Any:
    """The default lounge plus ``crates`` small boxes on a grid across the floor."""
    from game.sim.scene import Prop, load_scene

    scene = load_scene("default")
    w, _, d = scene.room.size
    side = max(1, math.ceil(math.sqrt(crates)))

    def spot(i: int) -> tuple[float, float, float]:
        x, z = (i % side) / side, (i // side) / side
        return (-w / 2 + 0.3 + (w - 0.6) * x, 0.0, -d / 2 + 0.3 + (d - 0.6) * z)

    extra = tuple(Prop(f"crate {i}", "box", spot(i), scale=(0.05, 0.05, 0.05)) for i in range(crates))
    return scene.with_props(scene.props + extra)


def _bench_big_room(brain: Any, data_dir: Path, rounds: int = 5) -> dict[str, Any]:
    """Spatial questions in a room of 10,000 extra props, through the same session as ``chat``.

    The session indexes the room when it starts; questions reuse the index until an edit,
    after which the next question re-indexes (``after_an_edit_ms``).
    """
    from game.mind.memory import MemoryStore
    from game.mind.session import MindSession

    scene = big_room()
    talk = MindSession(scene, brain, MemoryStore(data_dir / "memory-big"), remember=False)
    t = time.perf_counter()
    talk.say(BIG_ROOM_QUESTIONS[0], "Ada")
    first_ms = (time.perf_counter() - t) * 1000.0
    latencies = []
    for _ in range(rounds):
        for text in BIG_ROOM_QUESTIONS:
            t = time.perf_counter()
            talk.say(text, "Ada")
            latencies.append((time.perf_counter() - t) * 1000.0)
    after_edit = []
    for i in range(3):  # an edit makes a new room state: the next question re-indexes it
        talk.world.add_prop("lamp", (1.0, 0.0, 1.0 + 0.3 * i), name=f"bench lamp {i}")
        t = time.perf_counter()
        talk.say(BIG_ROOM_QUESTIONS[1], "Ada")
        after_edit.append((time.perf_counter() - t) * 1000.0)
    return {
        "props": len(scene.props),
        "first_question_ms": round(first_ms, 1),
        "after_an_edit_ms": round(statistics.median(after_edit), 1),
        "question_p50_ms": round(statistics.median(latencies), 2),
        "question_max_ms": round(max(latencies), 2),
    }


def _stamper(stamps: list[float]) -> Any:
    def stamp(_sentence: str) -> None:
        stamps.append(time.perf_counter())

    return stamp


def _bench_llama(brain: Any, scene: Any, data_dir: Path, model: str) -> dict[str, Any]:
    from game.errors import UserError
    from game.mind.factory import resolve_model
    from game.mind.llama_brain import LlamaBrain, LlamaError
    from game.mind.memory import MemoryStore
    from game.mind.session import MindSession

    before = rss_mb()
    try:
        path = resolve_model(model) if model else None  # a curated name or a .gguf path
        llama = LlamaBrain(brain, model_path=path, time_budget_s=30.0, seed=3)
    except (LlamaError, UserError) as exc:
        return {"available": False, "reason": str(exc)}
    talk = MindSession(scene, llama, MemoryStore(data_dir / "memory"), remember=False)
    first: list[float] = []
    total: list[float] = []
    fallbacks = 0
    for round_ in range(2):
        for i, text in enumerate(SMALL_TALK):
            npc = scene.npcs[(i + round_) % len(scene.npcs)].name
            started = time.perf_counter()
            stamps: list[float] = []
            reply = llama.reply(text, talk.context(npc), on_sentence=_stamper(stamps))
            if reply.brain != "llama":
                fallbacks += 1
            if stamps:
                first.append((stamps[0] - started) * 1000.0)
            total.append(reply.latency_ms)
    return {
        "available": True,
        "model": llama.model_path.name,
        "load_s": round(llama.load_s, 3),
        "turns": len(total),
        "first_sentence_p50_ms": round(statistics.median(first), 1) if first else None,
        "first_sentence_p95_ms": round(_pct(first, 0.95), 1) if first else None,
        "reply_p50_ms": round(statistics.median(total), 1),
        "fallbacks": fallbacks,
        "prefix_cache_hits": llama.prefix_hits,
        "rss_mb": round(rss_mb(), 1),
        "rss_added_mb": round(rss_mb() - before, 1),
    }


def main(args: argparse.Namespace) -> int:
    """Run ``voxroom bench mind``; reads ``args.out``, ``args.rounds``, ``args.no_llm``, ``args.model``."""
    out = Path(getattr(args, "out", "") or "bench-results/mind.json")
    results = run_mind_bench(
        out, rounds=int(getattr(args, "rounds", 4)), llm=not getattr(args, "no_llm", False),
        model=str(getattr(args, "model", "") or ""), open_talk=str(getattr(args, "open_talk", "test")),
        label_sheet=Path(args.label_sheet) if getattr(args, "label_sheet", "") else None,
    )  # fmt: skip
    print(json.dumps(results, indent=2))
    print(f"voxroom: wrote {out}", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``bench mind``."""
    p = sub.add_parser("mind", help="reply latency and memory of the default and generative brains (JSON)")
    p.add_argument("--out", default="bench-results/mind.json", help="JSON file to write")
    p.add_argument("--rounds", type=int, default=4, help="passes over the utterance set (default 4)")
    p.add_argument("--no-llm", action="store_true", help="skip the generative backend")
    p.add_argument(
        "--model", default="", help="a name from `voxroom models list` or a .gguf (default: bundled SmolLM2)"
    )
    p.add_argument(
        "--open-talk",
        default="test",
        choices=("test", "dev", "none"),
        help="score this half of the open-talk set: SSA from the stored labels, plus the automatic guards",
    )
    p.add_argument(
        "--label-sheet",
        default="",
        metavar="TSV",
        help="also write the open-talk replies as a label sheet (unchanged replies keep their labels)",
    )
    p.set_defaults(handler=main)
