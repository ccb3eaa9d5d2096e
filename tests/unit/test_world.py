from __future__ import annotations

import pytest

from game.sim.scene import load_scene
from game.sim.world import World, WorldError


@pytest.fixture
def world() -> World:
    return World(load_scene("default"))


def test_queries(world: World) -> None:
    assert [p.name for p in world.props_on("table")] == ["red box"]
    assert world.npc("ada") is not None
    nearest = world.nearest_prop((-4.0, 0.0, -3.0))
    assert nearest is not None and nearest.name == "lamp"


def test_edits_bump_revision_and_clamp_inside_room(world: World) -> None:
    rev = world.revision
    lamp = world.add_prop("lamp", (100.0, 0.0, 0.0))
    assert lamp.name == "lamp 2" and lamp.position[0] < world.scene.room.size[0] / 2
    world.move_prop("sofa", (0.0, 0.0, 0.0))
    world.recolour_prop("sofa", (1.0, 0.0, 0.0))
    world.resize_prop("sofa", 2.0)
    sofa = world.find_prop("sofa")
    assert (
        sofa is not None
        and sofa.position == (0.0, 0.0, 0.0)
        and sofa.colour == (1.0, 0.0, 0.0)
        and sofa.scale[0] == 2.0
    )
    world.remove_prop("lamp 2")
    assert world.find_prop("lamp 2") is None
    assert world.revision == rev + 5


def test_impossible_edits_raise_speakable_errors(world: World) -> None:
    with pytest.raises(WorldError, match="no unicorn"):
        world.remove_prop("unicorn")
    with pytest.raises(WorldError, match="don't know how to make a dragon"):
        world.add_prop("dragon", (0, 0, 0))
    with pytest.raises(WorldError, match="no roof"):
        world.recolour_surface("roof", (0, 0, 0))


def test_draw_lists_cover_room_and_props(world: World) -> None:
    room = world.room_draw_list()
    props = world.props_draw_list()
    assert room.count() == 6
    assert props.count() > len(world.props)
    for kind, models in props.models.items():
        assert models.shape == (len(props.colours[kind]), 4, 4)
