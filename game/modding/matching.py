"""Matching an utterance against mod intents: exact templates first, then close word overlap.

Mod intents are few and their phrases are written by the modder, so a template match
(``"a {drink} please"``) is both predictable and fast; a close word overlap catches
small variations of typed text ("could I get a latte"). The same templates expand into
phrases for the speech grammar, so what a mod can understand is also what the
recognizer listens for.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from game.modding.api import ModIntent

MIN_OVERLAP = 0.7
_FILLER = {"please", "the", "a", "an", "some", "can", "could", "i", "me", "you", "would", "like", "to"}
_SLOT = re.compile(r"\{(\w+)\}")


def normalise(text: str) -> str:
    """Lower-case words and digits with single spaces (how recognizers write text)."""
    return " ".join(re.sub(r"[^\w' -]+", " ", text.lower()).replace("-", " ").split())


@dataclass(frozen=True)
class Match:
    """An intent that matched, how well (1.0 = a template matched exactly), and its slot values."""

    intent: ModIntent
    score: float
    slots: dict[str, str]


def _regex(example: str, intent: ModIntent) -> re.Pattern[str]:
    out, pos = [], 0
    for m in _SLOT.finditer(example):
        out.append(re.escape(normalise(example[pos : m.start()])))
        values = intent.slots.get(m.group(1))
        if values:
            alts = "|".join(re.escape(normalise(v)) for v in sorted(values, key=len, reverse=True))
            out.append(f"(?P<{m.group(1)}>{alts})")
        else:
            out.append(f"(?P<{m.group(1)}>.+?)")
        pos = m.end()
    out.append(re.escape(normalise(example[pos:])))
    body = r"\s*".join(p for p in out if p)
    return re.compile(rf"(?:please\s*)?{body}(?:\s*please)?")


def _strip_name(text: str, npc: str) -> str:
    name = normalise(npc)
    if not name:
        return text
    text = re.sub(rf"^(?:(?:hey|hi|hello|ok|okay)\s+)?{re.escape(name)}\s+", "", text)
    return re.sub(rf"\s+{re.escape(name)}$", "", text)


def _words(text: str) -> set[str]:
    return {w for w in text.split() if w not in _FILLER}


def match(utterance: str, intents: Iterable[ModIntent], npc: str = "") -> Match | None:
    """Return the best-matching intent, or None when no intent is close enough."""
    text = _strip_name(normalise(utterance), npc)
    best: Match | None = None
    for intent in intents:
        for example in intent.examples:
            m = _regex(example, intent).fullmatch(text)
            if m:
                return Match(intent, 1.0, {k: v.strip() for k, v in m.groupdict().items()})
            slots: dict[str, str] = {}
            filled = normalise(example)
            ok = True
            for slot in _SLOT.findall(example):
                values = intent.slots.get(slot)
                hit = next(
                    (
                        v
                        for v in sorted(values or (), key=len, reverse=True)
                        if re.search(rf"\b{re.escape(v)}\b", text)
                    ),
                    None,
                )
                if hit is None:
                    ok = False
                    break
                slots[slot] = hit
                filled = filled.replace(slot, hit, 1)
            if not ok:
                continue
            a, b = _words(text), _words(filled)
            if not a or not b:
                continue
            score = 2 * len(a & b) / (len(a) + len(b))
            if score >= MIN_OVERLAP and (best is None or score > best.score):
                best = Match(intent, score, slots)
    return best


def phrases(intents: Iterable[ModIntent], limit: int = 400) -> list[str]:
    """Every example with its slots expanded (for the speech grammar); open slots are left out."""
    out: dict[str, None] = {}
    for intent in intents:
        for example in intent.examples:
            names = _SLOT.findall(example)
            if any(not intent.slots.get(n) for n in names):
                continue
            pieces = [intent.slots[n] for n in names]
            for combo in itertools.product(*pieces):
                text = example
                for n, v in zip(names, combo, strict=True):
                    text = text.replace("{" + n + "}", v, 1)
                out[normalise(text)] = None
                if len(out) >= limit:
                    return list(out)
    return list(out)
