"""``voxroom chat``: talk to the room's NPCs from a terminal or a pipe, one JSON line per reply."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

from game.choices import BRAINS
from game.commands.mod_flags import add_mod_arguments
from game.errors import UserError
from game.text import clean_text

if TYPE_CHECKING:
    from game.mind.session import Exchange
    from game.modding.testing import ModRoom


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``chat`` sub-command."""
    p = sub.add_parser(
        "chat",
        help="talk to the NPCs in text: reads lines from stdin, prints one JSON line per reply",
        description="Each input line is routed to the NPC it names (else the nearest one) and answered "
        "by the mind; room edits are applied. Output: one JSON object per line with npc, text, intent, "
        "score, actions, emotion, brain, layer (which layer of the mind answered), latency_ms and "
        "reaction_ms (the time until the NPC was chosen; memory_error when the NPC's memory could "
        'not be saved). With --mods, a line a mod made an NPC say is printed with "source": "mod", '
        "and the mods' timers run on the time that passed between lines (at most 10 s).",
    )
    p.add_argument(
        "--scene", default="default", help="scene in assets/scenes, a .toml path, or a mod's scene (mod:name)"
    )
    p.add_argument("--npc", default=None, help="always talk to this NPC (default: by name, gaze, nearness)")
    p.add_argument("--brain", choices=BRAINS, default="embed", help="which brain answers")
    p.add_argument(
        "--model",
        default=None,
        help="model for --brain llama: a name from `voxroom models list` or a .gguf path "
        "(default: the config file's mind.model, else the bundled SmolLM2)",
    )
    p.add_argument("--save", default="", help="after the chat, save the (edited) room as this scene file")
    p.add_argument(
        "--no-memory",
        action="store_true",
        help="leave the NPCs' stored memory alone: start from an empty memory, read and write nothing",
    )
    p.add_argument("--seed", type=int, default=None, help="seed for the choice among equivalent lines")
    add_mod_arguments(p)
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
    from game.config import load_config
    from game.mind.factory import make_brain
    from game.mind.memory import MemoryStore
    from game.mind.paths import data_dir
    from game.modding.loader import mods_to_load
    from game.modding.testing import ModRoom

    stdin = stdin or sys.stdin.buffer
    if stdout is None:
        stdout = sys.stdout
        with contextlib.suppress(AttributeError, ValueError):  # a terminal that cannot show a character
            sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    config, _ = load_config()
    names = mods_to_load(getattr(args, "mods", "") or "", config.mods.enabled, args.scene)
    model = args.model if args.model is not None else config.mind.model
    brain, problems = make_brain(args.brain, model, seed=args.seed)
    with contextlib.ExitStack() as scratch:
        # --no-memory: an empty store in a folder of its own, gone with the chat. Skipping the writes
        # alone let the name and news told in an earlier chat into the replies.
        blank = (
            scratch.enter_context(tempfile.TemporaryDirectory(prefix="voxroom-")) if args.no_memory else ""
        )
        store = MemoryStore(Path(blank) / "memory") if blank else MemoryStore()
        # The room with the mods `voxroom run` would load (none, unless enabled), headless.
        room = ModRoom(
            names,
            mods_dirs=getattr(args, "mods_dir", None) or (),
            scene=args.scene,
            brain=brain,
            data_dir=data_dir(),
            remember=not args.no_memory,
            clock=time.monotonic,
            store=store,
            mod_data_dir=data_dir() / "mod-data",
        )
        try:
            return _converse(args, room, brain.name, problems, stdin, stdout)
        finally:
            shown = len(room.notices)
            room.close()  # on_unload, mod data saved
            for notice in room.notices[shown:]:
                if notice.level in ("warning", "error"):
                    print(f"voxroom: {notice.level}: {notice.message}", file=sys.stderr)


def _converse(
    args: argparse.Namespace,
    room: ModRoom,
    brain_name: str,
    problems: list[str],
    stdin: IO[str] | IO[bytes],
    stdout: TextIO,
) -> int:
    """Answer each line; a mod's own lines and notices are printed as they happen."""
    from game.sim.world import check_scene_name

    session, scene = room.session, room.world.scene
    assert session is not None
    if args.npc and room.world.npc(args.npc) is None:
        known = ", ".join(n.name for n in room.world.scene.npcs) or "none"
        raise UserError(f"no NPC called {args.npc!r} in scene {scene.name!r} (NPCs: {known})")
    for problem in [*problems, *session.problems, *room.errors()]:
        print(f"voxroom: warning: {problem}", file=sys.stderr)
    shown = len(room.notices)
    said = _print_said(room, 0, stdout)
    last = time.monotonic()
    interactive = stdin.isatty()
    thinking = ThinkingLine(sys.stderr if interactive else None)
    session.on_addressed = thinking.addressed
    for line in _prompt_lines(stdin, interactive):
        if not line.strip() and not interactive:
            continue
        now = time.monotonic()
        if now - last >= STEP_S:  # the mods' on_tick and timers catch up with the pause
            room.advance(min(now - last, MAX_CATCH_UP_S), STEP_S)
            last = now
        thinking.start()
        exchange = room.type(line, args.npc)
        thinking.clear()
        said = _print_said(room, said, stdout)
        for notice in room.notices[shown:]:
            if notice.level in ("warning", "error"):
                print(f"voxroom: {notice.level}: {notice.message}", file=sys.stderr)
        shown = len(room.notices)
        if exchange is None:
            out: dict[str, Any] = {
                "npc": None, "text": "", "intent": "nobody", "score": 0.0, "actions": [], "emotion": "",
                "brain": brain_name, "latency_ms": 0.0, "note": "nobody is within earshot",
            }  # fmt: skip
            print(json.dumps(out, ensure_ascii=False), file=stdout, flush=True)
        while exchange is not None:  # one line per NPC that answered (a handed-over edit: two)
            out = _exchange_json(exchange)
            if exchange.npc in thinking.reactions:
                out["reaction_ms"] = thinking.reactions[exchange.npc]
            print(json.dumps(out, ensure_ascii=False), file=stdout, flush=True)
            exchange = exchange.handed_to
    if args.save:
        path = Path(args.save)
        if path.suffix != ".toml":
            path = Path("assets/scenes") / f"{check_scene_name(args.save)}.toml"
        session.world.save(path)
        print(f"voxroom: saved the room to {path}", file=sys.stderr)
    return 0


STEP_S = 1 / 30
MAX_CATCH_UP_S = 10.0
"""The most mod time that passes between two typed lines (a long pause is not replayed in full)."""


class ThinkingLine:
    """The terminal's visible reaction: "Ada is thinking…" from the moment she is chosen.

    A slow brain (the generative one takes a second or two) left a terminal user looking at
    nothing; the app shows listening turning into thinking, and so does the chat, on stderr so
    the JSON on stdout stays one reply a line. It also times the reaction, which ``voxroom
    chat`` reports as ``reaction_ms``. ``stream`` None (a pipe) shows nothing.
    """

    def __init__(self, stream: TextIO | None, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.reactions: dict[str, float] = {}
        """Milliseconds from the line to the moment each NPC that answers it was chosen."""
        self.shown = False

    def start(self) -> None:
        """A line was read: time the reaction from now."""
        self.started = self.clock()
        self.reactions = {}

    def addressed(self, npc: str, reason: str) -> None:
        """The NPC that will answer is chosen (``MindSession.on_addressed``): show it thinking."""
        self.reactions.setdefault(npc, round((self.clock() - self.started) * 1000, 2))
        if self.stream is None:
            return
        self.clear()
        print(f"{npc} is thinking…", end="", file=self.stream, flush=True)
        self.shown = True

    def clear(self) -> None:
        """Take the thinking line away before the reply prints (a new line where it cannot be erased)."""
        if not self.shown or self.stream is None:
            return
        erase = "\r\x1b[K" if _isatty(self.stream) else "\n"
        print(erase, end="", file=self.stream, flush=True)
        self.shown = False


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _exchange_json(exchange: Exchange) -> dict[str, Any]:
    """One reply's JSON line: the reply, why this NPC answered, what changed or failed."""
    out = exchange.reply.to_json(exchange.npc)
    out["addressed"] = exchange.reason
    if exchange.applied:
        out["applied"] = exchange.applied
    if exchange.failed:
        out["failed"] = exchange.failed
    if exchange.handed_to is not None:
        out["handed_to"] = exchange.handed_to.npc
    if exchange.memory_error:
        out["memory_error"] = exchange.memory_error
        warning = f"voxroom: warning: {exchange.npc}'s memory was not saved ({exchange.memory_error})"
        print(warning, file=sys.stderr)
    return out


def _print_said(room: ModRoom, done: int, stdout: TextIO) -> int:
    """Print the lines mods made NPCs say since ``done``; returns how many are printed in all."""
    for npc, text in room.said[done:]:
        line = {"npc": npc, "text": text, "source": "mod"}
        print(json.dumps(line, ensure_ascii=False), file=stdout, flush=True)
    return len(room.said)
