"""NPC memory in SQLite: concurrent instances, a writer killed mid-write, the JSON import, odd text."""

from __future__ import annotations

import json
import os
import select
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from game.mind import memory_db
from game.mind.memory import MemoryStore, MemoryStoreError, could_not_save, withdraw_promise
from game.mind.memory_db import DB_NAME, IMPORTED_DIR, SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]


class _Writer:
    """A real second process writing to the same memory folder (see ``memory_writer.py``)."""

    def __init__(self, folder: Path, npc: str = "Ada") -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.mind.memory_writer", str(folder), npc],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )
        assert self.read() == "ready"

    def read(self, timeout: float = 60.0) -> str:
        """The writer's next line; waits on the pipe (no guessed sleep), fails if it never comes."""
        assert self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        assert ready, "the writer process did not answer"
        return self.proc.stdout.readline().strip()

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def like(self, thing: str) -> None:
        self.send(f"like {thing}")
        assert self.read() == f"ok {thing}"

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                pipe.close()


def test_two_instances_keep_each_others_facts(tmp_path: Path) -> None:
    """Both loaded before either saved: the old whole-file save lost the first one's fact."""
    first, second = MemoryStore(tmp_path), MemoryStore(tmp_path)
    one, two = first.start_session("Ada"), second.start_session("Ada")
    one.learn({"likes": ["tea"], "name": "Sam"})
    two.learn({"likes": ["jazz"]})
    first.save(one)
    second.save(two)
    again = MemoryStore(tmp_path).load("Ada")
    assert again.user_name == "Sam" and set(again.likes) == {"tea", "jazz"} and again.sessions == 2
    assert set(two.likes) == {"tea", "jazz"}, "a save reads back what the other instance wrote"


def test_refresh_reads_only_after_a_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every guessed reply refreshes the NPC's memory on the main thread: unchanged, nothing is read."""
    mine, other = MemoryStore(tmp_path), MemoryStore(tmp_path)
    memory = mine.load("Ada")
    theirs = other.start_session("Ada")
    theirs.learn({"likes": ["tea"]})
    other.save(theirs)
    mine.refresh(memory)
    assert memory.likes == ["tea"], "another instance's commit is read"
    reads: list[str] = []
    real_read = memory_db.read
    monkeypatch.setattr(memory_db, "read", lambda db, npc: reads.append(npc) or real_read(db, npc))
    mine.refresh(memory)
    assert reads == [], "nothing was committed since the last read"
    theirs.learn({"likes": ["jazz"]})
    other.save(theirs)  # reads back what it wrote
    reads.clear()
    mine.refresh(memory)
    assert reads == ["Ada"] and set(memory.likes) == {"tea", "jazz"}


def test_processes_write_alternately_then_one_is_killed_mid_write(tmp_path: Path) -> None:
    a, b = _Writer(tmp_path), _Writer(tmp_path)
    try:
        committed = []
        for i in range(10):
            for name, writer in (("a", a), ("b", b)):
                writer.like(f"{name}{i}")
                committed.append(f"{name}{i}")
        a.send("hold doomed")
        assert a.read() == "holding doomed"  # a is inside its transaction, holding the write lock
        a.proc.send_signal(signal.SIGKILL)
        a.proc.wait()
        b.like("after")  # the dead writer's lock went with it: b writes on
        committed.append("after")
    finally:
        a.close()
        b.close()
    memory = MemoryStore(tmp_path).load("Ada")
    assert set(committed) <= set(memory.likes) and "doomed" not in memory.likes
    assert [t["user"] for t in memory.turns] == [f"I like {thing}" for thing in committed]
    assert memory.sessions == 2
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    db.close()


def _old_file(folder: Path, npc: str, name: str, likes: list[str]) -> Path:
    path = folder / f"{npc.lower()}.json"
    turn = {"t": 1.0, "user": "hi", "npc": "Hello.", "intent": "greet"}
    user = {"name": name, "likes": likes, "dislikes": []}
    doc = {"schema": 1, "npc": npc, "user": user, "sessions": 3, "last_seen": 1.0, "turns": [turn]}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_old_json_files_are_imported_once_and_kept(tmp_path: Path) -> None:
    old = _old_file(tmp_path, "Ada", "Sam", ["tea"])
    raw = old.read_bytes()
    (tmp_path / "bo.json").write_text("{ not json", encoding="utf-8")
    store = MemoryStore(tmp_path)
    ada = store.load("Ada")
    assert (ada.user_name, ada.likes, ada.sessions, len(ada.turns)) == ("Sam", ["tea"], 3, 1)
    assert not old.exists() and (tmp_path / IMPORTED_DIR / "ada.json").read_bytes() == raw
    assert any("bo.json: memory file unreadable" in p and "moved aside" in p for p in store.problems)
    assert [p.read_text() for p in tmp_path.glob("bo.corrupt-*.json")] == ["{ not json"]
    # A crash after the commit but before the move: the same file again is not imported twice.
    (tmp_path / "ada.json").write_bytes(raw)
    again = MemoryStore(tmp_path).load("Ada")
    assert again.sessions == 3 and len(again.turns) == 1
    assert not (tmp_path / "ada.json").exists()


def test_forget_erases_the_imported_backup_too(tmp_path: Path) -> None:
    _old_file(tmp_path, "Ada", "Sam", ["tea"])
    store = MemoryStore(tmp_path)
    assert store.stored_npcs() == ["Ada"]
    assert store.forget("ada") and not store.has("Ada")
    assert not list((tmp_path / IMPORTED_DIR).glob("*.json"))


def test_a_corrupt_database_is_moved_aside_and_reported(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"this is not a database at all" * 100)
    store = MemoryStore(tmp_path)
    memory = store.start_session("Ada")
    assert any("memory database unreadable" in p for p in store.problems)
    assert [p.read_bytes()[:11] for p in tmp_path.glob(f"{DB_NAME}.corrupt-*")] == [b"this is not"]
    memory.learn({"name": "Kim"})
    store.save(memory)
    assert MemoryStore(tmp_path).load("Ada").user_name == "Kim"


def test_a_newer_schema_is_refused_not_rewritten(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    store = MemoryStore(tmp_path)
    memory = store.start_session("Ada")
    assert "newer than this Voxroom" in memory.save_error
    with pytest.raises(MemoryStoreError, match="newer"):
        store.save(memory)


@pytest.mark.parametrize("text", ["Jos\udce9", "\ud800 lone", "José 🫖", "nul\x00byte"])
def test_any_unicode_is_stored(tmp_path: Path, text: str) -> None:
    store = MemoryStore(tmp_path)
    memory = store.start_session("Ada")
    memory.learn({"likes": [text], "name": text})
    memory.add_turn(text, f"{text}? Noted.", "tell_fact")
    store.save(memory)
    again = MemoryStore(tmp_path).load("Ada")
    assert again.turns[-1]["user"].encode("utf-8") and again.user_name == memory.user_name
    assert "\udce9" not in again.turns[-1]["user"] and again.likes == memory.likes


def test_a_folder_that_is_a_file_fails_every_write_with_a_reason(tmp_path: Path) -> None:
    blocker = tmp_path / "memory"
    blocker.write_text("not a folder", encoding="utf-8")
    store = MemoryStore(blocker)
    memory = store.start_session("Ada")
    assert memory.save_error == "the memory folder is a file"
    assert any("nothing will be remembered" in p for p in store.problems)
    memory.learn({"name": "Sam"})
    with pytest.raises(MemoryStoreError, match="is a file"):
        store.save(memory)
    assert memory.pending, "kept for a later try"
    blocker.unlink()
    store.save(memory)  # the folder is back: what was learned is saved after all
    assert MemoryStore(blocker).load("Ada").user_name == "Sam"


def test_withdraw_promise() -> None:
    sorry = could_not_save("disk full")
    promise = "Noted. I'll remember that."
    assert withdraw_promise(f"Hi, Sam. {promise}", [promise], "disk full") == f"Hi, Sam. {sorry}"
    assert withdraw_promise("Me too!", ["I'll remember."], "disk full") == f"Me too! {sorry}"
    assert withdraw_promise(sorry, ["x"], "disk full") == sorry
