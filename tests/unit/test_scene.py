from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.desktop.reload import changed_scene
from game.filewatch import FileWatcher
from game.sim.scene import SceneError, load_scene, parse_scene
from game.sim.world import World
from tests.support.scenes import BASE, scene_doc


def test_default_scene_loads_with_three_npcs_and_furniture() -> None:
    scene = load_scene("default")
    assert len(scene.npcs) >= 3
    types = {p.type for p in scene.props}
    assert {"table", "chair", "sofa", "lamp", "shelf", "plant", "door", "window"} <= types
    assert scene.sun is not None and scene.point_lights


@pytest.mark.parametrize(
    ("changes", "key", "words"),
    [
        (
            {"props": [{"name": "x", "type": "dragon", "position": [0, 0, 0]}]},
            "props[0].type",
            "unknown prop type",
        ),
        (
            {"props": [{"name": "x", "type": "box", "position": [50, 0, 0]}]},
            "props[0].position",
            "outside the room",
        ),
        ({"props": [{"name": "x", "type": "box"}]}, "props[0].position", "missing"),
        (
            {"props": [{"name": "x", "type": "box", "position": [0, 0, 0], "colour": "#zzzzzz"}]},
            "props[0].colour",
            "colour",
        ),
        (
            {"props": [{"name": "x", "type": "box", "position": [0, 0, 0], "scale": -1}]},
            "props[0].scale",
            "out of range",
        ),
        ({"room": {"size": [1000, 3, 3]}}, "room.size", "out of range"),
        ({"lights": [{"type": "laser"}]}, "lights[0].type", "unknown light type"),
        ({"lights": [{"type": "point"}]}, "lights[0].position", "missing"),
        ({"wat": 1}, "wat", "unknown key"),
        (
            {
                "props": [
                    {"name": "a", "type": "box", "position": [0, 0, 0]},
                    {"name": "A", "type": "box", "position": [1, 0, 0]},
                ]
            },
            "props[1].name",
            "duplicate",
        ),
    ],
)
def test_bad_scene_names_file_key_and_problem(changes: dict[str, Any], key: str, words: str) -> None:
    with pytest.raises(SceneError) as info:
        parse_scene(scene_doc(**changes), "rooms/bad.toml")
    message = str(info.value)
    assert message.startswith(f"rooms/bad.toml: {key}: "), message
    assert words in message
    assert "\n" not in message


def test_missing_and_broken_files(tmp_path: Path) -> None:
    with pytest.raises(SceneError, match="no such scene file"):
        load_scene(tmp_path / "nope.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[scene\nname = 'x'\n")
    with pytest.raises(SceneError, match="not valid TOML"):
        load_scene(broken)
    with pytest.raises(SceneError, match="known scenes: default"):
        load_scene("no-such-scene-name")


def test_saved_room_round_trips(tmp_path: Path) -> None:
    world = World(load_scene("default"))
    world.add_prop("lamp", (1.0, 0.0, 1.0), colour=(0.1, 0.2, 0.9))
    world.recolour_surface("walls", (0.2, 0.3, 0.8))
    path = tmp_path / "mine.toml"
    world.save(path)
    again = load_scene(path)
    assert [p.name for p in again.props] == [p.name for p in world.scene.props]
    assert again.room.walls.colour == pytest.approx(world.scene.room.walls.colour, abs=0.003)
    assert again.npcs == world.scene.npcs


def test_watcher_keeps_last_good_scene(tmp_path: Path) -> None:
    import tomli_w

    path = tmp_path / "room.toml"
    path.write_text(tomli_w.dumps(scene_doc()))
    watcher = FileWatcher()
    watcher.changed("scene", [path])  # as loaded
    assert changed_scene(watcher, path) is None
    path.write_text("[scene]\nname = 'broken'\n")  # no [room]
    import os

    os.utime(path, (1, 1))
    result = changed_scene(watcher, path)
    assert isinstance(result, SceneError) and "room" in str(result)
    path.write_text(tomli_w.dumps(scene_doc(scene={"name": "Fixed"})))
    os.utime(path, (2, 2))
    fixed = changed_scene(watcher, path)
    assert not isinstance(fixed, SceneError) and fixed is not None and fixed.name == "Fixed"


_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1000, 1000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.lists(st.floats(-200, 200), max_size=4),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@settings(max_examples=300, deadline=None)
@given(
    section=st.sampled_from(["room", "spawn", "fog", "props", "lights", "npcs", "scene"]),
    key=st.sampled_from(
        ["size", "position", "colour", "type", "name", "intensity", "scale", "rotation", "yaw", "x"]
    ),
    value=_values,
)
def test_any_corruption_gives_scene_or_scene_error(section: str, key: str, value: Any) -> None:
    """Whatever a user types into a scene, loading returns a Scene or a one-line SceneError."""
    doc = scene_doc(
        props=[{"name": "b", "type": "box", "position": [0, 0, 0]}],
        npcs=[{"name": "N", "persona": "p", "position": [1, 0, 1]}],
    )
    target = doc.get(section)
    if isinstance(target, list):
        target = target[0] if target else None
    if isinstance(target, dict):
        target[key] = value
    else:
        doc[section] = value
    try:
        parse_scene(doc, "fuzz.toml")
    except SceneError as exc:
        assert str(exc).startswith("fuzz.toml") and "\n" not in str(exc)


def test_base_doc_is_valid() -> None:
    assert parse_scene(BASE, "base").name == "Test room"


def test_scene_sizes_are_capped_with_clear_errors(tmp_path: Path) -> None:
    from game.sim.scene import MAX_PROPS, MAX_SCENE_BYTES
    from game.sim.world import WorldError

    box = {"type": "box", "position": [0.0, 0.0, 0.0]}
    too_many = [{"name": f"box {i}", **box} for i in range(MAX_PROPS + 1)]
    with pytest.raises(SceneError, match=rf"props: {MAX_PROPS + 1} entries; the limit is {MAX_PROPS}"):
        parse_scene(scene_doc(props=too_many), "big.toml")
    huge = tmp_path / "huge.toml"
    huge.write_text("# " + "x" * MAX_SCENE_BYTES + "\n", encoding="utf-8")
    with pytest.raises(SceneError, match=r"huge\.toml: file of 8 MB; the limit is 8 MB"):
        load_scene(str(huge))
    full = World(parse_scene(scene_doc(props=too_many[:MAX_PROPS]), "full.toml"))
    with pytest.raises(WorldError, match="the room is full"):
        full.add_prop("lamp", (0.0, 0.0, 0.0))
