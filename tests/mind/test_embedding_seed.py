"""A fresh profile reads the install-time seed of embeddings instead of recomputing them."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from game.mind.embedder import DIM, Embedder, EmbeddingCache


def _write(path: Path, vectors: dict[str, np.ndarray]) -> None:
    keys = np.array(sorted(vectors), dtype=np.str_)
    np.savez(path, keys=keys, vectors=np.stack([vectors[k] for k in keys]).astype(np.float32))


def test_seeded_texts_come_from_the_seed_and_new_ones_go_to_the_user_cache(tmp_path: Path) -> None:
    seed, user = tmp_path / "seed.npz", tmp_path / "profile" / "embeddings.npz"
    probe = Embedder(None, seed=None)
    marker = np.zeros(DIM, dtype=np.float32)
    marker[0] = 1.0  # no sentence embeds to exactly this: it proves the vector came from the seed
    _write(seed, {probe._key("hello there"): marker})
    embedder = Embedder(user, seed=seed)
    vectors = embedder.embed_many(["hello there", "where is the lamp"])
    assert np.array_equal(vectors[0], marker)
    assert not np.array_equal(vectors[1], marker) and abs(float(np.linalg.norm(vectors[1])) - 1.0) < 1e-3
    embedder.save_cache()
    saved = EmbeddingCache(user).vectors
    assert probe._key("where is the lamp") in saved


def test_a_corrupt_seed_is_ignored(tmp_path: Path) -> None:
    seed = tmp_path / "seed.npz"
    seed.write_bytes(b"not numpy")
    assert EmbeddingCache(None, seed).vectors == {}
