"""``voxroom bench voice``: from the true end of the user's speech to the first NPC audio.

Synthetic utterances (several espeak-ng voices and speeds, addressed to different
NPCs) are replayed through the real pipeline by :class:`game.conversation.replay.Simulation`.
The clock starts when the last speech sample of the input has been delivered to the
recognizer at real-time pace (known from the file, not from the VAD) and stops when
the mixer starts the NPC's first sentence. The stack is the one ``voxroom run`` builds,
mod host included (with the mods the config enables), so the figure is the app's.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from game.bench import percentile, write_result
from game.choices import ENGINES

UTTERANCES = (
    ("Hello Ada, what is your name?", "en-us", 150),
    ("Bo, where is the lamp?", "en-gb+m3", 140),
    ("Cleo, what is on the table?", "en-us+f2", 160),
    ("Ada, how are you?", "en-us+m7", 170),
    ("Bo, what colour is the sofa?", "en-us", 135),
    ("Cleo, who are you?", "en-gb", 150),
    ("Ada, where is the plant?", "en-us+f2", 145),
    ("Bo, what can you do?", "en-us+m3", 165),
    ("Cleo, where is the chair?", "en-us", 155),
    ("Ada, what is in the room?", "en-gb+m3", 150),
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``bench voice``."""
    p = sub.add_parser("voice", help="voice-to-voice latency through the real pipeline (JSON)")
    p.add_argument("--utterances", type=int, default=20, help="how many utterances (default 20)")
    p.add_argument("--engine", default="auto", choices=ENGINES, help="speech recognizer")
    p.add_argument("--out", default="bench-results/voice.json", help="JSON file to write")
    p.add_argument("--keep", default="", help="keep the simulation's events.jsonl, replies and summary here")
    p.add_argument(
        "--render",
        default="",
        metavar="WxH",
        help="also draw the room every frame at this size and compare p99 frame time, talking vs idle",
    )
    p.add_argument(
        "--endpointing",
        default="auto",
        choices=("auto", "smart", "timer", "both", "all"),
        help=(
            "how turns end (auto: as voxroom run; both: timer then smart in the same run, side by side; "
            "all: timer, smart as it was before the graded open-words veto, and smart)"
        ),
    )
    p.set_defaults(handler=run)


def synthesize(text: str, voice: str, speed: int, folder: Path, index: int) -> Path:
    """espeak-ng speech resampled to 16 kHz mono with sox."""
    raw, out = folder / f"{index}.wav", folder / f"{index}-16k.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(raw), text], check=True)
    subprocess.run(["sox", "-D", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(out)], check=True)
    return out


def run(args: argparse.Namespace) -> int:
    """Run the benchmark (once, or timer then smart side by side) and write its JSON."""
    ways = {"both": ("timer", "smart"), "all": ("timer", "smart_previous", "smart")}.get(
        args.endpointing, (args.endpointing,)
    )
    with tempfile.TemporaryDirectory(prefix="voxroom-bench-") as tmp:
        folder = Path(tmp)
        wavs = [str(synthesize(*UTTERANCES[i % len(UTTERANCES)], folder, i)) for i in range(args.utterances)]
        runs = {way: measure(args, wavs, way, folder / way) for way in ways}
    summary = runs[ways[0]] if len(ways) == 1 else {"side_by_side": runs}
    write_result(Path(args.out), "voice", summary)
    print(f"wrote {args.out}")
    return 0


def measure(args: argparse.Namespace, wavs: list[str], endpointing: str, folder: Path) -> dict[str, Any]:
    """One pass over the utterances with one way of ending turns; prints and returns its summary.

    The stack is ``voxroom run``'s: a mod host with the config's enabled mods (often none).
    """
    from game.bus import EventBus
    from game.config import load_config
    from game.conversation.replay import Simulation, parse_inputs
    from game.modding.loader import mods_to_load
    from game.modding.wiring import make_host
    from game.sim.scene import load_scene

    config, _ = load_config()
    bus = EventBus()
    host = make_host(bus, mods_to_load("", config.mods.enabled))
    size = None
    if args.render:
        from game.render.context import parse_size

        size = parse_size(args.render)
    keep = Path(args.keep) / endpointing if args.keep else folder
    scene = load_scene("default")
    endpoint = None
    if endpointing == "smart_previous":
        from game.bench.turns import PREVIOUS_SMART

        endpointing, endpoint = "smart", PREVIOUS_SMART
    sim = Simulation(
        scene,
        keep,
        engine=args.engine,
        render_size=size,
        endpointing=endpointing,
        endpoint=endpoint,
        bus=bus,
        mods=host,
    )
    result = sim.run(parse_inputs(wavs, []))
    guesses = sim.runtime.conversation.guesses
    how = sim.runtime.hearing.worker.endpointer.config.endpointing
    totals = [t["true_end_to_first_audio_ms"] for t in result.turns if "true_end_to_first_audio_ms" in t]
    reactions = [t["true_end_to_reaction_ms"] for t in result.turns if "true_end_to_reaction_ms" in t]
    stages: dict[str, list[float]] = {}
    answers = [t for t in result.turns if not t.get("corrected")]
    for turn in answers:
        for key, value in turn["stages_ms"].items():
            stages.setdefault(key, []).append(value)
    summary: dict[str, Any] = {
        "endpointing": how if endpoint is None else f"{how} (before the graded open-words veto)",
        "utterances": args.utterances,
        "answered": len(totals),
        "true_end_to_first_audio_ms": _stats(totals),
        "true_end_to_reaction_ms": _stats(reactions),
        "fillers": len(sim.runtime.conversation.thinking.fillers),
        "stages_ms": {k: _stats(v) for k, v in stages.items()},
        "speculation": {"hits": guesses.hits, "misses": guesses.misses},
        # early answers the final transcript contradicted (cut, answered again; timed by the second)
        "corrections": len(result.turns) - len(answers),
        "extra_turns": sum(1 for t in answers if t.get("extra_turn")),
        "heard": [t["heard"] for t in answers],
        "composition": {"mod_host": True, "mods": [s.name for s in host.status() if s.state == "loaded"]},
    }
    if sim.frame_times:
        idle = [s * 1000 for s, busy in sim.frame_times if not busy]
        talking = [s * 1000 for s, busy in sim.frame_times if busy]
        if idle and talking:
            summary["frame_ms"] = {
                "idle": _frame_stats(idle),
                "conversation": _frame_stats(talking),
                "p99_ratio": round(percentile(talking, 99) / percentile(idle, 99), 3),
                "p50_ratio": round(percentile(talking, 50) / percentile(idle, 50), 3),
            }
    loaded = summary["composition"]["mods"]
    print(f"composed as `voxroom run`: a mod host, {len(loaded)} mods loaded ({', '.join(loaded) or 'none'})")
    t = summary["true_end_to_first_audio_ms"]
    print(
        f"[{summary['endpointing']}] true end of speech → first NPC audio: "
        f"p50 {t.get('p50', 0):.0f} ms, p95 {t.get('p95', 0):.0f} ms "
        f"({len(totals)}/{args.utterances} answered); "
        f"speculation {guesses.hits} hits, {guesses.misses} misses, "
        f"{summary['corrections']} corrected"
    )
    if "frame_ms" in summary:
        f = summary["frame_ms"]
        print(
            f"frame time p99: idle {f['idle']['p99']:.1f} ms, during conversation "
            f"{f['conversation']['p99']:.1f} ms (ratio {f['p99_ratio']:.2f}; p50 ratio {f['p50_ratio']:.2f})"
        )
    r = summary["true_end_to_reaction_ms"]
    print(
        f"  true end of speech → visible reaction (look, '…'): p50 {r.get('p50', 0):.0f} ms, "
        f"p95 {r.get('p95', 0):.0f} ms; fillers said: {summary['fillers']}"
    )
    for key, value in summary["stages_ms"].items():
        print(f"  {key}: p50 {value['p50']:.0f} ms, p95 {value['p95']:.0f} ms")
    return summary


def _stats(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    return {
        "p50": round(percentile(values, 50), 1),
        "p95": round(percentile(values, 95), 1),
        "n": len(values),
    }


def _frame_stats(ms: list[float]) -> dict[str, float]:
    return {"p50": round(percentile(ms, 50), 2), "p99": round(percentile(ms, 99), 2), "n": len(ms)}
