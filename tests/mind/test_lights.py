"""Asking for more or less light: one step of the room's light level, said, undoable and shared."""

from __future__ import annotations

from dataclasses import replace

import pytest

from game.mind.actions import apply_action
from game.mind.protocols import Action
from game.mind.session import MindSession
from game.sim.lighting import AMBIENT_RANGE, BRIGHTER, DIMMER, relit
from game.sim.room_diff import BadEntry, apply_entry, diff
from game.sim.scene import load_scene
from game.sim.world import World, WorldError


def _ambient(world: World) -> float:
    return world.scene.ambient.intensity


def test_every_light_scales_by_one_factor_and_a_step_down_undoes_a_step_up() -> None:
    scene = load_scene("default")
    up = relit(scene, BRIGHTER)
    assert [b.intensity for b in up] == pytest.approx([a.intensity * BRIGHTER for a in scene.lights])
    assert [b.colour for b in up] == [a.colour for a in scene.lights], "the same look, only brighter"
    back = relit(replace(scene, lights=up), DIMMER)
    assert [b.intensity for b in back] == pytest.approx([a.intensity for a in scene.lights])


def test_the_light_level_stops_at_its_range_and_says_so() -> None:
    world = World(load_scene("default"))
    steps = 0
    with pytest.raises(WorldError, match="as bright as they go"):
        while True:
            apply_action(world, Action.make("lights", factor=BRIGHTER))
            steps += 1
    assert 3 <= steps <= 10 and _ambient(world) <= AMBIENT_RANGE[1]
    with pytest.raises(WorldError, match="as low as they go"):
        while True:
            apply_action(world, Action.make("lights", factor=DIMMER))
    assert _ambient(world) >= AMBIENT_RANGE[0]


@pytest.mark.parametrize("factor", [0.0, 10.0, "2"])
def test_a_light_action_with_a_bad_factor_changes_nothing(factor: object) -> None:
    world = World(load_scene("default"))
    with pytest.raises(WorldError, match="too big a change"):
        apply_action(world, Action.make("lights", factor=factor))
    assert world.scene == load_scene("default")


@pytest.mark.parametrize(
    ("line", "brighter"),
    [
        ("Ada, make the room brighter", True),
        ("it's too dark in here", True),
        ("Ada, dim the lights", False),
        ("it's too bright in here", False),
        ("could you turn the lights down a bit", False),
    ],
)
def test_the_line_decides_the_direction(session: MindSession, line: str, brighter: bool) -> None:
    before = _ambient(session.world)
    turn = session.say(line, "Ada")
    assert turn is not None and [a.name for a in turn.reply.actions] == ["lights"]
    assert (_ambient(session.world) > before) is brighter
    assert ("brighter" if brighter else "lower") in turn.reply.text


def test_undo_puts_the_lights_back_exactly(session: MindSession) -> None:
    before = session.world.scene
    session.say("Ada, make the room brighter", "Ada")
    undone = session.say("undo that", "Ada")
    assert undone is not None and "lights are back as they were" in undone.reply.text
    assert session.world.scene == before


@pytest.mark.parametrize(
    "line", ["Ada, turn off the lights", "I'm scared of the dark", "I like dark chocolate"]
)
def test_no_light_changes_that_were_not_asked_for(session: MindSession, line: str) -> None:
    before = session.world.scene
    turn = session.say(line, "Ada")
    assert turn is not None and not any(a.name == "lights" for a in turn.reply.actions)
    assert session.world.scene == before


def test_a_shared_room_carries_the_light_level_in_its_log() -> None:
    host, client = World(load_scene("default")), World(load_scene("default"))
    before = host.scene
    apply_action(host, Action.make("lights", factor=BRIGHTER))
    entries = diff(before, host.scene)
    assert [e["op"] for e in entries] == ["lights"]
    for entry in entries:
        apply_entry(client, entry)
    assert client.scene.lights == host.scene.lights


@pytest.mark.parametrize("levels", [[1.0], "bright", [-1.0, 0.5, 0.2], [1e9, 1.0, 1.0]])
def test_a_lights_entry_that_does_not_fit_is_refused(levels: object) -> None:
    world = World(load_scene("default"))
    if isinstance(levels, list) and len(levels) == 3:
        levels = levels + [1.0] * (len(world.scene.lights) - 3)
    with pytest.raises(BadEntry):
        apply_entry(world, {"op": "lights", "intensity": levels})
    assert world.scene == load_scene("default")


def test_brighter_then_darker_by_voice_is_the_room_as_it_was(session: MindSession) -> None:
    before = session.world.scene.lights
    session.say("Ada, make the room brighter", "Ada")
    session.say("Ada, make the room darker", "Ada")
    after = session.world.scene.lights
    assert [b.intensity for b in after] == pytest.approx([a.intensity for a in before], rel=1e-9)


def test_a_scene_without_an_ambient_light_keeps_its_lights_and_stays_shareable() -> None:
    """No light is added, so the log entry fits every client; no light passes a scene file's maximum."""
    from game.sim.scene import MAX_INTENSITY, parse_scene
    from tests.support.scenes import scene_doc

    doc = scene_doc(lights=[{"type": "directional", "intensity": MAX_INTENSITY * 0.7}])
    host, client = World(parse_scene(doc, "t")), World(parse_scene(doc, "t"))
    before = host.scene
    apply_action(host, Action.make("lights", factor=BRIGHTER))
    assert len(host.scene.lights) == 1
    for entry in diff(before, host.scene):
        apply_entry(client, entry)
    assert client.scene.lights == host.scene.lights
    with pytest.raises(WorldError, match="as bright as they go"):
        apply_action(host, Action.make("lights", factor=BRIGHTER))
