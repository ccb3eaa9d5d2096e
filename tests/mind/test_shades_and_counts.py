"""Requests that say a shade ("dark green") or a number ("add two plants") get exactly that."""

from __future__ import annotations

import pytest

from game.mind.actions import MAX_ADDED, apply_action
from game.mind.protocols import Action
from game.mind.session import MindSession
from game.sim.colours import NAMED, ColourError, colour_name, parse_colour, shaded
from game.sim.scene import load_scene
from game.sim.world import World, WorldError


@pytest.mark.parametrize(
    ("said", "name"),
    [
        ("dark green", "dark green"),
        ("Pale Blue", "pale blue"),
        ("light red", "light red"),
        ("deep red", "dark red"),
    ],
)
def test_a_shade_is_its_own_colour_and_is_called_by_its_name(said: str, name: str) -> None:
    rgb = parse_colour(said)
    base = NAMED[said.split()[-1].lower()]
    assert rgb != base
    assert colour_name(rgb) == name


def test_dark_is_darker_and_light_is_lighter() -> None:
    green = NAMED["green"]
    assert sum(shaded("dark", green)) < sum(green) < sum(shaded("light", green)) < sum(shaded("pale", green))


def test_a_scenes_own_colours_keep_their_plain_names() -> None:
    for prop in load_scene("default").props:
        assert " " not in colour_name(prop.colour), prop.name  # "the red box" stays the red box


@pytest.mark.parametrize("bad", ["dark", "dark dark green", "green dark", "darkish green"])
def test_a_shade_without_a_colour_is_refused_with_the_names_accepted(bad: str) -> None:
    with pytest.raises(ColourError, match="dark red"):
        parse_colour(bad)


def test_paint_the_floor_dark_green(session: MindSession) -> None:
    turn = session.say("Ada, paint the floor dark green", "Ada")
    assert turn is not None and turn.reply.actions == (
        Action.make("recolour", target="floor", colour="dark green"),
    )
    assert "dark green" in turn.reply.text
    assert session.world.scene.room.floor.colour == parse_colour("dark green")
    asked = session.say("what colour is the floor?", "Ada")
    assert asked is not None and "dark green" in asked.reply.text


def test_add_a_pale_blue_lamp_is_done_not_asked_about(session: MindSession) -> None:
    turn = session.say("Ada, add a pale blue lamp", "Ada")
    assert turn is not None and [a.name for a in turn.reply.actions] == ["add_prop"]
    lamp = session.world.scene.prop("lamp 2")
    assert lamp is not None and lamp.colour == parse_colour("pale blue")


def test_add_two_plants_adds_two_and_one_undo_takes_both_back(session: MindSession) -> None:
    before = session.world.scene
    turn = session.say("Ada, add two plants", "Ada")
    assert turn is not None and "two plants" in turn.reply.text
    plants = [p.name for p in session.world.scene.props if p.type == "plant"]
    assert len(plants) == len([p for p in before.props if p.type == "plant"]) + 2
    undone = session.say("undo that", "Ada")
    assert undone is not None and "are gone again" in undone.reply.text
    assert session.world.scene == before


def test_three_boxes_on_the_table_in_a_shade(session: MindSession) -> None:
    turn = session.say("Ada, put three dark green boxes on the table", "Ada")
    assert turn is not None and "three dark green boxes on the table" in turn.reply.text
    new = [p for p in session.world.scene.props if p.type == "box" and p.colour == parse_colour("dark green")]
    assert len(new) == 3 and len({p.name for p in new}) == 3


def test_more_than_the_most_is_refused_and_nothing_is_added(session: MindSession) -> None:
    before = session.world.scene
    turn = session.say("Ada, add ten chairs", "Ada")
    assert turn is not None and not turn.reply.actions and "five at a time" in turn.reply.text
    assert session.world.scene == before


def test_the_two_chairs_are_existing_chairs_not_new_ones(session: MindSession) -> None:
    turn = session.say("Ada, move the two chairs to the sofa", "Ada")
    assert turn is not None and all(a.name != "add_prop" for a in turn.reply.actions)


@pytest.mark.parametrize("count", [0, MAX_ADDED + 1, "2"])
def test_an_add_action_with_a_bad_count_changes_nothing(count: object) -> None:
    world = World(load_scene("default"))
    with pytest.raises(WorldError, match="at a time"):
        apply_action(world, Action.make("add_prop", type="lamp", near="table", count=count))
    assert world.scene == load_scene("default") and world.changes == []


def test_adding_several_is_all_or_none(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reply promised them all: when the third finds no place, the first two go again."""
    from game.mind import actions

    world = World(load_scene("default"))
    places = iter([(0.5, 0.0, 0.5), (1.0, 0.0, 1.0)])

    def place(*_: object) -> tuple[float, float, float]:
        spot = next(places, None)
        if spot is None:
            raise WorldError("there is no room for it")
        return spot

    monkeypatch.setattr(actions, "_destination", place)
    with pytest.raises(WorldError, match="no room"):
        apply_action(world, Action.make("add_prop", type="chair", near="table", count=3))
    assert world.scene.props == load_scene("default").props and world.changes == []


@pytest.mark.parametrize(
    ("said", "target", "colour"),
    [
        ("Ada, paint the chair green and the table red", "chair", "green"),  # not the line's last colour
        ("Ada, make the walls yellow, no, white", "walls", "white"),  # a correction still wins
        ("Ada, make the red box blue", "red box", "blue"),
    ],
)
def test_the_colour_is_the_one_said_for_the_thing(
    session: MindSession, said: str, target: str, colour: str
) -> None:
    exchange = session.say(said)
    assert exchange is not None
    assert Action.make("recolour", colour=colour, target=target) in exchange.reply.actions, exchange.reply
