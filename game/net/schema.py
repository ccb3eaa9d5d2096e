"""The shared-room wire format: small JSON objects with a version, checked on arrival.

Every message is a JSON object ``{"v": SCHEMA, "kind": …, …}`` no larger than
:data:`MAX_BYTES`. A message from another machine is untrusted: :func:`decode` checks
the version, the kind, the size and each field's type and bounds, and raises
:class:`BadMessage` (one line, for the host's drop counter) instead of letting a bad
field reach the simulation. Field lists live beside each kind in :data:`FIELDS`;
docs/shared-rooms.md prints the same table for people writing other clients.
"""

from __future__ import annotations

import json
import math
import re
import struct
from collections.abc import Callable, Mapping
from typing import Any

SCHEMA = 1
MAX_BYTES = 16_384  # a pose is ~150 bytes; a reply line with voice ~600; a sync page is paged to fit
MAX_TEXT = 600  # characters in a spoken or typed line
NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")  # room and user ids: NATS subject tokens and file names


class BadMessage(ValueError):
    """A message that is not valid JSON, too big, of an unknown version or kind, or with a bad field."""


def _num(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _vec3(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 3 and all(_num(x) and abs(x) < 1e4 for x in value)


def _text(limit: int) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, str) and len(value) <= limit


def _name(value: Any) -> bool:
    return isinstance(value, str) and bool(NAME.match(value))


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**53


def _dict(value: Any) -> bool:
    return isinstance(value, dict) and len(value) <= 16


def _entries(value: Any) -> bool:
    return isinstance(value, list) and len(value) <= 64 and all(isinstance(e, dict) for e in value)


def _pages(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) <= 64
        and all(isinstance(p, list) and len(p) == 2 and _int(p[0]) and isinstance(p[1], dict) for p in value)
    )


_TEXT = _text(MAX_TEXT)
_BOOL: Callable[[Any], bool] = lambda v: isinstance(v, bool)  # noqa: E731
_SHORT = _text(64)
_ANY_NUM = _num

# kind → {field: check}; every listed field is required, unknown fields are ignored (newer senders).
FIELDS: dict[str, dict[str, Callable[[Any], bool]]] = {
    # client → everyone, 1 Hz: presence, name and look (colour as "#rrggbb")
    "hello": {"user": _name, "display": _SHORT, "colour": _SHORT, "last_seq": _int},
    # client → host (request): a typed or transcribed line and who the user was looking at;
    # ``guess``: the id of the private guess the final kept (the client already plays its answer)
    "say": {"user": _name, "id": _SHORT, "text": _TEXT, "gaze": _SHORT, "guess": _SHORT},
    # client → host (request): what the user seems to be saying, answered to this client only
    # and kept for a while unacted: the final transcript's ``say`` may adopt it
    "guess": {"user": _name, "id": _SHORT, "text": _TEXT, "npc": _SHORT},
    # client → host: the user began (``on``) or stopped speaking; a scene in the room stops
    "talk": {"user": _name, "on": _BOOL},
    # client → host (request): one room edit as an action {name, args}
    "edit": {"user": _name, "id": _SHORT, "action": _SHORT, "args": _dict},
    # client → host (request): the log entries after a sequence number
    "sync": {"user": _name, "after": _int},
    # host → everyone (and the edit-log stream): what changed, by whom, in log order
    "log": {"by": _SHORT, "via": _SHORT, "id": _SHORT, "entries": _entries},
    # host → client: the answer to a sync request, one page of the log and the scene it starts from
    "page": {"scene": _SHORT, "logs": _pages, "last": _int},
    # host → everyone: an NPC's body (on change)
    "npc": {"npc": _SHORT, "pos": _vec3, "yaw": _ANY_NUM, "look_at": _SHORT, "speaking": _SHORT},
    # host → everyone: a line said in the room; every client voices NPC lines itself at ``start``
    "line": {
        "id": _SHORT,  # the turn it answers ("" for a user's own words)
        "speaker": _SHORT,
        "to": _SHORT,
        "text": _TEXT,
        "voice": _dict,
        "start": _ANY_NUM,
        "duration": _ANY_NUM,
        "npc": _BOOL,
        "acts": _entries,  # the NPC's gestures with this line ({name, args…}), done by every client
    },
    # host → everyone: an NPC takes (``on``) a user's line and thinks, or gave up on it with no line
    "thinking": {"npc": _SHORT, "to": _SHORT, "id": _SHORT, "on": _BOOL},
    # host → everyone: stop the NPC's line ``id`` now (a user spoke over a scene)
    "hush": {"npc": _SHORT, "id": _SHORT},
    # host → a mind worker (queue group): what a user said to an NPC
    "think": {
        "id": _SHORT,
        "guess": _BOOL,  # a private guess: answered on copies, remembered only if the final keeps it
        "user": _name,
        "npc": _SHORT,
        "text": _TEXT,
        "reason": _SHORT,
        "pos": _vec3,
        "may_edit": _BOOL,
    },
    # host → the worker that answered a guess: the final kept it, remember it
    "remember": {"user": _name, "id": _SHORT},
    # mind worker → host: the reply and the actions the NPC wants to make
    "thought": {"npc": _SHORT, "text": _TEXT, "actions": _entries, "intent": _SHORT, "worker": _SHORT},
    # host → client: the answer to a say / edit / sync request
    "ack": {"ok": _BOOL, "detail": _TEXT},
}


def encode(kind: str, **fields: Any) -> bytes:
    """One message as bytes; raises :class:`BadMessage` for a message this side must not send."""
    if kind not in FIELDS:
        raise BadMessage(f"unknown kind {kind!r}")
    data = json.dumps({"v": SCHEMA, "kind": kind, **fields}, separators=(",", ":")).encode()
    if len(data) > MAX_BYTES:
        raise BadMessage(f"{kind} message of {len(data)} bytes is over the {MAX_BYTES}-byte limit")
    return data


def decode(data: bytes, expect: str | tuple[str, ...] | None = None) -> dict[str, Any]:
    """A checked message from the wire; :class:`BadMessage` says in one line what is wrong."""
    if len(data) > MAX_BYTES:
        raise BadMessage(f"message of {len(data)} bytes is over the {MAX_BYTES}-byte limit")
    try:
        message = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadMessage(f"not JSON ({exc.__class__.__name__})") from None
    if not isinstance(message, dict):
        raise BadMessage("not a JSON object")
    if message.get("v") != SCHEMA:
        raise BadMessage(f"schema version {message.get('v')!r}, this build speaks {SCHEMA}")
    kind = message.get("kind")
    if not isinstance(kind, str) or kind not in FIELDS:
        raise BadMessage(f"unknown kind {kind!r}")
    if expect is not None and kind not in ((expect,) if isinstance(expect, str) else expect):
        raise BadMessage(f"a {kind} message where {expect} was expected")
    check_fields(kind, message)
    return message


def check_fields(kind: str, message: Mapping[str, Any]) -> None:
    """Raise :class:`BadMessage` naming the first missing or malformed field."""
    for key, ok in FIELDS[kind].items():
        if key not in message:
            raise BadMessage(f"{kind} message without {key!r}")
        if not ok(message[key]):
            raise BadMessage(f"{kind} message with a bad {key!r}")


# Poses are the one high-rate message (15 Hz from every moving user to every other), so they
# are packed: version byte, sequence, position in centimetres, yaw and pitch in tenths of a
# degree, and the sender's wall clock in milliseconds (mod 2**32), 19 bytes in all.
POSE = struct.Struct("<BIhhhhhI")
POSE_VERSION = 1


def encode_pose(seq: int, pos: tuple[float, float, float], yaw: float, pitch: float, t: float) -> bytes:
    """One pose, packed; positions are clamped to ±327 m (rooms are far smaller)."""

    def cm(v: float) -> int:
        return max(-32767, min(32767, round(v * 100)))

    def tenths(deg: float) -> int:
        return round(((deg + 180.0) % 360.0 - 180.0) * 10)

    return POSE.pack(
        POSE_VERSION,
        seq % 2**32,
        cm(pos[0]),
        cm(pos[1]),
        cm(pos[2]),
        tenths(yaw),
        tenths(pitch),
        round(t * 1000) % 2**32,
    )


def decode_pose(data: bytes) -> dict[str, Any]:
    """A packed pose as ``{"seq", "pos", "yaw", "pitch", "t_ms"}``; :class:`BadMessage` when malformed."""
    if len(data) != POSE.size:
        raise BadMessage(f"pose of {len(data)} bytes, expected {POSE.size}")
    version, seq, x, y, z, yaw, pitch, t_ms = POSE.unpack(data)
    if version != POSE_VERSION:
        raise BadMessage(f"pose version {version}, this build speaks {POSE_VERSION}")
    return {
        "seq": seq,
        "pos": [x / 100, y / 100, z / 100],
        "yaw": yaw / 10,
        "pitch": pitch / 10,
        "t_ms": t_ms,
    }
