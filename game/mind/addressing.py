"""Who is being spoken to, who notices, and who chats with whom when idle.

Pure functions over the world so the routing rules can be tested without audio: the
NPC named in the utterance answers; else the one the user looks at; else the nearest
one within earshot. Bystanders within earshot turn their heads towards the user.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from game.mind.persona import Persona
from game.mind.protocols import Action
from game.mind.vocatives import find_vocative, tokens
from game.sim.scene import Vec3
from game.sim.world import World

EARSHOT_M = 7.0
LOOK_CONE_DEG = 20.0
IDLE_RANGE_M = 4.5


def _npc_positions(world: World) -> list[tuple[str, Vec3]]:
    return [(n.name, world.npc_position(n.name)) for n in world.scene.npcs]


YES_OR_NO = frozenset({"yes", "yeah", "yep", "yup", "sure", "ok", "okay", "no", "nope", "nah", "correct"})
"""Words that open an answer to "Do you want me to …? Say yes or no."."""


def awaiting_answer(
    utterance: str, asked: Iterable[str], focus: Mapping[str, Mapping[str, object]]
) -> str | None:
    """The NPC whose "Do you want me to …?" this short yes or no answers, else None.

    ``asked``: NPCs in the order they last answered, latest first. The user may have turned
    towards someone else meanwhile; the answer still belongs to the one that asked.
    """
    words = tokens(utterance)
    if not words or len(words) > 5 or not YES_OR_NO & set(words[:2]):
        return None
    return next((npc for npc in asked if focus.get(npc, {}).get("pending_intent")), None)


def named_npc(utterance: str, world: World, doubtful: frozenset[str] = frozenset()) -> str | None:
    """The NPC called by name (see :mod:`game.mind.vocatives`); a doubtful name calls nobody."""
    found = find_vocative(tokens(utterance), [n for n, _ in _npc_positions(world)], doubtful)
    return found[1] if found is not None else None


def looked_at_npc(world: World, user_position: Vec3, user_forward: Vec3) -> str | None:
    """Return the NPC nearest the centre of the user's view, within a narrow cone and earshot."""
    fx, fz = user_forward[0], user_forward[2]
    norm = math.hypot(fx, fz)
    if norm < 1e-6:
        return None
    fx, fz = fx / norm, fz / norm
    best, best_angle = None, LOOK_CONE_DEG
    for name, pos in _npc_positions(world):
        dx, dz = pos[0] - user_position[0], pos[2] - user_position[2]
        dist = math.hypot(dx, dz)
        if dist < 1e-6 or dist > EARSHOT_M:
            continue
        angle = math.degrees(math.acos(max(-1.0, min(1.0, (dx * fx + dz * fz) / dist))))
        if angle < best_angle:
            best, best_angle = name, angle
    return best


def choose_addressee(
    utterance: str,
    world: World,
    user_position: Vec3,
    user_forward: Vec3,
    doubtful: frozenset[str] = frozenset(),
) -> tuple[str | None, str]:
    """``(npc name or None, reason)``: named, looked at, or nearest within earshot."""
    if not world.scene.npcs:
        return None, "there is nobody in the room"
    named = named_npc(utterance, world, doubtful)
    if named:
        return named, "named"
    looked = looked_at_npc(world, user_position, user_forward)
    if looked:
        return looked, "looked at"
    in_range = [
        (math.hypot(p[0] - user_position[0], p[2] - user_position[2]), n) for n, p in _npc_positions(world)
    ]
    in_range = [(d, n) for d, n in in_range if d <= EARSHOT_M]
    if in_range:
        return min(in_range)[1], "nearest within earshot"
    return None, "nobody within earshot"


def bystander_reactions(world: World, addressee: str | None, user_position: Vec3) -> list[tuple[str, Action]]:
    """Make the other NPCs in earshot turn to look at the user."""
    out = []
    for name, pos in _npc_positions(world):
        if name == addressee:
            continue
        if math.hypot(pos[0] - user_position[0], pos[2] - user_position[2]) <= EARSHOT_M:
            out.append((name, Action.make("look_at", target="user")))
    return out


@dataclass(frozen=True)
class IdleRemark:
    """One NPC says something to another while the user is quiet."""

    speaker: str
    listener: str
    text: str
    actions: tuple[Action, ...]


def idle_remark(
    world: World, personas: dict[str, Persona], rng: random.Random, quiet_s: float, min_quiet_s: float = 20.0
) -> IdleRemark | None:
    """Maybe an exchange between two NPCs near each other, weighted by how chatty they are."""
    if quiet_s < min_quiet_s:
        return None
    positions = dict(_npc_positions(world))
    pairs = [
        (a, b)
        for a in positions
        for b in positions
        if a != b and math.dist(positions[a][0::2], positions[b][0::2]) <= IDLE_RANGE_M
    ]
    speakers = [(a, b) for a, b in pairs if a in personas and personas[a].lines.get("idle")]
    if not speakers:
        return None
    weights = [personas[a].chatty for a, _ in speakers]
    if sum(weights) <= 0 or rng.random() > max(weights):
        return None
    speaker, listener = rng.choices(speakers, weights=weights)[0]
    lines = personas[speaker].lines["idle"]
    aimed = [line for line in lines if listener.lower() in line.lower()]
    text = rng.choice(
        aimed
        or [line for line in lines if not any(n.lower() in line.lower() for n in positions)]
        or list(lines)
    )
    return IdleRemark(speaker, listener, text, (Action.make("look_at", target=listener),))
