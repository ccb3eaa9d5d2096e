"""``voxroom bench understanding``: spoken requests through the recognizer and the mind, judged.

Every line of ``data/voice_set.tsv`` is spoken by espeak-ng and flite voices, clean, in
fan noise and in a reverberant room, decoded by pocketsphinx's final pass with the room's
language model (the app's recognizer, without the streaming partials), and answered by
the default brain in a fresh copy of the default room, with the recognizer's word
confidences. The same lines typed are the baseline. Judged per line:

- *handled right*: a request gets the right NPC and intent (its action carried out);
  talk and nonsense get an answer and no action;
- *unasked change*: the room or an NPC changed (a prop, a surface, the lights, where an NPC goes,
  whom it follows) when the line did not ask for that change (gestures such as pointing change nothing);
- *open-talk WER*: word errors on the talk lines.

When the NPC asks first ("Did I hear that right? Do you want me to add a lamp?"), the line is not
handled right (nothing was done), but the user answers as a person would, yes when it is what they
asked for and no otherwise, and ``*_after_confirming`` says how many were right once answered.

``--split dev`` is for tuning; the ``test`` figures are the ones to report.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from game.bench import write_result
from game.bench.voices import CONDITIONS, VOICES, in_room, synthesize, word_errors
from game.events import FinalTranscript
from game.hearing.grammar import normalise

SET_PATH = Path(__file__).with_name("data") / "voice_set.tsv"


@dataclass(frozen=True)
class Line:
    """One line of the voice set (see the file's header)."""

    split: str
    kind: str
    npc: str
    intent: str
    text: str


def load_set(path: Path = SET_PATH) -> list[Line]:
    """The voice set's lines, in file order."""
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            split, kind, npc, intent, text = raw.split("\t")
            lines.append(Line(split, kind, "" if npc == "-" else npc, "" if intent == "-" else intent, text))
    return lines


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``bench understanding``."""
    p = sub.add_parser(
        "understanding",
        help="spoken requests (espeak-ng and flite voices, clean/noise/reverb) handled right (JSON)",
    )
    p.add_argument("--split", choices=("dev", "test"), default="test", help="which half of the voice set")
    p.add_argument("--voices", type=int, default=len(VOICES), help="use the first N voices (default all)")
    p.add_argument("--conditions", default=",".join(CONDITIONS), help="comma-separated: clean, noise, reverb")
    p.add_argument("--limit", type=int, default=0, help="only the first N lines of the split (0 = all)")
    p.add_argument("--out", default="bench-results/understanding.json", help="JSON file to write")
    p.set_defaults(handler=_run)


class Judge:
    """The default room and brain, fresh for every line, so no line sees another's edits."""

    def __init__(self) -> None:
        from game.mind.brain import EmbeddingBrain
        from game.sim.scene import load_scene

        self.scene = load_scene("default")
        self.brain = EmbeddingBrain(seed=1)

    def answer(self, line: Line, text: str, doubtful: frozenset[str]) -> dict[str, Any]:
        """How the room answers ``text`` heard for ``line``: right or not, and what changed."""
        from game.mind.session import MindSession

        session = MindSession(self.scene, self.brain, remember=False)
        before = room_state(session.world)
        exchange = session.say(text, doubtful=doubtful)
        if exchange is None:
            return {"right": False, "unasked": False, "npc": None, "intent": "nobody", "applied": []} | {
                "confirming": "",
                "right_confirmed": False,
            }
        right, unasked = self._judged(line, session, exchange, before)
        pending = session.focus[exchange.npc].get("pending_intent")
        outcome = {"right": right, "unasked": unasked, "npc": exchange.npc, "intent": exchange.reply.intent}
        outcome |= {"applied": exchange.applied, "confirming": pending or "", "right_confirmed": right}
        if pending:
            # The user answers the NPC's "Do you want me to …?" as a person would: yes when it is
            # what they asked for, no otherwise (typed: the answer's own hearing is not measured).
            wanted = (
                line.kind == "request"
                and pending == line.intent
                and (not line.npc or exchange.npc == line.npc)
            )
            answer = session.say("yes" if wanted else "no", exchange.npc)
            if answer is not None:
                answer.npc = exchange.npc
                answer.reply = replace(answer.reply, intent=str(pending) if wanted else answer.reply.intent)
                outcome["right_confirmed"], late = self._judged(line, session, answer, before)
                outcome["unasked"] = unasked or late
        return outcome

    @staticmethod
    def _judged(line: Line, session: Any, exchange: Any, before: tuple[object, ...]) -> tuple[bool, bool]:
        """(handled right, changed unasked) for ``exchange`` against the room ``before`` the line."""
        changed = room_state(session.world) != before
        acted = bool(exchange.applied or exchange.reply.actions)
        if line.kind == "request":
            asked = exchange.reply.intent == line.intent and (not line.npc or exchange.npc == line.npc)
            return asked and (acted or not _is_action(line.intent)), changed and not asked
        return not changed and (not line.npc or exchange.npc == line.npc), changed


def room_state(world: Any) -> tuple[object, ...]:
    """What a line may change: the props, surfaces and lights, and where each NPC goes and whom it follows."""
    props = sorted((p.name, p.type, tuple(p.position), tuple(p.colour), tuple(p.scale)) for p in world.props)
    anim = world.animator
    npcs = [(n.name, world.npc_destination(n.name), anim.get(n.name).following) for n in world.scene.npcs]
    return tuple(props), tuple(npcs), world.scene.room, world.scene.lights


def _is_action(intent: str) -> bool:
    from game.mind.protocols import ACTION_NAMES

    return intent in ACTION_NAMES


def _decoder(judge: Judge) -> Any:
    """The final pass as ``voxroom run`` builds it (in-process here), with the mind's sentences."""
    from game.hearing.grammar import vocabulary_for
    from game.hearing.sphinx_asr import SphinxRecognizer
    from game.mind.phrasings import sentences_for_scene

    talk = sentences_for_scene(judge.scene)
    return SphinxRecognizer(vocabulary_for(judge.scene), inline=True, talk=talk).second_pass


def evaluate(
    lines: list[Line],
    voices: list[tuple[str, str]],
    conditions: list[str],
    cache: Path,
) -> dict[str, Any]:
    """Decode and judge every (line, voice, condition); return the summary and the misses."""
    judge = Judge()
    decoder = _decoder(judge)
    typed = [judge.answer(line, line.text, frozenset()) for line in lines]
    spoken: list[dict[str, Any]] = []
    decode_s: list[float] = []
    for i, line in enumerate(lines):
        for synth, voice in voices:
            clip = synthesize(line.text, synth, voice, cache)
            for condition in conditions:
                audio = in_room(clip, condition, seed=i).tobytes()  # the room is not the decoder's time
                started = time.perf_counter()
                heard = decoder.recognize(audio)
                decode_s.append(time.perf_counter() - started)
                doubtful = FinalTranscript(text=heard.text, words=heard.words).doubtful
                outcome = judge.answer(line, heard.text, doubtful)
                errors, words = word_errors(normalise(line.text), heard.text)
                spoken.append(
                    outcome
                    | {"line": line.text, "kind": line.kind, "voice": f"{synth}/{voice}"}
                    | {"condition": condition, "heard": heard.text, "doubtful": sorted(doubtful)}
                    | {"errors": errors, "words": words}
                )
    return _summary(lines, typed, spoken, decode_s)


def _rate(rows: list[dict[str, Any]], key: str) -> float:
    return round(sum(1 for r in rows if r[key]) / len(rows), 3) if rows else 0.0


def _wer(rows: list[dict[str, Any]]) -> float:
    errors, words = sum(int(r["errors"]) for r in rows), sum(int(r["words"]) for r in rows)
    return round(errors / max(1, words), 3)


def _summary(
    lines: list[Line], typed: list[dict[str, Any]], spoken: list[dict[str, Any]], decode_s: list[float]
) -> dict[str, Any]:
    by: dict[str, dict[str, list[dict[str, Any]]]] = {"kind": defaultdict(list), "voice": defaultdict(list),
                                                      "condition": defaultdict(list)}  # fmt: skip
    for row in spoken:
        for key in by:
            by[key][row[key]].append(row)
    talk, requests = by["kind"]["talk"], by["kind"]["request"]
    typed_requests = [t for t, ln in zip(typed, lines, strict=True) if ln.kind == "request"]
    return {
        "lines": len(lines),
        "decodes": len(spoken),
        "handled_right_spoken": _rate(spoken, "right"),
        "handled_right_typed": _rate(typed, "right"),
        "requests_right_spoken": _rate(requests, "right"),
        "requests_right_typed": _rate(typed_requests, "right"),
        "unasked_change_rate": _rate(spoken, "unasked"),
        "confirmations_asked": _rate([r | {"asked": bool(r["confirming"])} for r in spoken], "asked"),
        "handled_right_spoken_after_confirming": _rate(spoken, "right_confirmed"),
        "requests_right_spoken_after_confirming": _rate(requests, "right_confirmed"),
        "nonsense_actions": sum(1 for r in by["kind"]["nonsense"] if r["unasked"]),
        "open_talk_wer": _wer(talk),
        "request_wer": _wer(requests),
        "decode_ms_p50": round(statistics.median(decode_s) * 1000, 1) if decode_s else 0.0,
        "by_voice": {k: _rate(v, "right") for k, v in by["voice"].items()},
        "by_condition": {k: _rate(v, "right") for k, v in by["condition"].items()},
        "unasked": [r for r in spoken if r["unasked"]],
        "misses": [r for r in spoken if not r["right"]][:400],
    }


def _run(args: argparse.Namespace) -> int:
    lines = [ln for ln in load_set() if ln.split == args.split]
    if args.limit:
        lines = lines[: args.limit]
    voices = list(VOICES[: args.voices])
    conditions = [c.strip() for c in args.conditions.split(",") if c.strip()]
    cache = Path(args.out).parent / "speech-cache"
    measured = evaluate(lines, voices, conditions, cache)
    result = {"split": args.split, **measured}
    write_result(Path(args.out), "understanding", result)
    print(
        f"{args.split}: {result['lines']} lines × {len(voices)} voices × {len(conditions)} rooms: "
        f"handled right spoken {result['handled_right_spoken']:.1%} "
        f"(typed {result['handled_right_typed']:.1%}); "
        f"requests {result['requests_right_spoken']:.1%} (typed {result['requests_right_typed']:.1%}); "
        f"unasked changes {result['unasked_change_rate']:.1%}; "
        f"confirmations asked {result['confirmations_asked']:.1%}, requests right once answered "
        f"{result['requests_right_spoken_after_confirming']:.1%}; "
        f"open-talk WER {result['open_talk_wer']:.1%}; "
        f"decode p50 {result['decode_ms_p50']:.0f} ms"
    )
    return 0
