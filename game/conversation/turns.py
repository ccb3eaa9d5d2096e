"""One exchange with an NPC, as the conversation records it.

:class:`TurnRecord` holds its timestamps (the latency HUD, ``simulate``'s summary);
:class:`Speculation` is a reply prepared on a guess from the partial transcript, and
:func:`comparable` is what a guess and the final transcript are compared on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.events import NpcReplied, SpeechChunk


@dataclass
class TurnRecord:
    """Timestamps (monotonic seconds) of one exchange, for the latency HUD and summary."""

    npc: str
    text: str
    reason: str
    speech_end: float | None = None
    final: float = 0.0
    reply: float | None = None
    first_chunk: float | None = None
    playback_start: float | None = None
    playback_end: float | None = None
    reply_text: str = ""
    intent: str = ""
    brain: str = ""
    evidence: tuple[str, ...] = ()
    corrected: bool = False
    """An early answer the final transcript contradicted: cut, and the next turn answers the
    same speech again."""

    def stages_ms(self) -> dict[str, float]:
        """Per-stage latency in milliseconds (only the stages that happened)."""
        points = [
            ("end_to_final", self.speech_end, self.final),
            ("brain", self.final, self.reply),
            ("tts_first_chunk", self.final, self.first_chunk),
            ("to_first_audio", self.final, self.playback_start),
        ]
        out = {k: round((b - a) * 1000, 1) for k, a, b in points if a is not None and b is not None}
        if self.speech_end is not None and self.playback_start is not None:
            out["speech_end_to_audio"] = round((self.playback_start - self.speech_end) * 1000, 1)
        return out


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
