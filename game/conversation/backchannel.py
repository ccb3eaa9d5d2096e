"""Backchannels: the addressed NPC nods (and, if asked, murmurs) while a user talks at length.

People listening show they are following ("mm", a nod) without taking the turn; an avatar that
stares motionless through a long request looks frozen. After about 4 s of one user turn the NPC
who is listening nods, and again every few seconds while the turn goes on. By default it is a
head gesture only: an audible murmur reaches the microphone in the middle of the user's words.
The setting ``audio.backchannels`` adds one (:data:`SOUNDS`, spoken by the NPC's own voice,
quieter); the echo guard passes the user's words through it unmuted while the user's turn is
open and the endpointer judges no pause under it, so it neither splits nor ends the turn
(``tests/hearing/test_backchannel_echo.py``).
The policy is pure (times in, a yes/no out), so it is tested without a clock.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from game.speaking.tts import VoiceSpec

BACKCHANNEL_AFTER_S = 4.0
BACKCHANNEL_EVERY_S = 3.5
GESTURE = "nod"
SOUNDS = ("Uh-huh.", "Yeah.")
"""What an audible backchannel says. espeak-ng spells "mm" and "mhm" out letter by letter
("em em", "em aitch em"); "uh-huh" and "yeah" come out as the sounds they are."""
MURMUR_VOLUME = 0.6
"""A murmur is softer than the NPC's speaking voice (a share of its volume)."""


@dataclass
class Backchannel:
    """When the listening NPC should nod during the user's turn."""

    after_s: float = BACKCHANNEL_AFTER_S
    every_s: float = BACKCHANNEL_EVERY_S
    _started: float | None = None
    _last: float | None = None
    count: int = 0

    def turn_started(self, now: float) -> None:
        """The user began to speak (``SpeechStarted``)."""
        self._started, self._last = now, None

    def turn_ended(self) -> None:
        """The user's turn is over (end of speech, a typed line): no nods until the next one."""
        self._started = self._last = None

    def due(self, now: float) -> bool:
        """True once per nod: first ``after_s`` into the turn, then every ``every_s``."""
        if self._started is None or now - self._started < self.after_s:
            return False
        if self._last is not None and now - self._last < self.every_s:
            return False
        self._last = now
        self.count += 1
        return True

    def sound(self) -> str:
        """The murmur for the nod just due: the sounds in turn, so it is not the same every time."""
        return SOUNDS[(self.count - 1) % len(SOUNDS)]


def murmur_voice(voice: VoiceSpec) -> VoiceSpec:
    """The NPC's own voice, softer: a murmur is not a reply."""
    return replace(voice, volume=voice.volume * MURMUR_VOLUME)
