"""Personas hot-reload: an edit takes effect, a broken file keeps the last good persona."""

from __future__ import annotations

import shutil
from pathlib import Path

from game.mind.persona import PERSONAS_DIR
from game.mind.session import MindSession
from game.sim.scene import load_scene
from tests.support.fakes import FakeBrain


def _session(tmp_path: Path) -> tuple[MindSession, Path]:
    folder = tmp_path / "personas"
    shutil.copytree(PERSONAS_DIR, folder)
    return MindSession(load_scene("default"), FakeBrain(), personas_dir=folder, remember=False), folder


def test_an_edited_persona_replaces_the_old_one(tmp_path: Path) -> None:
    session, folder = _session(tmp_path)
    path = folder / "ada.toml"
    assert path in session.persona_files() and session.persona_files()[path] == ["Ada"]
    path.write_text(path.read_text().replace('role = "architect"', 'role = "astronomer"'))
    lines = session.reload_personas({path})
    assert lines == [("info", "persona ada reloaded (Ada)")]
    assert session.personas["Ada"].role == "astronomer" and session.personas["Ada"].name == "Ada"


def test_a_broken_persona_keeps_the_last_good_one_and_says_so(tmp_path: Path) -> None:
    session, folder = _session(tmp_path)
    before = session.personas["Bo"]
    path = folder / "bo.toml"
    path.write_text("[persona\nname = ")
    [(level, line)] = session.reload_personas({path})
    assert level == "error" and "bo.toml" in line and "keep the last good persona" in line
    assert session.personas["Bo"] is before


def test_unrelated_changes_reload_nothing(tmp_path: Path) -> None:
    session, folder = _session(tmp_path)
    assert session.reload_personas({folder / "someone-else.toml"}) == []
