"""The text front-ends of the mind: ``voxroom chat`` and ``voxroom memory``.

Kept apart from :mod:`game.commands` so the heavy imports (onnxruntime, the model) only
happen when a chat actually starts.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from game.errors import UserError
from game.mind.memory import MemoryStore, NpcMemory


def _prompt_lines(stream: TextIO, interactive: bool) -> Iterator[str]:
    while True:
        if interactive:
            print("you> ", end="", file=sys.stderr, flush=True)
        line = stream.readline()
        if not line:
            return
        yield line.rstrip("\n")


def run_chat(args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Read utterances, print one JSON reply per line; returns the exit code."""
    from game.mind.factory import make_brain
    from game.mind.session import MindSession
    from game.sim.scene import SceneError, load_scene
    from game.sim.world import check_scene_name

    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
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
        print(json.dumps(out, ensure_ascii=False), file=stdout, flush=True)
    if args.save:
        path = Path(args.save)
        if path.suffix != ".toml":
            path = Path("assets/scenes") / f"{check_scene_name(args.save)}.toml"
        session.world.save(path)
        print(f"voxroom: saved the room to {path}", file=sys.stderr)
    return 0


def _describe(memory: NpcMemory) -> str:
    lines = [f"{memory.npc}:"]
    lines.append(f"  your name: {memory.user_name or '(not told)'}")
    lines.append(f"  you like: {', '.join(memory.likes) or '(nothing yet)'}")
    lines.append(f"  you dislike: {', '.join(memory.dislikes) or '(nothing yet)'}")
    lines.append(f"  visits: {memory.sessions}")
    lines.append(f"  recent turns: {len(memory.turns)}")
    for turn in memory.turns[-5:]:
        lines.append(f"    you: {turn.get('user', '')}")
        lines.append(f"    {memory.npc}: {turn.get('npc', '')}")
    return "\n".join(lines)


def run_memory(args: argparse.Namespace, store: MemoryStore | None = None, out: TextIO | None = None) -> int:
    """``memory show [NPC]`` and ``memory forget NPC|--all``."""
    store = store or MemoryStore()
    out = out or sys.stdout
    if args.verb == "show":
        names = [args.npc] if args.npc else store.stored_npcs()
        if not names:
            print(f"No memories stored (in {store.folder}).", file=out)
            return 0
        for name in names:
            if not store.path(name).exists():
                stored = ", ".join(store.stored_npcs()) or "none"
                raise UserError(f"no memory stored for {name!r} (stored: {stored})")
            memory = store.load(name)
            if args.json:
                print(json.dumps(memory.to_json(), ensure_ascii=False, indent=1), file=out)
            else:
                print(_describe(memory), file=out)
        for problem in store.problems:
            print(f"voxroom: warning: {problem}", file=sys.stderr)
        return 0
    if args.all:
        count = store.forget_all()
        print(f"Erased {count} memory file(s) from {store.folder}.", file=out)
        return 0
    if not args.npc:
        raise UserError("say which NPC to forget (voxroom memory forget Ada) or use --all")
    if not store.forget(args.npc):
        stored = ", ".join(store.stored_npcs()) or "none"
        raise UserError(f"no memory stored for {args.npc!r} (stored: {stored})")
    print(f"{args.npc} has forgotten you.", file=out)
    return 0
