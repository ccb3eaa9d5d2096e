"""Per-NPC memory: recent turns and long-term facts about the user, kept on disk.

One JSON file per NPC in ``<data dir>/memory/`` (see :mod:`game.mind.paths`), written
atomically (temp file, fsync, rename) with a schema version. A file that cannot be read
is never silently lost: it is moved aside to ``<name>.corrupt-<time>.json`` and the
problem is reported through :attr:`MemoryStore.problems`, then the NPC starts afresh.
"""

from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.mind.paths import memory_dir

SCHEMA_VERSION = 1
MAX_TURNS = 40
MAX_LIKES = 30
_NAME_RE = re.compile(
    r"\b(?:my name is|my name's|call me|i am called|i'm called|people call me|you can call me)"
    r"\s+([a-z][a-z'\-]{0,30})",
    re.IGNORECASE,
)
_LIKE_RE = re.compile(
    r"\bi\s+(?:really\s+|do\s+|quite\s+)?"
    r"(like|love|enjoy|adore|hate|dislike|can't stand|cannot stand|don't like|do not like)"
    r"\s+(.{2,60}?)\s*(?:[.!?,]|$)",
    re.IGNORECASE,
)
_NOT_NAMES = {
    "not",
    "just",
    "so",
    "very",
    "a",
    "an",
    "the",
    "here",
    "back",
    "fine",
    "tired",
    "sorry",
    "bored",
}


def extract_user_facts(text: str) -> dict[str, Any]:
    """Facts the user states about themself: ``{"name": ..., "likes": [...], "dislikes": [...]}``."""
    facts: dict[str, Any] = {}
    match = _NAME_RE.search(text)
    if match and match.group(1).lower() not in _NOT_NAMES:
        facts["name"] = match.group(1).capitalize()
    for verb, thing in _LIKE_RE.findall(text):
        thing = re.sub(r"^(?:to\s+|the\s+)", "", thing.strip().lower())
        if not thing or thing in ("you", "it", "that", "this"):
            continue
        key = (
            "dislikes"
            if verb.lower() in ("hate", "dislike", "can't stand", "cannot stand", "don't like", "do not like")
            else "likes"
        )
        facts.setdefault(key, []).append(thing)
    return facts


@dataclass
class NpcMemory:
    """What one NPC remembers: the user's name, likes and dislikes, recent turns, visits."""

    npc: str
    user_name: str = ""
    likes: list[str] = field(default_factory=list)
    dislikes: list[str] = field(default_factory=list)
    turns: list[dict[str, Any]] = field(default_factory=list)
    sessions: int = 0
    last_seen: float = 0.0

    def learn(self, facts: dict[str, Any]) -> list[str]:
        """Merge extracted facts; return short descriptions of what changed."""
        changed = []
        name = facts.get("name")
        if isinstance(name, str) and name and name != self.user_name:
            self.user_name = name
            changed.append(f"name={name}")
        for key in ("likes", "dislikes"):
            other = "dislikes" if key == "likes" else "likes"
            for thing in facts.get(key, []):
                mine, theirs = getattr(self, key), getattr(self, other)
                if thing in theirs:
                    theirs.remove(thing)
                if thing not in mine:
                    mine.append(thing)
                    del mine[:-MAX_LIKES]
                    changed.append(f"{key}+={thing}")
        return changed

    def add_turn(self, user: str, reply: str, intent: str) -> None:
        """Keep the last :data:`MAX_TURNS` exchanges."""
        self.turns.append(
            {"t": round(time.time(), 1), "user": user[:500], "npc": reply[:500], "intent": intent}
        )
        del self.turns[:-MAX_TURNS]

    def to_json(self) -> dict[str, Any]:
        """Return the on-disk form (schema :data:`SCHEMA_VERSION`)."""
        return {
            "schema": SCHEMA_VERSION,
            "npc": self.npc,
            "user": {"name": self.user_name, "likes": self.likes, "dislikes": self.dislikes},
            "sessions": self.sessions,
            "last_seen": self.last_seen,
            "turns": self.turns,
        }

    @classmethod
    def from_json(cls, data: Any, npc: str) -> NpcMemory:
        """Validate and build; raises ``ValueError`` with the reason when the data is wrong."""
        if not isinstance(data, dict):
            raise ValueError("top level is not an object")
        if data.get("schema") != SCHEMA_VERSION:
            raise ValueError(f"unsupported schema {data.get('schema')!r} (expected {SCHEMA_VERSION})")
        user = data.get("user", {})
        turns = data.get("turns", [])
        if not isinstance(user, dict) or not isinstance(turns, list):
            raise ValueError("'user' must be an object and 'turns' a list")
        likes, dislikes = user.get("likes", []), user.get("dislikes", [])
        if not all(isinstance(x, str) for x in [*likes, *dislikes]) or not isinstance(
            user.get("name", ""), str
        ):
            raise ValueError("user name, likes and dislikes must be strings")
        return cls(
            npc=npc,
            user_name=user.get("name", ""),
            likes=list(likes),
            dislikes=list(dislikes),
            turns=[t for t in turns if isinstance(t, dict)],
            sessions=int(data.get("sessions", 0)),
            last_seen=float(data.get("last_seen", 0.0)),
        )


def _file_name(npc: str) -> str:
    clean = re.sub(r"[^a-z0-9_-]+", "_", npc.strip().lower()) or "npc"
    return f"{clean}.json"


class MemoryStore:
    """Loads and saves :class:`NpcMemory` files; reports corrupt files instead of losing them."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or memory_dir()
        self.problems: list[str] = []
        self._cache: dict[str, NpcMemory] = {}

    def path(self, npc: str) -> Path:
        """Where ``npc``'s memory lives."""
        return self.folder / _file_name(npc)

    def load(self, npc: str) -> NpcMemory:
        """Return the NPC's memory (empty when none is stored or the file was corrupt and moved aside)."""
        key = npc.lower()
        if key in self._cache:
            return self._cache[key]
        path = self.path(npc)
        memory = NpcMemory(npc=npc)
        if path.exists():
            try:
                memory = NpcMemory.from_json(json.loads(path.read_text(encoding="utf-8")), npc)
            except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValueError, TypeError) as exc:
                aside = path.with_name(f"{path.stem}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}.json")
                try:
                    path.replace(aside)
                    where = f"moved aside to {aside}"
                except OSError as move_exc:
                    where = f"could not move it aside ({move_exc}); it will be overwritten"
                self.problems.append(f"{path}: memory file unreadable ({exc}); {where}; {npc} starts afresh")
        self._cache[key] = memory
        return memory

    def save(self, memory: NpcMemory) -> Path:
        """Write atomically: a crash mid-write leaves the old file intact."""
        path = self.path(memory.npc)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(memory.to_json(), fh, ensure_ascii=False, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)
        return path

    def start_session(self, npc: str) -> NpcMemory:
        """Count a new visit; returns the memory (its ``sessions`` tells whether we met before)."""
        memory = self.load(npc)
        memory.sessions += 1
        memory.last_seen = time.time()
        return memory

    def stored_npcs(self) -> list[str]:
        """NPC names that have a memory file."""
        if not self.folder.is_dir():
            return []
        names = []
        for path in sorted(self.folder.glob("*.json")):
            if ".corrupt-" in path.name:
                continue
            try:
                names.append(str(json.loads(path.read_text(encoding="utf-8")).get("npc", path.stem)))
            except (OSError, ValueError, AttributeError):
                names.append(path.stem)
        return names

    def forget(self, npc: str) -> bool:
        """Erase one NPC's memory file (and its moved-aside corrupt copies); True if anything was removed."""
        removed = False
        self._cache.pop(npc.lower(), None)
        path = self.path(npc)
        for victim in (
            [path, *path.parent.glob(f"{path.stem}.corrupt-*.json")] if path.parent.is_dir() else []
        ):
            if victim.exists():
                victim.unlink()
                removed = True
        return removed

    def forget_all(self) -> int:
        """Erase every memory file; returns how many files were removed."""
        self._cache.clear()
        if not self.folder.is_dir():
            return 0
        count = 0
        for path in self.folder.glob("*.json"):
            path.unlink()
            count += 1
        return count
