"""The SQLite side of NPC memory: schema, one statement per remembered thing, JSON import.

Why SQLite and not a file per NPC: two running instances each saved their whole
in-memory copy over the same JSON file, so one silently erased what the other had
learned. Here every change is its own INSERT or UPSERT inside a short ``BEGIN
IMMEDIATE`` transaction (WAL mode, a busy timeout), so concurrent writers queue instead
of overwriting, and a process killed mid-write leaves the last committed state.

The schema version lives in ``PRAGMA user_version``; a database from a newer Voxroom
is refused rather than rewritten, and an older one is upgraded in place, one step
per version (:data:`_STEPS`), keeping everything it holds. Text is passed through :func:`game.text.clean_text`
before it is bound, so any Unicode (lone surrogates included) can be stored.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from game.text import clean_text

SCHEMA_VERSION = 2
DB_NAME = "memory.sqlite3"
IMPORTED_DIR = "imported-json"
BUSY_TIMEOUT_MS = 10_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS npcs (
    key TEXT PRIMARY KEY,
    npc TEXT NOT NULL,
    user_name TEXT NOT NULL DEFAULT '',
    sessions INTEGER NOT NULL DEFAULT 0,
    last_seen REAL NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS tastes (
    key TEXT NOT NULL REFERENCES npcs(key) ON DELETE CASCADE,
    thing TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('likes', 'dislikes')),
    seq INTEGER NOT NULL,
    PRIMARY KEY (key, thing)
);
CREATE TABLE IF NOT EXISTS turns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL REFERENCES npcs(key) ON DELETE CASCADE,
    t REAL NOT NULL,
    user TEXT NOT NULL,
    npc TEXT NOT NULL,
    intent TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS turns_by_npc ON turns (key, id);
CREATE TABLE IF NOT EXISTS imported (
    file TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    at REAL NOT NULL,
    PRIMARY KEY (file, sha256)
);
"""
_NOTES = """
CREATE TABLE IF NOT EXISTS notes (
    key TEXT NOT NULL REFERENCES npcs(key) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    topic TEXT NOT NULL,
    about TEXT NOT NULL,
    ask TEXT NOT NULL,
    t REAL NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (key, kind, topic)
);
"""
_STEPS = {1: _SCHEMA, 2: _NOTES}
"""The statements that bring a database from version ``n - 1`` to ``n`` (2: the user's news)."""


class NewerSchema(Exception):
    """The database was written by a newer Voxroom; it is left untouched."""


def key_of(npc: str) -> str:
    """NPC names are matched without regard to case ("ada" and "Ada" share a memory)."""
    return clean_text(npc).strip().lower()


def stamp(path: Path) -> tuple[int, ...]:
    """What changes whenever a commit lands: inode, mtime and size of the file and of its write-ahead log.

    Cheaper than a read, so a copy is re-read only when another connection (or running
    instance) committed. Timestamps tick every few milliseconds; a commit in the same tick
    that leaves the log's size as it was is seen at the next commit.
    """
    parts: list[int] = []
    for file in (path, path.with_name(path.name + "-wal")):
        try:
            info = file.stat()
        except OSError:
            parts += (0, 0, 0)
            continue
        parts += (info.st_ino, info.st_mtime_ns, info.st_size)
    return tuple(parts)


def connect(path: Path) -> sqlite3.Connection:
    """Open ``path`` in autocommit mode (transactions are explicit), WAL, with a busy timeout."""
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        db.close()
        raise
    return db


@contextlib.contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``: writers wait their turn up front, never deadlock midway."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def migrate(db: sqlite3.Connection) -> None:
    """Create or upgrade the schema (inside the caller's transaction)."""
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise NewerSchema(
            f"the memory database has schema {version}, newer than this Voxroom's {SCHEMA_VERSION}; "
            "update Voxroom (nothing was changed)"
        )
    for step in range(version + 1, SCHEMA_VERSION + 1):
        # One statement at a time: executescript() would COMMIT the caller's transaction.
        for statement in filter(str.strip, _STEPS[step].split(";")):
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {step}")


def ensure_npc(db: sqlite3.Connection, npc: str) -> str:
    """Make the NPC's row exist; returns its key."""
    key = key_of(npc)
    db.execute(
        "INSERT INTO npcs (key, npc) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", (key, clean_text(npc))
    )
    return key


def add_visit(db: sqlite3.Connection, key: str, when: float) -> None:
    """Count one visit (an increment, so two instances' visits both count)."""
    db.execute("UPDATE npcs SET sessions = sessions + 1, last_seen = ? WHERE key = ?", (when, key))


def set_name(db: sqlite3.Connection, key: str, name: str) -> None:
    """Remember the user's name."""
    db.execute("UPDATE npcs SET user_name = ? WHERE key = ?", (clean_text(name), key))


def add_taste(db: sqlite3.Connection, key: str, thing: str, kind: str, keep: int) -> None:
    """Upsert one like or dislike (moving it from the other list), keeping the newest ``keep``."""
    db.execute(
        "INSERT INTO tastes (key, thing, kind, seq) VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 "
        "FROM tastes)) ON CONFLICT (key, thing) DO UPDATE SET kind = excluded.kind, seq = excluded.seq",
        (key, clean_text(thing), kind),
    )
    db.execute(
        "DELETE FROM tastes WHERE key = ? AND kind = ? AND seq NOT IN "
        "(SELECT seq FROM tastes WHERE key = ? AND kind = ? ORDER BY seq DESC LIMIT ?)",
        (key, kind, key, kind, keep),
    )


def add_note(db: sqlite3.Connection, key: str, note: dict[str, Any], keep: int) -> None:
    """Upsert one note about the user's life (same kind and topic: the newer wins), keeping ``keep``."""
    db.execute(
        "INSERT INTO notes (key, kind, topic, about, ask, t, seq) VALUES (?, ?, ?, ?, ?, ?, "
        "(SELECT COALESCE(MAX(seq), 0) + 1 FROM notes)) ON CONFLICT (key, kind, topic) DO UPDATE SET "
        "about = excluded.about, ask = excluded.ask, t = excluded.t, seq = excluded.seq",
        (key, *(clean_text(str(note[k])) for k in ("kind", "topic", "about", "ask")), float(note["t"])),
    )
    db.execute(
        "DELETE FROM notes WHERE key = ? AND seq NOT IN "
        "(SELECT seq FROM notes WHERE key = ? ORDER BY seq DESC LIMIT ?)",
        (key, key, keep),
    )


def add_turn(db: sqlite3.Connection, key: str, turn: dict[str, Any], keep: int) -> None:
    """Insert one exchange, keeping the newest ``keep`` for this NPC."""
    db.execute(
        "INSERT INTO turns (key, t, user, npc, intent) VALUES (?, ?, ?, ?, ?)",
        (
            key,
            float(turn.get("t", 0.0)),
            clean_text(str(turn.get("user", "")))[:500],
            clean_text(str(turn.get("npc", "")))[:500],
            clean_text(str(turn.get("intent", ""))),
        ),
    )
    db.execute(
        "DELETE FROM turns WHERE key = ? AND id NOT IN "
        "(SELECT id FROM turns WHERE key = ? ORDER BY id DESC LIMIT ?)",
        (key, key, keep),
    )


def read(db: sqlite3.Connection, npc: str) -> dict[str, Any] | None:
    """One NPC's memory as plain data, or None when nothing is stored."""
    key = key_of(npc)
    row = db.execute("SELECT npc, user_name, sessions, last_seen FROM npcs WHERE key = ?", (key,)).fetchone()
    if row is None:
        return None
    tastes = db.execute("SELECT thing, kind FROM tastes WHERE key = ? ORDER BY seq", (key,)).fetchall()
    turns = db.execute("SELECT t, user, npc, intent FROM turns WHERE key = ? ORDER BY id", (key,)).fetchall()
    notes = db.execute(
        "SELECT kind, topic, about, ask, t FROM notes WHERE key = ? ORDER BY seq", (key,)
    ).fetchall()
    return {
        "npc": row[0],
        "user_name": row[1],
        "sessions": int(row[2]),
        "last_seen": float(row[3]),
        "likes": [t for t, kind in tastes if kind == "likes"],
        "dislikes": [t for t, kind in tastes if kind == "dislikes"],
        "turns": [{"t": t, "user": u, "npc": n, "intent": i} for t, u, n, i in turns],
        "notes": [{"kind": k, "topic": p, "about": a, "ask": q, "t": float(t)} for k, p, a, q, t in notes],
    }


def npc_names(db: sqlite3.Connection) -> list[str]:
    """Every NPC with a stored memory, by name."""
    return [row[0] for row in db.execute("SELECT npc FROM npcs ORDER BY key")]


def erase(db: sqlite3.Connection, npc: str | None) -> int:
    """Erase one NPC (or all with None); returns how many NPCs were erased."""
    where, args = ("WHERE key = ?", (key_of(npc),)) if npc is not None else ("", ())
    for table in ("turns", "tastes", "notes"):
        db.execute(f"DELETE FROM {table} {where}", args)
    return db.execute(f"DELETE FROM npcs {where}", args).rowcount


def import_json(db: sqlite3.Connection, path: Path, data: dict[str, Any], keep_turns: int) -> None:
    """Merge one old per-NPC JSON file (already validated) into the database, once.

    The file's hash is recorded, so a crash between the commit and moving the file
    aside cannot import it twice.
    """
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    seen = db.execute("SELECT 1 FROM imported WHERE file = ? AND sha256 = ?", (path.name, digest)).fetchone()
    if seen:
        return
    key = ensure_npc(db, data["npc"])
    db.execute(
        "UPDATE npcs SET sessions = sessions + ?, last_seen = MAX(last_seen, ?), "
        "user_name = CASE WHEN user_name = '' THEN ? ELSE user_name END WHERE key = ?",
        (data["sessions"], data["last_seen"], clean_text(data["user_name"]), key),
    )
    for kind in ("likes", "dislikes"):
        for thing in data[kind]:
            db.execute(
                "INSERT INTO tastes (key, thing, kind, seq) VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), 0) "
                "+ 1 FROM tastes)) ON CONFLICT (key, thing) DO NOTHING",
                (key, clean_text(thing), kind),
            )
    for turn in data["turns"]:
        add_turn(db, key, turn, keep_turns)
    db.execute("INSERT INTO imported (file, sha256, at) VALUES (?, ?, ?)", (path.name, digest, time.time()))


def parse_old_json(path: Path) -> dict[str, Any]:
    """Read one old memory file; ``ValueError`` (or ``OSError``) says why it is unusable."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("top level is not an object")
    if data.get("schema") != 1:
        raise ValueError(f"unsupported schema {data.get('schema')!r} (expected 1)")
    user, turns = data.get("user", {}), data.get("turns", [])
    if not isinstance(user, dict) or not isinstance(turns, list):
        raise ValueError("'user' must be an object and 'turns' a list")
    likes, dislikes, name = user.get("likes", []), user.get("dislikes", []), user.get("name", "")
    if not isinstance(likes, list) or not isinstance(dislikes, list):
        raise ValueError("likes and dislikes must be lists")
    if not all(isinstance(x, str) for x in [*likes, *dislikes, name]):
        raise ValueError("user name, likes and dislikes must be strings")
    return {
        "npc": str(data.get("npc") or path.stem),
        "user_name": name,
        "likes": likes,
        "dislikes": dislikes,
        "turns": [t for t in turns if isinstance(t, dict)],
        "sessions": int(data.get("sessions", 0)),
        "last_seen": float(data.get("last_seen", 0.0)),
    }


def set_aside_database(db_path: Path, exc: BaseException) -> str:
    """Rename an unreadable database (never overwrite it); returns the problem to report."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = db_path.with_name(f"{db_path.name}.corrupt-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{db_path}{suffix}")
        if part.exists():
            part.replace(Path(f"{aside}{suffix}"))
    moved = f"moved aside to {aside.name}"
    return f"{db_path}: memory database unreadable ({exc}); {moved}; every NPC starts afresh"


def import_old_files(db: sqlite3.Connection, folder: Path, keep_turns: int) -> list[str]:
    """Import the old per-NPC JSON files once, keeping them in ``imported-json/``; returns problems.

    An unreadable file is renamed ``<name>.corrupt-<time>.json`` (as the JSON store did)
    and reported; the NPC starts afresh.
    """
    files = [p for p in sorted(folder.glob("*.json")) if ".corrupt-" not in p.name]
    problems: list[str] = []
    done: list[Path] = []
    if not files:
        return problems
    with transaction(db):
        for path in files:
            try:
                data = parse_old_json(path)
            except (OSError, UnicodeDecodeError, ValueError, TypeError) as exc:
                if path.exists():  # (gone: another instance imported it meanwhile)
                    problems.append(_set_aside_json(path, exc))
                continue
            import_json(db, path, data, keep_turns)
            done.append(path)
    backup = folder / IMPORTED_DIR
    backup.mkdir(exist_ok=True)
    for path in done:
        target = backup / path.name
        for n in itertools.count(1):
            if not target.exists():
                break
            target = backup / f"{path.stem}-{n}{path.suffix}"
        with contextlib.suppress(FileNotFoundError):  # moved by another instance
            path.replace(target)
    return problems


def _set_aside_json(path: Path, exc: BaseException) -> str:
    aside = path.with_name(f"{path.stem}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}.json")
    try:
        path.replace(aside)
        where = f"moved aside to {aside}"
    except OSError as move_exc:
        where = f"could not move it aside ({move_exc}); it is left as it is"
    return f"{path}: memory file unreadable ({exc}); {where}; {path.stem} starts afresh"
