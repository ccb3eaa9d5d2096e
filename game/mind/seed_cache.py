"""``python -m game.mind.seed_cache``: embed the shipped texts once, at install time.

The default brain embeds its intent examples, the shipped personas' facts and authored
topics, and the small-talk corpus;
on a fresh profile that took about 4 s of the first start. ``make setup`` runs this to
write them to :data:`~game.mind.embedder.SEED_PATH` beside the package (derived data,
not in git), which every profile then reads; texts added later (a persona edit, a mod's
intents) are embedded on first use and kept in the user's own cache as before.
"""

from __future__ import annotations

from game.mind.brain import EmbeddingBrain
from game.mind.embedder import SEED_PATH, Embedder
from game.mind.persona import PERSONAS_DIR, PersonaError, load_persona


def main() -> int:
    """Build the seed cache; prints where it went and how many texts it holds."""
    embedder = Embedder(SEED_PATH, seed=None)
    brain = EmbeddingBrain(embedder)
    for path in sorted(PERSONAS_DIR.glob("*.toml")):
        try:
            persona = load_persona(path.stem)
        except PersonaError as exc:  # a broken shipped persona is the tests' business, not setup's
            print(f"skipped: {exc}")
            continue
        brain.facts_for(persona)
        brain.topics_for(persona)
    embedder.save_cache()
    print(f"embedded {len(embedder.cache.vectors)} shipped texts into {SEED_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
