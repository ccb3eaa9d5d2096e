"""A conversation with the room: routing, personas, memory, brain, and applying actions.

:class:`MindSession` is what ``voxroom chat``, the tests and the benchmark drive, and
what the app's brain worker wraps: it owns no thread and no GL, so the whole path from a
typed line to an edited room runs synchronously in a test. In the app, the main thread
builds the snapshot and applies the actions; here both happen in :meth:`MindSession.say`.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field, replace
from pathlib import Path

from game.mind.actions import apply_action
from game.mind.addressing import IdleRemark, bystander_reactions, choose_addressee, idle_remark
from game.mind.grounding import snapshot_world
from game.mind.memory import MemoryStore, withdraw_promise
from game.mind.persona import (
    GENERIC_LINES,
    PERSONAS_DIR,
    Persona,
    PersonaError,
    load_persona,
    load_persona_or_generic,
)
from game.mind.protocols import Action, Brain, MindContext, Reply
from game.sim.scene import Scene, Vec3
from game.sim.world import World, WorldError

log = logging.getLogger(__name__)


@dataclass
class Exchange:
    """One turn: who answered and why, the reply, and what changed in the room."""

    npc: str
    reason: str
    reply: Reply
    applied: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    noticed: list[tuple[str, Action]] = field(default_factory=list)
    memory_error: str = ""  # why the NPC's memory could not be saved ("" when it was, or not asked)


class MindSession:
    """Talk to the NPCs of one scene; keeps per-NPC discourse focus and memory."""

    def __init__(
        self,
        scene: Scene,
        brain: Brain,
        store: MemoryStore | None = None,
        personas_dir: Path = PERSONAS_DIR,
        remember: bool = True,
        world: World | None = None,
    ) -> None:
        self.world = world or World(scene)
        self.brain = brain
        self.store = store or MemoryStore()
        self.remember = remember
        self.problems: list[str] = []
        self.personas_dir = personas_dir
        self.personas: dict[str, Persona] = {}
        for slot in scene.npcs:
            persona, error = load_persona_or_generic(slot.persona, slot.name, personas_dir)
            if error is not None:
                self.problems.append(f"{error}; {slot.name} uses a generic persona")
            self.personas[slot.name] = persona
        self.focus: dict[str, dict[str, str]] = {slot.name: {} for slot in scene.npcs}
        self.memories = {slot.name: self.store.start_session(slot.name) for slot in scene.npcs}
        self.problems.extend(self.store.problems)
        self.user_position: Vec3 = scene.spawn.position
        self.user_forward: Vec3 | None = None

    def persona_files(self) -> dict[Path, list[str]]:
        """Each persona file the scene's NPCs use → the NPCs using it (for hot reload)."""
        files: dict[Path, list[str]] = {}
        for slot in self.world.scene.npcs:
            files.setdefault(self.personas_dir / f"{slot.persona}.toml", []).append(slot.name)
        return files

    def reload_personas(self, changed: set[Path]) -> list[tuple[str, str]]:
        """Reload the personas whose files changed; a broken file keeps the last good persona.

        Returns one ``(level, line)`` per file for the HUD: what was reloaded, or the error
        and that the previous version stays.
        """
        lines: list[tuple[str, str]] = []
        for path, npcs in self.persona_files().items():
            if path not in changed:
                continue
            try:
                persona = load_persona(path.stem, path.parent)
            except PersonaError as exc:
                lines.append(("error", f"{exc} — {', '.join(npcs)} keep the last good persona"))
                continue
            for npc in npcs:
                self.personas[npc] = replace(persona, name=npc)
            lines.append(("info", f"persona {path.stem} reloaded ({', '.join(npcs)})"))
        return lines

    def context(self, npc: str) -> MindContext:
        """Return the context for one NPC's reply, built from the current world.

        The memory is re-read first when nothing is waiting to be saved, so what another
        running instance learned meanwhile is known here too.
        """
        memory = self.memories[npc]
        if self.remember and not memory.pending:
            self.store.refresh(memory)
        return MindContext(
            npc=npc,
            persona=self.personas[npc],
            snapshot=snapshot_world(self.world, self.user_position, self.user_forward),
            memory=self.memories[npc],
            focus=self.focus[npc],
        )

    def say(
        self, text: str, npc: str | None = None, doubtful: frozenset[str] = frozenset()
    ) -> Exchange | None:
        """Route ``text`` to an NPC, get its reply, apply its actions; None when nobody can hear.

        ``doubtful``: words heard with low confidence (see :class:`MindContext`).
        """
        reason = "chosen"
        if npc is None:
            forward = self.user_forward or snapshot_world(self.world, self.user_position).user_forward
            npc, reason = choose_addressee(text, self.world, self.user_position, forward, doubtful)
            if npc is None:
                return None
        else:
            slot = self.world.npc(npc)
            if slot is None:
                raise KeyError(npc)
            npc = slot.name
        context = self.context(npc)
        context.doubtful = doubtful
        reply = self.brain.reply(text, context)
        return self.finish(npc, reason, reply)

    def finish(self, npc: str, reason: str, reply: Reply) -> Exchange:
        """Apply a reply's actions to the world and save the NPC's memory (main thread)."""
        exchange = Exchange(
            npc, reason, reply, noticed=bystander_reactions(self.world, npc, self.user_position)
        )
        for action in reply.actions:
            try:
                change = apply_action(self.world, action, actor=npc)
            except WorldError as exc:
                exchange.failed.append(f"{action.name}: {exc}")
                continue
            if change:
                exchange.applied.append(change)
        if self.remember:
            self._save(npc, exchange)
        else:
            self.memories[npc].pending.clear()
        return exchange

    def _save(self, npc: str, exchange: Exchange) -> None:
        """Save the NPC's memory; when that fails, the reply must not promise to remember."""
        memory = self.memories[npc]
        promised = memory.promised()
        try:
            self.store.save(memory)
        except OSError as exc:
            exchange.memory_error = str(exc)
            problem = f"could not save {npc}'s memory to {self.store.db_path}: {exc}"
            log.info("%s", problem)  # the caller shows it (HUD notice, chat warning)
            self.problems.append(problem)
            if promised:
                promises = self.personas[npc].lines.get("remember") or GENERIC_LINES["remember"]
                text = withdraw_promise(exchange.reply.text, promises, str(exc))
                exchange.reply = replace(exchange.reply, text=text)

    def idle(self, quiet_s: float, rng: random.Random) -> IdleRemark | None:
        """Maybe a remark between two NPCs while the user has been quiet for ``quiet_s`` seconds."""
        return idle_remark(self.world, self.personas, rng, quiet_s)
