"""A local ``nats-server`` with JetStream: for ``voxroom server`` (LAN play) and the tests.

The server is the Debian package's binary, started with a generated configuration:
JetStream with its store in a folder of ours, the users and permissions of an
:class:`~game.net.access.Access` file, and optionally a cluster block with routes to
other nodes. Readiness is the server's own "Server is ready" line, read from its log
pipe, so a test never sleeps waiting for it.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import threading
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from game.errors import UserError
from game.net.access import SERVICE, Access

INSTALL_HINT = "install it with `sudo apt-get install nats-server` (make setup does this)"
READY_LINE = "Server is ready"


def find_binary() -> str:
    """The nats-server executable (Debian puts it in /usr/sbin, outside a user's PATH)."""
    found = shutil.which("nats-server") or shutil.which("nats-server", path="/usr/sbin:/usr/local/sbin")
    if not found:
        raise UserError(f"nats-server is not installed; {INSTALL_HINT}")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on now (for loopback tests and clusters)."""
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


@dataclass
class NatsServer:
    """One nats-server process; :meth:`start` returns once it accepts clients."""

    store: Path
    access: Access | None = None
    port: int = 0
    host: str = "127.0.0.1"
    name: str = "voxroom"
    cluster_port: int = 0
    routes: tuple[int, ...] = ()  # cluster ports of the other nodes
    _process: subprocess.Popen[str] | None = field(default=None, repr=False)
    _log: deque[str] = field(default_factory=lambda: deque(maxlen=40), repr=False)

    def __post_init__(self) -> None:
        self.port = self.port or free_port(self.host)

    def url(self, user: str = SERVICE) -> str:
        """``nats://user:password@host:port`` (no credentials without an access file)."""
        if self.access is None:
            return f"nats://{self.host}:{self.port}"
        member = self.access.members[user]
        return f"nats://{member.name}:{member.password}@{self.host}:{self.port}"

    def config(self) -> dict[str, object]:
        """The server configuration (NATS configuration files accept JSON)."""
        conf: dict[str, object] = {
            "server_name": self.name,
            "host": self.host,
            "port": self.port,
            "max_payload": 65536,
            "jetstream": {"store_dir": str(self.store / "jetstream"), "max_mem": "64M", "max_file": "1G"},
        }
        if self.access is not None:
            conf["authorization"] = {"users": self.access.server_users()}
        if self.cluster_port:
            conf["cluster"] = {
                "name": "voxroom",
                "host": self.host,
                "port": self.cluster_port,
                "routes": [f"nats-route://{self.host}:{p}" for p in self.routes],
            }
        return conf

    def start(self, timeout: float = 15.0) -> None:
        """Start the process and wait for its ready line; :class:`UserError` with its log if it fails."""
        self.store.mkdir(parents=True, exist_ok=True)
        conf = self.store / f"{self.name}.conf"
        conf.write_text(json.dumps(self.config(), indent=1), encoding="utf-8")
        conf.chmod(0o600)
        self._process = subprocess.Popen(
            [find_binary(), "-c", str(conf)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        ready = threading.Event()
        threading.Thread(target=self._read_log, args=(ready,), name="nats-server-log", daemon=True).start()
        if not ready.wait(timeout) or self._process.poll() is not None:
            self.stop()
            tail = " | ".join(list(self._log)[-3:])
            raise UserError(f"nats-server on port {self.port} did not start: {tail or 'no output'}")

    def _read_log(self, ready: threading.Event) -> None:
        process = self._process
        assert process is not None and process.stderr is not None
        for line in process.stderr:
            self._log.append(line.rstrip())
            if READY_LINE in line:
                ready.set()
        ready.set()  # the process ended: start() looks at poll()

    @property
    def running(self) -> bool:
        """Whether the process is alive."""
        return self._process is not None and self._process.poll() is None

    def stop(self) -> None:
        """Stop the process (gracefully, then kill); safe to call twice."""
        process, self._process = self._process, None
        if process is None:
            return
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)

    def restart(self) -> None:
        """Stop and start again on the same port and store (the tests' server-restart fault)."""
        self.stop()
        self.start()

    def wait(self) -> int:
        """Block until the server exits (``voxroom server`` in the foreground)."""
        assert self._process is not None
        return self._process.wait()
