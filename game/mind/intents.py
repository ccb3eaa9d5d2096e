"""Intent classification by nearest examples in MiniLM embedding space, with a margin.

Each intent has a few dozen example utterances (below). An utterance's score for an
intent is its best cosine similarity to that intent's examples (mean of the top two, so
one odd example cannot win alone). The margin between the two best intents decides
how sure we are: a command needs a clear lead over any question ("where is the lamp?"
must not send an NPC walking), and a weak best score falls back to small talk.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from game.mind.embedder import Embedder, Matrix
from game.mind.protocols import BODY_ACTIONS, EDIT_ACTIONS
from game.mind.room_words import SURFACES, TYPE_WORDS
from game.sim.colours import NAMED, SHADES

EXAMPLES_PATH = Path(__file__).with_name("data") / "intents.toml"


def load_examples(path: Path = EXAMPLES_PATH) -> dict[str, tuple[str, ...]]:
    """Read the example utterances per intent (a data file, so they can grow without code changes)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {intent: tuple(str(x) for x in lines) for intent, lines in data.items()}


EXAMPLES = load_examples()
QUESTION_INTENTS = ("where_is", "what_on", "what_colour", "room_contents", "what_looking_at")
# Commands an NPC can be given are exactly the actions a reply can carry.
BODY_INTENTS = BODY_ACTIONS
EDIT_INTENTS = EDIT_ACTIONS
COMMAND_INTENTS = BODY_INTENTS + EDIT_INTENTS
MIN_SCORE = 0.42
RAW_WEIGHT = 0.3
COMMAND_MARGIN = 0.05
_QUESTION_START = re.compile(
    r"^(where|what|what's|whats|which|who|who's|is|are|does|do|did|can you see|how many|any|anything)\b"
)


_TOKEN = re.compile(r"[a-z0-9']+|[?!.,]")
DEFAULT_NAMES = frozenset({"ada", "bo", "cleo", "sam", "alex", "maria", "jo"})


def mask_entities(text: str, names: frozenset[str] = DEFAULT_NAMES, phrases: tuple[str, ...] = ()) -> str:
    """Replace names of things and people by placeholders so the intent, not the object, decides.

    Without this "sit on the sofa" and "point at the sofa" look alike because of the sofa.
    ``phrases`` are multi-word prop names from the room ("red box").
    """
    low = re.sub(rf"\b(?:{'|'.join(NAMED)}) ones?\b", "thing", text.lower())
    out: list[str] = []
    for word in _mask_phrases(_TOKEN.findall(low), _phrase_index(phrases)):
        base = word[:-2] if word.endswith("'s") else word
        if base in names:
            out.append("someone")
        elif word in TYPE_WORDS or (word.endswith("s") and word[:-1] in TYPE_WORDS) or word in SURFACES:
            if out and out[-1] in NAMED:
                out.pop()
            out.append("thing")
        else:
            if word in NAMED and out and out[-1] in SHADES:
                out.pop()  # "dark green" asks what "green" asks
            out.append(word)
    return " ".join(out)


@functools.lru_cache(maxsize=8)
def _phrase_index(phrases: tuple[str, ...]) -> tuple[frozenset[tuple[str, ...]], int]:
    """Multi-word names as token tuples, and the longest length (cached: rooms rarely change)."""
    tokens = frozenset(t for t in map(_phrase_tokens, phrases) if t)
    return tokens, max((len(t) for t in tokens), default=0)


@functools.lru_cache(maxsize=1 << 15)
def _phrase_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(phrase.lower()))


def _mask_phrases(words: list[str], index: tuple[frozenset[tuple[str, ...]], int]) -> list[str]:
    """Replace the longest known phrase starting at each word by ``thing``.

    Token n-grams looked up in a set cost the same for 3 props or 10,000; a regular
    expression per phrase made "where is the lamp?" take seconds in a big room.
    """
    known, longest = index
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            if tuple(words[i : i + n]) in known:
                out.append("thing")
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return out


def looks_like_question(text: str) -> bool:
    """Question form: ends with '?' or starts with a question word."""
    low = text.strip().lower()
    return low.endswith("?") or bool(_QUESTION_START.match(low))


@dataclass(frozen=True)
class IntentResult:
    """The chosen intent with its score, the runner-up, their margin, and why (for F3)."""

    intent: str
    score: float
    runner_up: str
    runner_score: float
    nearest: str
    reason: str = "nearest examples"
    vector: Matrix | None = field(default=None, compare=False, repr=False)

    @property
    def margin(self) -> float:
        """How far the winner is ahead of the runner-up."""
        return self.score - self.runner_score


def as_chat(result: IntentResult, reason: str) -> IntentResult:
    """The line is open talk after all; what the classifier thought is kept as the runner-up."""
    return IntentResult("chat", result.score, result.intent, result.score, result.nearest, reason)


class IntentClassifier:
    """Nearest-example classifier over the embedded :data:`EXAMPLES`."""

    def __init__(self, embedder: Embedder, examples: dict[str, tuple[str, ...]] | None = None) -> None:
        self.embedder = embedder
        self.examples = examples or EXAMPLES
        self.labels: list[str] = []
        texts: list[str] = []
        for intent, lines in self.examples.items():
            for line in lines:
                self.labels.append(intent)
                texts.append(line)
        self.texts = texts
        self.matrix: Matrix = embedder.embed_many(texts)
        self.masked: Matrix = embedder.embed_many([mask_entities(t) for t in texts])
        self.intents = list(self.examples)
        self._label_idx = np.array([self.intents.index(lab) for lab in self.labels])

    def scores(self, vector: Matrix, masked: Matrix) -> dict[str, tuple[float, int]]:
        """Per intent: (score, index of its nearest example), mixing raw and entity-masked similarity."""
        sims = RAW_WEIGHT * (self.matrix @ vector) + (1.0 - RAW_WEIGHT) * (self.masked @ masked)
        out: dict[str, tuple[float, int]] = {}
        for k, intent in enumerate(self.intents):
            idx = np.nonzero(self._label_idx == k)[0]
            local = sims[idx]
            order = np.argsort(local)[::-1]
            top = float(local[order[0]])
            second = float(local[order[1]]) if len(order) > 1 else top
            out[intent] = (0.7 * top + 0.3 * second, int(idx[order[0]]))
        return out

    def classify(
        self, text: str, names: frozenset[str] = DEFAULT_NAMES, phrases: tuple[str, ...] = ()
    ) -> IntentResult:
        """Pick an intent, applying the question-over-command margin rule."""
        masked_text = mask_entities(text, names, phrases)
        vec, masked = self.embedder.embed_batch([text, masked_text])
        scored = sorted(self.scores(vec, masked).items(), key=lambda kv: -kv[1][0])
        (best, (s1, i1)), (second, (s2, _)) = scored[0], scored[1]
        reason = "nearest examples"
        if best in COMMAND_INTENTS and looks_like_question(text):
            question = next(((n, si) for n, si in scored if n in QUESTION_INTENTS), None)
            if question and s1 - question[1][0] < COMMAND_MARGIN:
                reason = f"question form; {best} led by only {s1 - question[1][0]:.3f}"
                second, s2 = best, s1
                best, (s1, i1) = question
        if s1 < MIN_SCORE and best != "chat":
            reason = f"best score {s1:.2f} below {MIN_SCORE}"
            (second, s2), best = (best, s1), "chat"
        return IntentResult(best, s1, second, s2, self.texts[i1], reason, vec)
