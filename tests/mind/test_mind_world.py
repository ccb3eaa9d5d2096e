"""Grounding after room edits, reference resolution, addressing, and apply_action on a real World."""

from __future__ import annotations

import math
import random

import pytest

from game.mind.actions import apply_action
from game.mind.addressing import bystander_reactions, choose_addressee, idle_remark
from game.mind.grounding import snapshot_world
from game.mind.persona import load_persona
from game.mind.protocols import Action
from game.mind.session import MindSession
from game.sim.scene import Scene, load_scene
from game.sim.world import World, WorldError


def test_room_edit_then_grounding_questions(session: MindSession) -> None:
    ex = session.say("put a lamp on the table", "Ada")
    assert ex is not None and ex.reply.intent == "add_prop" and ex.applied == ["added lamp 2"]
    on_table = session.say("what's on the table?", "Bo")
    assert on_table is not None and "lamp" in on_table.reply.text and "red box" in on_table.reply.text
    session.say("make the walls blue", "Ada")
    walls = session.say("what colour are the walls?", "Cleo")
    assert walls is not None and "blue" in walls.reply.text
    session.say("paint the sofa yellow", "Ada")
    sofa = session.say("what colour is the sofa?", "Bo")
    assert sofa is not None and "yellow" in sofa.reply.text
    session.say("move the sofa to the window", "Ada")
    where = session.say("where is the sofa?", "Bo")
    assert where is not None and "window" in where.reply.text, where.reply.text
    session.say("remove the red box", "Ada")
    gone = session.say("where is the red box?", "Bo")
    assert gone is not None and "don't see" in gone.reply.text and not gone.reply.actions
    table = session.say("what is on the table?", "Bo")
    assert table is not None and "red box" not in table.reply.text and "lamp" in table.reply.text


def test_edited_room_saves_as_a_loadable_scene(
    session: MindSession, tmp_path: pytest.TempPathFactory
) -> None:
    session.say("add a green plant next to the door", "Ada")
    session.say("make the table bigger", "Ada")
    path = tmp_path / "edited.toml"  # type: ignore[operator]
    session.world.save(path)
    again = load_scene(path)
    plant = again.prop("plant 2")
    assert plant is not None and plant.type == "plant"
    assert again.prop("table") is not None and again.prop("table").scale[0] == pytest.approx(1.5)  # type: ignore[union-attr]


def test_references_it_the_red_one_and_gaze(session: MindSession) -> None:
    session.say("where is the lamp?", "Bo")
    go = session.say("go to it", "Bo")
    assert go is not None and go.reply.actions == (Action.make("walk_to", target="lamp"),)
    red = session.say("point at the red one", "Bo")
    assert red is not None and red.reply.actions == (Action.make("point_at", target="red box"),)
    # Look straight at the plant: "that" resolves to what the user looks at.
    eye = session.user_position
    plant = session.world.find_prop("plant")
    assert plant is not None
    d = (plant.position[0] - eye[0], 0.6 - eye[1], plant.position[2] - eye[2])
    n = math.sqrt(sum(c * c for c in d))
    session.user_forward = (d[0] / n, d[1] / n, d[2] / n)
    seen = session.say("what am I looking at?", "Ada")
    assert seen is not None and "plant" in seen.reply.text
    walk = session.say("walk over to that", "Ada")
    assert walk is not None and walk.reply.actions == (Action.make("walk_to", target="plant"),)


def test_where_is_a_question_not_a_command(session: MindSession) -> None:
    for text in ("where is the lamp?", "where's the window", "is the door over there?"):
        ex = session.say(text, "Bo")
        assert ex is not None
        assert ex.reply.intent not in ("walk_to",), (text, ex.reply.intent)
        assert not any(a.name == "walk_to" for a in ex.reply.actions)


def test_walk_to_updates_npc_position(session: MindSession) -> None:
    session.say("go to the window", "Bo")
    where = session.say("where is Bo?", "Ada")
    assert where is not None and "window" in where.reply.text


def test_apply_action_errors_are_speakable(scene: Scene) -> None:
    world = World(scene)
    with pytest.raises(WorldError, match="no dragon"):
        apply_action(world, Action.make("remove_prop", target="dragon"))
    with pytest.raises(WorldError, match="colour"):
        apply_action(world, Action.make("recolour", target="sofa", colour="sparkly"))
    with pytest.raises(WorldError, match="make"):
        apply_action(world, Action.make("add_prop", type="dragon", near="sofa"))
    assert apply_action(world, Action.make("wave")) == ""
    assert world.revision == 0


def test_placement_on_and_near(scene: Scene) -> None:
    world = World(scene)
    apply_action(world, Action.make("add_prop", type="cup", on="table"))
    assert {p.name for p in world.props_on("table")} == {"red box", "cup"}
    apply_action(world, Action.make("move_prop", target="chair", near="window"))
    chair, window = world.find_prop("chair"), world.find_prop("window")
    assert chair is not None and window is not None
    assert math.dist(chair.position[0::2], window.position[0::2]) < 1.6
    w, _, d = scene.room.size
    assert abs(chair.position[0]) < w / 2 and abs(chair.position[2]) < d / 2


@pytest.mark.parametrize("near", ["table", "sofa", "Cleo", "window"])
def test_a_new_prop_is_never_put_where_an_npc_stands(scene: Scene, near: str) -> None:
    """Two plants added by the table once put one inside Cleo, who stands there."""
    from game.sim.placement import NPC_HALF

    world = World(scene)
    apply_action(world, Action.make("add_prop", type="plant", near=near, count=5))
    for prop in world.props:
        if prop.type != "plant" or prop.name == "plant":
            continue
        for npc in world.scene.npcs:
            x, _, z = world.npc_destination(npc.name)
            clear = abs(prop.position[0] - x) >= NPC_HALF or abs(prop.position[2] - z) >= NPC_HALF
            assert clear, f"{prop.name} stands in {npc.name}"


def test_addressing_named_looked_at_nearest(scene: Scene) -> None:
    world = World(scene)
    eye, spawn_forward = scene.spawn.position, snapshot_world(world).user_forward
    assert choose_addressee("Cleo, what's up?", world, eye, spawn_forward) == ("Cleo", "named")
    assert choose_addressee("what's up, Ada", world, eye, spawn_forward) == ("Ada", "named")
    ada = world.npc_position("Ada")
    to_ada = (ada[0] - eye[0], 0.0, ada[2] - eye[2])
    assert choose_addressee("what's up?", world, eye, to_ada) == ("Ada", "looked at")
    assert choose_addressee("what's up?", world, eye, (0.0, 0.0, 1.0)) == ("Bo", "nearest within earshot")
    far = (40.0, 1.6, 40.0)
    assert choose_addressee("hello?", world, far, (0.0, 0.0, 1.0)) == (None, "nobody within earshot")
    watchers = bystander_reactions(world, "Ada", eye)
    assert {n for n, _ in watchers} == {"Bo", "Cleo"}
    assert all(a == Action.make("look_at", target="user") for _, a in watchers)


def test_idle_remarks_follow_personas(scene: Scene) -> None:
    world = World(scene)
    personas = {n: load_persona(n.lower()) for n in ("Ada", "Bo", "Cleo")}
    assert idle_remark(world, personas, random.Random(1), quiet_s=5.0) is None
    remarks = [idle_remark(world, personas, random.Random(seed), quiet_s=60.0) for seed in range(40)]
    said = [r for r in remarks if r is not None]
    assert said, "chatty NPCs near each other should sometimes talk"
    for r in said:
        assert r.text in personas[r.speaker].lines["idle"] and r.listener != r.speaker
