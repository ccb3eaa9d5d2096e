"""The running words as open English hears them, for ending turns only.

The app's streaming pass decodes with the room's closed phrase grammar, which forces whatever
it hears onto a whole phrase: in a thinking pause after "I went to the market and…" it reads
"what are you doing", after "We walked along the river and…" "remove the lamp please". Those
half sentences look finished, and smart endpointing ended the turn in the pause. A second
streaming decoder with the room's open language model (:mod:`game.hearing.domain_lm`: the
room's phrasings, open to the 8,000 most frequent English words) hears "i went to the market
and" there, so the words' veto ("and…", "the…") works on speech the grammar does not cover.
Its words are only ever used to *wait*: they are too rough on synthetic voices ("oh where is
the lamp") to end a turn or to answer.

Measured on this 2-core machine: 2.4 ms of decoding per 32 ms frame (the grammar pass: 0.9 ms),
on the hearing thread; building the model takes under a second and is cached.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from game.files import voxroom_cache
from game.hearing.domain_lm import GENERAL_WEIGHT, LOG10_BASE, General, build_arpa, room_sources
from game.hearing.grammar import Vocabulary
from game.hearing.sphinx_decoding import base_config, load_module

log = logging.getLogger(__name__)
VETO_GENERAL_WEIGHT = 0.3
"""General English's share in the model the veto streams: the veto listens for everyday
unfinished sentences ("i went to the market and"), and its knobs were set on the paused-speech
development half with this share (the final pass's model uses far less, for room phrases)."""


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
    """Where built language models are kept, beside the fetched Vosk models."""
    return voxroom_cache() / "language"


def room_language_model(
    vocabulary: Vocabulary, talk: Sequence[str] = (), general_weight: float = GENERAL_WEIGHT
) -> Path:
    """The room's open language model for ``vocabulary`` and the mind's sentences ``talk``.

    Built once, then read from the cache.
    """
    ps = load_module()
    _, general = base_config(ps)
    stat = general.stat()
    identity = f"{general.name}:{stat.st_size}:{int(stat.st_mtime)}"
    sources = room_sources(vocabulary.by_template(), vocabulary.slots.get("npc", ()), talk)
    return build_arpa(sources, general_english, language_cache(), identity, general_weight)


class OpenWords:
    """A streaming pocketsphinx decoder on the room's open language model: words, no results."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        ps = load_module()
        config, _ = base_config(ps)
        config["lm"] = str(room_language_model(vocabulary, general_weight=VETO_GENERAL_WEIGHT))
        # Only the running words are read, never a result: the flat second search that
        # pocketsphinx runs when an utterance ends took 45-80 ms on the hearing thread, holding
        # the GIL, so the NPC's visible reaction and its answer came that much later.
        config["fwdflat"] = False
        self._decoder: Any = ps.Decoder(config)
        self._in_utt = False

    def accept(self, pcm: bytes) -> None:
        """Feed audio; starts the utterance on the first call."""
        if not self._in_utt:
            self._decoder.start_utt()
            self._in_utt = True
        self._decoder.process_raw(pcm, False, False)

    def words(self) -> str:
        """The best words so far ("" before any)."""
        if not self._in_utt:
            return ""
        hyp = self._decoder.hyp()
        return str(hyp.hypstr) if hyp is not None else ""

    def reset(self) -> None:
        """End the utterance (nothing is kept)."""
        if self._in_utt:
            self._decoder.end_utt()
            self._in_utt = False


def open_words_or_none(vocabulary: Vocabulary) -> OpenWords | None:
    """The open words, or None (logged) when their model cannot be built or read.

    A cache folder that cannot be written must not stop the app from hearing; smart endpointing
    then judges on the grammar's words alone, as before.
    """
    try:
        return OpenWords(vocabulary)
    except (OSError, RuntimeError, ValueError) as exc:
        log.warning(
            "open words unavailable (%s: %s); ending turns on the grammar's words alone",
            type(exc).__name__,
            exc,
        )
        return None
