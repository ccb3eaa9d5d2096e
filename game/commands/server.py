"""``voxroom server``: a local nats-server with JetStream for shared rooms on a LAN."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``server`` sub-command."""
    p = sub.add_parser(
        "server",
        help="start a local NATS server (JetStream) that shared rooms run on",
        description="Starts nats-server for LAN play. The first run creates an access file with the "
        "room hosts' account and an owner; add people with --add-user. Ctrl+C stops it.",
    )
    p.add_argument("--port", type=int, default=4222, help="client port (default 4222)")
    p.add_argument(
        "--listen", default="0.0.0.0", help="address to listen on (default all; 127.0.0.1 = this PC)"
    )
    p.add_argument("--store", default="", help="JetStream folder (default: <data dir>/server)")
    p.add_argument("--access", default="", help="access file (default: <data dir>/server/access.toml)")
    p.add_argument("--add-user", default="", metavar="NAME", help="add a user, print their join URL and exit")
    p.add_argument("--role", default="guest", choices=("owner", "editor", "guest"), help="with --add-user")
    p.add_argument("--rooms", default="*", help="with --add-user: comma-separated rooms, or * (default)")
    p.set_defaults(handler=_server)


def server_dir() -> Path:
    """Where ``voxroom server`` keeps its store and access file by default."""
    from game.mind.paths import data_dir

    return data_dir() / "server"


def access_path(given: str = "") -> Path:
    """The access file: the one given, or the data directory's."""
    return Path(given).expanduser() if given else server_dir() / "access.toml"


def _server(args: argparse.Namespace) -> int:
    from game.net.access import Access, load_access, save_access
    from game.net.server import NatsServer

    path = access_path(args.access)
    if path.exists():
        access = load_access(path)
    else:
        access = Access.fresh()
        save_access(access, path)
        print(f"voxroom: created {path} (users and passwords; keep it private)")
    if args.add_user:
        rooms = tuple(r.strip() for r in args.rooms.split(",") if r.strip()) or ("*",)
        member = access.add(args.add_user, args.role, rooms)
        save_access(access, path)
        rooms_text = ", ".join(member.rooms)
        print(f"Added {member.name} ({member.role}, rooms: {rooms_text}); restart the server; then:")
        print(f"  voxroom run --join nats://{member.name}:{member.password}@THIS-PC:{args.port}/ROOM")
        return 0
    store = Path(args.store).expanduser() if args.store else server_dir()
    server = NatsServer(store, access, port=args.port, host=args.listen)
    host = "127.0.0.1" if args.listen in ("0.0.0.0", "::") else args.listen
    owner = access.members.get("owner")
    try:  # from the start: a Ctrl+C at any moment stops nats-server too, never leaves it running
        server.start()
        print(f"voxroom server: NATS with JetStream on {args.listen}:{args.port}, store {store}")
        print(f"  host a room:  voxroom host --room den --server nats://{host}:{args.port}")
        if owner is not None:
            print(f"  join it:      voxroom run --join nats://owner:{owner.password}@{host}:{args.port}/den")
        print(
            "  Ctrl+C stops it. Not encrypted: read docs/shared-rooms.md, 'TLS', before using it off a LAN."
        )
        return server.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()
