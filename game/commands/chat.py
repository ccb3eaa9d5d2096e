"""``voxroom chat``: talk to the room's NPCs from a terminal or a pipe, one JSON line per reply."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, TextIO

from game.choices import BRAINS
from game.errors import UserError
from game.text import clean_text


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``chat`` sub-command."""
    p = sub.add_parser(
        "chat",
        help="talk to the NPCs in text: reads lines from stdin, prints one JSON line per reply",
        description="Each input line is routed to the NPC it names (else the nearest one) and answered "
        "by the mind; room edits are applied. Output: one JSON object per line with npc, text, intent, "
        "score, actions, emotion, brain and latency_ms (and memory_error when the NPC's memory could "
        "not be saved).",
    )
    p.add_argument("--scene", default="default", help="scene name in assets/scenes or a .toml path")
    p.add_argument("--npc", default=None, help="always talk to this NPC (default: by name, gaze, nearness)")
    p.add_argument("--brain", choices=BRAINS, default="embed", help="which brain answers")
    p.add_argument("--model", default="", help="GGUF model for --brain llama (default: the bundled SmolLM2)")
    p.add_argument("--save", default="", help="after the chat, save the (edited) room as this scene file")
    p.add_argument("--no-memory", action="store_true", help="do not write the NPCs' memory to disk")
    p.add_argument("--seed", type=int, default=None, help="seed for the choice among equivalent lines")
    p.set_defaults(handler=_chat)


def _chat(args: argparse.Namespace) -> int:
    return run_chat(args)


def _prompt_lines(stream: IO[str] | IO[bytes], interactive: bool) -> Iterator[str]:
    """Lines as text whatever the bytes: stdin is read as bytes and decoded by :func:`clean_text`.

    (Python's own decoding of a pipe fails on Latin-1 "José", or hands on lone
    surrogates that nothing downstream can encode.)
    """
    while True:
        if interactive:
            print("you> ", end="", file=sys.stderr, flush=True)
        line = stream.readline()
        if not line:
            return
        yield clean_text(line).rstrip("\r\n")


def run_chat(
    args: argparse.Namespace, stdin: IO[str] | IO[bytes] | None = None, stdout: TextIO | None = None
) -> int:
    """Read utterances, print one JSON reply per line; returns the exit code."""
    # Imported here: the model and onnxruntime load only when a chat actually starts.
    from game.mind.factory import make_brain
    from game.mind.session import MindSession
    from game.sim.scene import SceneError, load_scene
    from game.sim.world import check_scene_name

    stdin = stdin or sys.stdin.buffer
    if stdout is None:
        stdout = sys.stdout
        with contextlib.suppress(AttributeError, ValueError):  # a terminal that cannot show a character
            sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    try:
        scene = load_scene(args.scene)
    except SceneError as exc:
        raise UserError(str(exc)) from None
    if args.npc and not any(n.name.lower() == args.npc.lower() for n in scene.npcs):
        known = ", ".join(n.name for n in scene.npcs) or "none"
        raise UserError(f"no NPC called {args.npc!r} in scene {scene.name!r} (NPCs: {known})")
    brain, problems = make_brain(args.brain, args.model, seed=args.seed)
    session = MindSession(scene, brain, remember=not args.no_memory)
    for problem in [*problems, *session.problems]:
        print(f"voxroom: warning: {problem}", file=sys.stderr)
    interactive = stdin.isatty()
    for line in _prompt_lines(stdin, interactive):
        if not line.strip() and not interactive:
            continue
        exchange = session.say(line, args.npc)
        out: dict[str, Any]
        if exchange is None:
            out = {"npc": None, "text": "", "intent": "nobody", "score": 0.0, "actions": [], "emotion": "",
                   "brain": brain.name, "latency_ms": 0.0, "note": "nobody is within earshot"}  # fmt: skip
        else:
            out = exchange.reply.to_json(exchange.npc)
            out["addressed"] = exchange.reason
            if exchange.applied:
                out["applied"] = exchange.applied
            if exchange.failed:
                out["failed"] = exchange.failed
            if exchange.memory_error:
                out["memory_error"] = exchange.memory_error
                print(f"voxroom: warning: {exchange.npc}'s memory was not saved ({exchange.memory_error})",
                      file=sys.stderr)  # fmt: skip
        print(json.dumps(out, ensure_ascii=False), file=stdout, flush=True)
    if args.save:
        path = Path(args.save)
        if path.suffix != ".toml":
            path = Path("assets/scenes") / f"{check_scene_name(args.save)}.toml"
        session.world.save(path)
        print(f"voxroom: saved the room to {path}", file=sys.stderr)
    return 0
