"""The data a skill handler gets (:class:`SkillInput`) and gives back (:class:`Answer`).

Skills are small functions, one per intent, in :mod:`game.mind.room_skills` and
:mod:`game.mind.talk_skills`; the brain classifies, extracts slots, then calls one.
"""

from __future__ import annotations

import random
from collections.abc import MutableMapping
from dataclasses import dataclass, field

from game.mind.embedder import Matrix
from game.mind.grounding import WorldSnapshot
from game.mind.intents import IntentResult
from game.mind.memory import NpcMemory
from game.mind.persona import Persona
from game.mind.protocols import Action, MindContext
from game.mind.slots import Slots


@dataclass
class SkillInput:
    """One utterance being answered, with everything resolved so far."""

    text: str
    vector: Matrix
    slots: Slots
    intent: IntentResult
    context: MindContext
    rng: random.Random

    @property
    def persona(self) -> Persona:
        """The speaking character."""
        return self.context.persona

    @property
    def snap(self) -> WorldSnapshot:
        """The room as it was when the user spoke."""
        return self.context.snapshot

    @property
    def memory(self) -> NpcMemory | None:
        """The NPC's memory, when the caller keeps one."""
        return self.context.memory

    def line(self, kind: str, **values: str) -> str:
        """Return a persona line of ``kind``."""
        return self.persona.line(kind, self.rng, **values)


@dataclass
class Answer:
    """What a skill decided: words, actions, emotion, and the evidence behind them."""

    text: str
    actions: tuple[Action, ...] = ()
    emotion: str = "neutral"
    evidence: list[str] = field(default_factory=list)
    focus: str = ""
    intent: str = ""
    """The intent the reply is reported under, when not the classifier's (a topic took the line)."""
    layer: str = ""
    """Which layer answered (see :data:`game.mind.protocols.LAYERS`); "" lets the brain name it."""


def carry_over(focus: MutableMapping[str, str], *keys: tuple[str, str]) -> None:
    """A new line: what the last reply left under each pair's first key is read under its second.

    Several skills answer one line in the light of the reply just before it (the topic just
    talked about, the news just answered, the fact just told, the note just asked after), and
    only that line: each keeps a ``(said, before)`` pair of focus keys, and the brain carries
    them all over here as a turn begins.
    """
    for said, before in keys:
        focus[before] = focus.pop(said, "")
