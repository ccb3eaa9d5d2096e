"""Saves are atomic, and the temporary file of a killed save is removed at the next start."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from game.files import LEFTOVER_AGE_S, clean_leftovers, write_atomic

KILLED_WRITER = """
import os, sys
from pathlib import Path
from game.files import write_atomic
def stuck(src, dst):
    print("written", flush=True)
    sys.stdin.read()  # wait here, between the temporary file and the rename, until killed
os.replace = stuck
write_atomic(Path(sys.argv[1]), "new contents")
"""


def test_a_killed_save_keeps_the_old_file_and_its_leftover_is_cleaned(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "system-temp"))
    target = tmp_path / "data" / "notes.json"
    write_atomic(target, "old contents")
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "written"
    proc.kill()
    proc.wait()
    leftovers = list(target.parent.glob(".*.tmp"))
    assert len(leftovers) == 1 and leftovers[0].read_text() == "new contents"
    assert target.read_text() == "old contents"

    assert clean_leftovers([tmp_path]) == []  # too fresh: it might belong to a running save
    later = time.time() + LEFTOVER_AGE_S + 1
    assert clean_leftovers([tmp_path], clock=lambda: later) == leftovers
    assert not leftovers[0].exists() and target.read_text() == "old contents"


def test_old_tts_folders_in_the_temp_dir_are_removed(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stale = tmp_path / "voxroom-tts-abc123"
    stale.mkdir()
    (stale / "1-2.wav").write_bytes(b"RIFF")
    old = time.time() - LEFTOVER_AGE_S - 5
    os.utime(stale, (old, old))
    assert clean_leftovers([]) == [stale] and not stale.exists()
