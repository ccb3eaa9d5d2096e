"""Replies prepared on a guess from the partial transcript, held back until the final decides.

While the user is still speaking, the brain already answers what the partial transcript
says (on private copies of the NPC's memory and focus) and the first sentences are
synthesized. Everything that guess produces is held here, unheard and unapplied: if the
final transcript says the same the prepared reply plays at once, otherwise it is dropped
and leaves the world exactly as it was (ARCHITECTURE rule 11).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from game.conversation.turns import TurnRecord
from game.conversation.voicing import Voicing
from game.events import Event, NpcReplied, NpcSpeech, SpeechChunk
from game.mind.protocols import MindContext
from game.mind.worker import BrainWorker


@dataclass
class Speculation:
    """A reply prepared from the last partial transcript while the final one is decoded.

    If the final transcript says the same, the prepared speech plays at once; if not,
    it is discarded unheard (its text may still be in the NPC's short-term memory).
    """

    text: str
    npc: str
    reason: str
    turn: int
    context: Any = None  # the MindContext with private copies of memory and focus
    reply_ids: set[int] = field(default_factory=set)
    chunks: list[SpeechChunk] = field(default_factory=list)
    replied: NpcReplied | None = None
    committed: TurnRecord | None = None  # the turn it became when it was played
    seen: int = 1  # how many partial updates in a row gave this text


GREETINGS = frozenset({"hi", "hey", "hello", "oh", "um", "uh", "er", "so", "well"})


def comparable(text: str) -> str:
    """What a guess and the final transcript are compared on.

    Lower-case words without the greetings and fillers that recognisers add or drop
    ("hi ada where is …"), which never change the answer — unless nothing else was said.
    """
    words = "".join(c for c in text.lower() if c.isalnum() or c.isspace()).split()
    content = [w for w in words if w not in GREETINGS]
    return " ".join(content or words)


class Guesses:
    """The guess being prepared, an early answer awaiting its final, and how guesses fared."""

    def __init__(self, brain: BrainWorker, voicing: Voicing) -> None:
        self.brain, self.voicing = brain, voicing
        self.current: Speculation | None = None
        self.early: Speculation | None = None  # played at the end point, awaiting the final
        self._discarded: set[int] = set()  # brain turns of dropped guesses: never say them
        self.hits = self.misses = self.corrections = 0

    def repeat(self, text: str) -> bool:
        """True (and counted) when ``text`` is what the current guess already answers."""
        spec = self.current
        if spec is not None and spec.text == comparable(text):
            spec.seen += 1
            return True
        return False

    def start(self, text: str, npc: str, reason: str, context: MindContext) -> None:
        """Ask the brain about ``text`` on private copies of the NPC's memory and focus."""
        self.drop()
        context.memory = copy.deepcopy(context.memory)
        context.focus = dict(context.focus)
        turn = self.brain.submit(text, context)
        self.current = Speculation(comparable(text), npc, reason, turn, context)

    def drop(self) -> None:
        """Forget the current guess: its speech is cancelled and its late events ignored."""
        spec, self.current = self.current, None
        if spec is not None:
            self._discarded.add(spec.turn)
            self.voicing.cancel(spec.reply_ids)

    def settled_early(self, partial: str) -> Speculation | None:
        """The guess, when the words stopped changing before the user stopped speaking."""
        spec = self.current
        if spec is None or spec.seen < 2 or spec.text != comparable(partial):
            return None
        self.current, self.early = None, spec
        self.hits += 1
        return spec

    def unconfirmed(self) -> None:
        """The early answer's final never came (the user spoke again): it never acts."""
        if self.early is not None:
            self._discarded.add(self.early.turn)
            if self.early.committed is not None:
                self.early.committed.corrected = True  # retracted: the summary must say so
            self.early = None

    def correct(self, early: Speculation) -> None:
        """The final transcript contradicted an early answer already playing: it never acts."""
        self._discarded.add(early.turn)
        self.hits -= 1
        self.misses += 1
        self.corrections += 1
        if early.committed is not None:
            early.committed.corrected = True

    def overruled(self, spec: Speculation) -> None:
        """A mod's ``on_heard`` answered the final the guess matched: the guess is never heard."""
        self._discarded.add(spec.turn)
        self.voicing.cancel(spec.reply_ids)
        self.hits -= 1
        self.misses += 1

    def confirmed(self, final: str, trusted: bool = True) -> Speculation | None:
        """The guess if the final transcript says the same; otherwise it is dropped.

        ``trusted=False``: the final has doubtful words, and the guess was answered without
        knowing that, so it is dropped too.
        """
        spec = self.current
        if spec is not None and trusted and spec.text == comparable(final):
            self.current = None
            self.hits += 1
            return spec
        if spec is not None:
            self.misses += 1
            self.drop()
        return None

    def prepared(self, npc: str) -> bool:
        """Whether the current guess answers ``npc`` and has sentences in synthesis (its audio is near)."""
        spec = self.current
        return spec is not None and spec.npc == npc and bool(spec.reply_ids)

    def uses(self, reply_id: int) -> bool:
        """Whether ``reply_id`` is a sentence of the current guess."""
        return self.current is not None and reply_id in self.current.reply_ids

    def hold(self, event: Event) -> bool:
        """Keep a guess's events (sentences, chunks, the reply) until the final decides its fate."""
        if isinstance(event, (NpcSpeech, NpcReplied)) and event.turn in self._discarded:
            return True  # the guess was wrong: never say it
        early = self.early
        if early is not None and isinstance(event, NpcReplied) and event.turn == early.turn:
            early.replied = event  # its actions wait for the final transcript
            return True
        spec = self.current
        if spec is None:
            return False
        if isinstance(event, NpcSpeech) and event.turn == spec.turn:
            spec.reply_ids.add(self.voicing.prepare(event.npc, event.text))
            return True
        if isinstance(event, SpeechChunk) and event.reply_id in spec.reply_ids:
            spec.chunks.append(event)
            if event.last:
                self.voicing.synthesized(event.reply_id)
            return True
        if isinstance(event, NpcReplied) and event.turn == spec.turn:
            spec.replied = event
            return True
        return False
