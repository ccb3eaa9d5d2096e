"""The shared-room commands as users run them: server --add-user, host, memory --room --user, run --join."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.mind.memory import MemoryStore
from game.net.access import load_access, save_access
from game.net.client import RoomClient
from game.net.minds import user_memory_dir
from game.net.server import NatsServer
from tests.net.conftest import ROOM


def test_server_add_user_writes_the_access_file_and_prints_a_join_url(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "access.toml"
    assert (
        main(["server", "--access", str(path), "--add-user", "alice", "--role", "editor", "--rooms", "den"])
        == 0
    )
    out = capsys.readouterr().out
    access = load_access(path)
    alice = access.members["alice"]
    assert (alice.role, alice.rooms) == ("editor", ("den",))
    assert f"nats://alice:{alice.password}@" in out and "host" in access.members and "owner" in access.members
    assert main(["server", "--access", str(path), "--add-user", "Not Valid"]) == 2
    assert "is not allowed" in capsys.readouterr().err


def test_host_and_run_reject_bad_names_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["host", "--room", "Big Room"]) == 2
    assert "room name 'Big Room' is not allowed" in capsys.readouterr().err
    assert main(["run", "--join", "den", "--frames", "1"]) == 2
    assert "expected a NATS URL with a room" in capsys.readouterr().err


def test_memory_show_and_forget_cover_one_users_facts_in_a_room(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VOXROOM_DATA_DIR", str(tmp_path))
    store = MemoryStore(user_memory_dir(ROOM, "alice"))
    memory = store.start_session("Ada")
    memory.learn({"name": "Alice"})
    store.save(memory)
    assert main(["memory", "show", "Ada", "--room", ROOM, "--user", "alice"]) == 0
    assert "your name: Alice" in capsys.readouterr().out
    assert main(["memory", "show", "--room", ROOM, "--user", "bob"]) == 0
    assert "No memories stored" in capsys.readouterr().out
    assert main(["memory", "forget", "--all", "--room", ROOM, "--user", "alice"]) == 0
    assert not MemoryStore(user_memory_dir(ROOM, "alice")).has("Ada")
    assert main(["memory", "show", "--room", ROOM]) == 2


def test_voxroom_host_runs_a_room_and_reports_at_exit(nats_server: NatsServer, tmp_path: Path) -> None:
    assert nats_server.access is not None
    access_file = tmp_path / "access.toml"
    save_access(nats_server.access, access_file)
    settings = tmp_path / "settings.toml"
    settings.write_text("[conversation]\nscenes = false\n", encoding="utf-8")
    env = {**os.environ, "VOXROOM_DATA_DIR": str(tmp_path / "data"), "VOXROOM_CONFIG": str(settings)}
    command = [
        sys.executable,
        "-m",
        "game",
        "host",
        "--room",
        ROOM,
        "--server",
        f"nats://127.0.0.1:{nats_server.port}",
    ]
    host = subprocess.Popen(
        [*command, "--access", str(access_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        assert host.stdout is not None
        for line in host.stdout:  # the login came from the access file's host account
            if "hosting room" in line:
                assert "no NPC scenes" in line  # this machine's `conversation.scenes = false` holds
                break

        async def edit() -> dict[str, object]:
            client = RoomClient(nats_server.url("alice"), ROOM, "alice")
            await client.join()
            ack = await client.edit("recolour", target="walls", colour="blue")
            await client.leave()
            return ack

        assert asyncio.run(edit())["ok"]
    finally:
        host.send_signal(signal.SIGTERM)
        out, _ = host.communicate(timeout=20)
    assert host.returncode == 0
    assert "stopped; 1 edit(s)" in out


def test_voxroom_server_serves_jetstream_on_loopback_until_interrupted(tmp_path: Path) -> None:
    from game.net.server import free_port

    port = free_port()
    env = {**os.environ, "VOXROOM_DATA_DIR": str(tmp_path / "data")}
    command = [sys.executable, "-m", "game", "server", "--port", str(port), "--listen", "127.0.0.1"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        assert server.stdout is not None
        lines = []
        for line in server.stdout:
            lines.append(line)
            if "Ctrl+C stops it" in line:
                break
        access = load_access(tmp_path / "data" / "server" / "access.toml")
        assert any(f"owner:{access.members['owner'].password}@127.0.0.1:{port}/den" in line for line in lines)

        async def jetstream_works() -> bool:
            import nats

            nc = await nats.connect(f"nats://host:{access.members['host'].password}@127.0.0.1:{port}")
            info = await nc.jetstream().account_info()
            await nc.close()
            return info is not None

        assert asyncio.run(jetstream_works())
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=20)
    assert server.returncode == 0
