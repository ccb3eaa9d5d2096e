"""Undoing by voice: the latest edit made for the user goes back exactly, and the NPC says which."""

from __future__ import annotations

import pytest

from game.mind.actions import apply_action
from game.mind.protocols import Action
from game.mind.session import MindSession
from game.sim.scene import load_scene
from game.sim.world import UNDO_DEPTH, World, WorldError

EDITS = [
    Action.make("add_prop", type="lamp", on="table"),
    Action.make("remove_prop", target="red box"),
    Action.make("move_prop", target="sofa", near="window"),
    Action.make("recolour", target="chair", colour="yellow"),
    Action.make("recolour", target="walls", colour="blue"),
    Action.make("resize", target="table", factor=1.5),
]


@pytest.mark.parametrize("edit", EDITS, ids=lambda a: f"{a.name}:{a.arg('target') or a.arg('type')}")
def test_each_edit_is_taken_back_to_the_room_as_it_was(edit: Action) -> None:
    world = World(load_scene("default"))
    apply_action(world, Action.make("add_prop", type="plant", near="door"))
    before = world.scene
    change = apply_action(world, edit)
    assert world.scene != before
    assert apply_action(world, Action.make("undo")) == f"undid: {change}"
    assert world.scene == before  # props, surfaces and NPCs all as they were
    apply_action(world, Action.make("undo"))
    assert world.scene == load_scene("default")


def test_nothing_to_undo_is_an_error_and_changes_nothing() -> None:
    world = World(load_scene("default"))
    revision = world.revision
    with pytest.raises(WorldError, match="nothing to undo"):
        apply_action(world, Action.make("undo"))
    assert world.scene == load_scene("default") and world.revision == revision


def test_a_failed_edit_and_a_mods_scripted_edit_leave_nothing_to_undo() -> None:
    world = World(load_scene("default"))
    with pytest.raises(WorldError):
        apply_action(world, Action.make("remove_prop", target="piano"))
    world.add_prop("box", (0.0, 0.0, 0.0), name="mod box")  # a mod's script, not the user's request
    assert world.changes == []


def test_only_the_latest_edits_are_kept() -> None:
    world = World(load_scene("default"))
    for _ in range(UNDO_DEPTH + 5):
        apply_action(world, Action.make("resize", target="table", factor=1.01))
    assert len(world.changes) == UNDO_DEPTH
    for _ in range(UNDO_DEPTH):
        apply_action(world, Action.make("undo"))
    with pytest.raises(WorldError):
        apply_action(world, Action.make("undo"))
    table = world.scene.prop("table")
    assert table is not None and table.scale[0] == pytest.approx(1.01**5)


def test_asked_by_voice_the_npc_undoes_and_says_what(session: MindSession) -> None:
    nothing = session.say("undo that", "Ada")
    assert nothing is not None and "nothing to undo" in nothing.reply.text and not nothing.reply.actions
    before = session.world.scene
    session.say("put a lamp on the table", "Ada")
    session.say("make the walls blue", "Ada")
    walls = session.say("undo that", "Ada")
    assert walls is not None and walls.reply.actions == (Action.make("undo"),)
    assert "walls have their old colour back" in walls.reply.text and walls.applied == [
        "undid: recoloured walls blue"
    ]
    lamp = session.say("put it back the way it was", "Ada")
    assert lamp is not None and "lamp 2 is gone again" in lamp.reply.text
    assert session.world.scene == before


def test_an_npc_who_never_edits_hands_the_undo_to_one_who_does(session: MindSession) -> None:
    before = session.world.scene
    session.say("put a lamp on the table", "Ada")
    asked = session.say("Cleo, undo that", "Cleo")
    assert asked is not None and Action.make("undo") not in asked.reply.actions  # Cleo never edits...
    assert session.world.scene == before  # ...so Ada took it back, in the open
