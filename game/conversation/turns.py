"""One exchange with an NPC, as the conversation records it.

:class:`TurnRecord` holds its timestamps (the latency HUD, ``simulate``'s summary)
and what the NPC answered and why (the F3 view).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class TurnRecord:
    """Timestamps (monotonic seconds) of one exchange, for the latency HUD and summary."""

    npc: str
    text: str
    reason: str
    speech_end: float | None = None
    final: float = 0.0
    reaction: float | None = None
    """When the answering NPC showed it was thinking (a look and "…"; game.conversation.thinking)."""
    reply: float | None = None
    first_chunk: float | None = None
    playback_start: float | None = None
    playback_end: float | None = None
    reply_text: str = ""
    intent: str = ""
    brain: str = ""
    layer: str = ""
    """Which layer of the brain answered (topic, fallback, room, …; see ``game.mind.protocols.LAYERS``)."""
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
        ended = self.final if self.speech_end is None else self.speech_end  # a typed line: when it came
        points.append(("to_reaction", ended, self.reaction))
        out = {k: round((b - a) * 1000, 1) for k, a, b in points if a is not None and b is not None}
        if self.speech_end is not None and self.playback_start is not None:
            out["speech_end_to_audio"] = round((self.playback_start - self.speech_end) * 1000, 1)
        return out
