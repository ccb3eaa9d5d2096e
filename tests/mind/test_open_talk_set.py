"""The open-talk set (issue 15's SSA measure) is big, varied, and its test half is held apart.

"Held apart" is checked by meaning, not spelling: no test line may be within 0.85 cosine
(MiniLM) of a development line, of any text in a persona file (lines, facts, the phrasings
topics are retrieved by), of the stock topic phrasings, of an intent example or of the
open-talk development table, so the test figure is not measured on sentences the mind
was built around.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from game.bench.open_talk import LABELS_PATH, load_labels, load_set
from game.mind.persona import PERSONAS_DIR
from game.mind.persona_topics import STOCK_PATH

APART = 0.85
_NAMED = re.compile(r"^(?:ada|bo|cleo),\s*|,?\s*(?:ada|bo|cleo)(?=[?.!]*$)", re.IGNORECASE)


def unnamed(text: str) -> str:
    """The line without the NPC's name: the mind strips it before matching, so the check must too."""
    return _NAMED.sub("", text).strip()


@pytest.fixture(scope="module")
def embed():  # type: ignore[no-untyped-def]
    from game.mind.embedder import Embedder

    embedder = Embedder(None)
    return lambda texts: np.asarray(embedder.embed_many(list(texts)))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def persona_texts() -> list[str]:
    """Every string in the shipped persona files and the stock topic phrasings."""
    texts: list[str] = []
    for path in [*sorted(Path(PERSONAS_DIR).glob("*.toml")), STOCK_PATH]:
        texts.extend(
            s for s in _strings(tomllib.loads(path.read_text(encoding="utf-8"))) if len(s.split()) >= 2
        )
    return texts


def _closest(a: list[str], b: list[str], embed) -> tuple[float, str, str]:  # type: ignore[no-untyped-def]
    sims = embed(a) @ embed(b).T
    i, j = np.unravel_index(np.argmax(sims), sims.shape)
    return float(sims[i, j]), a[i], b[j]


def test_the_set_is_big_and_varied() -> None:
    lines = load_set()
    assert len(lines) >= 300
    assert len({ln.topic for ln in lines}) >= 20
    for split in ("dev", "test"):
        half = [ln for ln in lines if ln.split == split]
        assert {ln.npc for ln in half} == {"Ada", "Bo", "Cleo"}
        assert len({ln.topic for ln in half}) >= 20
        assert sum(ln.topic == "follow_up" for ln in half) >= 10


def test_no_test_line_is_near_a_dev_line(embed) -> None:  # type: ignore[no-untyped-def]
    lines = load_set()
    test = [unnamed(ln.text) for ln in lines if ln.split == "test"]
    dev = [unnamed(ln.text) for ln in lines if ln.split == "dev"]
    score, t, d = _closest(test, dev, embed)
    assert score < APART, (t, d, score)


def test_no_test_line_is_near_what_the_mind_is_built_from(embed) -> None:  # type: ignore[no-untyped-def]
    from game.mind.intents import EXAMPLES
    from tests.mind.test_open_talk import KNOWN_MISSES, OFF_TOPIC, TOPIC_LINES

    test = [unnamed(ln.text) for ln in load_set(split="test")]
    tables = [unnamed(row[1]) for row in (*TOPIC_LINES, *KNOWN_MISSES, *OFF_TOPIC)]
    built_from = [*persona_texts(), *(e for ex in EXAMPLES.values() for e in ex), *tables]
    score, t, b = _closest(test, built_from, embed)
    assert score < APART, (t, b, score)


def test_the_check_sees_past_the_name() -> None:
    assert unnamed("Cleo, do you drink coffee?") == "do you drink coffee?"
    assert unnamed("Where did you study, Ada?") == "Where did you study?"
    assert unnamed("Bo is kind") == "Bo is kind"


def test_labels_name_lines_of_the_set_and_are_marks() -> None:
    keys = {ln.key for ln in load_set()}
    labels = load_labels(LABELS_PATH)
    assert set(labels) <= keys
    assert all(label.reply for label in labels.values())
