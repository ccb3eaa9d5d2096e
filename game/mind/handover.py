"""A room edit asked of someone who cannot make it goes, in the open, to someone who can.

Bo is a cook, not a decorator: asked to "make the walls blue" he says it is Ada's
department. Before, that was the end of it, and typed edits said to the wrong NPC never
happened. Now the refusal names its reason (the reply's evidence says which action the
persona does not allow), and the same request goes on to the nearest NPC in the room
whose persona allows it, who answers and does it.
"""

from __future__ import annotations

import math
import re

from game.mind.persona import Persona
from game.mind.protocols import EDIT_ACTIONS, Reply
from game.sim.world import World

_REFUSED = re.compile(r"^persona does not allow (\w+)$")


def refused_edit(reply: Reply) -> str:
    """The room edit a reply refused because of the persona ("" when it refused none)."""
    for line in reply.evidence:
        match = _REFUSED.match(line)
        if match and match.group(1) in EDIT_ACTIONS:
            return match.group(1)
    return ""


def hand_over_to(world: World, personas: dict[str, Persona], npc: str, reply: Reply) -> str | None:
    """Who should be asked instead of ``npc`` (the nearest NPC allowed the edit), or None."""
    action = refused_edit(reply)
    if not action:
        return None
    x, _, z = world.npc_position(npc)
    able = [
        (math.hypot(world.npc_position(n)[0] - x, world.npc_position(n)[2] - z), n)
        for n, persona in personas.items()
        if n != npc and world.npc(n) is not None and persona.allows(action)
    ]
    return min(able)[1] if able else None
