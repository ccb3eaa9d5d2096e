"""``voxroom chat``: talk to the room's NPCs from a terminal or a pipe, one JSON line per reply."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``chat`` sub-command."""
    p = sub.add_parser(
        "chat",
        help="talk to the NPCs in text: reads lines from stdin, prints one JSON line per reply",
        description="Each input line is routed to the NPC it names (else the nearest one) and answered "
        "by the mind; room edits are applied. Output: one JSON object per line with npc, text, intent, "
        "score, actions, emotion, brain and latency_ms.",
    )
    p.add_argument("--scene", default="default", help="scene name in assets/scenes or a .toml path")
    p.add_argument("--npc", default=None, help="always talk to this NPC (default: by name, gaze, nearness)")
    p.add_argument("--brain", choices=("embed", "llama"), default="embed", help="which brain answers")
    p.add_argument("--model", default="", help="GGUF model for --brain llama (default: the bundled SmolLM2)")
    p.add_argument("--save", default="", help="after the chat, save the (edited) room as this scene file")
    p.add_argument("--no-memory", action="store_true", help="do not write the NPCs' memory to disk")
    p.add_argument("--seed", type=int, default=None, help="seed for the choice among equivalent lines")
    p.set_defaults(handler=_chat)


def _chat(args: argparse.Namespace) -> int:
    from game.mind.chat import run_chat

    return run_chat(args)
