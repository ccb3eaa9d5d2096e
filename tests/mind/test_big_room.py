"""A room of 10,000 props answers like a small one; the support index matches brute force.

"Where is the lamp?" took 24 s with 10,000 props (every prop checked against every other
for what rests on what, one regular expression per prop name). The speed is measured by
``voxroom bench mind`` (big_room); these tests prove the faster paths give the same answers.
"""

from __future__ import annotations

import random

import pytest

from game.bench.mind import big_room
from game.mind.brain import EmbeddingBrain
from game.mind.grounding import snapshot_world
from game.mind.intents import mask_entities
from game.mind.memory import MemoryStore
from game.mind.session import MindSession
from game.sim.resting import prop_bounds, resting_supports
from game.sim.scene import Prop, load_scene
from game.sim.world import World


def _brute_force(props: tuple[Prop, ...]) -> dict[str, str]:
    world = World(load_scene("default").with_props(props))
    found: dict[str, str] = {}
    for support in props:
        for item in world.props_on(support.name):
            found.setdefault(item.name, support.name)
    return found


def test_support_index_matches_checking_every_pair() -> None:
    rng = random.Random(3)
    props: list[Prop] = []
    for i in range(60):
        kind = rng.choice(["table", "box", "shelf"])
        props.append(Prop(f"table {i}", kind, (rng.uniform(-4, 4), 0.0, rng.uniform(-3, 3))))
    for i in range(240):  # cups on (or just off) a support's top, some overlapping several supports
        lo, hi = prop_bounds(rng.choice(props[:60]))
        x = rng.uniform(float(lo[0]) - 0.2, float(hi[0]) + 0.2)
        z = rng.uniform(float(lo[2]) - 0.2, float(hi[2]) + 0.2)
        y = float(hi[1]) if rng.random() < 0.8 else float(hi[1]) + rng.choice([-0.06, 0.03, 0.2])
        props.append(Prop(f"cup {i}", "cup", (x, y, z)))
    expected = _brute_force(tuple(props))
    assert len(expected) > 100  # most cups rest on something
    assert resting_supports(tuple(props)) == expected


def test_masking_room_phrases_is_unchanged_by_the_token_index() -> None:
    phrases = ("red box", "crate 12", "big red box")
    assert mask_entities("put the big red box on crate 12 please", phrases=phrases) == (
        "put the thing on thing please"
    )
    assert mask_entities("the red boxer", phrases=phrases) == "the red boxer"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> MemoryStore:
    return MemoryStore(tmp_path_factory.mktemp("memory"))


@pytest.fixture(scope="module")
def talk(store: MemoryStore) -> MindSession:
    return MindSession(big_room(10_000), EmbeddingBrain(seed=1), store, remember=False)


def test_ten_thousand_props_answer_what_is_on_the_table_like_the_small_room(
    talk: MindSession, store: MemoryStore
) -> None:
    small = MindSession(load_scene("default"), EmbeddingBrain(seed=1), store, remember=False)
    question = "what is on the table?"
    big_reply, small_reply = talk.say(question, "Ada"), small.say(question, "Ada")
    assert big_reply is not None and small_reply is not None
    assert big_reply.reply.text == small_reply.reply.text


def test_ten_thousand_props_find_the_lamp_and_a_crate(talk: MindSession) -> None:
    lamp = talk.say("where is the lamp?", "Ada")
    assert lamp is not None and "lamp" in lamp.reply.text.lower() and "corner" in lamp.reply.text.lower()
    crate = talk.say("where is crate 5017?", "Ada")
    assert crate is not None and "crate 5017" in crate.reply.text.lower()


def test_snapshot_of_an_unchanged_room_reuses_its_prop_table() -> None:
    world = World(big_room(2_000))
    first, second = snapshot_world(world), snapshot_world(world)
    assert first.table is second.table
    world.scene = world.scene.with_props(world.scene.props[:-1])
    assert snapshot_world(world).table is not first.table


def test_the_support_index_after_edits_matches_a_fresh_one() -> None:
    from game.sim import resting

    rng = random.Random(7)
    room = World(load_scene("default"))
    for i in range(40):  # stack cups on things, move and remove some: the index follows each edit
        choice = rng.random()
        props = room.scene.props
        if choice < 0.6 or len(props) < 12:
            under = rng.choice(props)
            lo, hi = prop_bounds(under)
            spot = ((float(lo[0]) + float(hi[0])) / 2, float(hi[1]), (float(lo[2]) + float(hi[2])) / 2)
            room.scene = room.scene.with_props((*props, Prop(f"cup {i}", "cup", spot)))
        elif choice < 0.8:
            victim = rng.choice(props)
            room.scene = room.scene.with_props(tuple(p for p in props if p is not victim))
        else:
            moved = rng.choice(props)
            rest = tuple(p for p in props if p is not moved)
            x, y, z = moved.position
            shifted = Prop(moved.name, moved.type, (x + 0.3, y, z))
            room.scene = room.scene.with_props((*rest, shifted))
        incremental = resting_supports(room.scene.props)  # follows the index of the edit before
        fresh = resting._SupportIndex(room.scene.props).found
        assert incremental == fresh, f"after edit {i}"
    assert any(incremental.values())
