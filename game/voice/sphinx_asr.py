"""The embedded English engine: pocketsphinx with the CMU en-us model its wheel ships.

Its free dictation is poor on synthetic and accented speech (about half the words
wrong), but restricted to a JSGF grammar of the room's phrases it gets nearly every
sentence, so grammar mode is the default. Utterances the grammar cannot explain are
decoded again with the dictation model and their out-of-grammar words are reported as
unknown, so nothing the user said is silently dropped.

Two decoders stay alive for the whole session: a streaming one gives live partials,
and a second (in a helper process, see :mod:`game.voice.second_pass`) decodes each
complete utterance again for the final. The streaming
pass normalises cepstra with a running estimate that is poor for the first
utterances (measured: 31 of 36 sentences right from cold), while one call with the
whole utterance normalises over the utterance itself (36 of 36) for about 2 % of the
audio's duration. Only the compiled module is used; ``LiveSpeech`` would import
``sounddevice``, which fails without PortAudio.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from game.errors import UserError
from game.events import WordTiming
from game.voice.grammar import Vocabulary
from game.voice.protocols import SAMPLE_RATE, Recognition

FRAME_S = 0.01  # pocketsphinx reports segment frames at 100 per second
MIN_SCORE_RATIO = 0.85
"""Grammar path score over a free phone loop's score below which the grammar is doubted.

A grammar always finds *some* sentence; comparing its acoustic score with an
unconstrained phone loop on the same audio tells a real match from a forced one.
Measured on espeak-ng speech: in-grammar sentences 0.87-1.38 (36 of 36 above 0.85),
out-of-grammar ones 0-0.99 (8 of 12 below)."""


def _sphinx() -> Any:
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


def _base_config(ps: Any) -> Any:
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


class SecondPass:
    """The accurate pass over one finished utterance.

    The grammar decodes the whole audio in one call (normalised over the utterance),
    a phone loop checks that the grammar did not force a sentence onto it, and
    dictation takes over when it did. ``jsgf=None``: plain dictation.
    """

    def __init__(self, jsgf: str | None, grammar_words: frozenset[str] = frozenset()) -> None:
        ps = _sphinx()
        config, lm = _base_config(ps)
        config["bestpath"] = False  # bestpath's lattice rescoring can leave the grammar
        self.last_score_ratio = 1.0
        self._grammar_words = grammar_words
        self._grammar = jsgf is not None
        if jsgf is None:
            self._final = ps.Decoder(config)  # the config's default search is the dictation LM
            return
        self._final = _grammar_decoder(ps, config, jsgf)
        self._final.add_allphone_file("phones", str(model_dir() / "en-us" / "en-us-phone.lm.bin"))
        self._final.add_lm_file("lm", str(lm))
        self._final.activate_search("_default")
        self._grammar_search = str(self._final.current_search())

    def recognize(self, audio: bytes) -> Recognition:
        """Decode a complete utterance."""
        if not audio:
            return Recognition("")
        d = self._final
        _decode_whole(d, audio)
        words = tuple(_words(d))
        hyp = d.hyp()
        if not self._grammar:
            return Recognition(" ".join(w.word for w in words), words)
        self.last_score_ratio = self._score_ratio(audio, hyp)
        if hyp is not None and words and self.last_score_ratio >= MIN_SCORE_RATIO:
            return Recognition(" ".join(w.word for w in words), words)
        return self._dictate(audio, words)

    def _score_ratio(self, audio: bytes, hyp: Any) -> float:
        if hyp is None:
            return 0.0
        best = float(hyp.best_score)  # read before the decoder runs again
        p = self._final
        p.activate_search("phones")
        try:
            _decode_whole(p, audio)
            phones = p.hyp()
        finally:
            p.activate_search(self._grammar_search)
        if phones is None or phones.best_score <= 0:
            return 1.0
        return best / float(phones.best_score)

    def _dictate(self, audio: bytes, grammar_words: tuple[WordTiming, ...]) -> Recognition:
        """Decode again with the dictation model; report what the grammar does not know."""
        d = self._final
        d.activate_search("lm")
        try:
            _decode_whole(d, audio)
            words = tuple(_words(d))
        finally:
            d.activate_search(self._grammar_search)
        unknown = tuple(w.word for w in words if w.word not in self._grammar_words)
        if not unknown and grammar_words:
            return Recognition(" ".join(w.word for w in grammar_words), grammar_words)
        return Recognition(" ".join(w.word for w in words), words, unknown)

    def close(self) -> None:
        """Nothing to stop in-process (the same interface as the helper process)."""


class SphinxRecognizer:
    """pocketsphinx in grammar mode (with dictation fallback) or in pure dictation.

    The streaming decoder runs here, on the hearing thread; the second pass runs in
    a helper process (:class:`~game.voice.second_pass.SecondPassProcess`) unless
    ``inline``: pocketsphinx keeps the GIL for a whole decoding call, and doing it
    here froze the render loop for ~80 ms at the end of every utterance.
    """

    name = "sphinx"

    def __init__(self, vocabulary: Vocabulary | None = None, inline: bool = False) -> None:
        from game.voice.second_pass import SecondPassProcess

        ps = _sphinx()
        config, _ = _base_config(ps)
        config["bestpath"] = False
        self._audio: list[bytes] = []
        self._in_utt = False
        self.vocabulary: Vocabulary | None = None
        jsgf: str | None = None
        words: frozenset[str] = frozenset()
        if vocabulary is None:
            self._decoder = ps.Decoder(config)
            self.detail = "CMU en-us, free dictation (about half the words right)"
        else:
            # A decoder built without a search loads the 60 MB dictation LM; build the
            # streaming one on the grammar instead; only the second pass needs the LM.
            probe = _grammar_decoder(ps, config, "#JSGF V1.0;\ngrammar probe;\npublic <a> = hello;\n")
            self.vocabulary = vocabulary.restricted(lambda w: bool(probe.lookup_word(w)))
            jsgf = self.vocabulary.jsgf()
            words = frozenset(self.vocabulary.words())
            self._decoder = _grammar_decoder(ps, config, jsgf)
            self.detail = f"CMU en-us, grammar mode ({len(self.vocabulary.phrases())} phrases)"
        self.second_pass: SecondPass | SecondPassProcess = (
            SecondPass(jsgf, words) if inline else SecondPassProcess(jsgf, words)
        )

    def knows(self, word: str) -> bool:
        """Whether the pronunciation dictionary has the word."""
        return bool(self._decoder.lookup_word(word))

    def accept(self, pcm: bytes) -> None:
        """Feed audio; starts the utterance on the first call."""
        if not self._in_utt:
            self._decoder.start_utt()
            self._in_utt = True
        self._decoder.process_raw(pcm, False, False)
        self._audio.append(pcm)

    def partial(self) -> str:
        """Current best path of the streaming pass."""
        if not self._in_utt:
            return ""
        hyp = self._decoder.hyp()
        return str(hyp.hypstr) if hyp is not None else ""

    def finish(self) -> Recognition:
        """Decode the whole utterance once more (see :class:`SecondPass`)."""
        if not self._in_utt:
            return Recognition("")
        self._decoder.end_utt()
        self._in_utt = False
        audio, self._audio = b"".join(self._audio), []
        return self.second_pass.recognize(audio)

    @property
    def last_score_ratio(self) -> float:
        """The grammar's score against the phone loop on the last utterance (diagnostics)."""
        return self.second_pass.last_score_ratio

    def reset(self) -> None:
        """Drop the utterance in progress."""
        if self._in_utt:
            self._decoder.end_utt()
            self._in_utt = False
        self._audio = []

    def close(self) -> None:
        """Stop the second pass's helper process (it also ends with the app)."""
        self.second_pass.close()


def _decode_whole(decoder: Any, audio: bytes) -> None:
    """One utterance in one call, so cepstra are normalised over the utterance itself."""
    decoder.start_utt()
    decoder.process_raw(audio, False, True)
    decoder.end_utt()


def _grammar_decoder(ps: Any, base: Any, jsgf: str) -> Any:
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


def _words(decoder: Any) -> list[WordTiming]:
    out: list[WordTiming] = []
    for seg in decoder.seg() or ():
        word = str(seg.word)
        if not word or word.startswith(("<", "[", "++", "(NULL)")):
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
