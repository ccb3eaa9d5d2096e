"""A domain language model for pocketsphinx: the room's phrasings, open to everyday English.

A closed phrase grammar forces whatever it hears onto its nearest phrase ("wave" became
"wait here"); free dictation with the general English model gets half the words wrong.
This model sits between them: a trigram model counted from the room's own sentences
(the scene's names and things, the mind's example phrasings, paraphrase wrappers such as
"can you …" and a name anywhere), interpolated with pocketsphinx's general English model
on every n-gram it lists, and open to the most frequent English words through the
unigrams. So "take a seat" or "my name is Sam" stay possible, while "Ada, wave to me" is
what the decoder expects.

Built as an ARPA file in a cache folder keyed by its content, so a scene or persona edit
rebuilds it and a restart reuses it. Pure Python and the general model's own ``prob``
queries; no external toolkit.
"""

from __future__ import annotations

import hashlib
import math
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

GENERAL_WEIGHT = 0.03
"""Share of the general English model in every listed n-gram. On a third of the development
half: lines handled right 55.4 / 57.7 / 59.9 % at 0.3 / 0.1 / 0.03 (the last two with
:data:`~game.hearing.sphinx_decoding.OPEN_WORD_PENALTY`); words outside the room stay reachable
through the unigrams (:data:`OPEN_WORDS`)."""
KEEP = 64
"""Room models kept in the cache (at most ~20 MB): every scene and mod set a user switches between,
with room to spare, so a recognizer that restarts its helper finds its model still there."""
OPEN_WORDS = 8000
"""How many of the most frequent English words stay reachable through the unigrams."""
LOG10_BASE = math.log10(1.0001)  # pocketsphinx's LogMath reports log base 1.0001

Ngram = tuple[str, ...]
Counts = dict[Ngram, float]
"""Weighted n-gram counts (a sentence of weight 0.5 counts each of its n-grams half)."""
GeneralProb = Callable[[Ngram], float]
"""log10 P(last word | the words before it) from the general model."""


WRAPPERS = (
    "{n} {s}",
    "{s} {n}",
    "hey {n} {s}",
    "hi there {n} {s}",
    "excuse me {n} {s}",
    "{n} can you {s}",
    "can you {s}",
    "could you {s}",
    "would you {s}",
    "please {s}",
    "{s} please",
    "i want you to {s}",
)
"""How people wrap a request: a name anywhere, politeness, "can you …" ({n} a name, {s} the request)."""
VOCATIVES = WRAPPERS[:3]
"""How people wrap small talk: only a name ("Bo, do you like rain?"), never "can you …". Against
the mind's sentences in every request wrapper, on a third of the development half: clean
espeak-ng lines heard exactly 34 → 42 of 108, request word errors 23.8 → 22.2 %, unasked changes
0.3 → 0 %."""
WRAPPED_SHARE = 0.3
"""Each wrapped sentence's weight against its plain sentence's."""


@dataclass(frozen=True)
class Source:
    """Sentences and how much each counts (a weight of 2 counts every n-gram twice)."""

    sentences: tuple[str, ...]
    weight: float = 1.0


def room_sources(
    templates: Sequence[tuple[str, ...]], names: Sequence[str], talk: Sequence[str] = ()
) -> list[Source]:
    """The sentences the model is counted from, and how much each counts.

    Each template's fillings count one sentence's worth together, and again inside every wrapper;
    ``talk``, the mind's sentences, count one sentence's worth each, and again inside the
    :data:`VOCATIVES`.

    Each sentence is wrapped once per wrapper with the names taking turns: a trigram model
    generalises from "ada can you" and "can you sit" to every name and request, so the
    full cross product would only cost time.
    """
    who = list(names) or ["you"]
    sources: list[Source] = []
    for fills in (f for f in templates if f):
        share = 1.0 / len(fills)
        sources += [Source(fills, share), Source(_wrapped(fills, WRAPPERS, who), WRAPPED_SHARE * share)]
    talk = tuple(t for t in talk if t)
    if talk:
        sources += [Source(talk), Source(_wrapped(talk, VOCATIVES, who), WRAPPED_SHARE)]
    return sources


def _wrapped(sentences: Sequence[str], wrappers: Sequence[str], who: Sequence[str]) -> tuple[str, ...]:
    pairs = ((i, s, j, w) for i, s in enumerate(sentences) for j, w in enumerate(wrappers))
    return tuple(w.format(n=who[(i + j) % len(who)], s=s) for i, s, j, w in pairs)


def count_ngrams(sources: Iterable[Source]) -> dict[int, Counts]:
    """Weighted 1-, 2- and 3-gram counts with sentence boundaries ``<s>`` and ``</s>``."""
    counts: dict[int, Counts] = {n: defaultdict(float) for n in (1, 2, 3)}
    for source in sources:
        for sentence in source.sentences:
            words = ["<s>", *sentence.split(), "</s>"]
            for n in (1, 2, 3):
                for i in range(len(words) - n + 1):
                    gram = tuple(words[i : i + n])
                    if gram != ("<s>",):
                        counts[n][gram] += source.weight
    return counts


def _witten_bell(counts: dict[int, Counts]) -> dict[Ngram, float]:
    """Domain probabilities P(w | h) of every seen n-gram, Witten-Bell discounted.

    The mass held back for unseen words after ``h`` is ``types(h) / (count(h) + types(h))``;
    it goes to the lower order through the backoff weights computed later.
    """
    probs: dict[Ngram, float] = {}
    total = sum(counts[1].values())
    for gram, c in counts[1].items():
        probs[gram] = c / total
    for n in (2, 3):
        context_total: dict[Ngram, float] = defaultdict(float)
        context_types: Counts = defaultdict(float)
        for gram, c in counts[n].items():
            context_total[gram[:-1]] += c
            context_types[gram[:-1]] += 1
        for gram, c in counts[n].items():
            h = gram[:-1]
            probs[gram] = c / (context_total[h] + context_types[h])
    return probs


def interpolate(
    counts: dict[int, Counts],
    general: GeneralProb,
    open_words: dict[str, float],
    weight: float = GENERAL_WEIGHT,
) -> tuple[dict[Ngram, float], dict[Ngram, float]]:
    """``(log10 P, log10 backoff)`` for every listed n-gram of the mixed model.

    Unigrams cover the domain words and ``open_words`` (word → general log10 P); each listed
    n-gram's probability is ``(1 - weight) · P_domain + weight · P_general``. Backoff weights
    make every context's distribution sum to one (the ARPA convention).
    """
    domain = _witten_bell(counts)
    vocab = {g[0] for g in counts[1]} | set(open_words) | {"<s>"}
    uni_general = {w: 10 ** open_words[w] if w in open_words else 10 ** general((w,)) for w in vocab}
    scale = sum(v for w, v in uni_general.items() if w != "<s>") or 1.0
    prob: dict[Ngram, float] = {}
    for w in vocab:
        p = (1 - weight) * domain.get((w,), 0.0) + weight * uni_general[w] / scale
        prob[(w,)] = p if w != "<s>" else 0.0
    for n in (2, 3):
        for gram in counts[n]:
            prob[gram] = (1 - weight) * domain[gram] + weight * 10 ** general(gram)
    backoff = _backoff_weights(prob)
    logp = {g: (math.log10(p) if p > 0 else -99.0) for g, p in prob.items()}
    return logp, {h: math.log10(b) for h, b in backoff.items()}


def _backoff_weights(prob: dict[Ngram, float]) -> dict[Ngram, float]:
    listed: dict[Ngram, list[Ngram]] = defaultdict(list)
    for gram in prob:
        if len(gram) > 1:
            listed[gram[:-1]].append(gram)
    backoff: dict[Ngram, float] = {}

    def p_lower(gram: Ngram) -> float:
        """The model's P(w | h) for a gram of order ≥ 1, backing off as the ARPA reader will."""
        if gram in prob:
            return prob[gram]
        if len(gram) == 1:
            return 0.0
        return backoff.get(gram[:-1], 1.0) * p_lower(gram[1:])

    for order in (1, 2):
        for h, grams in listed.items():
            if len(h) != order:
                continue
            seen = sum(prob[g] for g in grams)
            lower = sum(p_lower(g[1:]) for g in grams)
            backoff[h] = max(1e-9, 1.0 - seen) / max(1e-9, 1.0 - lower)
    return backoff


def to_arpa(logp: dict[Ngram, float], logb: dict[Ngram, float]) -> str:
    """The model as ARPA text (what pocketsphinx's ``NGramModel`` reads)."""
    by_order: dict[int, list[Ngram]] = defaultdict(list)
    for gram in logp:
        by_order[len(gram)].append(gram)
    lines = ["\\data\\"] + [f"ngram {n}={len(by_order[n])}" for n in (1, 2, 3)]
    for n in (1, 2, 3):
        lines += ["", f"\\{n}-grams:"]
        for gram in sorted(by_order[n]):
            row = f"{logp[gram]:.5f}\t{' '.join(gram)}"
            if n < 3 and gram in logb:
                row += f"\t{logb[gram]:.5f}"
            lines.append(row)
    return "\n".join([*lines, "", "\\end\\", ""])


class General:
    """The general English model the domain model leans on (pocketsphinx's, or any with ``prob``)."""

    def __init__(self, prob: GeneralProb, dictionary: Iterable[str]) -> None:
        self.prob = prob
        self.dictionary = dictionary

    def open_words(self, top: int = OPEN_WORDS) -> dict[str, float]:
        """The ``top`` most frequent dictionary words, with their general log10 P."""
        scored = sorted(((self.prob((w,)), w) for w in self.dictionary), reverse=True)
        return {w: p for p, w in scored[:top]}


def build_arpa(
    sources: Iterable[Source],
    general: Callable[[], General],
    cache: Path,
    identity: str,
    weight: float = GENERAL_WEIGHT,
) -> Path:
    """Write (or reuse) the mixed model for ``sources``; returns the ARPA file's path.

    ``general`` is only called (the general model only loaded) when the cache misses;
    ``identity`` names that model's file so a new one is not mixed up with the cached.
    """
    sources = list(sources)
    content = repr((weight, OPEN_WORDS, identity, [(s.weight, s.sentences) for s in sources]))
    path = cache / f"domain-{hashlib.sha256(content.encode()).hexdigest()[:16]}.arpa"
    if path.exists():
        path.touch()  # recently used: the last to be pruned
        return path
    model = general()
    logp, logb = interpolate(count_ngrams(sources), model.prob, model.open_words(), weight)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(to_arpa(logp, logb), encoding="utf-8")
    tmp.replace(path)
    prune(cache)
    return path


def prune(cache: Path, keep: int = KEEP) -> None:
    """Delete all but the ``keep`` most recently used models (each scene's sentences make a new one).

    A room edit or a mod changes the sentences, and every set left its 170–320 KB model behind:
    48 of them after one day of tests here. A decoder reads its model when it is built, so a
    file deleted later is not missed; a reused one was just touched and is among the newest.
    """
    models = sorted(cache.glob("domain-*.arpa"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in models[keep:]:
        old.unlink(missing_ok=True)
