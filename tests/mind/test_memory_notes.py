"""Notes about the user's life in the SQLite memory: a schema-1 database upgraded, roll-off, erasing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from game.mind.memory import MAX_NOTES, MemoryStore
from game.mind.memory_db import DB_NAME, SCHEMA_VERSION
from game.mind.note import Note

# The schema as Voxroom wrote it before notes (version 1), kept here verbatim.
_V1 = """
CREATE TABLE npcs (key TEXT PRIMARY KEY, npc TEXT NOT NULL, user_name TEXT NOT NULL DEFAULT '',
    sessions INTEGER NOT NULL DEFAULT 0, last_seen REAL NOT NULL DEFAULT 0);
CREATE TABLE tastes (key TEXT NOT NULL REFERENCES npcs(key) ON DELETE CASCADE, thing TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('likes', 'dislikes')), seq INTEGER NOT NULL, PRIMARY KEY (key, thing));
CREATE TABLE turns (id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL REFERENCES npcs(key)
    ON DELETE CASCADE, t REAL NOT NULL, user TEXT NOT NULL, npc TEXT NOT NULL, intent TEXT NOT NULL);
CREATE INDEX turns_by_npc ON turns (key, id);
CREATE TABLE imported (file TEXT NOT NULL, sha256 TEXT NOT NULL, at REAL NOT NULL,
    PRIMARY KEY (file, sha256));
INSERT INTO npcs VALUES ('ada', 'Ada', 'Sam', 4, 100.0);
INSERT INTO tastes VALUES ('ada', 'jazz', 'likes', 1);
INSERT INTO turns (key, t, user, npc, intent) VALUES ('ada', 99.0, 'I love jazz', 'Me too!', 'tell_fact');
PRAGMA user_version = 1;
"""


def _note(topic: str, t: float = 1.0, about: str = "") -> Note:
    ask = f"How is your {topic} coming along?"
    return Note("activity", topic, about or f"you're learning {topic}", ask, t)


def test_a_schema_1_database_is_upgraded_and_keeps_everything(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / DB_NAME)
    db.executescript(_V1)
    db.close()
    store = MemoryStore(tmp_path)
    ada = store.start_session("Ada")
    assert (ada.user_name, ada.likes, ada.sessions, ada.notes) == ("Sam", ["jazz"], 5, [])
    assert [t["user"] for t in ada.turns] == ["I love jazz"]
    ada.note(_note("painting"))
    store.save(ada)
    again = MemoryStore(tmp_path).load("Ada")
    assert [n.topic for n in again.notes] == ["painting"] and again.user_name == "Sam"
    db = sqlite3.connect(tmp_path / DB_NAME)
    assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,) == (2,)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()


def test_the_same_topic_is_replaced_and_old_notes_roll_off(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path)
    ada = store.start_session("Ada")
    for i in range(MAX_NOTES + 5):
        ada.note(_note(f"topic{i}", float(i)))
    ada.note(_note("topic24", 99.0, about="you're learning topic24 again"))
    store.save(ada)
    again = MemoryStore(tmp_path).load("Ada")
    assert len(again.notes) == MAX_NOTES and again.notes[0].topic == "topic5"
    assert again.notes[-1].about == "you're learning topic24 again" and again.notes == ada.notes


def test_two_instances_keep_each_others_notes_and_forget_erases_them(tmp_path: Path) -> None:
    first, second = MemoryStore(tmp_path), MemoryStore(tmp_path)
    one, two = first.start_session("Ada"), second.start_session("Ada")
    one.note(_note("painting"))
    two.note(Note("person", "sister", "your sister is visiting", "Did your sister enjoy her visit?", 2.0))
    first.save(one)
    second.save(two)
    assert {n.topic for n in MemoryStore(tmp_path).load("Ada").notes} == {"painting", "sister"}
    assert first.forget("Ada") and MemoryStore(tmp_path).load("Ada").notes == []
    db = sqlite3.connect(tmp_path / DB_NAME)
    assert db.execute("SELECT COUNT(*) FROM notes").fetchone() == (0,)
    db.close()


def test_a_note_is_promised_only_until_it_is_saved(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path)
    ada = store.start_session("Ada")
    assert not ada.promised()
    assert ada.note(_note("painting")) and ada.promised()
    assert not ada.note(_note("painting")), "the same note again is nothing new"
    store.save(ada)
    assert not ada.promised()
    assert ada.to_json()["notes"][0]["topic"] == "painting"
