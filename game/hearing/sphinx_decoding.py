"""pocketsphinx decoding shared by the live recognizer and its second-pass helper process.

The CMU en-us model ships inside the pocketsphinx wheel. :class:`SecondPass` is the
accurate pass over one finished utterance; it runs in the helper process
(:mod:`game.hearing.second_pass`) or, when that is gone, on the hearing thread. Only
the compiled module is used; ``LiveSpeech`` would import ``sounddevice``, which fails
without PortAudio.
"""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from game.errors import UserError
from game.events import DOUBT_BELOW, WordTiming
from game.hearing.dereverb import dereverberate
from game.hearing.protocols import SAMPLE_RATE, Recognition
from game.hearing.word_confidence import Segment, confidences

FRAME_S = 0.01  # pocketsphinx reports segment frames at 100 per second
MIN_SCORE_RATIO = 0.85
"""Grammar path score over a free phone loop's score below which the grammar is doubted.

A grammar always finds *some* sentence; comparing its acoustic score with an
unconstrained phone loop on the same audio tells a real match from a forced one.
Measured on espeak-ng speech: in-grammar sentences 0.87-1.38 (36 of 36 above 0.85),
out-of-grammar ones 0-0.99 (8 of 12 below)."""
GRAMMAR_TRUSTED = 1.12
"""A grammar phrase fit from which its phrase replaces doubtful open words even where they
disagree: it keeps the room's and mods' phrases that the open model mishears on espeak-ng ("start
the quiz" heard "start like a wave"). Chosen on a third of the development half, with the
agreement rule (:class:`SecondPass`): 70.1 → 69.6 % handled right, unasked changes 0.53 % both."""
OPEN_WORD_PENALTY = 0.2
"""The open model's word insertion penalty (pocketsphinx's default is 0.65): a lower one keeps
it from splitting a word into short ones. Chosen on the development half with the general
model's share (:data:`~game.hearing.domain_lm.GENERAL_WEIGHT`): lines handled right 55.4 %
(0.65, share 0.3) → 55.7 % (0.2, 0.3) → 58.2 % (0.2, 0.1) → 59.9 % (0.2, 0.03)."""

UNTOLD_SPEECH_S = 0.25
"""Loud audio after the open model's last word from which the grammar is consulted as if a word
were doubtful: the open model sometimes ends a line early and hears the last word as silence ("bo
where is the" for "Bo, where is the lamp?", 0.43 s of speech after "the", every word sure). On
the development half (3 voices × 3 rooms, 963 lines) 0.25 s changed 6 finals: handled right 58.9 →
59.2 %, unasked changes 1 → 0; 0.1–0.4 s all gave 59.2 %."""
LOUD_OVER_FLOOR_DB = 12.0  # a 10 ms frame this far above the utterance's quietest tenth is sound

OPEN_LATTICE_WEIGHT = 18.0
"""The language weight of the open model's lattice search (pocketsphinx's default is 9.5). On a
third of the development half: lines handled right 58.9 / 59.8 / 60.8 / 60.6 % at 9.5 / 13 / 18 /
25; requests right once confirmed 71.4 / 73.3 / 75.2 / 74.5 %."""


def load_module() -> Any:
    """Return the compiled decoder module (never ``LiveSpeech``, which needs PortAudio)."""
    if importlib.util.find_spec("pocketsphinx") is None:
        raise UserError("pocketsphinx is not installed; pip install 'pocketsphinx>=5,<6'")
    import pocketsphinx._pocketsphinx as ps

    return ps


def model_dir() -> Path:
    """The CMU en-us model directory inside the pocketsphinx wheel."""
    spec = importlib.util.find_spec("pocketsphinx")
    if spec is None or not spec.submodule_search_locations:
        raise UserError("pocketsphinx is not installed; pip install 'pocketsphinx>=5,<6'")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def base_config(ps: Any) -> Any:
    """The en-us acoustic model and dictionary, and the dictation LM's path (checked present)."""
    mdir = model_dir()
    hmm, lm, dic = (
        mdir / "en-us" / "en-us",
        mdir / "en-us" / "en-us.lm.bin",
        mdir / "en-us" / "cmudict-en-us.dict",
    )
    for p in (hmm, lm, dic):
        if not p.exists():
            raise UserError(f"pocketsphinx model incomplete: {p} is missing; reinstall pocketsphinx")
    config = ps.Config(hmm=str(hmm), dict=str(dic), samprate=SAMPLE_RATE, loglevel="FATAL")
    return config, lm


def open_model_config(ps: Any, room_lm: str) -> Any:
    """A decoder's config for the room's open language model.

    Bestpath stays on: its lattice gives the word posteriors.
    """
    config, _ = base_config(ps)
    config["lm"] = room_lm
    config["wip"] = OPEN_WORD_PENALTY
    config["bestpathlw"] = OPEN_LATTICE_WEIGHT
    return config


class SecondPass:
    """The accurate pass over one finished utterance, decoded whole (normalised over the utterance).

    With ``room_lm`` (the app's default) the room's open language model decodes it
    (:mod:`game.hearing.domain_lm`): a phrase is never forced, and each word carries its lattice
    posterior as its confidence, so a misheard word is doubtful. On a third of the development half
    of the voice set it handled 69.7 % of lines right against the grammar's 40.1 %
    (docs/hearing.md). When one of its words is doubtful the grammar decodes too, with a phone loop
    to judge its phrase (:mod:`game.hearing.word_confidence`), and its phrase replaces the open
    words if it is not forced (a fit from :data:`MIN_SCORE_RATIO`) and either holds every word the
    open model was sure of ("the answer is human" with "human" doubtful becomes the quiz's "the
    answer is seven") or fits from :data:`GRAMMAR_TRUSTED`. On the same third of the development
    half: 69.7 → 69.6 % handled right, unasked changes 0.53 % both; the grammar took 10 % of lines.
    Without ``room_lm`` (the model could not be built) the grammar decodes it, a phone loop checks
    that the grammar did not force a sentence onto the audio (:mod:`game.hearing.word_confidence`),
    and dictation takes over from a forced grammar. ``jsgf=None``: plain dictation.
    """

    def __init__(
        self, jsgf: str | None, grammar_words: frozenset[str] = frozenset(), room_lm: str | None = None
    ) -> None:
        ps = load_module()
        config, lm = base_config(ps)
        self.last_score_ratio = 1.0
        self._grammar_words = grammar_words
        self._open: Any = None
        if room_lm is not None and jsgf is not None:
            self._open = ps.Decoder(open_model_config(ps, room_lm))
        config["bestpath"] = False  # bestpath's lattice rescoring can leave the grammar
        self._grammar = jsgf is not None
        self._names = names_in(jsgf or "")
        self._phones: list[Segment] = []
        if jsgf is None:
            self._final = ps.Decoder(config)  # the config's default search is the dictation LM
            return
        self._final = grammar_decoder(ps, config, jsgf)
        self._final.add_allphone_file("phones", str(model_dir() / "en-us" / "en-us-phone.lm.bin"))
        if self._open is None:  # the dictation fallback (a 60 MB model) is never used beside the open model
            self._final.add_lm_file("lm", str(lm))
        self._final.activate_search("_default")
        self._grammar_search = str(self._final.current_search())

    def recognize(self, audio: bytes) -> Recognition:
        """Decode a complete utterance, its room echo taken out first (:mod:`game.hearing.dereverb`)."""
        if not audio:
            return Recognition("")
        audio = dereverberate(audio)
        if self._open is None:
            return self._grammar_or_dictation(audio)
        heard = self._openly(audio)
        sure = {w.word for w in heard.words if w.conf >= DOUBT_BELOW}
        if len(sure) == len({w.word for w in heard.words}) and untold_s(audio, heard.words) < UNTOLD_SPEECH_S:
            return heard
        phrase = self._grammar_phrase(audio)
        if phrase is None or self.last_score_ratio < MIN_SCORE_RATIO:
            return heard
        agrees = sure <= set(phrase.text.split())
        return phrase if agrees or self.last_score_ratio >= GRAMMAR_TRUSTED else heard

    def _grammar_phrase(self, audio: bytes) -> Recognition | None:
        """The grammar's phrase, its words judged against the phone loop; None: it found none."""
        d = self._final
        decode_whole(d, audio)
        hyp = d.hyp()
        words = tuple(words_of(d))
        segments = segments_of(d)
        self.last_score_ratio = self._score_ratio(audio, hyp)
        words = self._confident(words, segments)
        return Recognition(" ".join(w.word for w in words), words) if hyp is not None and words else None

    def _grammar_or_dictation(self, audio: bytes) -> Recognition:
        """Without the open model: the grammar's phrase, or dictation when it was forced."""
        if not self._grammar:
            decode_whole(self._final, audio)
            words = tuple(words_of(self._final))
            return Recognition(" ".join(w.word for w in words), words)
        phrase = self._grammar_phrase(audio)
        if phrase is not None and self.last_score_ratio >= MIN_SCORE_RATIO:
            return phrase
        return self._dictate(audio, phrase.words if phrase is not None else ())

    def _openly(self, audio: bytes) -> Recognition:
        """The room's open language model's words, with their posteriors; unknown: not the room's words."""
        decode_whole(self._open, audio)
        heard = tuple(words_of(self._open))
        unknown = tuple(w.word for w in heard if w.word not in self._grammar_words)
        return Recognition(" ".join(w.word for w in heard), heard, unknown)

    def _confident(self, words: tuple[WordTiming, ...], segments: list[Segment]) -> tuple[WordTiming, ...]:
        """The words with confidences against the phone loop (:mod:`game.hearing.word_confidence`)."""
        if len(segments) != len(words):
            return words
        confs = confidences(segments, self._phones, self.last_score_ratio, self._names)
        return tuple(replace(w, conf=c) for w, c in zip(words, confs, strict=True))

    def _score_ratio(self, audio: bytes, hyp: Any) -> float:
        best = float(hyp.best_score) if hyp is not None else 0.0  # read before the decoder runs again
        p = self._final
        p.activate_search("phones")
        try:
            decode_whole(p, audio)
            phones = p.hyp()
            self._phones = segments_of(p, keep_silence=True)
        finally:
            p.activate_search(self._grammar_search)
        if hyp is None:
            return 0.0  # the phone loop still ran: dictation's words are judged against it
        if phones is None or phones.best_score <= 0:
            return 1.0
        return best / float(phones.best_score)

    def _dictate(self, audio: bytes, grammar_words: tuple[WordTiming, ...]) -> Recognition:
        """Decode again with the dictation model; report what the grammar does not know."""
        d = self._final
        d.activate_search("lm")
        try:
            decode_whole(d, audio)
            words = self._confident(tuple(words_of(d)), segments_of(d))
        finally:
            d.activate_search(self._grammar_search)
        unknown = tuple(w.word for w in words if w.word not in self._grammar_words)
        if not unknown and grammar_words:
            return Recognition(" ".join(w.word for w in grammar_words), grammar_words)
        return Recognition(" ".join(w.word for w in words), words, unknown)

    def close(self) -> None:
        """Nothing to stop in-process (the same interface as the helper process)."""


def untold_s(audio: bytes, words: tuple[WordTiming, ...]) -> float:
    """Seconds of loud 10 ms frames after the last word: sound no word explains (all of it, without words)."""
    hop = round(FRAME_S * SAMPLE_RATE)
    samples = np.frombuffer(audio, dtype="<i2")
    frames = samples[: len(samples) // hop * hop].astype(np.float64).reshape(-1, hop)
    if not len(frames):
        return 0.0
    level = 10 * np.log10(np.mean(frames**2, axis=1) + 1.0)
    loud = level > np.percentile(level, 10) + LOUD_OVER_FLOOR_DB
    last = round(words[-1].end / FRAME_S) if words else 0
    return float(np.count_nonzero(loud[last:])) * FRAME_S


def decode_whole(decoder: Any, audio: bytes) -> None:
    """One utterance in one call (pocketsphinx is told it is the whole utterance)."""
    decoder.start_utt()
    decoder.process_raw(audio, False, True)
    decoder.end_utt()


def grammar_decoder(ps: Any, base: Any, jsgf: str) -> Any:
    """A decoder whose default search is this grammar (pocketsphinx reads it from a file)."""
    import os
    import tempfile

    fd, name = tempfile.mkstemp(suffix=".gram")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(jsgf)
        config = ps.Config(
            hmm=base["hmm"],
            dict=base["dict"],
            jsgf=name,
            samprate=SAMPLE_RATE,
            loglevel="FATAL",
            bestpath=False,
        )
        return ps.Decoder(config)
    finally:
        os.unlink(name)


def names_in(jsgf: str) -> frozenset[str]:
    """The NPC names of a room grammar (its ``<npc>`` rule), judged on their own sound."""
    for line in jsgf.splitlines():
        if line.startswith("<npc> = "):
            return frozenset(n.strip() for n in line[len("<npc> = ") :].rstrip(";").split("|"))
    return frozenset()


def _spoken(word: str) -> bool:
    return bool(word) and not word.startswith(("<", "[", "++", "(NULL)"))


def segments_of(decoder: Any, keep_silence: bool = False) -> list[Segment]:
    """The decoded segments with frames and acoustic scores (the words of :func:`words_of`)."""
    return [
        Segment(str(seg.word).split("(", 1)[0], int(seg.start_frame), int(seg.end_frame), float(seg.ascore))
        for seg in decoder.seg() or ()
        if keep_silence or _spoken(str(seg.word))
    ]


def words_of(decoder: Any) -> list[WordTiming]:
    """The decoded words with times and posteriors, fillers and silences left out."""
    out: list[WordTiming] = []
    for seg in decoder.seg() or ():
        word = str(seg.word)
        if not _spoken(word):
            continue
        base = word.split("(", 1)[0]
        conf = float(seg.prob)  # the bindings already give a posterior in 0..1
        out.append(
            WordTiming(
                word=base,
                start=seg.start_frame * FRAME_S,
                end=(seg.end_frame + 1) * FRAME_S,
                conf=round(min(1.0, max(0.0, conf)), 3),
            )
        )
    return out
