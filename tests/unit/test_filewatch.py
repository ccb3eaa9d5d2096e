"""The one file watcher: baseline on first look, then edits, new files and deleted files."""

from __future__ import annotations

import os
from pathlib import Path

from game.filewatch import FileWatcher


def test_first_look_records_then_reports_only_changes(tmp_path: Path) -> None:
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_text("one")
    b.write_text("two")
    watcher = FileWatcher()
    assert watcher.changed("g", [a, b]) == set()
    assert watcher.changed("g", [a, b]) == set()
    a.write_text("one, edited")  # size changes even within the mtime resolution
    assert watcher.changed("g", [a, b]) == {a}
    os.utime(b, ns=(1, 1))
    assert watcher.changed("g", [a, b]) == {b}


def test_appearing_and_vanishing_files_count_as_changes(tmp_path: Path) -> None:
    a, c = tmp_path / "a.py", tmp_path / "c.py"
    a.write_text("x = 1")
    watcher = FileWatcher()
    watcher.changed("mod", [a, c])  # c does not exist yet
    c.write_text("y = 2")
    assert watcher.changed("mod", [a, c]) == {c}
    a.unlink()
    assert watcher.changed("mod", [a, c]) == {a}


def test_groups_are_independent_and_forget_resets_one(tmp_path: Path) -> None:
    a = tmp_path / "a.glsl"
    a.write_text("void main() {}")
    watcher = FileWatcher()
    watcher.changed("shader:room", [a])
    a.write_text("void main() { }")
    assert watcher.changed("shader:avatar", [a]) == set()  # first look for this group
    assert watcher.changed("shader:room", [a]) == {a}
    a.write_text("void main() {  }")
    watcher.forget("shader:room")
    assert watcher.changed("shader:room", [a]) == set()
