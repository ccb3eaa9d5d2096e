"""The host's questions to the room's minds: a turn's answer, a private guess, the thinking meanwhile.

The host asks a mind worker (queue group ``minds``) for each line it takes from an NPC's
turn queue. While it waits, every client shows that NPC thinking: the host publishes
``thinking`` when the turn is taken, and ``thinking`` with ``on: false`` when no line will
come (no worker answered, or the answer was empty); otherwise the line itself ends the
wait on each client as it plays. A *guess* (asked while the user still speaks) is answered
to that user only and kept here unacted until the final's ``say`` adopts it
(docs/shared-rooms.md, "Early answers").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import nats
from nats.aio.client import Client

from game.net import subjects
from game.net.npc_turns import Turn
from game.net.schema import BadMessage, decode, encode
from game.sim.scene import Vec3

THINK_TIMEOUT_S = 8.0
GUESS_KEPT_S = 30.0  # a guess no final adopted is forgotten after this
MAX_GUESSES = 500

Thought = dict[str, Any]


@dataclass
class Thoughts:
    """Asks the room's minds for the host; ``problems`` is the host's list of what went wrong."""

    room: str
    nc: Callable[[], Client | None]
    position: Callable[[str], Vec3]  # where a user stands (grounding: "the lamp near me")
    may_edit: Callable[[str], bool]
    clock: Callable[[], float]
    problems: list[str]
    guesses: dict[tuple[str, str], tuple[str, Thought, float]] = field(default_factory=dict)  # → npc, …, when

    async def ask(self, turn: Turn, npc: str, guess: bool) -> Thought | None:
        """A mind worker's answer to one line (``guess``: on copies, remembered only if kept)."""
        nc = self.nc()
        assert nc is not None
        request = encode(
            "think",
            id=turn.id,
            guess=guess,
            user=turn.user,
            npc=npc,
            text=turn.text,
            reason=turn.reason,
            pos=list(self.position(turn.user)),
            may_edit=self.may_edit(turn.user),
        )
        try:
            answer = await nc.request(subjects.minds(self.room), request, timeout=THINK_TIMEOUT_S)
            return decode(answer.data, "thought")
        except (TimeoutError, nats.errors.NoRespondersError, nats.errors.TimeoutError) as exc:
            self.problems.append(f"no mind worker answered for {npc} ({type(exc).__name__})")
        except BadMessage as exc:
            self.problems.append(f"a mind worker's answer was dropped: {exc}")
        return None

    async def think(self, turn: Turn, npc: str) -> Thought | None:
        """The answer to a turn the NPC takes now; every client shows it thinking until its line."""
        await self.thinking(npc, turn, True)
        thought = turn.thought  # a guess the final kept: its speaker already hears it
        if thought is None:
            thought = await self.ask(turn, npc, guess=False)
        if thought is None or not thought.get("text"):
            await self.thinking(npc, turn, False)  # no line will come: the "…" ends everywhere
        return thought

    async def thinking(self, npc: str, turn: Turn, on: bool) -> None:
        """Tell every client that ``npc`` thinks about ``turn`` (``on``), or stopped with no line."""
        nc = self.nc()
        if nc is not None:
            data = encode("thinking", npc=npc, to=turn.user, id=turn.id, on=on)
            await nc.publish(subjects.thinking(self.room), data)

    async def guess(self, turn: Turn, npc: str) -> bytes | None:
        """The private answer to a guess (a ``thought`` for its user), kept for the final; None if none."""
        thought = await self.ask(turn, npc, guess=True)
        if thought is None:
            return None
        now = self.clock()
        for key in [k for k, (_, _, t) in self.guesses.items() if now - t > GUESS_KEPT_S]:
            del self.guesses[key]
        if len(self.guesses) < MAX_GUESSES:
            self.guesses[(turn.user, turn.id)] = (npc, thought, now)
        private = {k: thought[k] for k in ("npc", "text", "intent", "worker") if k in thought}
        return encode("thought", **private, actions=[], voice=thought.get("voice", {}))

    def adopt(self, user: str, guess_id: str) -> tuple[str, Thought] | None:
        """The guess ``user``'s final kept, as (npc, thought); None when unknown or forgotten."""
        kept = self.guesses.pop((user, guess_id), None) if guess_id else None
        return None if kept is None else (kept[0], kept[1])

    async def remember(self, turn: Turn, thought: Thought) -> None:
        """Tell the worker that answered a guess that the final kept it (its memory copies stay)."""
        nc, worker = self.nc(), str(thought.get("worker", ""))
        if nc is not None and worker:
            await nc.publish(subjects.mind(self.room, worker), encode("remember", user=turn.user, id=turn.id))
