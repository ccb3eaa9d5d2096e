"""NPC bodies as the host sends them: on change only, to the centimetre and the degree.

Pure bookkeeping beside the host's world (no NATS): whom each NPC faces and whether it
speaks, and which bodies moved since they were last sent, so the host publishes 20 times a
second without sending a still room again and again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.net.schema import encode
from game.sim.scene import Vec3
from game.sim.world import World

Body = tuple[tuple[float, ...], float, str, bool]


@dataclass
class NpcBodies:
    """What was last sent of each NPC, and whom each faces."""

    sent: dict[str, Body] = field(default_factory=dict)
    facing: dict[str, tuple[str, bool]] = field(default_factory=dict)  # npc → (user it faces, speaking)

    def face(self, world: World, npc: str, user: str, speaking: bool, poses: dict[str, Any]) -> None:
        """Turn ``npc`` to ``user`` (an answer: the others hear it), or keep it as it is."""
        self.facing[npc] = (user, speaking)
        if user and user in poses and world.npc(npc) is not None:
            where: Vec3 = poses[user][0]
            world.animator.turn_to(npc, where)

    def changed(self, world: World) -> list[bytes]:
        """The ``npc`` messages of every body that moved a centimetre or a degree, or changed gaze."""
        messages: list[bytes] = []
        for slot in world.scene.npcs:
            state = world.animator.get(slot.name)
            pos = [round(float(v), 2) for v in state.position]
            yaw = round(float(state.yaw), 0)
            look_at, speaking = self.facing.get(slot.name, ("", False))
            body: Body = (tuple(pos), yaw, look_at, speaking)
            if self.sent.get(slot.name) == body:
                continue
            self.sent[slot.name] = body
            who = look_at if speaking else ""
            messages.append(encode("npc", npc=slot.name, pos=pos, yaw=yaw, look_at=look_at, speaking=who))
        return messages
