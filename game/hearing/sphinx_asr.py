"""The embedded English engine: pocketsphinx with the CMU en-us model its wheel ships.

Its free dictation is poor on synthetic and accented speech (about half the words
wrong), but restricted to a JSGF grammar of the room's phrases it gets nearly every
sentence, so grammar mode is the default. Utterances the grammar cannot explain are
decoded again with the dictation model and their out-of-grammar words are reported as
unknown, so nothing the user said is silently dropped.

Two decoders stay alive for the whole session: a streaming one gives live partials,
and a second (in a helper process, see :mod:`game.hearing.second_pass`) decodes each
complete utterance again for the final. The streaming
pass normalises cepstra with a running estimate that is poor for the first
utterances (measured: 31 of 36 sentences right from cold), while one call with the
whole utterance normalises over the utterance itself (36 of 36) for about 2 % of the
audio's duration. Only the compiled module is used; ``LiveSpeech`` would import
``sounddevice``, which fails without PortAudio.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from game.hearing.grammar import Vocabulary, normalise
from game.hearing.open_words import open_words_or_none, room_language_model
from game.hearing.protocols import Recognition, nothing
from game.hearing.second_pass import SecondPassProcess
from game.hearing.sphinx_decoding import SecondPass, base_config, grammar_decoder, load_module

log = logging.getLogger(__name__)


def final_language_model(vocabulary: Vocabulary, talk: Iterable[str]) -> str | None:
    """The open room model the final pass decodes with, or None (logged): then the grammar does.

    It holds the room's phrases and ``talk``, the mind's sentences, given by the caller (hearing
    does not read personas).
    """
    sentences = tuple(p for p in (normalise(t) for t in talk) if p)
    try:
        return str(room_language_model(vocabulary, sentences))
    except (OSError, RuntimeError, ValueError) as exc:
        log.warning("room language model unavailable (%s); the grammar decodes finals", exc)
        return None


class SphinxRecognizer:
    """pocketsphinx: a streaming grammar and finals on the room's open model, or pure dictation.

    The streaming decoder runs here, on the hearing thread; the second pass runs in
    a helper process (:class:`~game.hearing.second_pass.SecondPassProcess`) unless
    ``inline``: pocketsphinx keeps the GIL for a whole decoding call, and doing it
    here froze the render loop for ~80 ms at the end of every utterance.
    """

    name = "sphinx"

    def __init__(
        self,
        vocabulary: Vocabulary | None = None,
        inline: bool = False,
        open_words: bool = False,
        talk: Iterable[str] = (),
    ) -> None:
        self._still_working: Callable[[], None] = nothing
        ps = load_module()
        config, _ = base_config(ps)
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
            probe = grammar_decoder(ps, config, "#JSGF V1.0;\ngrammar probe;\npublic <a> = hello;\n")
            self.vocabulary = vocabulary.restricted(lambda w: bool(probe.lookup_word(w)))
            jsgf = self.vocabulary.jsgf()
            words = frozenset(self.vocabulary.words())
            self._decoder = grammar_decoder(ps, config, jsgf)
            self.detail = f"CMU en-us, grammar mode ({len(self.vocabulary.phrases())} phrases)"
        self._open = (
            open_words_or_none(self.vocabulary, inline)
            if open_words and self.vocabulary is not None
            else None
        )
        """Grammar mode and ``open_words``: a second streaming decoder on the room's open language
        model, whose running words only smart endpointing reads (:meth:`open_partial`)."""
        room_lm = final_language_model(self.vocabulary, talk) if self.vocabulary is not None else None
        self.second_pass: SecondPass | SecondPassProcess = (
            SecondPass(jsgf, words, room_lm) if inline else SecondPassProcess(jsgf, words, room_lm)
        )
        if room_lm is not None:
            self.detail += ", finals on the room's open language model"

    @property
    def still_working(self) -> Callable[[], None]:
        """Told while the final pass waits on its living helper (see ``Recognizer.still_working``)."""
        return self._still_working

    @still_working.setter
    def still_working(self, call: Callable[[], None]) -> None:
        self._still_working = call
        if isinstance(self.second_pass, SecondPassProcess):  # the helper's wait is where it is called
            self.second_pass.still_working = call

    def knows(self, word: str) -> bool:
        """Whether the pronunciation dictionary has the word."""
        return bool(self._decoder.lookup_word(word))

    def accept(self, pcm: bytes) -> None:
        """Feed audio; starts the utterance on the first call."""
        if not self._in_utt:
            self._decoder.start_utt()
            self._in_utt = True
        self._decoder.process_raw(pcm, False, False)
        if self._open is not None:
            self._open.accept(pcm)
        self._audio.append(pcm)

    def partial(self) -> str:
        """Current best path of the streaming pass."""
        if not self._in_utt:
            return ""
        hyp = self._decoder.hyp()
        return str(hyp.hypstr) if hyp is not None else ""

    def open_partial(self) -> str:
        """The running words as open English hears them ("" without ``open_words``).

        They hear "i went to the market and" where the grammar reads "what are you doing" in a pause
        (see :mod:`game.hearing.open_words`).
        """
        return self._open.words() if self._open is not None else ""

    def finish(self) -> Recognition:
        """Decode the whole utterance once more (see :class:`SecondPass`)."""
        if not self._in_utt:
            return Recognition("")
        self._decoder.end_utt()
        self._in_utt = False
        if self._open is not None:
            self._open.reset()
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
        if self._open is not None:
            self._open.reset()
        self._audio = []

    def close(self) -> None:
        """Stop the helper processes (they also end with the app)."""
        self.second_pass.close()
        if self._open is not None:
            self._open.close()
