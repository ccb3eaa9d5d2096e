"""``python -m game.mind.seed_cache``: embed the shipped texts once, at install time.

The default brain embeds its intent examples, persona lines and small-talk corpus;
on a fresh profile that took about 4 s of the first start. ``make setup`` runs this to
write them to :data:`~game.mind.embedder.SEED_PATH` beside the package (derived data,
not in git), which every profile then reads; texts added later (a persona edit, a mod's
intents) are embedded on first use and kept in the user's own cache as before.
"""

from __future__ import annotations

from game.mind.brain import EmbeddingBrain
from game.mind.embedder import SEED_PATH, Embedder


def main() -> int:
    """Build the seed cache; prints where it went and how many texts it holds."""
    embedder = Embedder(SEED_PATH, seed=None)
    EmbeddingBrain(embedder)
    print(f"embedded {len(embedder.cache.vectors)} shipped texts into {SEED_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
