""" "Who made this room?" gets the room's story, not a list of who is in it."""

from __future__ import annotations

import pytest

from game.mind.brain import EmbeddingBrain
from game.mind.grounding import snapshot_world
from game.mind.persona import generic_persona
from game.mind.protocols import MindContext
from game.mind.session import MindSession
from game.sim.scene import Scene
from game.sim.world import World


@pytest.mark.parametrize(
    ("said", "npc", "told"),
    [
        ("Ada, who came up with this room?", "Ada", "I designed this lounge"),
        ("Bo, who did the design of this lounge?", "Bo", "Ada designed it"),
        ("Cleo, whose room is this?", "Cleo", "Ada designed it"),
        (
            "Ada, who chose the colour of that sofa?",
            "Ada",
            "I designed this lounge",
        ),  # was "The sofa is teal."
        ("Bo, who picked the plants?", "Bo", "Ada designed it"),
    ],
)
def test_who_made_the_room_is_answered_in_character(
    session: MindSession, said: str, npc: str, told: str
) -> None:
    exchange = session.say(said)
    assert exchange is not None and exchange.npc == npc
    assert exchange.reply.intent == "room_origin" and told in exchange.reply.text, exchange.reply


@pytest.mark.parametrize(
    "said",
    ["Ada, which architect do you look up to most?", "Bo, who is in the room?", "Ada, who made the cake?"],
)
def test_other_who_questions_are_left_alone(session: MindSession, said: str) -> None:
    exchange = session.say(said)
    assert exchange is not None and exchange.reply.intent != "room_origin"


def test_a_persona_without_the_line_names_the_scene_file(brain: EmbeddingBrain, scene: Scene) -> None:
    world = World(scene)
    stranger = MindContext(npc="Zed", persona=generic_persona("Zed"), snapshot=snapshot_world(world))
    reply = brain.reply("who made this room?", stranger)
    assert reply.intent == "room_origin" and "scene file" in reply.text, reply
