"""``voxroom host``: run a shared room's host (or a standby, or only NPC minds) headless."""

from __future__ import annotations

import argparse
import asyncio
import signal
from urllib.parse import urlsplit, urlunsplit

from game.choices import BRAINS
from game.errors import UserError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``host`` sub-command."""
    p = sub.add_parser(
        "host",
        help="host a shared room (headless): its objects, NPC bodies, edit log and minds",
        description="Runs the room's host. If another host holds the room, this one waits as a standby "
        "and takes over within 3.5 s when that host stops. Ctrl+C stops it.",
    )
    p.add_argument("--room", required=True, help="room name: 1-32 of a-z, 0-9, '-' and '_'")
    p.add_argument(
        "--server", default="nats://127.0.0.1:4222", help="NATS URL (default: voxroom server here)"
    )
    p.add_argument("--scene", default="default", help="the scene everyone starts from (default: default)")
    p.add_argument("--access", default="", help="access file with roles (default: the voxroom server one)")
    p.add_argument("--brain", default="embed", choices=BRAINS, help="the NPC minds' brain (default: embed)")
    p.add_argument("--minds-only", action="store_true", help="only think for the NPCs (a second machine)")
    p.set_defaults(handler=_host)


def with_service_login(url: str, access_file: str) -> str:
    """``url`` with the room hosts' login from the access file, unless it carries one already."""
    from game.commands.server import access_path
    from game.net.access import SERVICE, load_access

    parts = urlsplit(url)
    if parts.username or not access_path(access_file).exists():
        return url
    member = load_access(access_path(access_file)).members[SERVICE]
    netloc = f"{member.name}:{member.password}@{parts.hostname}:{parts.port or 4222}"
    return urlunsplit((parts.scheme or "nats", netloc, "", "", ""))


def _host(args: argparse.Namespace) -> int:
    from game.commands.server import access_path
    from game.net.access import load_access
    from game.net.schema import NAME

    if not NAME.match(args.room):
        raise UserError(f"room name {args.room!r} is not allowed: use 1-32 of a-z, 0-9, '-' and '_'")
    access = load_access(access_path(args.access)) if access_path(args.access).exists() else None
    url = with_service_login(args.server, args.access)
    try:
        return asyncio.run(_serve(args, url, access))
    except OSError as exc:
        raise UserError(
            f"cannot reach the NATS server at {args.server} ({exc}); start one with `voxroom server`"
        ) from None


async def _serve(args: argparse.Namespace, url: str, access: object) -> int:
    from game.mind.factory import make_brain
    from game.net.host import RoomHost
    from game.net.minds import run_minds
    from game.sim.scene import SceneError, load_scene

    try:
        load_scene(args.scene)
    except (SceneError, OSError) as exc:
        raise UserError(str(exc)) from None
    brain, problems = make_brain(args.brain)
    for problem in problems:
        print(f"voxroom: warning: {problem}")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    if args.minds_only:
        ready = asyncio.Event()
        task = asyncio.create_task(run_minds(url, args.room, args.scene, brain, stop, ready))
        await ready.wait()
        print(f"voxroom host: thinking for the NPCs of room {args.room} (Ctrl+C stops)")
        worker = await task
        print(f"voxroom host: answered {worker.answered} line(s)")
        return 0
    from game.config import load_config

    config, problems = load_config()  # this machine's settings: `conversation.scenes` is the host's to say
    for problem in problems:
        print(f"voxroom: warning: {problem}")
    scenes = config.conversation.scenes
    host = RoomHost(url, args.room, args.scene, access, brain, npc_scenes=scenes)  # type: ignore[arg-type]
    print(f"voxroom host: room {args.room} on {args.server}: connecting, then standing by until it is free…")

    async def announce() -> None:
        await host.active.wait()
        chat = "NPCs chat when the room is quiet" if scenes else "no NPC scenes (conversation.scenes = false)"
        print(
            f"voxroom host: hosting room {args.room} (scene {args.scene}, log at {host.replica.seq}; {chat})"
        )

    told = asyncio.create_task(announce())
    await host.run(stop)
    told.cancel()
    s = host.stats
    print(f"voxroom host: stopped; {s.edits} edit(s), {s.dropped} dropped message(s), {s.refused} refused")
    for problem in s.problems:
        print(f"voxroom: warning: {problem}")
    return 0
