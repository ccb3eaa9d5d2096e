"""A conversation with the room: routing, personas, memory, brain, and applying actions.

:class:`MindSession` is what ``voxroom chat``, the tests and the benchmark drive, and
what the app's brain worker wraps: it owns no thread and no GL, so the whole path from a
typed line to an edited room runs synchronously in a test. In the app, the main thread
builds the snapshot and applies the actions; here both happen in :meth:`MindSession.say`.
"""

from __future__ import annotations

import logging
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from game.mind.actions import apply_action
from game.mind.addressing import (
    EARSHOT_M,
    IdleRemark,
    awaiting_answer,
    bystander_reactions,
    choose_addressee,
    idle_remark,
)
from game.mind.casting import Casting
from game.mind.grounding import prop_table, snapshot_world
from game.mind.handover import hand_over_to
from game.mind.memory import MemoryStore, NpcMemory, withdraw_promise
from game.mind.persona import (
    GENERIC_LINES,
    PERSONAS_DIR,
    Persona,
    PersonaError,
    load_persona,
)
from game.mind.protocols import Action, Brain, MindContext, Reply
from game.mind.topic_replies import SAID_KEY
from game.mind.vocatives import strip_vocative
from game.sim.scene import NpcSlot, Scene, Vec3
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
    handed_to: Exchange | None = None  # the NPC who took over a room edit this one could not make


@dataclass(frozen=True)
class CastChange:
    """NPCs that joined or left the room since the session last looked (a mod spawned or removed them)."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)


class MindSession:
    """Talk to the NPCs of one scene; keeps per-NPC discourse focus and memory.

    The NPCs are those of the world *now*: a mod may spawn or remove one at any tick, so
    every entry point first calls :meth:`sync`, which gives a newcomer its persona and
    memory and forgets one that left (its memory was saved at each turn).
    """

    def __init__(
        self,
        scene: Scene,
        brain: Brain,
        store: MemoryStore | None = None,
        personas_dir: Path = PERSONAS_DIR,
        remember: bool = True,
        world: World | None = None,
        casting: Casting | None = None,
    ) -> None:
        self.world = world or World(scene)
        self.brain = brain
        self.store = store or MemoryStore()
        self.remember = remember
        self.problems: list[str] = []
        self.personas_dir = personas_dir
        self.casting = casting or Casting.for_scene(None if personas_dir == PERSONAS_DIR else personas_dir)
        self.personas: dict[str, Persona] = {}
        self.focus: dict[str, dict[str, str]] = {}
        self.partner: str | None = None
        """The NPC who answered the user's last line: an unnamed follow-up ("and you?") goes back to
        it rather than to whoever stands nearest or in view, unless the user has since turned to look
        at someone else (the live app does the same with the NPC that turned to listen)."""
        self._partner_view: tuple[str | None, str] = (None, "")
        self.wall_clock: Callable[[], time.struct_time] = time.localtime
        """The time of day the characters live in (see :class:`~game.mind.protocols.MindContext`)."""
        self.on_addressed: Callable[[str, str], None] | None = None
        """Called with (npc, reason) once the NPC is chosen and before its mind answers, so a
        front end can show a reaction ("Ada is thinking…") while a slow brain works."""
        self.memories: dict[str, NpcMemory] = {}
        for slot in scene.npcs:
            self.adopt(slot)
        self.problems.extend(self.store.problems)
        self.user_position: Vec3 = scene.spawn.position
        self.user_forward: Vec3 | None = None
        prop_table(self.world.scene.props)  # index the room now, not on the first question

    def adopt(self, slot: NpcSlot) -> str:
        """Give an NPC its persona, discourse focus and memory; returns a problem to report, or ""."""
        persona, error = self.casting.find(slot.persona, slot.name)
        problem = f"{error}; {slot.name} uses a generic persona" if error is not None else ""
        if problem:
            self.problems.append(problem)
        self.personas[slot.name] = persona
        self.focus[slot.name] = {}
        self.memories[slot.name] = self.store.start_session(slot.name)
        return problem

    def sync(self) -> CastChange:
        """Catch up with NPCs a mod spawned or removed since the last call (cheap when none did)."""
        here = {slot.name: slot for slot in self.world.scene.npcs}
        if here.keys() == self.personas.keys():
            return CastChange()
        removed = tuple(n for n in self.personas if n not in here)
        for npc in removed:
            memory = self.memories.pop(npc, None)
            if memory is not None and memory.pending and self.remember:
                try:
                    self.store.save(memory)
                except OSError as exc:
                    self.problems.append(f"could not save {npc}'s memory to {self.store.db_path}: {exc}")
            self.personas.pop(npc, None)
            self.focus.pop(npc, None)
        added = tuple(n for n in here if n not in self.personas)
        for npc in added:
            self.adopt(here[npc])
        return CastChange(added, removed)

    def sync_memories(self) -> dict[str, NpcMemory]:
        """The memories of the NPCs in the room now (after :meth:`sync`)."""
        self.sync()
        return self.memories

    def persona_files(self) -> dict[Path, list[str]]:
        """Each persona file the NPCs use → the NPCs using it (for hot reload)."""
        self.sync()
        files: dict[Path, list[str]] = {}
        for npc, persona in self.personas.items():
            if persona.source:
                files.setdefault(Path(persona.source), []).append(npc)
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

    def new_conversation(self, npc: str) -> None:
        """Forget what the NPC was just talking about: the next line opens a conversation afresh.

        The open-talk bench judges each conversation on its own lines, so one may not lean on the
        last line of the conversation before it ("who do you trust most?" read with "I'm learning
        Portuguese"). What the NPC remembers of the user stays, and so do the replies it said
        lately, which it does not repeat to the same listener soon.
        """
        focus = self.focus.get(npc)
        if focus is not None:
            said = focus.get(SAID_KEY)
            focus.clear()
            if said:
                focus[SAID_KEY] = said

    def context(self, npc: str) -> MindContext:
        """Return the context for one NPC's reply, built from the current world.

        The memory is re-read first when nothing is waiting to be saved, so what another
        running instance learned meanwhile is known here too. ``KeyError`` when there is
        no such NPC in the room (any more).
        """
        if npc not in self.memories:
            self.sync()
        memory = self.memories[npc]
        if self.remember and not memory.pending:
            self.store.refresh(memory)
        return MindContext(
            npc=npc,
            persona=self.personas[npc],
            snapshot=snapshot_world(self.world, self.user_position, self.user_forward),
            memory=self.memories[npc],
            focus=self.focus[npc],
            now=self.wall_clock(),
        )

    def say(
        self, text: str, npc: str | None = None, doubtful: frozenset[str] = frozenset()
    ) -> Exchange | None:
        """Route ``text`` to an NPC, get its reply, apply its actions; None when nobody can hear.

        ``doubtful``: words heard with low confidence (see :class:`MindContext`).
        """
        reason = "chosen"
        self.sync()
        if npc is None:
            forward = self.user_forward or snapshot_world(self.world, self.user_position).user_forward
            npc, reason = choose_addressee(text, self.world, self.user_position, forward, doubtful)
            asker = awaiting_answer(text, [self.partner] if self.partner else [], self.focus)
            if asker is not None and reason != "named":
                npc, reason = asker, "answers its question"
            if npc is None:
                return None
            view = choose_addressee("", self.world, self.user_position, forward)  # whom the user faces
            still = reason == "nearest within earshot" or view == self._partner_view  # not turned away
            if reason != "named" and still and self.partner and self._in_earshot(self.partner):
                npc, reason = self.partner, "still talking with"
            self._partner_view = view
        else:
            slot = self.world.npc(npc)
            if slot is None:
                raise KeyError(npc)
            npc = slot.name
        self.partner = npc
        if self.on_addressed is not None:
            self.on_addressed(npc, reason)
        context = self.context(npc)
        context.doubtful = doubtful
        reply = self.brain.reply(text, context)
        exchange = self.finish(npc, reason, reply)
        other = hand_over_to(self.world, self.personas, npc, reply)
        if other is not None:  # without the first NPC's name: "Bo, make the walls green" is not about Bo
            exchange.handed_to = self.say(strip_vocative(text, npc), other, doubtful)
        return exchange

    def _in_earshot(self, npc: str | None) -> bool:
        if npc is None or self.world.npc(npc) is None:
            return False
        x, _, z = self.world.npc_position(npc)
        return math.hypot(x - self.user_position[0], z - self.user_position[2]) <= EARSHOT_M

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
        self.remember_turn(npc, exchange)
        return exchange

    def remember_turn(self, npc: str, exchange: Exchange) -> None:
        """Save what the NPC learned this turn (or drop it when memory is off).

        Separate from applying actions because in a shared room the host applies them
        and the mind worker, which holds this user's memory, only remembers.
        """
        if npc not in self.sync_memories():
            return  # the NPC left the room while it thought (a mod removed it)
        if self.remember:
            self._save(npc, exchange)
        else:
            self.memories[npc].pending.clear()

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
        self.sync()
        return idle_remark(self.world, self.personas, rng, quiet_s)
