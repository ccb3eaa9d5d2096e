"""Retrieval of what a character may say: its own facts and lines, and in-character small talk.

Persona facts are matched by embedding the questions that ask for them ("what is your
job", plus the persona's own ``ask`` phrasings); the answer is the persona's own text,
so a fact is never paraphrased wrong. Small talk comes from the English part of the
``chatterbot-corpus`` package, filtered twice: whole categories that break character
(AI, coding, tech support, the bot's profile) are dropped, and so is any response that
talks about being a bot or a computer. A persona only small-talks on its ``topics``.
"""

from __future__ import annotations

import itertools
import logging
import random
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game.mind.embedder import DIM, Embedder, Matrix
from game.mind.persona import Fact, Persona

log = logging.getLogger(__name__)
FACT_MIN = 0.45
CHAT_MIN = 0.62
DROP_CATEGORIES = {
    "ai",
    "artificial intelligence",
    "profile",
    "coding",
    "tech support",
    "computers",
    "politics",
    "food",
}
"""Whole corpus files no character here can speak from: "food" is a machine's ("My processor requires
very little power", "your asking the wrong guy, however i always wanted to try a burger!")."""
OUT_OF_CHARACTER = re.compile(
    r"\b(bot|bots|robot|chatbot|chatterbot|software|program|programmed|computer|computers|machine|ai|"
    r"artificial|algorithm|database|human|humans|programmer|botmaster|hal|python)\b",
    re.IGNORECASE,
)
MAX_RESPONSE_CHARS = 160


@dataclass(frozen=True)
class Match:
    """A retrieved item with its similarity and the text that matched (for the debug view)."""

    score: float
    matched: str
    answer: str
    category: str = ""


class FactIndex:
    """The questions that ask for each persona fact, embedded once per persona."""

    def __init__(self, persona: Persona, embedder: Embedder) -> None:
        self.embedder = embedder
        self.facts: list[Fact] = []
        texts: list[str] = []
        for fact in persona.facts:
            label = fact.key.replace("_", " ")
            for question in (f"what is your {label}", f"tell me your {label}", *fact.ask):
                self.facts.append(fact)
                texts.append(question)
        self.texts = texts
        self.matrix: Matrix = embedder.embed_many(texts) if texts else np.zeros((0, DIM), np.float32)

    def best(self, vector: Matrix) -> Match | None:
        """Return the fact whose questions are closest to the utterance, if any is close enough."""
        if not self.texts:
            return None
        sims = self.matrix @ vector
        i = int(np.argmax(sims))
        if float(sims[i]) < FACT_MIN:
            return None
        fact = self.facts[i]
        return Match(float(sims[i]), self.texts[i], fact.answer, fact.key)

    def for_key(self, vector: Matrix, key: str) -> Match | None:
        """The closest question of one fact (``key``), however far: the line named its thing."""
        rows = [i for i, fact in enumerate(self.facts) if fact.key == key]
        if not rows:
            return None
        sims = self.matrix[rows] @ vector
        best = rows[int(np.argmax(sims))]
        return Match(float(np.max(sims)), self.texts[best], self.facts[best].answer, key)


def _corpus_dir() -> Path | None:
    try:
        import chatterbot_corpus
    except ImportError:
        return None
    folder = Path(chatterbot_corpus.__file__).parent / "data" / "english"
    return folder if folder.is_dir() else None


def load_corpus() -> list[tuple[str, str, str]]:
    """``(category, prompt, response)`` triples from chatterbot-corpus, filtered to stay in character."""
    folder = _corpus_dir()
    if folder is None:
        log.warning("chatterbot-corpus is not installed; small talk falls back to persona lines")
        return []
    import yaml

    pairs: list[tuple[str, str, str]] = []
    for path in sorted(folder.glob("*.yml")):
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            log.warning("skipping corpus file %s: %s", path, exc)
            continue
        categories = [str(c).lower() for c in doc.get("categories", [])]
        if not categories or DROP_CATEGORIES.intersection(categories):
            continue
        category = categories[0]
        for conv in doc.get("conversations", []):
            lines = [str(x).strip() for x in conv if isinstance(x, (str, int, float))]
            if len(lines) < 2:
                continue
            steps = (
                itertools.pairwise(lines)
                if category == "conversations"
                else ((lines[0], r) for r in lines[1:])
            )
            for prompt, response in steps:
                if OUT_OF_CHARACTER.search(response) or OUT_OF_CHARACTER.search(prompt):
                    continue
                if len(response) > MAX_RESPONSE_CHARS or not response:
                    continue
                pairs.append((category, prompt, response))
    return pairs


class SmallTalk:
    """Nearest corpus prompt → one of its responses, limited to a persona's topics."""

    def __init__(self, embedder: Embedder, corpus: list[tuple[str, str, str]] | None = None) -> None:
        self.pairs = load_corpus() if corpus is None else corpus
        self.prompts = sorted({p for _, p, _ in self.pairs})
        self._index = {p: i for i, p in enumerate(self.prompts)}
        self.responses: list[list[tuple[str, str]]] = [[] for _ in self.prompts]
        for category, prompt, response in self.pairs:
            self.responses[self._index[prompt]].append((category, response))
        self.matrix: Matrix = (
            embedder.embed_many(self.prompts) if self.prompts else np.zeros((0, DIM), np.float32)
        )

    def reply(self, vector: Matrix, persona: Persona, rng: random.Random) -> Match | None:
        """Return an in-topic response, or a Match with empty answer when the topic is not the persona's."""
        if not self.prompts:
            return None
        sims = self.matrix @ vector
        order = np.argsort(sims)[::-1][:5]
        topics = {t.lower() for t in persona.topics}
        for i in order:
            score = float(sims[i])
            if score < CHAT_MIN:
                break
            options = [r for c, r in self.responses[i] if not topics or c in topics]
            if options:
                return Match(score, self.prompts[i], rng.choice(options), self.responses[i][0][0])
        i = int(order[0])
        if float(sims[i]) >= CHAT_MIN:
            return Match(float(sims[i]), self.prompts[i], "", self.responses[i][0][0])
        return None
