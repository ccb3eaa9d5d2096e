"""NPCs asked to sit on a chair or sofa walk to it, sit on a free place and face out of it."""

from __future__ import annotations

import math

import pytest

from game.mind.body import perform
from game.mind.protocols import Action
from game.sim.scene import Prop, load_scene
from game.sim.seating import HIPS_AT, HIPS_BACK, seat_on
from game.sim.world import World

EYE = (0.0, 1.6, 3.0)


def _seated(world: World, name: str) -> tuple[float, float, float]:
    a = world.animator.get(name)
    assert a.base == "sit" and a.walk_target is None and not a.route, (a.base, a.walk_target, a.route)
    return a.position[0], a.position[2], a.yaw


@pytest.mark.parametrize("yaw", [0.0, 90.0, 180.0, -135.0])
def test_the_place_is_over_the_seat_and_the_way_in_is_in_front(yaw: float) -> None:
    chair = Prop("chair", "chair", (1.0, 0.0, -1.0), (0.0, yaw, 0.0))
    seat = seat_on(chair, (0.0, 0.0), [])
    assert seat is not None and seat.yaw == yaw
    front = (-math.sin(math.radians(yaw)), -math.cos(math.radians(yaw)))  # a chair's back is at local +Z
    spot = (seat.spot[0] - 1.0, seat.spot[1] + 1.0)
    way_in = (seat.approach[0] - 1.0, seat.approach[1] + 1.0)
    assert spot[0] * front[0] + spot[1] * front[1] == pytest.approx(HIPS_BACK - HIPS_AT)
    assert way_in[0] * front[0] + way_in[1] * front[1] > 0.6  # in front of the seat, not behind it


def test_no_seat_or_a_full_one_gives_no_place() -> None:
    assert seat_on(Prop("table", "table", (0.0, 0.0, 0.0)), (0.0, 0.0), []) is None
    chair = Prop("chair", "chair", (0.0, 0.0, 0.0))
    taken = seat_on(chair, (5.0, 5.0), [])
    assert taken is not None and seat_on(chair, (5.0, 5.0), [taken.spot]) is None


def test_asked_to_sit_on_the_sofa_the_npc_walks_there_and_sits_facing_the_room() -> None:
    world = World(load_scene("default"))
    sofa = world.find_prop("sofa")
    assert sofa is not None
    said = perform(world, "Bo", Action.make("sit", target="sofa"), EYE)
    assert said == "Bo sits on the sofa"
    destination = world.npc_destination("Bo")
    assert world.animator.get("Bo").base == "walk"  # not sitting on thin air where he stood
    world.advance(15.0)
    x, z, yaw = _seated(world, "Bo")
    assert (x, z) == pytest.approx(destination[0::2], abs=0.1)
    assert abs(x - sofa.position[0]) < 1.0 and abs(z - sofa.position[2]) < 0.3 and yaw == pytest.approx(180.0)
    assert world.animator.get("Bo").arrivals == 1  # mods hear one on_arrived, at the seat


def test_two_npcs_share_the_sofa_and_take_a_seat_finds_the_nearest_free_one() -> None:
    world = World(load_scene("default"))
    perform(world, "Bo", Action.make("sit", target="sofa"), EYE)
    perform(world, "Cleo", Action.make("sit", target="sofa"), EYE)
    assert perform(world, "Ada", Action.make("sit"), EYE) == "Ada sits on the sofa"  # nearer than the chair
    world.advance(20.0)
    places = [_seated(world, name)[:2] for name in ("Bo", "Cleo", "Ada")]
    assert min(math.dist(a, b) for i, a in enumerate(places) for b in places[i + 1 :]) > 0.4
    world.animator.walk_to("Ada", 0.0, 0.0)  # asked to walk: she gets up
    assert world.animator.get("Ada").base == "walk" and world.animator.get("Ada").sit_facing is None


def test_a_full_seat_leaves_the_npc_sitting_where_it_stands() -> None:
    world = World(load_scene("default"))
    perform(world, "Ada", Action.make("sit", target="chair"), EYE)
    assert perform(world, "Bo", Action.make("sit", target="chair"), EYE) == "Bo sits down"
