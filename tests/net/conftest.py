"""Shared-room fixtures: a real ``nats-server -js`` on 127.0.0.1, a free port and a temporary store.

The server is the Debian package ``make test`` installs; a test never talks to anything
outside loopback. Each test gets its own server (it starts in tens of milliseconds) and
its own data directory, so per-user memories never leak between tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from game.mind.factory import make_brain
from game.mind.protocols import Brain
from game.net.access import Access
from game.net.server import NatsServer

ROOM = "den"


@pytest.fixture
def access() -> Access:
    """The host account, an owner, two editors and two guests, all allowed in the test room."""
    access = Access.fresh()
    for name, role in (("alice", "editor"), ("bob", "editor"), ("gus", "guest"), ("gil", "guest")):
        access.add(name, role, (ROOM,))
    for i in range(16):
        access.add(f"user{i}", "editor", (ROOM,))
    return access


@pytest.fixture
def nats_server(tmp_path: Path, access: Access, monkeypatch: pytest.MonkeyPatch) -> Iterator[NatsServer]:
    """A JetStream server on loopback with the test users; stopped after the test."""
    monkeypatch.setenv("VOXROOM_DATA_DIR", str(tmp_path / "data"))
    server = NatsServer(tmp_path / "nats", access)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def brain() -> Brain:
    """The default (embedding) brain, built once: real replies, per-user memory in each session."""
    built, problems = make_brain("embed")
    assert not problems
    return built


@pytest.fixture(scope="session")
def standby_brain() -> Brain:
    """A second brain for a standby host (each host's mind worker has its own thread)."""
    return make_brain("embed")[0]
