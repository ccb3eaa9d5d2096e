"""Who may join which room, with what role: one TOML file read by the server and the hosts.

``voxroom server`` writes the NATS users and per-room publish permissions from it, so a
client can only ever publish its own avatar's subjects; room hosts read the roles from
it to decide edits (owner and editor may edit, a guest may talk). The ``host`` user is
the service account of room hosts and mind workers.

    [users.ada-fan]
    password = "…"
    role = "editor"          # owner | editor | guest
    rooms = ["den"]          # or ["*"] for every room
"""

from __future__ import annotations

import secrets
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from game.errors import UserError
from game.net import subjects
from game.net.schema import NAME

ROLES = ("owner", "editor", "guest")
SERVICE = "host"  # the account of room hosts and mind workers
EDIT_ROLES = ("owner", "editor")


@dataclass(frozen=True)
class Member:
    """One user: password, role and the rooms they may join."""

    name: str
    password: str
    role: str
    rooms: tuple[str, ...] = ("*",)

    def may_join(self, room: str) -> bool:
        """Whether this user may join ``room``."""
        return "*" in self.rooms or room in self.rooms


@dataclass
class Access:
    """The users of one server; the ``host`` service user is always present."""

    members: dict[str, Member] = field(default_factory=dict)

    @classmethod
    def fresh(cls) -> Access:
        """A new file's contents: the service user and an owner, with random passwords."""
        access = cls()
        access.add(SERVICE, "owner")
        access.add("owner", "owner")
        return access

    def add(self, name: str, role: str, rooms: tuple[str, ...] = ("*",), password: str = "") -> Member:
        """Add or replace a user; a random password when none is given."""
        if not NAME.match(name):
            raise UserError(f"user name {name!r} is not allowed: use 1-32 of a-z, 0-9, '-' and '_'")
        if role not in ROLES:
            raise UserError(f"role {role!r} is not one of {', '.join(ROLES)}")
        member = Member(name, password or secrets.token_urlsafe(12), role, rooms)
        self.members[name] = member
        return member

    def role(self, user: str, room: str) -> str:
        """The user's role in ``room``, or "" when they may not be there."""
        member = self.members.get(user)
        return member.role if member is not None and member.may_join(room) else ""

    def server_users(self) -> list[dict[str, object]]:
        """The ``authorization.users`` block of the server configuration."""
        users: list[dict[str, object]] = []
        for member in self.members.values():
            if member.name == SERVICE:
                permissions: dict[str, object] = {"publish": [">"], "subscribe": [">"]}
            else:
                permissions = _client_permissions(member)
            users.append({"user": member.name, "password": member.password, "permissions": permissions})
        return users


def _client_permissions(member: Member) -> dict[str, object]:
    """Publish only this user's own subjects; read the rooms it may join, never the minds' queue."""
    rooms = ["*"] if "*" in member.rooms else list(member.rooms)
    own = [f(room, member.name) for room in rooms for f in subjects.OWN_SUBJECTS]
    return {
        "publish": {"allow": own},
        "subscribe": {
            "allow": [f"{subjects.PREFIX}.{room}.>" for room in rooms] + ["_INBOX.>"],
            "deny": [s for room in rooms for s in (subjects.minds(room), subjects.minds(room) + ".>")],
        },
    }


def load_access(path: Path) -> Access:
    """Read the access file; a clear one-line error names the file and what is wrong."""
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"{path}: no access file; run `voxroom server` once to create it") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UserError(f"{path}: cannot read the access file ({exc}); fix or delete it") from None
    access = Access()
    users = doc.get("users", {})
    if not isinstance(users, dict):
        raise UserError(f"{path}: 'users' must be a table of [users.NAME] entries")
    for name, entry in users.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("password"), str):
            raise UserError(f'{path}: users.{name} needs a password = "…" string')
        rooms = entry.get("rooms", ["*"])
        if not isinstance(rooms, list) or not all(
            isinstance(r, str) and (r == "*" or NAME.match(r)) for r in rooms
        ):
            raise UserError(f'{path}: users.{name}.rooms must be a list of room names or ["*"]')
        try:
            access.add(name, str(entry.get("role", "guest")), tuple(rooms), entry["password"])
        except UserError as exc:
            raise UserError(f"{path}: users.{name}: {exc}") from None
    if SERVICE not in access.members:
        raise UserError(
            f"{path}: no [users.{SERVICE}] entry (the room hosts' account); add one or delete the file"
        )
    return access


def save_access(access: Access, path: Path) -> None:
    """Write the access file (owner-only permissions: it holds passwords)."""
    from game.files import write_atomic

    doc = {
        "users": {
            m.name: {"password": m.password, "role": m.role, "rooms": list(m.rooms)}
            for m in access.members.values()
        }
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, tomli_w.dumps(doc).encode())
    path.chmod(0o600)
