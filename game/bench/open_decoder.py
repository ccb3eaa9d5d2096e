"""The candidate recognizer measured beside the app's: pocketsphinx with the room's open language model.

The app's pocketsphinx decodes with a closed phrase grammar (exact on the room's phrases, but
it forces everything else onto one). This decoder uses :mod:`game.hearing.domain_lm`
instead: a trigram model of the room's phrases and the mind's sentences, mixed with the
general English model and open to its 8,000 most frequent words. ``bench understanding
--decoder room-lm`` measures it on the same voice set; it is not wired into the app until
it wins there (see the README's hearing figures).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from game.hearing.grammar import vocabulary_for
from game.hearing.open_words import room_language_model
from game.hearing.protocols import Recognition
from game.hearing.sphinx_decoding import base_config, decode_whole, load_module, words_of
from game.sim.scene import Scene


class OpenDecoder:
    """One whole-utterance decode with the room's open language model, word posteriors kept."""

    def __init__(self, scene: Scene, sentences: Iterable[str]) -> None:
        ps = load_module()
        config, _ = base_config(ps)
        self.lm = room_language_model(vocabulary_for(scene, sentences))
        config["lm"] = str(self.lm)
        self._decoder: Any = ps.Decoder(config)

    def recognize(self, audio: bytes) -> Recognition:
        """The words of one finished utterance."""
        if not audio:
            return Recognition("")
        decode_whole(self._decoder, audio)
        words = tuple(words_of(self._decoder))
        return Recognition(" ".join(w.word for w in words), words)
