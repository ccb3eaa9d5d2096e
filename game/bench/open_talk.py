"""Open talk scored by SSA in ``voxroom bench mind``: replies judged sensible and specific.

Our own benchmarks once said 99 % because they measured lines the code was built around. This
one plays the held-apart open-talk set (``data/open_talk.tsv``: small talk, news, opinions,
feelings, creative requests, follow-ups; never commands) to the NPCs through the same
composition as ``voxroom chat`` (the mod room with the config's mods, memory in a temporary
folder), one conversation per split in file order, so follow-ups and repetition are real.

SSA (sensibleness and specificity average, Adiwardana et al. 2020) needs a judge: every reply
of the test part is labelled by a person following the rubric in docs/mind.md, and the labels
live beside the set (``data/open_talk_labels.tsv``) with the reply they judge. A reply that has
changed since it was labelled counts as *unlabelled*, never as right: the figure says how many
replies it rests on, and ``--label-sheet`` writes the sheet to relabel. Beside it, automatic
guards that need no judge: generic replies, wrong intents, repetition, length, grounding
violations and claims to be human.
"""

from __future__ import annotations

import csv
import re
import statistics
import tempfile
import time
from collections import Counter, defaultdict, deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.mind.protocols import EDIT_ACTIONS

DATA = Path(__file__).with_name("data")
SET_PATH = DATA / "open_talk.tsv"
LABELS_PATH = DATA / "open_talk_labels.tsv"
COLUMNS = ("id", "npc", "line", "reply", "sensible", "specific")
REPEAT_WINDOW = 10
"""A reply said again within this many turns of the same NPC counts as a repetition."""
GENERIC_KINDS = ("unknown", "unknown_topic", "confused")
"""Persona line kinds that fit any input: a reply made only of one of them is generic."""
GENERIC_SPREAD = 3
"""The same reply to this many different lines would fit anything: generic as well."""
CLAIMS_HUMAN = re.compile(
    r"\b(i'?m|i am) (a )?(real )?(human|person|flesh and blood)\b"
    r"|\bi'?m not (a |an )?(ai|program|robot|bot)\b",
    re.IGNORECASE,
)
COMMAND_ACTIONS = frozenset({"walk_to", "follow", "sit"}) | frozenset(EDIT_ACTIONS)
"""Actions that change the room or move an NPC: none of them was asked for by an open-talk line."""


@dataclass(frozen=True)
class OpenLine:
    """One line of the set."""

    split: str
    conv: str
    npc: str
    topic: str
    text: str
    index: int
    """Position within its conversation (0 for the first line)."""

    @property
    def key(self) -> str:
        """Stable id of the line: conversation and position ("t08:1")."""
        return f"{self.conv}:{self.index}"


@dataclass(frozen=True)
class Answered:
    """What the NPC said to one line, with what the guards need."""

    line: OpenLine
    reply: str
    intent: str
    layer: str
    actions: tuple[str, ...]


@dataclass(frozen=True)
class Label:
    """A person's judgement of one reply."""

    reply: str
    sensible: bool
    specific: bool


def load_set(path: Path = SET_PATH, split: str | None = None) -> list[OpenLine]:
    """The set's lines in file order (one split, or all)."""
    lines: list[OpenLine] = []
    seen: Counter[str] = Counter()
    for row in _rows(path):
        if row["split"] not in ("dev", "test"):
            raise ValueError(f"{path}: split must be dev or test, not {row['split']!r}")
        line = OpenLine(row["split"], row["conv"], row["npc"], row["topic"], row["line"], seen[row["conv"]])
        seen[row["conv"]] += 1
        if split is None or line.split == split:
            lines.append(line)
    return lines


def _rows(path: Path) -> list[dict[str, str]]:
    text = [raw for raw in path.read_text(encoding="utf-8").splitlines() if raw and not raw.startswith("#")]
    return list(csv.DictReader(text, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_labels(path: Path = LABELS_PATH) -> dict[str, Label]:
    """Labels by line id; a missing file is no labels, and a row with blank marks is still to judge."""
    if not path.is_file():
        return {}
    labels = {}
    for row in _rows(path):
        if not row["sensible"] and not row["specific"]:
            continue
        if row["sensible"] not in ("0", "1") or row["specific"] not in ("0", "1"):
            raise ValueError(f"{path}: {row['id']}: sensible and specific must be 0 or 1")
        labels[row["id"]] = Label(row["reply"], row["sensible"] == "1", row["specific"] == "1")
    return labels


PINNED_TIME = time.strptime("2026-06-10 15:00", "%Y-%m-%d %H:%M")
"""A Wednesday afternoon for every bench run: a reply that names the time of day ("It's
afternoon…") must not lose its label because the bench ran at another hour."""


def play(lines: list[OpenLine], brain: Any, seed: int = 1) -> list[Answered]:
    """Say every line to its NPC, in order, in one room composed as ``voxroom chat`` composes it."""
    from game.config import load_config
    from game.mind.memory import MemoryStore
    from game.modding.loader import mods_to_load
    from game.modding.testing import ModRoom

    config, _ = load_config()
    answered: list[Answered] = []
    with tempfile.TemporaryDirectory(prefix="voxroom-ssa-") as tmp:
        room = ModRoom(
            mods_to_load("", config.mods.enabled, "default"),
            scene="default",
            brain=brain,
            data_dir=Path(tmp),
            remember=True,
            clock=time.monotonic,
            store=MemoryStore(Path(tmp) / "memory"),
            mod_data_dir=Path(tmp) / "mod-data",
        )
        if room.session is not None:
            room.session.wall_clock = lambda: PINNED_TIME
        try:
            conv = None
            for line in lines:
                if line.conv != conv:
                    # each conversation opens afresh and draws from its own seed, so a reply depends
                    # on its own conversation only and a label stays valid when another line changes
                    conv = line.conv
                    if hasattr(brain, "rng"):
                        brain.rng.seed(f"{seed}:{conv}")
                    if room.session is not None:
                        room.session.new_conversation(line.npc)
                exchange = room.type(line.text, line.npc)
                if exchange is None:
                    answered.append(Answered(line, "", "nobody", "", ()))
                    continue
                reply = exchange.reply
                layer = str(getattr(reply, "layer", "") or reply.intent)
                actions = tuple(a.name for a in reply.actions)
                answered.append(Answered(line, reply.text, reply.intent, layer, actions))
        finally:
            room.close()
    return answered


def guards(answered: list[Answered], personas: dict[str, Any], room_words: frozenset[str]) -> dict[str, Any]:
    """The judge-free checks: generic, wrong intent, repetition, length, grounding, human claims."""
    from game.mind.intents import COMMAND_INTENTS
    from game.mind.persona import GENERIC_LINES

    generic_lines = {line for kind in GENERIC_KINDS for line in GENERIC_LINES.get(kind, ())}
    for persona in personas.values():
        generic_lines |= {line for kind in GENERIC_KINDS for line in persona.lines.get(kind, ())}
    spread: dict[str, set[str]] = defaultdict(set)
    for a in answered:
        spread[a.reply].add(a.line.text.lower())
    recent: dict[str, deque[str]] = defaultdict(lambda: deque(maxlen=REPEAT_WINDOW))
    counts: Counter[str] = Counter()
    for a in answered:
        if a.reply in generic_lines or len(spread[a.reply]) >= GENERIC_SPREAD:
            counts["generic"] += 1
        if (
            a.intent in COMMAND_INTENTS
            or set(a.actions) & COMMAND_ACTIONS
            or "do you want me to" in a.reply.lower()
        ):
            counts["wrong_intent"] += 1
        if a.reply and a.reply in recent[a.line.npc]:
            counts["repeated"] += 1
        recent[a.line.npc].append(a.reply)
        if CLAIMS_HUMAN.search(a.reply):
            counts["claims_human"] += 1
        if ungrounded(a.reply, a.line.text, room_words):
            counts["grounding"] += 1
    n = max(1, len(answered))
    lengths = [len(a.reply.split()) for a in answered]
    return {
        "replies": len(answered),
        "generic_rate": round(counts["generic"] / n, 3),
        "wrong_intent_rate": round(counts["wrong_intent"] / n, 3),
        "repetition_rate": round(counts["repeated"] / n, 3),
        "grounding_violations": counts["grounding"],
        "claims_human": counts["claims_human"],
        "words_p50": statistics.median(lengths) if lengths else 0,
        "words_mean": round(statistics.fmean(lengths), 1) if lengths else 0.0,
    }


def ungrounded(reply: str, said: str, room_words: frozenset[str]) -> list[str]:
    """Things the reply speaks of as being here ("the piano") that neither the room nor the user has.

    Only prop kinds the game knows are checked: a character may talk of the sea or Lisbon, but
    "the piano" in a room without one is made up.
    """
    from game.sim.scene import PROP_TYPES

    heard = set(re.findall(r"[a-z]+", said.lower()))
    out = []
    for kind in re.findall(r"\b(?:the|this|that) ([a-z]+)\b", reply.lower()):
        if kind in PROP_TYPES and kind not in room_words and kind not in heard:
            out.append(kind)
    return out


def ssa(answered: list[Answered], labels: dict[str, Label]) -> dict[str, Any]:
    """SSA over the replies whose label judges the reply given now; the rest are counted apart."""
    judged = [
        labels[a.line.key] for a in answered if a.line.key in labels and labels[a.line.key].reply == a.reply
    ]
    n = len(judged)
    sensible = sum(j.sensible for j in judged)
    specific = sum(j.sensible and j.specific for j in judged)
    return {
        "labelled": n,
        "unlabelled": len(answered) - n,
        "sensible": round(sensible / n, 3) if n else None,
        "specific": round(specific / n, 3) if n else None,
        "ssa": round((sensible + specific) / (2 * n), 3) if n else None,
    }


def label_sheet(answered: list[Answered], labels: dict[str, Label], path: Path) -> int:
    """Write the labels file for these replies, keeping every label whose reply is unchanged.

    New or changed replies get empty marks for a person to fill; returns how many need it.
    Rows of lines not played now (the other half of the set) are kept as they are.
    """
    old = load_labels(path) if path.is_file() else {}
    kept = {**old, **labels}
    played = {a.line.key for a in answered}
    others = [row for row in _rows(path) if row["id"] not in played] if path.is_file() else []
    todo = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("# Labels for open_talk.tsv replies (rubric: docs/mind.md, 'Judging open talk').\n")
        out.write("# sensible/specific: 1 or 0; a reply that changes must be judged again.\n")
        out.write("\t".join(COLUMNS) + "\n")
        for a in answered:
            label = kept.get(a.line.key)
            if label is not None and label.reply == a.reply:
                marks = f"{int(label.sensible)}\t{int(label.specific)}"
            else:
                marks, todo = "\t", todo + 1
            out.write(f"{a.line.key}\t{a.line.npc}\t{a.line.text}\t{a.reply}\t{marks}\n")
        for row in others:
            out.write("\t".join(row[k] for k in COLUMNS) + "\n")
    return todo


def run_open_talk(brain: Any, split: str = "test", sheet: Path | None = None) -> dict[str, Any]:
    """Play one split, score it and (optionally) write a label sheet; returns the results."""
    from game.mind.persona import load_persona
    from game.sim.scene import load_scene

    lines = load_set(split=split)
    answered = play(lines, brain)
    scene = load_scene("default")
    personas = {n.name: load_persona(n.persona) for n in scene.npcs}
    room_words = frozenset(
        w for p in scene.props for w in re.findall(r"[a-z]+", f"{p.name} {p.type}".lower())
    )
    labels = load_labels()
    results: dict[str, Any] = {"split": split, "lines": len(lines), **ssa(answered, labels)}
    results["guards"] = guards(answered, personas, room_words)
    results["by_layer"] = dict(Counter(a.layer for a in answered).most_common())
    if sheet is not None:
        results["to_label"] = label_sheet(answered, labels, sheet)
    return results
