"""The candidate recognizer measured beside the app's: pocketsphinx with the room's open language model.

The app's pocketsphinx decodes with a closed phrase grammar (exact on the room's phrases, but
it forces everything else onto one). This decoder uses :mod:`game.hearing.domain_lm`
instead: a trigram model of the room's phrases and the mind's sentences, mixed with the
general English model and open to its 8,000 most frequent words. ``bench understanding
--decoder room-lm`` measures it on the same voice set; it is not wired into the app until
it wins there (see the README's hearing figures).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from game.hearing.domain_lm import LOG10_BASE, General, build_arpa, room_sources
from game.hearing.grammar import vocabulary_for
from game.hearing.protocols import Recognition
from game.hearing.sphinx_decoding import base_config, decode_whole, load_module, words_of
from game.sim.scene import Scene


def general_english() -> General:
    """Pocketsphinx's general English model and its pronunciation dictionary, for mixing."""
    ps = load_module()
    config, lm = base_config(ps)
    model = ps.NGramModel(config, ps.LogMath(), str(lm))

    def prob(gram: tuple[str, ...]) -> float:
        # NGramModel.prob takes the predicted word first, then its history, most recent first.
        return float(model.prob(list(reversed(gram)))) * LOG10_BASE

    with open(config["dict"], encoding="utf-8") as f:
        words = [w for w in (line.split(" ", 1)[0] for line in f) if "(" not in w]
    return General(prob, words)


def language_cache() -> Path:
    """Where built language models are kept (``VOXROOM_CACHE_DIR`` wins, as for Vosk models)."""
    override = os.environ.get("VOXROOM_CACHE_DIR")
    if override:
        return Path(override) / "language"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("voxroom")) / "language"


class OpenDecoder:
    """One whole-utterance decode with the room's open language model, word posteriors kept."""

    def __init__(self, scene: Scene, sentences: Iterable[str]) -> None:
        ps = load_module()
        config, general = base_config(ps)
        vocabulary = vocabulary_for(scene, sentences)
        stat = general.stat()
        identity = f"{general.name}:{stat.st_size}:{int(stat.st_mtime)}"
        sources = room_sources(vocabulary.by_template(), vocabulary.slots.get("npc", ()))
        self.lm = build_arpa(sources, general_english, language_cache(), identity)
        config["lm"] = str(self.lm)
        self._decoder: Any = ps.Decoder(config)

    def recognize(self, audio: bytes) -> Recognition:
        """The words of one finished utterance."""
        if not audio:
            return Recognition("")
        decode_whole(self._decoder, audio)
        words = tuple(words_of(self._decoder))
        return Recognition(" ".join(w.word for w in words), words)
