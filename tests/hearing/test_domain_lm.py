"""The room language model (the candidate decoder): a proper ARPA model pocketsphinx loads."""

from __future__ import annotations

import math
import os
from pathlib import Path

import pytest

from game.hearing.domain_lm import General, Source, build_arpa, count_ngrams, interpolate, prune, room_sources


def _uniform(vocab: list[str]) -> General:
    return General(lambda gram: -math.log10(len(vocab)), vocab)


def _prob(logp: dict, logb: dict, gram: tuple[str, ...]) -> float:
    """P(w | h) as an ARPA reader computes it, backing off."""
    if gram in logp:
        return 10 ** logp[gram]
    return 10 ** logb.get(gram[:-1], 0.0) * _prob(logp, logb, gram[1:])


def test_every_context_sums_to_one() -> None:
    sentences = ("bo walk to the window", "ada walk to the table", "where is the lamp")
    counts = count_ngrams([Source(sentences)])
    vocab = ["bo", "ada", "walk", "to", "the", "window", "table", "where", "is", "lamp", "hello", "music"]
    general = _uniform(vocab)
    logp, logb = interpolate(counts, general.prob, general.open_words(top=len(vocab)), weight=0.3)
    words = [*vocab, "</s>"]
    for context in (("walk",), ("to", "the"), ("the",), ("hello",), ("<s>",)):
        total = sum(_prob(logp, logb, (*context, w)) for w in words)
        assert total == pytest.approx(1.0, abs=1e-3), context
    assert _prob(logp, logb, ("to", "the", "window")) > _prob(logp, logb, ("to", "the", "music"))


def test_wrappers_put_a_name_anywhere() -> None:
    [fills, wrapped] = room_sources([("walk to the table",)], ["Ada", "Bo"])
    assert fills.sentences == ("walk to the table",)
    assert {"excuse me Ada walk to the table", "excuse me Bo walk to the table"} & set(wrapped.sentences)
    assert "walk to the table please" in wrapped.sentences


def test_pocketsphinx_loads_the_model_and_the_cache_reuses_it(tmp_path: Path) -> None:
    from game.hearing.open_words import general_english
    from game.hearing.sphinx_decoding import base_config, load_module

    built: list[int] = []

    def general() -> General:
        built.append(1)
        return general_english()

    sources = [Source(("ada walk to the table", "bo where is the lamp"))]
    path = build_arpa(sources, general, tmp_path, "test")
    again = build_arpa(sources, general, tmp_path, "test")
    assert again == path and built == [1], "the second build came from the cache"
    ps = load_module()
    config, _ = base_config(ps)
    model = ps.NGramModel(config, ps.LogMath(), str(path))
    assert model.prob(["table", "the", "to"]) > model.prob(["music", "the", "to"])


def test_the_cache_keeps_only_the_most_recently_used_models(tmp_path: Path) -> None:
    for n in range(20):
        model = tmp_path / f"domain-{n:016d}.arpa"
        model.write_text("\\data\\\n")
        os.utime(model, (1000.0 + n, 1000.0 + n))
    other = tmp_path / "general.dic"
    other.write_text("kept")
    prune(tmp_path, keep=4)
    left = sorted(p.name for p in tmp_path.glob("domain-*.arpa"))
    assert left == [f"domain-{n:016d}.arpa" for n in (16, 17, 18, 19)]
    assert other.exists(), "only the room models are pruned"
