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

The compiled pocketsphinx module keeps the GIL while it decodes, and this decoder is the heavy
one: 6 ms per 32 ms frame at the median and 21 ms at the 99th percentile on this 2-core machine
(the grammar pass: 1.6 and 4.3 ms), so on the hearing thread it stalled the render loop that
often, and the frame-time ratio talking/idle of smart endpointing read 1.9 against the timer's
1.3. It runs in a helper process instead (:class:`OpenWordsProcess`), as the second pass does:
audio goes down a pipe without waiting, and the words are asked for only at a pause, where the
hearing thread waits in ``poll`` without the GIL. Building the model takes under a second and is
cached.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from game.files import voxroom_cache
from game.hearing.domain_lm import GENERAL_WEIGHT, LOG10_BASE, General, build_arpa, room_sources
from game.hearing.grammar import GESTURES, Vocabulary
from game.hearing.second_pass import start_helper, stop_helper
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

    def __init__(self, language_model: Path) -> None:
        ps = load_module()
        config, _ = base_config(ps)
        config["lm"] = str(language_model)
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

    def close(self) -> None:
        """Nothing to stop in-process; the same call as :meth:`OpenWordsProcess.close`."""
        self.reset()


ASK = b"?"
RESET = b"R"
"""The two requests to the helper; audio is never a single byte (16-bit samples)."""
READY = b"ready"
"""The helper's first message, once its model is loaded."""
ANSWER_TIMEOUT_S = 5.0
"""Longest wait for the words of a helper that is up (it only has to catch up on the audio)."""


def serve(conn: Connection, language_model: str) -> None:
    """The child: decode the audio sent down the pipe, and say the words when asked."""
    try:
        heard = OpenWords(Path(language_model))
    except Exception as exc:  # reported at the next ask; the parent goes on without open words
        conn.send_bytes(b"!" + f"{type(exc).__name__}: {exc}".encode())
        return
    conn.send_bytes(READY)
    while True:
        try:
            message = conn.recv_bytes()
        except (EOFError, OSError):
            return
        if message == ASK:
            conn.send_bytes(heard.words().encode())
        elif message == RESET:
            heard.reset()
        else:
            heard.accept(message)


class OpenWordsProcess:
    """Same interface as :class:`OpenWords`, decoding in a child process so the GIL stays free.

    Until the child has loaded its model (about a second after the app starts) there are no
    words yet, rather than a wait the hearing thread would spend stuck in ``poll``; the audio
    sent meanwhile waits in the pipe. Should the child fail or fall silent, a warning is logged
    and there are no open words from then on: smart endpointing judges on the grammar's words
    alone, as without them.
    """

    def __init__(self, language_model: Path) -> None:
        self._process: BaseProcess | None
        self._process, self._conn = start_helper(serve, (str(language_model),), "pocketsphinx-open-words")
        self._finalizer = weakref.finalize(self, stop_helper, self._process, self._conn)
        self._ready = False

    def accept(self, pcm: bytes) -> None:
        """Send audio to the child without waiting for it to be decoded."""
        self._send(pcm)

    def words(self) -> str:
        """The best words so far, once the child has decoded all the audio sent ("" before it is up)."""
        if not self.ready():
            return ""
        if not self._send(ASK):
            return ""
        try:
            if not self._conn.poll(ANSWER_TIMEOUT_S):
                return self._give_up(f"silent for {ANSWER_TIMEOUT_S:.0f} s")
            answer = self._conn.recv_bytes()
        except (EOFError, OSError) as exc:
            return self._give_up(str(exc) or type(exc).__name__)
        return answer.decode()

    def reset(self) -> None:
        """End the utterance in the child (nothing is kept)."""
        self._send(RESET)

    @property
    def pid(self) -> int | None:
        """The helper's process id (None once it is gone)."""
        return self._process.pid if self._process is not None else None

    def close(self) -> None:
        """Stop the child; safe to call twice."""
        self._finalizer()
        self._process = None

    def ready(self, wait_s: float = 0.0) -> bool:
        """Whether the child has loaded its model, waiting up to ``wait_s``; a failure is given up on."""
        if self._ready:
            return True
        try:
            if self._process is None or not self._conn.poll(wait_s):
                return False
            first = self._conn.recv_bytes()
        except (EOFError, OSError) as exc:
            self._give_up(str(exc) or type(exc).__name__)
            return False
        if first != READY:
            self._give_up(first[1:].decode(errors="replace"))
            return False
        self._ready = True
        return True

    def _send(self, message: bytes) -> bool:
        if self._process is None:
            return False
        try:
            self._conn.send_bytes(message)
        except (OSError, ValueError) as exc:
            self._give_up(str(exc) or type(exc).__name__)
            return False
        return True

    def _give_up(self, why: str) -> str:
        log.warning("open words helper stopped (%s); ending turns on the grammar's words alone", why)
        self.close()
        return ""


def open_words_or_none(vocabulary: Vocabulary, inline: bool = False) -> OpenWords | OpenWordsProcess | None:
    """The open words (in a helper process unless ``inline``), or None (logged) without a model.

    A cache folder that cannot be written must not stop the app from hearing; smart endpointing
    then judges on the grammar's words alone, as before. The model leaves out the
    :data:`~game.hearing.grammar.GESTURES`: with them "I went to the market and" lost its "and" in
    espeak-ng's en-us voice, and the veto listens for unfinished everyday sentences, not requests.
    """
    try:
        model = room_language_model(vocabulary.without(GESTURES), general_weight=VETO_GENERAL_WEIGHT)
        return OpenWords(model) if inline else OpenWordsProcess(model)
    except (OSError, RuntimeError, ValueError) as exc:
        log.warning(
            "open words unavailable (%s: %s); ending turns on the grammar's words alone",
            type(exc).__name__,
            exc,
        )
        return None
