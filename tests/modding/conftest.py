"""Helpers for the modding tests: write mods to a temporary folder, run a host on the default room."""

from __future__ import annotations

import os
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.modding.testing import ModRoom
from tests.support.fakes import FakeBrain


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


class Harness(ModRoom):
    """:class:`game.modding.testing.ModRoom` on every mod in ``root``, loaded when the test says.

    ``say`` is the callback tests hand to ``host.apply`` themselves; ``step`` is one frame.
    """

    def __init__(self, root: Path, data: Path, **kw: object) -> None:
        enabled = kw.pop("enabled", None)
        clock = kw.pop("clock", time.monotonic)
        super().__init__(
            enabled, mods_dirs=[root], only_dirs=True, brain=FakeBrain(), data_dir=data, load=False,
            clock=clock, **kw,
        )  # type: ignore[arg-type]  # fmt: skip
        self.root = root
        self.host.data_dir = data  # the tests look for each mod's data right under ``data``

    def say(self, npc: str, text: str) -> None:
        self.said.append((npc, text))

    def step(self, dt: float = 1 / 60) -> None:
        self.advance(dt, dt)


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[Harness]:
    h = Harness(tmp_path / "mods", tmp_path / "data")
    (tmp_path / "mods").mkdir()
    yield h
    h.close()
