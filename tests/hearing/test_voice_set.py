"""The voice set's two halves are apart: no test line is a near-copy of a dev line or of training text."""

from __future__ import annotations

import re

import numpy as np
import pytest

from game.bench.understanding import load_set
from game.hearing.grammar import normalise

NEAR_COPY = 0.95
"""Cosine similarity (MiniLM) at or above which two lines count as the same sentence."""


@pytest.fixture(scope="module")
def embed():  # type: ignore[no-untyped-def]
    from game.mind.embedder import Embedder

    embedder = Embedder()
    return lambda texts: np.asarray(embedder.embed_many(list(texts)))


def test_the_set_is_big_enough() -> None:
    lines = load_set()
    kinds = [ln.kind for ln in lines]
    assert kinds.count("request") >= 150 and kinds.count("talk") >= 50 and kinds.count("nonsense") >= 10
    assert {ln.split for ln in lines} == {"dev", "test"}


def test_an_npc_is_expected_only_where_the_line_names_it() -> None:
    """An unnamed line goes to whoever the user faces; the bench has no gaze, so anyone may answer."""
    names = re.compile(r"\b(ada|bo|cleo)\b", re.IGNORECASE)
    unnamed = [ln.text for ln in load_set() if ln.npc and not names.search(ln.text)]
    assert unnamed == []


def test_dev_and_test_are_apart(embed) -> None:  # type: ignore[no-untyped-def]
    lines = load_set()
    dev = [ln.text for ln in lines if ln.split == "dev"]
    test = [ln.text for ln in lines if ln.split == "test"]
    assert not {normalise(t) for t in test} & {normalise(d) for d in dev}
    sims = embed(test) @ embed(dev).T
    worst = np.unravel_index(np.argmax(sims), sims.shape)
    assert sims.max() < NEAR_COPY, (test[worst[0]], dev[worst[1]], float(sims.max()))


def test_test_lines_are_not_in_what_the_recognizer_or_the_mind_learn_from(embed) -> None:  # type: ignore[no-untyped-def]
    from game.hearing.grammar import vocabulary_for
    from game.mind.intents import EXAMPLES
    from game.sim.scene import load_scene

    test = [ln.text for ln in load_set() if ln.split == "test" and ln.kind != "nonsense"]
    learned = [*vocabulary_for(load_scene("default")).phrases(), *(e for ex in EXAMPLES.values() for e in ex)]
    assert not {normalise(t) for t in test} & {normalise(x) for x in learned}
    sims = embed(test) @ embed(learned).T
    worst = np.unravel_index(np.argmax(sims), sims.shape)
    assert sims.max() < NEAR_COPY, (test[worst[0]], learned[worst[1]], float(sims.max()))
