"""``voxroom simulate``: run the real pipeline headless on recorded or typed input."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from game.choices import BRAINS, ENGINES
from game.commands.mod_flags import add_mod_arguments


class _Ordered(argparse.Action):
    """Remember the order in which --input and --text were given."""

    def __call__(
        self, parser: argparse.ArgumentParser, ns: argparse.Namespace, values: object, option: object = None
    ) -> None:
        getattr(ns, self.dest).append(values)
        ns.order = [*getattr(ns, "order", []), "wav" if self.dest == "inputs" else "text"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``simulate`` sub-command."""
    p = sub.add_parser(
        "simulate",
        help="replay speech (WAV) and typed lines through the real hearing/mind/speech pipeline, headless",
    )
    p.add_argument("--scene", default="default", help="scene name, .toml path, or a mod's scene (mod:name)")
    p.add_argument(
        "--input",
        dest="inputs",
        action=_Ordered,
        default=[],
        metavar="WAV",
        help="a recording of the user, replayed at real-time pace (repeatable)",
    )
    p.add_argument(
        "--text",
        dest="texts",
        action=_Ordered,
        default=[],
        metavar="LINE",
        help="a typed line (repeatable; keeps its place among --input)",
    )
    p.add_argument(
        "--out", required=True, help="folder for events.jsonl, summary.json, replies/*.wav, frames"
    )
    p.add_argument("--frames", type=int, default=0, help="also write up to N PNG frames, one every 0.5 s")
    p.add_argument("--engine", default="auto", choices=ENGINES, help="speech recognizer")
    p.add_argument("--brain", default="embed", choices=BRAINS, help="dialogue backend")
    p.add_argument(
        "--endpointing",
        default="auto",
        choices=("auto", "smart", "timer"),
        help="how a turn ends (auto: smart when the Smart Turn model loads, as voxroom run)",
    )
    add_mod_arguments(p)
    p.set_defaults(handler=_simulate, order=[])


def _simulate(args: argparse.Namespace) -> int:
    from pathlib import Path

    from game.bus import EventBus
    from game.config import load_config
    from game.conversation.replay import Simulation, parse_inputs
    from game.errors import UserError
    from game.hearing.audio import AudioFileError
    from game.modding.loader import mods_to_load
    from game.modding.wiring import make_host, open_scene

    if not args.inputs and not args.texts:
        raise UserError("nothing to simulate: give --input WAV and/or --text LINE")
    try:
        inputs = parse_inputs(args.inputs, args.texts, args.order)
    except (AudioFileError, OSError) as exc:
        raise UserError(str(exc)) from None
    # The same composition as `voxroom run`: a mod host with the enabled mods (and --mods).
    config, _ = load_config()
    bus = EventBus()
    names = mods_to_load(getattr(args, "mods", "") or "", config.mods.enabled, args.scene)
    host = make_host(bus, names, getattr(args, "mods_dir", None) or ())
    try:
        opened = open_scene(host, args.scene)
    except UserError:
        host.shutdown()
        raise
    sim = Simulation(
        opened.scene,
        Path(args.out),
        engine=args.engine,
        brain=args.brain,
        frames=args.frames,
        endpointing=args.endpointing,
        bus=bus,
        mods=host,
        mods_loaded=opened.loaded,
        personas_dir=opened.personas_dir,
    )
    result = sim.run(inputs)
    for status in host.status():
        if status.state != "loaded" and status.name in names:
            line = f"voxroom: warning: mod {status.name}: {status.state} {status.error}"
            print(line.rstrip(), file=sys.stderr)
    for turn in result.turns:
        print(turn_line(turn))
    print(f"wrote {args.out}/events.jsonl ({result.events} events), summary.json, replies/", file=sys.stderr)
    return 0


def turn_line(turn: dict[str, Any]) -> str:
    """One turn of the summary as the user reads it; an early guess taken back says so."""
    if turn.get("corrected"):  # answered early, then the final transcript said otherwise
        return f"  (early guess {turn['heard']!r} for {turn['npc']}, taken back)"
    latency = turn.get("true_end_to_first_audio_ms", turn["stages_ms"].get("to_first_audio"))
    shown = "" if latency is None else f" ({latency} ms)"
    return f"you: {turn['heard']!r} → {turn['npc']}: {turn['reply']!r}{shown}"
