"""Running hosts and clients of a shared room inside one test's asyncio loop."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from game.mind.protocols import Brain
from game.net.access import Access
from game.net.client import RoomClient
from game.net.host import RoomHost
from game.net.server import NatsServer


async def quick_hold(seconds: float) -> None:
    """NPC lines are 'spoken' at once in these tests: the order of turns is what is checked."""


@dataclass
class RunningHost:
    """A host task and the event that stops it."""

    host: RoomHost
    task: asyncio.Task[None]
    stop: asyncio.Event = field(default_factory=asyncio.Event)

    async def close(self) -> None:
        self.stop.set()
        await asyncio.wait_for(self.task, 10)


async def start_host(
    server: NatsServer, room: str, access: Access, brain: Brain | None, hold=quick_hold, **kwargs: object
) -> RunningHost:
    """A host for ``room`` (it becomes the host, or waits as standby when one is active)."""
    host = RoomHost(server.url(), room, "default", access, brain, hold=hold, **kwargs)  # type: ignore[arg-type]
    stop = asyncio.Event()
    running = RunningHost(host, asyncio.create_task(host.run(stop)), stop)
    return running


@asynccontextmanager
async def room(
    server: NatsServer, room_name: str, access: Access, brain: Brain, users: list[str], hold=quick_hold
) -> AsyncIterator[tuple[RunningHost, list[RoomClient]]]:
    """An active host and ``users`` joined, each at its own spot; everything closed afterwards."""
    running = await start_host(server, room_name, access, brain, hold)
    await asyncio.wait_for(running.host.active.wait(), 10)
    clients = [RoomClient(server.url(u), room_name, u, display=u.title()) for u in users]
    await asyncio.gather(*(c.join() for c in clients))
    try:
        yield running, clients
    finally:
        await asyncio.gather(*(c.leave() for c in clients))
        await running.close()


class HostThread:
    """A room host on its own asyncio loop thread, for tests whose main thread drives the app's runtime."""

    def __init__(self, server: NatsServer, room: str, access: Access, brain: Brain) -> None:
        import threading

        self.loop = asyncio.new_event_loop()
        self.stop = asyncio.Event()
        self.host = RoomHost(server.url(), room, "default", access, brain, hold=quick_hold)
        self._thread = threading.Thread(target=self.loop.run_forever, name="test-room-host", daemon=True)

    def __enter__(self) -> RoomHost:
        self._thread.start()
        self._task = asyncio.run_coroutine_threadsafe(self._run(), self.loop)
        asyncio.run_coroutine_threadsafe(asyncio.wait_for(self.host.active.wait(), 10), self.loop).result(12)
        return self.host

    async def _run(self) -> None:
        await self.host.run(self.stop)

    def __exit__(self, *exc: object) -> None:
        self.loop.call_soon_threadsafe(self.stop.set)
        self._task.result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)


class RecordingRoom:
    """A joined conversation's room with no network: it records the lines and speech starts sent."""

    def __init__(self, user: str) -> None:
        self.user = user
        self.said: list[tuple[str, str]] = []  # (text, gaze)
        self.talks: list[bool] = []

    def say(self, text: str, gaze: str, guess_played: bool = False) -> None:
        self.said.append((text, gaze))

    def talk(self, on: bool) -> None:
        self.talks.append(on)
