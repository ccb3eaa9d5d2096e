"""The endpointer: turns per-frame speech probabilities into utterances.

It is pure and frame-driven (no clock, no threads), so boundaries are a function of
the audio alone and tests check them against the true times. Always-listening mode
uses the VAD with hysteresis, a pre-roll so the first syllable reaches the recognizer,
and an end-of-speech silence that grows when the words so far are unfinished.
Push-to-talk ignores the VAD: the key decides, with a short tail after release.

Two ways to decide the end of a turn (``EndpointConfig.endpointing``):

- ``timer``: a fixed silence (300 ms, 200 ms after a complete question, 1 s after "and…").
- ``smart``: at ~100 ms of silence a learned end-of-turn model (:class:`TurnModel`) hears the
  utterance so far, and its probability is weighed with what the words say
  (:func:`~game.hearing.completeness.text_state`). Both agreeing ends the turn at once, and so
  does a whole question that the grammar's words and the open words both heard; when either
  disagrees the endpointer waits (longer after "and…"). The model is injected, so the
  endpointer stays a pure function of the audio and a fake model tests it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from game.hearing.audio import dbfs
from game.hearing.completeness import (
    is_complete_question,
    is_unfinished,
    open_words_state,
    reading_state,
    readings_agree,
)
from game.hearing.protocols import SAMPLE_RATE, TurnModel

MODES = ("always", "ptt")
ENDPOINTING = ("timer", "smart")
MODEL_WINDOW_BYTES = 8 * SAMPLE_RATE * 2
"""The turn model reads the last 8 s; older audio of a long utterance is not kept."""
VAD_LAG_S = 0.15
QUESTION_SILENCE = 2 / 3
"""A complete question (:func:`~game.hearing.completeness.is_complete_question`) ends after this
share of the end silence: 200 ms of the default 300, and longer if the user asked for it."""


@dataclass(frozen=True)
class EndpointConfig:
    """Tunables; the defaults suit Silero on 32 ms frames."""

    on_threshold: float = 0.5
    off_threshold: float = 0.35
    min_speech_ms: int = 64
    end_silence_ms: int = 300
    unfinished_silence_ms: int = 1000
    preroll_ms: int = 300
    max_utterance_s: float = 20.0
    ptt_tail_ms: int = 200
    refine_db: float = 10.0
    """Speech ends at the last frame this far above the noise floor (Silero lags ~100 ms)."""
    endpointing: str = "timer"
    """``timer`` (silence only) or ``smart`` (the turn model and the words, see the module doc)."""
    probe_ms: int = 96
    """Silence after which the turn model is first asked (three 32 ms frames: "about 100 ms")."""
    reprobe_ms: int = 0
    """Ask again every this much more silence (0: once per pause; asking again only split more
    turns on the development set)."""
    turn_threshold: float = 0.15
    """Model probability that ends a turn whose words say nothing either way. (The thresholds,
    ``min_turn_ms``, ``hold_ms`` and ``open_hold_ms`` were set on the paused set's development half
    by ``voxroom bench turns --split dev --sweep``; docs/hearing.md has the history.)"""
    question_threshold: float = 0.5
    """Model probability that ends a complete wh-question (0.2 split 3.1 % of the development
    half's turns). Never below 0.2, though the words alone end more fluent questions at once there:
    in a long turn the grammar hears a whole question at a comma ("Ada, I would like you to move
    the red chair over next to the window, …" as "hi ada what are you doing", the model 0.18). A
    question that the open words heard too needs no threshold (``agree_share``)."""
    min_turn_ms: int = 1500
    """Smart: speech shorter than this ("Bo, …", "Cleo, could you | …") is never ended on the model's
    word alone (it then ends after ``hold_ms``): a lone name sounds finished to the model."""
    hold_ms: int = 1000
    """Smart: the longest pause in a turn whose words say nothing, when the model says "not yet"
    (the paused set's pauses are 300–900 ms; 900 split more turns on the development half)."""
    max_wait_ms: int = 1500
    """Smart: the longest pause after clearly unfinished words ("and…", "the…"; in the open words
    only after a conjunction: "… and")."""
    open_hold_ms: int = 1000
    """Smart: the pause allowed when the rough open words are doubtful ("bo where is the them the",
    :func:`~game.hearing.completeness.open_words_state`), less than ``max_wait_ms``: on the
    development half such endings were fluent ends as often as pauses. 700 ms until session 29."""
    question_min_turn_ms: int = 1100
    """Smart: ``min_turn_ms`` for words that are a complete wh-question ("bo where is the lamp"
    is more than a name, but a recognizer in grammar mode also hears "cleo who are you" in
    "Cleo, can you | sit…", so not much less)."""
    question_hold_ms: int = 600
    """Smart: the pause that ends a complete wh-question the model is unsure of (at least
    ``question_band``): shorter than ``hold_ms`` when the words vouch for the end."""
    agree_share: float = 0.6
    """Smart: a complete wh-question ends at once, whatever the model says, when the open words
    heard at least this share of it (:func:`~game.hearing.completeness.readings_agree`; above 1:
    never)."""
    agree_min_turn_ms: int = 1000
    """Smart: ``min_turn_ms`` for a question both readings agree on ("Ada, how are you?" is 1 s).
    (Both set on the development half: shares 0.6–1.0 and 900–1100 ms split no more turns; 0.6 and
    1000 gave the lowest mean wait.)"""
    question_share: float = 0.6
    """Smart: a grammar's whole question counts if the open words heard this share of it (0: any)."""
    question_band: float = 0.0
    """Smart: the lowest model probability for which ``question_hold_ms`` applies (with
    ``question_min_turn_ms`` and ``question_hold_ms``, set by an earlier development-half sweep)."""

    def __post_init__(self) -> None:
        if self.endpointing not in ENDPOINTING:
            raise ValueError(f"endpointing must be one of {ENDPOINTING}, not {self.endpointing!r}")
        if not 0 < self.probe_ms <= self.hold_ms <= self.max_wait_ms:
            raise ValueError("need 0 < probe_ms <= hold_ms <= max_wait_ms")
        if not self.probe_ms <= self.open_hold_ms <= self.max_wait_ms:
            raise ValueError("need probe_ms <= open_hold_ms <= max_wait_ms")
        if not self.probe_ms <= self.question_hold_ms <= self.hold_ms:
            raise ValueError("need probe_ms <= question_hold_ms <= hold_ms")
        if not 0.0 < self.off_threshold <= self.on_threshold < 1.0:
            raise ValueError("need 0 < off_threshold <= on_threshold < 1")
        if self.end_silence_ms <= 0 or self.unfinished_silence_ms < self.end_silence_ms:
            raise ValueError("need 0 < end_silence_ms <= unfinished_silence_ms")


@dataclass(frozen=True)
class Step:
    """What one frame did: ``started``/``ended`` are audio times (s) when set."""

    audio: bytes = b""
    started: float | None = None
    ended: float | None = None
    reason: str = ""
    turn_p: float | None = None
    """The turn model's probability when it was asked on this frame (smart endpointing)."""


class Endpointer:
    """Frame-by-frame utterance segmentation with pre-roll and turn-aware hangover."""

    def __init__(
        self,
        config: EndpointConfig | None = None,
        frame_samples: int = 512,
        turn_model: TurnModel | None = None,
        words: Callable[[], str] | None = None,
        open_words: Callable[[], str] | None = None,
        names: frozenset[str] = frozenset(),
    ) -> None:
        self.config = config or EndpointConfig()
        if self.config.endpointing == "smart" and turn_model is None:
            raise ValueError("smart endpointing needs a turn model")
        self.turn_model = turn_model
        self.words = words
        """Asked for the running transcript when the model is: :attr:`hint` is refreshed only
        every 200 ms of audio, and the model's answer is weighed with the words up to the pause."""
        self.open_words = open_words
        """Smart: the running words as open English hears them, asked with the model. Unfinished
        there ("… and", "… the") makes the turn wait even when the grammar's words look whole
        (:mod:`game.hearing.open_words`)."""
        self.open_hint = ""
        self.names = frozenset(n.lower() for n in names)  # open words ending on one: "Um, Cleo, …"
        self.frame_samples = frame_samples
        self.frame_s = frame_samples / SAMPLE_RATE
        self.mode = "always"
        self.ptt = False
        self.hint = ""
        self.talking_over = False
        """Our own audio (an NPC's murmur) plays over these frames: a pause under it is not
        counted, since the user cannot be heard well through our voice. The end of speech
        stays where the user's voice stopped; only the decision waits for our audio to end."""
        self._preroll: deque[bytes] = deque(
            maxlen=max(1, round(self.config.preroll_ms / 1000 / self.frame_s))
        )
        self._frames = 0
        self._in_speech = False
        self._pending: list[bytes] = []  # voiced frames before onset is confirmed
        self._pending_start = 0.0
        self._last_voiced_end = 0.0
        self._silence_s = 0.0
        self._start = 0.0
        self._tail_left = 0
        self._floor_db = -60.0
        # (frame end time, level) far enough back to reach the last voiced frame at the end
        longest = max(self.config.unfinished_silence_ms, self.config.max_wait_ms)
        keep = round(longest / 1000 / self.frame_s) + 8
        self._recent: deque[tuple[float, float]] = deque(maxlen=keep)
        self._utterance = bytearray()  # what the turn model hears (the last 8 s)
        self._turn_p: float | None = None  # the model's latest answer in this pause
        self._next_probe_ms = 0.0  # above 0 once this pause was probed (its words read)

    @property
    def in_speech(self) -> bool:
        """True between a ``started`` step and its ``ended`` step."""
        return self._in_speech

    @property
    def audio_time(self) -> float:
        """Seconds of audio seen so far."""
        return self._frames * self.frame_s

    def set_mode(self, mode: str) -> None:
        """Switch between ``always`` (VAD) and ``ptt`` (push-to-talk)."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        self.mode = mode

    def step(self, frame: bytes, probability: float) -> Step:
        """Advance by one frame with its speech probability."""
        t0 = self.audio_time
        self._frames += 1
        t1 = self.audio_time
        level = dbfs(frame)
        if not self._in_speech and probability < self.config.off_threshold:
            # noise floor: follows quiet frames fast, loud non-speech (a door) slowly
            rate = 0.3 if level < self._floor_db else 0.02
            self._floor_db += rate * (level - self._floor_db)
        self._recent.append((t1, level))
        if self.mode == "ptt":
            return self._step_ptt(frame, t0, t1)
        return self._step_vad(frame, probability, t0, t1)

    def force_end(self, reason: str) -> Step:
        """Close the utterance in progress now (stream ended, device lost, mode change)."""
        if not self._in_speech:
            self._pending.clear()
            return Step()
        self._in_speech = False
        self._tail_left = 0
        end = self._last_voiced_end if self.mode == "always" else self.audio_time
        return Step(ended=max(end, self._start), reason=reason)

    # -- always-listening -------------------------------------------------------------
    def _step_vad(self, frame: bytes, p: float, t0: float, t1: float) -> Step:
        cfg = self.config
        if not self._in_speech:
            if p >= cfg.on_threshold:
                if not self._pending:
                    self._pending_start = t0
                self._pending.append(frame)
                if len(self._pending) * self.frame_s * 1000 >= cfg.min_speech_ms:
                    audio = b"".join(self._preroll) + b"".join(self._pending)
                    self._preroll.clear()
                    self._pending.clear()
                    self._in_speech = True
                    self._start = self._pending_start
                    self._last_voiced_end = t1
                    self._silence_s = 0.0
                    self.hint = self.open_hint = ""
                    self._utterance = bytearray(audio)
                    self._new_pause()
                    return Step(audio=audio, started=self._start, reason="voice")
                return Step()
            for f in self._pending:  # a blip too short to count: keep it as pre-roll
                self._preroll.append(f)
            self._pending.clear()
            self._preroll.append(frame)
            return Step()
        if p >= cfg.on_threshold:  # the boundary is the last clearly voiced frame...
            self._last_voiced_end = t1
        if p >= cfg.off_threshold or self.talking_over:  # ...hysteresis (or our voice) keeps it on
            if self._silence_s > 0.0:
                self._new_pause()  # the pause is over; the next one is judged afresh
                self.open_hint = ""
            self._silence_s = 0.0
        else:
            self._silence_s += self.frame_s
        if self.turn_model is not None:
            self._utterance += frame
            if len(self._utterance) > 2 * MODEL_WINDOW_BYTES:
                del self._utterance[:-MODEL_WINDOW_BYTES]
        silence = self._silence_s
        if silence > 0.0:
            # Silero's probability falls ~100 ms after the voice does; the level shows the
            # real end, so the silence is counted from there (the VAD still has to agree,
            # and the level can move the end at most VAD_LAG_S earlier).
            silence = max(silence, min(t1 - self._refined_end(), silence + VAD_LAG_S))
        if cfg.endpointing == "smart" and silence > 0.0:
            return self._step_smart(frame, silence * 1000, t1)
        if silence * 1000 >= self._end_silence_ms() - 1e-6:
            return self._end(frame, "silence")
        if t1 - self._start >= cfg.max_utterance_s:
            self._in_speech = False
            return Step(audio=frame, ended=t1, reason="max_length")
        return Step(audio=frame)

    def _end(self, frame: bytes, reason: str, turn_p: float | None = None) -> Step:
        self._in_speech = False
        self._preroll.append(frame)
        return Step(audio=frame, ended=self._refined_end(), reason=reason, turn_p=turn_p)

    def _step_smart(self, frame: bytes, silence_ms: float, t1: float) -> Step:
        """A pause in smart mode: ask the model at ``probe_ms`` (and again as it grows), weigh the words.

        The words are read first, and the model (the slow part: docs/hearing.md) is asked only when
        its answer can count: not for a whole question both readings heard, nor after speech shorter
        than any ``*min_turn_ms`` ("Bo, …").
        """
        cfg = self.config
        asked: float | None = None
        probe = silence_ms >= cfg.probe_ms - 1e-6 and silence_ms >= self._next_probe_ms - 1e-6
        if probe:
            self._next_probe_ms = silence_ms + cfg.reprobe_ms if cfg.reprobe_ms > 0 else float("inf")
            if self.words is not None:
                self.hint = self.words()
            if self.open_words is not None:
                self.open_hint = self.open_words()
        state = reading_state(self.hint, self.open_hint, cfg.question_share)
        doubt = "" if state == "unfinished" else open_words_state(self.open_hint, self.names)
        if doubt == "unfinished":
            state = "unfinished"
        said_ms = (self._refined_end() - self._start) * 1000
        probed = self._next_probe_ms > 0.0
        agreed = state == "question" and not doubt and probed and said_ms >= cfg.agree_min_turn_ms
        if agreed and readings_agree(self.hint, self.open_hint) >= cfg.agree_share:
            return self._end(frame, "agreed")
        if probe and said_ms >= min(cfg.min_turn_ms, cfg.question_min_turn_ms):
            assert self.turn_model is not None
            asked = self._turn_p = self.turn_model.probability(bytes(self._utterance[-MODEL_WINDOW_BYTES:]))
        p = self._turn_p
        least = cfg.question_min_turn_ms if state == "question" else cfg.min_turn_ms
        judged = p is not None and said_ms >= least
        if judged and p is not None and not doubt and turn_complete(p, state, cfg):
            return self._end(frame, "smart", asked)
        wait = _wait_ms(state, p if judged else None, cfg)
        if doubt == "doubtful":
            wait = max(wait, cfg.open_hold_ms)
        if silence_ms >= wait - 1e-6:
            return self._end(frame, "silence", asked)
        if t1 - self._start >= cfg.max_utterance_s:
            self._in_speech = False
            return Step(audio=frame, ended=t1, reason="max_length", turn_p=asked)
        return Step(audio=frame, turn_p=asked)

    def _new_pause(self) -> None:
        """Forget the last pause's probe: the next pause is judged afresh."""
        self._turn_p = None
        self._next_probe_ms = 0.0

    def _end_silence_ms(self) -> int:
        """How long a pause ends this utterance, given the words heard so far."""
        cfg = self.config
        if is_unfinished(self.hint):
            return cfg.unfinished_silence_ms
        if is_complete_question(self.hint):
            return round(cfg.end_silence_ms * QUESTION_SILENCE)
        return cfg.end_silence_ms

    def _refined_end(self) -> float:
        """Walk back from Silero's last voiced frame over frames at the noise floor."""
        end = self._last_voiced_end
        quiet = self._floor_db + self.config.refine_db
        for t_end, level in reversed(self._recent):
            if t_end > end + 1e-9:
                continue
            if level >= quiet or t_end <= self._start:
                break
            end = t_end - self.frame_s
        return max(end, self._start + self.frame_s)

    # -- push-to-talk -----------------------------------------------------------------
    def _step_ptt(self, frame: bytes, t0: float, t1: float) -> Step:
        if not self._in_speech:
            if self.ptt:
                audio = b"".join(self._preroll) + frame
                self._start = max(0.0, t0 - len(self._preroll) * self.frame_s)
                self._preroll.clear()
                self._in_speech = True
                self._tail_left = round(self.config.ptt_tail_ms / 1000 / self.frame_s)
                self.hint = ""
                return Step(audio=audio, started=self._start, reason="ptt")
            self._preroll.append(frame)
            return Step()
        if self.ptt:
            return Step(audio=frame)
        if self._tail_left > 0:
            self._tail_left -= 1
            return Step(audio=frame)
        self._in_speech = False
        return Step(audio=frame, ended=t1, reason="ptt_release")


def _wait_ms(state: str, p: float | None, config: EndpointConfig) -> int:
    """How long a pause the turn may have, given the words and the model (None: not judged)."""
    if state == "unfinished":
        return config.max_wait_ms
    if state == "question" and p is not None and p >= config.question_band:
        return config.question_hold_ms
    return config.hold_ms


def turn_complete(p: float, state: str, config: EndpointConfig) -> bool:
    """Whether the model's probability ``p`` and the words' ``state`` agree the turn is over.

    Unfinished words ("and…", "the…") veto any probability; a complete question needs less
    of the model than words that say nothing either way.
    """
    if state == "unfinished":
        return False
    return p >= (config.question_threshold if state == "question" else config.turn_threshold)
