"""The scene planner and edit comments (game/mind/scenes.py): pure functions on the real personas and room."""

from __future__ import annotations

import itertools
import random
import re

import pytest

from game.mind.grounding import WorldSnapshot, snapshot_world
from game.mind.persona import Persona, generic_persona, load_persona
from game.mind.protocols import Action
from game.mind.remarks import describe_edit, edit_comment
from game.mind.scenes import (
    MAX_EACH,
    MIN_EACH,
    TOPICS,
    SceneLine,
    open_lines,
    plan_scene,
)
from game.sim.colours import parse_colour
from game.sim.scene import load_scene
from game.sim.world import World

PERSONAS = {p.name: p for p in (load_persona("ada"), load_persona("bo"), load_persona("cleo"))}
PAIRS = list(itertools.permutations(PERSONAS, 2))
SAID_ALOUD = [
    "Ada, I'm learning to paint",
    "Bo, where is the lamp?",
    "make the walls blue",
    "my sister is visiting",
]


@pytest.fixture(scope="module")
def room() -> WorldSnapshot:
    return snapshot_world(World(load_scene("default")))


def scenes(room: WorldSnapshot, seeds: range = range(40)) -> list[tuple[Persona, Persona, list[SceneLine]]]:
    out = []
    for seed in seeds:
        a, b = PAIRS[seed % len(PAIRS)]
        topic = TOPICS[seed % len(TOPICS)]
        lines = plan_scene(PERSONAS[a], PERSONAS[b], room, SAID_ALOUD, random.Random(seed), topic)
        out.append((PERSONAS[a], PERSONAS[b], lines))
    return out


def test_the_two_alternate_two_to_six_lines_each_and_each_line_answers_the_last(room: WorldSnapshot) -> None:
    lengths = set()
    for a, b, lines in scenes(room):
        assert [(x.speaker, x.listener) for x in lines] == [(a.name, b.name), (b.name, a.name)] * (
            len(lines) // 2
        )
        assert len(lines) % 2 == 0 and MIN_EACH <= len(lines) // 2 <= MAX_EACH
        lengths.add(len(lines) // 2)
        for before, line in itertools.pairwise(lines):
            asks = "?" in before.text or before.text.startswith(f"{line.speaker},")  # or tells them
            assert asks, f"{before.text!r} leaves the other nothing to answer"
            assert set(before.about) & set(line.about), f"{line.text!r} does not answer {before.text!r}"
        assert not lines[-1].text.endswith("?"), "the last line asks nothing nobody will answer"
        for line in lines:
            assert line.actions[0].name == "look_at" and line.actions[0].arg("target") == line.listener
    assert len(lengths) >= 3, f"the length varies with chattiness and chance: {lengths}"


def test_room_scenes_name_real_props_with_their_real_colours(room: WorldSnapshot) -> None:
    named = 0
    for _, _, lines in scenes(room):
        for line in lines:
            for tag in line.about:
                if tag.startswith("prop:"):
                    prop = room.prop(tag[5:])
                    assert prop is not None, f"{tag} is not in the room"
                    assert prop.name in line.text.lower(), line.text
                    named += 1
        mentioned = {w for line in lines for w in re.findall(r"the (\w+ \w+)", line.text.lower())}
        for phrase in mentioned:
            colour, thing = phrase.split()
            prop = room.prop(thing)
            if prop is not None and colour in {p.colour for p in room.props}:
                assert prop.colour == colour, f"the {thing} is {prop.colour}, not {colour}"
    assert named >= 20
    pointed = [
        a for _, _, lines in scenes(room) for line in lines for a in line.actions if a.name == "point_at"
    ]
    assert pointed and all(room.prop(str(a.arg("target"))) is not None for a in pointed)


def test_a_scene_follows_an_edited_room(room: WorldSnapshot) -> None:
    world = World(load_scene("default"))
    world.recolour_prop("sofa", parse_colour("purple"))
    world.remove_prop("lamp")
    edited = snapshot_world(world)
    said = " ".join(line.text.lower() for _, _, lines in scenes(edited) for line in lines)
    assert "purple sofa" in said
    assert "lamp" not in said, "a removed prop is not talked about"
    assert "the lamp makes a circle" not in said, "an idle line about a missing prop is left out"


def test_in_character_every_fact_answer_is_the_speakers_own(room: WorldSnapshot) -> None:
    answers = {f.answer: name for name, p in PERSONAS.items() for f in p.facts}
    spoken = 0
    for _, _, lines in scenes(room):
        for line in lines:
            for answer, owner in answers.items():
                if answer in line.text:
                    assert owner == line.speaker, f"{line.speaker} says {owner}'s line: {answer!r}"
                    spoken += 1
            if any(tag.startswith("like:") for tag in line.about):
                assert Action.make("emote", kind="happy") in line.actions, "a loved thing shows on the face"
            for like in re.findall(r"([^.!?]+), without a doubt", line.text):
                like = like.strip()
                assert like.lower() in [x.lower() for x in PERSONAS[line.speaker].likes]
    assert spoken >= 10


def test_the_user_is_retold_from_open_lines_only_never_commands_questions_or_anything_else() -> None:
    assert open_lines(SAID_ALOUD, list(PERSONAS)) == ["I'm learning to paint", "my sister is visiting"]


def test_user_topic_retells_what_was_said_aloud_in_the_third_person(room: WorldSnapshot) -> None:
    lines = plan_scene(PERSONAS["Bo"], PERSONAS["Cleo"], room, SAID_ALOUD, random.Random(5), "user")
    first = lines[0].text
    assert first.startswith("Cleo, did you hear our visitor") and "they're learning to paint" in first
    assert lines[1].text.startswith("I did.")
    quiet = plan_scene(PERSONAS["Bo"], PERSONAS["Cleo"], room, [], random.Random(5), "user")
    assert not any("visitor" in line.text for line in quiet), "nothing said aloud: nothing retold"


def test_the_planner_is_deterministic_for_a_seed(room: WorldSnapshot) -> None:
    def plan(seed: int) -> list[SceneLine]:
        return plan_scene(PERSONAS["Ada"], PERSONAS["Bo"], room, SAID_ALOUD, random.Random(seed))

    assert plan(11) == plan(11)
    assert len({tuple(line.text for line in plan(s)) for s in range(10)}) >= 8


def test_an_edit_is_described_from_the_world_diff_and_commented_on_in_character() -> None:
    world = World(load_scene("default"))
    before = world.scene
    world.recolour_surface("walls", parse_colour("blue"))
    edit = describe_edit(before, world.scene)
    assert edit is not None and (edit.kind, edit.thing, edit.colour) == ("surface", "walls", "blue")
    rng = random.Random(1)
    assert edit_comment(PERSONAS["Bo"], "Ada", edit, rng) == "Blue walls? Ada, you've outdone yourself."
    world.recolour_surface("walls", parse_colour("green"))
    green = describe_edit(before, world.scene)
    assert green is not None
    assert "love green" in edit_comment(PERSONAS["Cleo"], "Ada", green, rng), "Cleo's favourite colour"
    before = world.scene
    world.add_prop("lamp", (2.0, 0.0, 2.0), name="lamp 2", colour=parse_colour("red"))
    added = describe_edit(before, world.scene)
    assert added is not None and (added.kind, added.thing) == ("added", "lamp")  # not "A new lamp 2?"
    assert "lamp" in edit_comment(PERSONAS["Bo"], "", added, rng)
    assert describe_edit(world.scene, world.scene) is None


def test_two_characters_with_nothing_to_talk_about_play_no_scene() -> None:
    world = World(load_scene("default"))
    for prop in list(world.scene.props):
        world.remove_prop(prop.name)
    empty = snapshot_world(world)
    plain = (generic_persona("Xo"), generic_persona("Yu"))
    for seed in range(20):
        assert plan_scene(*plain, empty, ["I'm tired today"], random.Random(seed)) == []
    furnished = snapshot_world(World(load_scene("default")))
    lines = plan_scene(*plain, furnished, [], random.Random(1), "room")
    assert len(lines) // 2 >= MIN_EACH and all(line.text for line in lines), "the room alone is enough"
