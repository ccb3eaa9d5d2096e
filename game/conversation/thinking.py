"""The NPC's visible reaction when the user's turn ends, and a filler when its answer is slow.

People show that they heard before they answer. Within a frame of the end of the user's turn
(:class:`~game.events.SpeechEnded`, or a typed line) the NPC that will answer looks at the user,
its face turns thoughtful and its name tag's ``((·))`` becomes ``…`` (``AvatarState.status``
"thinking"), until the first sentence of its reply plays. If no reply audio has started
:data:`FILLER_AFTER_S` after the end of the turn, the NPC says one short filler in its own voice
("Hmm, let me think…", the persona's ``[lines] filler``) through the normal speaking path (lip
sync, subtitle, echo guard); the reply queues behind it on the NPC's channel, so it follows
without a gap or an overlap. The filler waits for the words too: not while the final transcript is
still being decoded, and not within :data:`BRAIN_GRACE_S` of its arrival, since a reply that comes
a moment later would otherwise wait behind two seconds of "One moment, let me be precise…" (seen
in ``bench voice`` after a slow final pass or a corrected early answer). A filler is no reply: it
is not remembered, not in the transcript, not timed as the reply's first audio, and a barge-in
cuts it silently (:meth:`~game.conversation.voicing.Voicing.filler`).

A stuck "…" is a bug, so every way a turn can end clears the state: the reply plays, the reply
is empty or only shown as a subtitle, the user barges in, the brain hangs, the final transcript
never comes (noise, :data:`HEARING_GIVE_UP_S`), the audio never comes (:data:`VOICE_GIVE_UP_S`,
after the TTS watchdog had its chance), another NPC is addressed, or the NPC leaves the room.

Times are the conversation's clock (injected, so tests drive it); see docs/conversation.md,
"What happens in a turn".
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from game.conversation.voicing import Voicing
from game.mind.persona import GENERIC_LINES, Persona
from game.sim.scene import Vec3
from game.sim.world import World

FILLER_AFTER_S = 0.6
"""A reply with no audio this long after the end of the user's turn starts with a filler."""
BRAIN_GRACE_S = 0.3
"""...and this long after the words to answer were known: the room's own brain answers and the
first sentence is synthesized within about 100 ms, so only a slow brain (the local LLM) gets one."""
HEARING_GIVE_UP_S = 3.0
"""Thinking begun at the end of speech stops if no final transcript came by then (a cough, noise)."""
VOICE_GIVE_UP_S = 6.0
"""A reply that is complete but not heard by then (past the TTS watchdog's 5 s) stops the thinking."""
THINKING = "thinking"


@dataclass(frozen=True)
class Filler:
    """A filler that was said: by whom, what, when (the conversation's clock), and its reply id."""

    npc: str
    text: str
    t: float
    reply_id: int


@dataclass
class Wait:
    """One NPC's wait for its own reply; ``since`` is the end of the user's turn."""

    npc: str
    since: float
    shown: float  # when the reaction showed (the latency figure of the turn)
    face: str  # the emotion before thinking, given back when nothing else set one
    filler: bool  # a filler may be said (the user's turn, not a hand-over)
    hearing: bool  # still waiting for the final transcript, not yet for the brain
    heard: float | None = None  # when the words to answer were known (None while hearing)
    replied: float | None = None  # the brain's reply is complete, its audio not yet started
    said: int | None = None  # the filler's reply id, once said (at most one per turn)
    until: float | None = None  # a shared room's wait ends by then (a host that died mid-turn)


class Thinking:
    """Who is thinking about the user's line, since when; says the filler when it is due.

    ``filler_line(npc)`` picks the NPC's filler; ``prepared(npc)`` says whether a speculative
    reply for it already has sentences in synthesis (its audio is as good as ready, and a filler
    would only delay it).
    """

    def __init__(
        self,
        voicing: Voicing,
        filler_line: Callable[[str], str],
        prepared: Callable[[str], bool],
        clock: Callable[[], float],
        after_s: float = FILLER_AFTER_S,
    ) -> None:
        self.voicing, self.filler_line, self.prepared, self.clock = voicing, filler_line, prepared, clock
        self.after_s = after_s
        self.fillers: list[Filler] = []  # every filler said, for the tests and the benchmarks
        self._waits: dict[str, Wait] = {}

    @property
    def npcs(self) -> tuple[str, ...]:
        """The NPCs thinking now."""
        return tuple(self._waits)

    def begin(
        self,
        world: World,
        npc: str,
        eye: Vec3,
        since: float,
        *,
        filler: bool = True,
        hearing: bool = False,
        until: float | None = None,
    ) -> float:
        """``npc`` will answer the turn that ended at ``since``: look at the user, show thinking.

        Called again for the same NPC as the turn moves on (end of speech, final transcript,
        brain request), it keeps the first reaction and the filler already said. ``until``: give
        up then (a shared room, where the line comes from a host that may die). Returns the
        clock at which the reaction showed.
        """
        anim = world.animator
        avatar = anim.get(npc)
        wait = self._waits.get(npc)
        if wait is None:
            face = avatar.emotion if avatar.emotion != THINKING else "neutral"
            wait = Wait(npc, since, self.clock(), face, filler, hearing, until=until)
            self._waits[npc] = wait
        else:
            wait.since = min(wait.since, since)
            wait.filler = wait.filler or filler
            wait.hearing = wait.hearing and hearing
            wait.replied = None
        if not wait.hearing and wait.heard is None:
            wait.heard = self.clock()
        wait.until = until
        anim.look_at(npc, eye)
        avatar.status = THINKING
        anim.set_emotion(npc, THINKING)
        return wait.shown

    def since(self, npc: str) -> float | None:
        """When the turn ``npc`` thinks about ended (None when it is not thinking)."""
        wait = self._waits.get(npc)
        return None if wait is None else wait.since

    def replied(self, world: World, npc: str) -> None:
        """The brain's reply is complete: with nothing of it to hear (empty, or all played) the wait ends."""
        wait = self._waits.get(npc)
        if wait is None:
            return
        if not self.voicing.voices_reply(npc):
            self.stop(world, npc)
        else:
            wait.replied = self.clock()

    def spoke(self, world: World, npc: str) -> None:
        """The first sentence of ``npc``'s reply began to play (a filler does not count)."""
        self.stop(world, npc)

    def stop(self, world: World, npc: str | None = None) -> list[str]:
        """End the wait of ``npc`` (default: every NPC's); returns the NPCs that were thinking.

        The face goes back to what it was unless the reply already set one; a filler being
        said is left to finish (a barge-in cuts it with the rest of the NPC's speech).
        """
        names = [npc] if npc is not None else list(self._waits)
        stopped = []
        for name in names:
            wait = self._waits.pop(name, None)
            if wait is None:
                continue
            stopped.append(name)
            if world.npc(name) is None:
                continue
            avatar = world.animator.get(name)
            if avatar.status == THINKING:
                avatar.status = ""
            if avatar.emotion == THINKING:
                with contextlib.suppress(ValueError):
                    world.animator.set_emotion(name, wait.face)
        return stopped

    def tick(self, world: World) -> None:
        """Once per main-loop step: give up stale waits, say a filler that is due."""
        now = self.clock()
        for wait in list(self._waits.values()):
            if world.npc(wait.npc) is None:
                self._waits.pop(wait.npc, None)  # it left the room: nothing left to clear
            elif wait.hearing and now >= wait.since + HEARING_GIVE_UP_S:
                self.stop(world, wait.npc)  # the end of speech was noise: no final, nothing to answer
            elif wait.replied is not None and now >= wait.replied + VOICE_GIVE_UP_S:
                self.stop(world, wait.npc)  # the voice never came; the subtitle has the reply
            elif wait.until is not None and now >= wait.until:
                self.stop(world, wait.npc)  # the room's host never sent the line
            elif self._filler_due(wait, now):
                text = self.filler_line(wait.npc)
                wait.said = self.voicing.filler(wait.npc, text)
                self.fillers.append(Filler(wait.npc, text, now, wait.said))

    def _filler_due(self, wait: Wait, now: float) -> bool:
        """Late, not said yet, and nothing of the NPC is queued: a filler must never follow the reply."""
        return (
            wait.filler
            and wait.said is None
            and wait.replied is None
            and wait.heard is not None
            and now >= wait.since + self.after_s  # (deadlines, compared as such: no rounding)
            and now >= wait.heard + BRAIN_GRACE_S
            and not self.voicing.voicing(wait.npc)
            and not self.prepared(wait.npc)
        )


def persona_filler(personas: Mapping[str, Persona], npc: str, rng: random.Random | None = None) -> str:
    """The NPC's own filler (``[lines] filler``); the generic ones for a persona that has none."""
    persona = personas.get(npc)
    if persona is not None:
        return persona.line("filler", rng)
    return (rng or random).choice(GENERIC_LINES["filler"])
