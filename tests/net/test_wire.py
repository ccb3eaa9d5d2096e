"""The wire format, the edit-log entries and the access file: pure, no server."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.errors import UserError
from game.mind.actions import apply_action
from game.mind.protocols import Action
from game.net import subjects
from game.net.access import Access, load_access, save_access
from game.net.schema import MAX_BYTES, BadMessage, decode, decode_pose, encode, encode_pose
from game.sim.room_diff import BadEntry, apply_entry, diff
from game.sim.scene import load_scene
from game.sim.world import World


def test_a_message_round_trips_and_names_what_is_wrong() -> None:
    data = encode("say", user="alice", id="1", text="Ada, hello", gaze="Ada", guess="")
    assert decode(data, "say")["text"] == "Ada, hello"
    with pytest.raises(BadMessage, match="schema version"):
        decode(json.dumps({"v": 99, "kind": "say"}).encode())
    with pytest.raises(BadMessage, match="unknown kind"):
        decode(json.dumps({"v": 1, "kind": "teleport"}).encode())
    with pytest.raises(BadMessage, match="without 'gaze'"):
        decode(json.dumps({"v": 1, "kind": "say", "user": "alice", "id": "1", "text": "hi"}).encode())
    with pytest.raises(BadMessage, match="bad 'user'"):
        decode(encode("say", user="Alice Smith", id="1", text="hi", gaze="", guess=""))
    with pytest.raises(BadMessage, match="over the"):
        decode(b" " * (MAX_BYTES + 1))
    with pytest.raises(BadMessage, match="not JSON"):
        decode(b"\xff{")
    with pytest.raises(BadMessage, match="where edit was expected"):
        decode(data, "edit")


@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_raise_anything_but_bad_message(data: bytes) -> None:
    for reader in (decode, decode_pose):
        with contextlib.suppress(BadMessage):
            reader(data)


def test_a_pose_packs_into_19_bytes_to_the_centimetre() -> None:
    data = encode_pose(7, (1.234, 1.6, -3.21), 181.0, -8.0, 1_700_000_000.5)
    assert len(data) == 19
    pose = decode_pose(data)
    assert pose["pos"] == [1.23, 1.6, -3.21] and pose["yaw"] == pytest.approx(-179.0) and pose["seq"] == 7
    with pytest.raises(BadMessage, match="version"):
        decode_pose(b"\x09" + data[1:])


def test_log_entries_replay_to_the_same_room_as_the_edits_that_made_them() -> None:
    scene = load_scene("default")
    edited, replayed = World(scene), World(scene)
    entries = []
    for action in (
        Action.make("add_prop", type="box", near="sofa", colour="red"),
        Action.make("recolour", target="walls", colour="green"),
        Action.make("move_prop", target="lamp", near="table"),
        Action.make("remove_prop", target="plant"),
        Action.make("resize", target="table", factor=1.5),
    ):
        before = edited.scene
        apply_action(edited, action)
        entries += diff(before, edited.scene)
    for entry in json.loads(json.dumps(entries)):  # as they travel
        apply_entry(replayed, entry)
    assert sorted(replayed.scene.props, key=lambda p: p.name) == sorted(
        edited.scene.props, key=lambda p: p.name
    )
    assert replayed.scene.room == edited.scene.room
    with pytest.raises(BadEntry):
        apply_entry(replayed, {"op": "explode"})


def test_the_access_file_round_trips_and_its_errors_name_the_file(tmp_path: Path) -> None:
    access = Access.fresh()
    access.add("alice", "editor", ("den",))
    path = tmp_path / "access.toml"
    save_access(access, path)
    assert path.stat().st_mode & 0o077 == 0  # passwords: owner only
    loaded = load_access(path)
    assert loaded.role("alice", "den") == "editor" and loaded.role("alice", "attic") == ""
    path.write_text('[users.alice]\npassword = "x"\nrole = "king"\n', encoding="utf-8")
    with pytest.raises(UserError, match=rf"{path}: users.alice: role 'king'"):
        load_access(path)
    with pytest.raises(UserError, match="run `voxroom server` once"):
        load_access(tmp_path / "missing.toml")


def test_a_client_may_publish_only_its_own_subjects() -> None:
    access = Access.fresh()
    alice = access.add("alice", "guest", ("den",))
    users = {u["user"]: u["permissions"] for u in access.server_users()}
    allowed = users["alice"]["publish"]["allow"]  # type: ignore[index]
    assert subjects.pose("den", "alice") in allowed and subjects.pose("den", "bob") not in allowed
    assert subjects.edits("den") not in allowed and subjects.log("den") not in allowed
    assert subjects.minds("den") in users["alice"]["subscribe"]["deny"]  # type: ignore[index]
    assert alice.may_join("den") and not alice.may_join("attic")
