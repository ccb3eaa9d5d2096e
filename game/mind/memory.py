"""Per-NPC memory: recent turns and long-term facts about the user, kept in SQLite.

One database, ``<data dir>/memory/memory.sqlite3`` (see :mod:`game.mind.paths` and
:mod:`game.mind.memory_db`). An :class:`NpcMemory` is the NPC's working copy: the brain
reads it and records what it learns, each change also noted in :attr:`NpcMemory.pending`;
:meth:`MemoryStore.save` writes those changes one statement each in one transaction and
reads the memory back, so two running instances add to each other's memory instead of
overwriting it. A copy that is never saved (a guess the final transcript contradicted)
leaves no trace.

Nothing the user told is silently lost: the old JSON files are imported once and kept
in ``memory/imported-json/``; an unreadable JSON file or database is moved aside
(``*.corrupt-<time>``) and reported through :attr:`MemoryStore.problems`; a write that
fails raises :class:`MemoryStoreError` with a short reason and sets
:attr:`NpcMemory.save_error`, so the NPC can say so instead of promising to remember.
"""

from __future__ import annotations

import contextlib
import itertools
import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from game.mind import memory_db
from game.mind.note import Note
from game.mind.paths import memory_dir
from game.text import clean_text

SCHEMA_VERSION = 1  # of the ``memory show --json`` document (and the old JSON files)
MAX_TURNS = 40
MAX_LIKES = 30
MAX_NOTES = 20  # things the user told about their life, per NPC; the oldest roll off
MAX_PENDING = 400  # changes kept for a retry while the database cannot be written

_ids = itertools.count(1)


@dataclass(frozen=True)
class Change:
    """One thing to write: a visit, the user's name, a like or dislike, or a turn.

    ``turn`` is the very dict in :attr:`NpcMemory.turns`, so a brain that finishes the
    reply text after recording the turn (streaming) saves the final text. ``id`` lets a
    store skip a change it already wrote when a copy of the memory is saved again.
    """

    what: Literal["visit", "name", "taste", "turn", "note"]
    text: str = ""
    kind: str = ""
    turn: dict[str, Any] | None = None
    note: Note | None = None
    when: float = 0.0
    id: int = field(default_factory=lambda: next(_ids))


@dataclass
class NpcMemory:
    """What one NPC remembers: the user's name, likes and dislikes, news, recent turns, visits.

    ``pending`` holds the changes not yet in the database; ``save_error`` is the short
    reason the last write failed ("" when the store is writable as far as we know).
    ``visit_started`` (not stored) is when this copy's visit began, so a note told before
    it is known to come from an earlier visit.
    """

    npc: str
    user_name: str = ""
    likes: list[str] = field(default_factory=list)
    dislikes: list[str] = field(default_factory=list)
    turns: list[dict[str, Any]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    sessions: int = 0
    last_seen: float = 0.0
    pending: list[Change] = field(default_factory=list, repr=False, compare=False)
    save_error: str = field(default="", compare=False)
    visit_started: float = field(default=0.0, compare=False)
    read_stamp: tuple[int, ...] = field(default=(), repr=False, compare=False)
    """The database's :func:`~game.mind.memory_db.stamp` when this copy was last read."""

    def learn(self, facts: dict[str, Any]) -> list[str]:
        """Merge extracted facts; return short descriptions of what changed."""
        changed = []
        name = facts.get("name")
        if isinstance(name, str) and name and name != self.user_name:
            self.user_name = clean_text(name)
            self.pending.append(Change("name", text=self.user_name))
            changed.append(f"name={self.user_name}")
        for key in ("likes", "dislikes"):
            for thing in facts.get(key, []):
                thing = clean_text(thing)
                if self._taste(thing, key):
                    self.pending.append(Change("taste", text=thing, kind=key))
                    changed.append(f"{key}+={thing}")
        return changed

    def _taste(self, thing: str, key: str) -> bool:
        """Put ``thing`` in the ``key`` list (out of the other); True if it was not there."""
        mine = self.likes if key == "likes" else self.dislikes
        theirs = self.dislikes if key == "likes" else self.likes
        if thing in theirs:
            theirs.remove(thing)
        if thing in mine:
            return False
        mine.append(thing)
        del mine[:-MAX_LIKES]
        return True

    def note(self, note: Note) -> bool:
        """Remember ``note`` (replacing one of the same kind and topic); True if it is new or changed."""
        note = note.cleaned()
        if not note.topic or not note.about:
            return False
        if any(n.kind == note.kind and n.topic == note.topic and n.about == note.about for n in self.notes):
            return False
        self._put_note(note)
        self.pending.append(Change("note", note=note))
        return True

    def _put_note(self, note: Note) -> None:
        self.notes = [n for n in self.notes if (n.kind, n.topic) != (note.kind, note.topic)]
        self.notes.append(note)
        del self.notes[:-MAX_NOTES]

    def add_turn(self, user: str, reply: str, intent: str) -> None:
        """Keep the last :data:`MAX_TURNS` exchanges."""
        turn = {
            "t": round(time.time(), 1),
            "user": clean_text(user)[:500],
            "npc": clean_text(reply)[:500],
            "intent": intent,
        }
        self.turns.append(turn)
        del self.turns[:-MAX_TURNS]
        self.pending.append(Change("turn", turn=turn))

    def visit(self) -> None:
        """Count a new visit (written with the first saved turn)."""
        self.sessions += 1
        self.last_seen = self.visit_started = time.time()
        self.pending.append(Change("visit", when=self.last_seen))

    def promised(self) -> bool:
        """Whether facts learned this turn wait to be saved (the reply promised to remember)."""
        return any(c.what in ("name", "taste", "note") for c in self.pending)

    def _replay(self, data: dict[str, Any]) -> None:
        """Take the stored state, then re-apply the changes not yet saved."""
        self.user_name, self.sessions, self.last_seen = data["user_name"], data["sessions"], data["last_seen"]
        self.likes, self.dislikes, turns = list(data["likes"]), list(data["dislikes"]), list(data["turns"])
        self.notes = [Note(**n) for n in data.get("notes", [])]
        for change in self.pending:
            if change.what == "name":
                self.user_name = change.text
            elif change.what == "taste":
                self._taste(change.text, change.kind)
            elif change.what == "turn" and change.turn is not None:
                turns.append(change.turn)
            elif change.what == "note" and change.note is not None:
                self._put_note(change.note)
            elif change.what == "visit":
                self.sessions += 1
        self.turns = turns[-MAX_TURNS:]

    def to_json(self) -> dict[str, Any]:
        """Return the form ``voxroom memory show --json`` prints (schema :data:`SCHEMA_VERSION`)."""
        return {
            "schema": SCHEMA_VERSION,
            "npc": self.npc,
            "user": {"name": self.user_name, "likes": self.likes, "dislikes": self.dislikes},
            "notes": [asdict(n) for n in self.notes],
            "sessions": self.sessions,
            "last_seen": self.last_seen,
            "turns": self.turns,
        }


def could_not_save(reason: str) -> str:
    """What an NPC says instead of promising to remember, when the memory cannot be written."""
    return f"I'm sorry — I couldn't save that to memory ({reason})."


def withdraw_promise(text: str, promises: Iterable[str], reason: str) -> str:
    """``text`` with its promise to remember replaced by :func:`could_not_save` (or it added)."""
    apology = could_not_save(reason)
    if apology in text:
        return text
    for promise in promises:
        if promise and promise in text:
            return text.replace(promise, apology)
    return f"{text.rstrip()} {apology}".strip()


class MemoryStoreError(OSError):
    """The memory database could not be read or written; the message is a short reason."""


def _reason(exc: BaseException) -> str:
    """A short, path-free reason for the NPC's apology and the HUD."""
    if isinstance(exc, MemoryStoreError):
        return str(exc)
    if isinstance(exc, OSError):
        return (exc.strerror or str(exc)).lower()
    return str(exc) or type(exc).__name__


_ERRORS = (sqlite3.Error, OSError, memory_db.NewerSchema)


class MemoryStore:
    """Reads and writes :class:`NpcMemory` in SQLite; reports unreadable data instead of losing it."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or memory_dir()
        self.db_path = self.folder / memory_db.DB_NAME
        self.problems: list[str] = []
        self._ready = False
        self._written: set[int] = set()
        self._lock = threading.Lock()

    # --- the connection ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        """A connection for one operation; the first one migrates and imports old JSON files."""
        try:
            with self._lock:
                db = self._connect()
            try:
                yield db
            finally:
                db.close()
        except _ERRORS as exc:
            raise MemoryStoreError(_reason(exc)) from exc

    def _connect(self) -> sqlite3.Connection:
        if self.folder.exists() and not self.folder.is_dir():
            raise MemoryStoreError("the memory folder is a file")
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._ready:
            return memory_db.connect(self.db_path)
        try:
            db = self._migrated()
        except sqlite3.DatabaseError as exc:
            if getattr(exc, "sqlite_errorname", "") not in ("SQLITE_NOTADB", "SQLITE_CORRUPT"):
                raise
            self.problems.append(memory_db.set_aside_database(self.db_path, exc))
            db = self._migrated()
        try:
            self.problems += memory_db.import_old_files(db, self.folder, MAX_TURNS)
        except BaseException:
            db.close()
            raise
        self._ready = True
        return db

    def _migrated(self) -> sqlite3.Connection:
        db = memory_db.connect(self.db_path)
        try:
            with memory_db.transaction(db):
                memory_db.migrate(db)
        except BaseException:
            db.close()
            raise
        return db

    def _before_commit(self, db: sqlite3.Connection) -> None:
        """Nothing; a test's subclass stops here to be killed in the middle of a write."""

    # --- the API ----------------------------------------------------------------------------------

    def load(self, npc: str) -> NpcMemory:
        """Return the NPC's memory from the database (empty when none is stored or it cannot be read).

        A database that cannot be opened is reported once in :attr:`problems` and marks
        the memory's :attr:`~NpcMemory.save_error`, so the NPC does not promise to remember.
        """
        memory = NpcMemory(npc=npc)
        self.refresh(memory)
        if memory.save_error:
            problem = (
                f"{self.db_path}: NPC memory unavailable ({memory.save_error}); nothing will be remembered"
            )
            if problem not in self.problems:
                self.problems.append(problem)
        return memory

    def refresh(self, memory: NpcMemory) -> None:
        """Re-read ``memory`` from the database (another instance may have added to it).

        Unsaved changes are applied on top; when the database cannot be read the copy is
        kept as it is and :attr:`~NpcMemory.save_error` says why.
        """
        stamp = memory_db.stamp(self.db_path)
        if stamp == memory.read_stamp:
            return  # nothing committed since (every turn's guess asks: a read is ~2 ms, this ~20 us)
        try:
            with self._db() as db:
                data = memory_db.read(db, memory.npc)
        except MemoryStoreError as exc:
            memory.save_error = str(exc)
            return
        memory.read_stamp = stamp
        if data is not None:
            memory._replay(data)

    def save(self, memory: NpcMemory) -> Path:
        """Write the memory's unsaved changes in one transaction, then read it back.

        Raises :class:`MemoryStoreError` (an ``OSError``) with a short reason when the
        write fails; the changes stay pending for the next try.
        """
        changes = [c for c in memory.pending if c.id not in self._written]
        try:
            with self._db() as db:
                if changes:
                    with memory_db.transaction(db):
                        self._write(db, memory.npc, changes)
                        self._before_commit(db)
                self._written.update(c.id for c in changes)
                memory.pending.clear()
                memory.save_error = ""
                memory.read_stamp = memory_db.stamp(self.db_path)
                data = memory_db.read(db, memory.npc)
        except (MemoryStoreError, *_ERRORS) as exc:
            memory.save_error = _reason(exc)
            del memory.pending[:-MAX_PENDING]
            raise MemoryStoreError(memory.save_error) from exc
        if data is not None:
            memory._replay(data)
        return self.db_path

    @staticmethod
    def _write(db: sqlite3.Connection, npc: str, changes: list[Change]) -> None:
        key = memory_db.ensure_npc(db, npc)
        for change in changes:
            if change.what == "visit":
                memory_db.add_visit(db, key, change.when)
            elif change.what == "name":
                memory_db.set_name(db, key, change.text)
            elif change.what == "taste":
                memory_db.add_taste(db, key, change.text, change.kind, MAX_LIKES)
            elif change.what == "note" and change.note is not None:
                memory_db.add_note(db, key, asdict(change.note), MAX_NOTES)
            elif change.turn is not None:
                memory_db.add_turn(db, key, change.turn, MAX_TURNS)

    def start_session(self, npc: str) -> NpcMemory:
        """Count a new visit; returns the memory (its ``sessions`` tells whether we met before)."""
        memory = self.load(npc)
        memory.visit()
        return memory

    def stored_npcs(self) -> list[str]:
        """NPC names that have a stored memory (raises :class:`MemoryStoreError` if unreadable)."""
        with self._db() as db:
            return memory_db.npc_names(db)

    def has(self, npc: str) -> bool:
        """Whether anything is stored for ``npc``."""
        with self._db() as db:
            return memory_db.read(db, npc) is not None

    def forget(self, npc: str) -> bool:
        """Erase one NPC's memory (and its old JSON copies); True if anything was removed."""
        with self._db() as db, memory_db.transaction(db):
            removed = memory_db.erase(db, npc) > 0
        return self._remove_old_files(npc) or removed

    def forget_all(self) -> int:
        """Erase every NPC's memory (and the old JSON copies); returns how many NPCs were erased."""
        with self._db() as db, memory_db.transaction(db):
            count = memory_db.erase(db, None)
        self._remove_old_files(None)
        return count

    def _remove_old_files(self, npc: str | None) -> bool:
        """Erasing means erasing: the imported backups and corrupt copies go too."""
        stem = "*"
        if npc is not None:  # the old files were named like this
            stem = re.sub(r"[^a-z0-9_-]+", "_", npc.strip().lower()) or "npc"
        backup = self.folder / memory_db.IMPORTED_DIR
        patterns = [(self.folder, f"{stem}.json"), (self.folder, f"{stem}.corrupt-*.json")]
        patterns += [(backup, f"{stem}.json"), (backup, f"{stem}-[0-9]*.json")]
        removed = False
        for folder, pattern in patterns:
            if folder.is_dir():
                for victim in folder.glob(pattern):
                    victim.unlink()
                    removed = True
        return removed
