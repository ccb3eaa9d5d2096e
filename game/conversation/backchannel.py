"""Backchannels: the addressed NPC nods while a user talks at length.

People listening show they are following ("mm", a nod) without taking the turn; an avatar that
stares motionless through a long request looks frozen. After about 4 s of one user turn the NPC
who is listening nods, and again every few seconds while the turn goes on. It is a head
gesture only, with no sound: an audible "mm" would reach the microphone and test the echo
guard with our own voice in the middle of the user's turn (audible backchannels are not built).
The policy is pure (times in, a yes/no out), so it is tested without a clock.
"""

from __future__ import annotations

from dataclasses import dataclass

BACKCHANNEL_AFTER_S = 4.0
BACKCHANNEL_EVERY_S = 3.5
GESTURE = "nod"


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
