"""Helpers for the modding tests: write mods to a temporary folder, run a host on the default room."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.bus import EventBus
from game.events import Notice
from game.modding.host import ModHost
from game.sim.scene import load_scene
from game.sim.world import World


def write_mod(
    root: Path, name: str, code: str, toml: str | None = None, files: dict[str, str] | None = None
) -> Path:
    """Create ``root/name`` with a mod.toml (default: api 1, entry main.py) and main.py."""
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    manifest = toml if toml is not None else f'name = "{name}"\nversion = "1.0"\napi_version = 1\n'
    (folder / "mod.toml").write_text(textwrap.dedent(manifest), encoding="utf-8")
    (folder / "main.py").write_text(textwrap.dedent(code), encoding="utf-8")
    for rel, text in (files or {}).items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def touch_write(path: Path, text: str) -> None:
    """Rewrite a file so its modification stamp surely changes (even on coarse-clock file systems)."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


class Harness:
    """A bus, a world and a host, plus what the mods said and the notices they caused."""

    def __init__(self, root: Path, data: Path, **kw: object) -> None:
        self.root = root
        self.bus = EventBus()
        self.world = World(load_scene("default"))
        self.host = ModHost(self.bus, [root], data_dir=data, **kw)  # type: ignore[arg-type]
        self.said: list[tuple[str, str]] = []
        self.notices: list[Notice] = []

    def say(self, npc: str, text: str) -> None:
        self.said.append((npc, text))

    def step(self, dt: float = 1 / 60) -> None:
        self.host.tick(dt, self.world)
        self.host.apply(self.world, self.say)
        self.world.tick(dt)
        self.drain()

    def drain(self) -> list[Notice]:
        new = [e for e in self.bus.drain() if isinstance(e, Notice)]
        self.notices += new
        return new

    def messages(self, level: str | None = None) -> list[str]:
        self.drain()
        return [n.message for n in self.notices if level is None or n.level == level]

    def load(self) -> None:
        self.host.load(self.world)
        self.host.apply(self.world, self.say)
        self.drain()

    def reload(self) -> None:
        self.host.poll_reload(self.world)
        self.host.apply(self.world, self.say)
        self.drain()

    def state(self, name: str) -> str:
        return next(s.state for s in self.host.status() if s.name == name)


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[Harness]:
    h = Harness(tmp_path / "mods", tmp_path / "data")
    (tmp_path / "mods").mkdir()
    yield h
    h.host.shutdown()
