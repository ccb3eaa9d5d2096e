"""NATS subjects, the KV bucket and the stream of one shared room, in one place.

Subjects carry the room and the sending user as tokens, so the server's per-user
permissions (see :mod:`game.net.access`) decide who may publish what, and a receiver
learns the sender from the subject, which a client cannot forge, not from the payload.
"""

from __future__ import annotations

PREFIX = "vox"
BUCKET = "voxroom"  # JetStream KV: "<room>.lease", who hosts the room
MIND_QUEUE = "minds"  # the queue group of mind workers


def pose(room: str, user: str = "*") -> str:
    """A user's avatar pose (the user publishes only its own)."""
    return f"{PREFIX}.{room}.pose.{user}"


def hello(room: str, user: str = "*") -> str:
    """A user's presence heartbeat with name and look."""
    return f"{PREFIX}.{room}.hello.{user}"


def say(room: str, user: str = "*") -> str:
    """A user's line to the room (request to the host)."""
    return f"{PREFIX}.{room}.say.{user}"


def edit(room: str, user: str = "*") -> str:
    """A user's room edit (request to the host)."""
    return f"{PREFIX}.{room}.edit.{user}"


def sync(room: str, user: str = "*") -> str:
    """A user's request for the log entries after a sequence number."""
    return f"{PREFIX}.{room}.sync.{user}"


def guess(room: str, user: str = "*") -> str:
    """A user's private guess at an answer, while they are still speaking (request to the host)."""
    return f"{PREFIX}.{room}.guess.{user}"


def talk(room: str, user: str = "*") -> str:
    """A user began or stopped speaking (to the host: a scene stops when someone talks)."""
    return f"{PREFIX}.{room}.talk.{user}"


def thinking(room: str) -> str:
    """An NPC thinks about a user's line (or gave up on it), from the host."""
    return f"{PREFIX}.{room}.thinking"


def hush(room: str) -> str:
    """Stop an NPC's line now (a user spoke over a scene), from the host."""
    return f"{PREFIX}.{room}.hush"


def log(room: str) -> str:
    """The edit log, written by the host only and kept by the room's stream."""
    return f"{PREFIX}.{room}.log"


def npc(room: str) -> str:
    """NPC bodies, from the host."""
    return f"{PREFIX}.{room}.npc"


def line(room: str) -> str:
    """Lines said in the room (NPC replies with voice and start time, users' lines as captions)."""
    return f"{PREFIX}.{room}.line"


def minds(room: str) -> str:
    """Requests to the room's mind workers (a queue group: one worker answers each)."""
    return f"{PREFIX}.{room}.minds"


def mind(room: str, worker: str) -> str:
    """One mind worker's own subject (where it hears that a guess it answered was kept)."""
    return f"{PREFIX}.{room}.minds.{worker}"


def stream(room: str) -> str:
    """The JetStream stream that keeps the room's edit log."""
    return f"ROOM_{room.replace('-', '_')}"


def lease_key(room: str) -> str:
    """The KV key whose holder is the room's host."""
    return f"{room}.lease"


# What a client may publish: only these, each with its own user token.
OWN_SUBJECTS = (pose, hello, say, guess, edit, sync, talk)


def edits(room: str) -> str:
    """Where the host writes log entries; the stream keeps them and republishes to :func:`log`."""
    return f"{PREFIX}.{room}.edits"
