"""Turn-taking in a shared room: each NPC answers one user at a time, in the order they spoke.

The host puts every line addressed to an NPC in that NPC's queue. The NPC's task takes
the next line, turns to the speaker, asks a mind worker, has the host apply and log any
edits, and publishes the reply as text, voice and start time; the next line waits until
the reply has been spoken (its estimated length), so two users talking to one NPC are
queued, not interleaved. Other NPCs answer in parallel.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from game.mind.protocols import Action

SECONDS_PER_SENTENCE_PAUSE = 0.3
POSITIONAL = ("walk_to", "follow", "stop_following")  # travel as the host's NPC bodies, not with the line


@dataclass(frozen=True)
class Turn:
    """A user's line waiting for an NPC."""

    user: str
    text: str
    reason: str
    id: str = ""
    thought: dict[str, Any] | None = None  # a guess the final kept: answered already, acted on now


def speaking_seconds(text: str, rate_wpm: int) -> float:
    """How long espeak-ng will take to say ``text`` at ``rate_wpm`` (clients time their own audio)."""
    words = max(1, len(text.split()))
    return words * 60.0 / max(80, rate_wpm) + SECONDS_PER_SENTENCE_PAUSE


def to_action(data: dict[str, Any]) -> Action | None:
    """An action from a mind worker's ``thought``; None for one this build does not know."""
    try:
        return Action.from_dict(data)
    except (ValueError, TypeError):
        return None


# The host's side of a turn: ask a mind, apply actions (→ what to say instead, if an edit failed),
# publish a line, publish a body, wait for the words to be said.
Think = Callable[[Turn, str], Awaitable[dict[str, Any] | None]]
Act = Callable[[Turn, str, list[Action], dict[str, Any]], Awaitable[str]]
Announce = Callable[[str, Turn, str, dict[str, Any]], Awaitable[None]]
Face = Callable[[str, str, bool], Awaitable[None]]


@dataclass
class NpcTurns:
    """One queue and one task per NPC; :meth:`stop` cancels them."""

    think: Think
    act: Act
    announce: Announce
    face: Face
    hold: Callable[[float], Awaitable[Any]] = asyncio.sleep
    queues: dict[str, asyncio.Queue[Turn]] = field(default_factory=dict)
    tasks: dict[str, asyncio.Task[None]] = field(default_factory=dict)
    answered: int = 0
    _busy: set[str] = field(default_factory=set)

    def add(self, npc: str, turn: Turn) -> int:
        """Queue ``turn`` for ``npc``; returns how many lines are ahead of it."""
        queue = self.queues.get(npc)
        if queue is None:
            queue = self.queues[npc] = asyncio.Queue()
            self.tasks[npc] = asyncio.create_task(self._answer(npc, queue), name=f"turns-{npc}")
        ahead = queue.qsize() + (1 if self.busy(npc) else 0)
        queue.put_nowait(turn)
        return ahead

    def busy(self, npc: str) -> bool:
        """Whether ``npc`` is answering someone now."""
        return npc in self._busy

    @property
    def idle(self) -> bool:
        """No NPC is answering anyone, and no line waits for one (the room may be quiet)."""
        return not self._busy and all(q.empty() for q in self.queues.values())

    async def _answer(self, npc: str, queue: asyncio.Queue[Turn]) -> None:
        while True:
            turn = await queue.get()
            self._busy.add(npc)
            try:
                await self._one(npc, turn)
            finally:
                self._busy.discard(npc)

    async def _one(self, npc: str, turn: Turn) -> None:
        await self.face(npc, turn.user, False)
        thought = await self.think(turn, npc)
        if thought is None or not thought.get("text"):
            await self.face(npc, "", False)
            return
        actions = [a for a in (to_action(d) for d in thought.get("actions", [])) if a is not None]
        text = await self.act(turn, npc, actions, thought) or str(thought["text"])
        voice = thought.get("voice") or {}
        duration = speaking_seconds(text, int(voice.get("rate", 165)))
        body = [a.as_dict() for a in actions if not a.is_edit and a.name not in POSITIONAL]
        await self.announce(npc, turn, text, {"voice": voice, "duration": duration, "acts": body})
        self.answered += 1
        await self.face(npc, turn.user, True)
        await self.hold(duration)
        await self.face(npc, turn.user, False)  # done speaking, still facing whom it answered

    async def stop(self) -> None:
        """Cancel every NPC's task (the host is shutting down or lost its lease)."""
        for task in self.tasks.values():
            task.cancel()
        await asyncio.gather(*self.tasks.values(), return_exceptions=True)
        self.tasks.clear()
        self.queues.clear()
