"""The room's JetStream pieces: the KV bucket, the edit-log stream, and following the log.

Hosts, standby hosts and mind workers on other machines all need the same three things:
make sure the bucket and stream exist (a fresh cluster may still be electing its leader),
fold what the stream holds into a replica, and keep folding what is republished live.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import nats
from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.api import RePublish, StorageType
from nats.js.errors import APIError, NotFoundError
from nats.js.kv import KeyValue

from game.net import subjects
from game.net.replica import RoomReplica
from game.net.schema import BadMessage, decode


async def when_ready(call: Callable[[], Awaitable[Any]], within_s: float = 15.0) -> Any:
    """Run a JetStream set-up call, retrying while a new cluster is still electing its leader."""
    deadline = time.monotonic() + within_s
    while True:
        try:
            return await call()
        except (APIError, nats.errors.TimeoutError, TimeoutError):
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.25)


async def room_bucket(js: JetStreamContext) -> KeyValue:
    """The KV bucket of leases and presence (created on first use)."""
    try:
        return await js.key_value(subjects.BUCKET)
    except NotFoundError:  # BucketNotFoundError is one
        return await js.create_key_value(bucket=subjects.BUCKET, history=1, storage=StorageType.FILE)


async def room_stream(js: JetStreamContext, room: str) -> None:
    """The room's durable edit log: kept on disk, republished with sequence numbers to clients."""
    await js.add_stream(
        name=subjects.stream(room),
        subjects=[subjects.edits(room)],
        storage=StorageType.FILE,
        duplicate_window=120.0,
        republish=RePublish(src=subjects.edits(room), dest=subjects.log(room)),
    )


async def catch_up(js: JetStreamContext, room: str, replica: RoomReplica) -> int:
    """Apply what the stream holds past ``replica.seq``; returns how many messages were applied."""
    info = await js.stream_info(subjects.stream(room))
    applied = 0
    for seq in range(replica.seq + 1, (info.state.last_seq or 0) + 1):
        raw = await js.get_msg(subjects.stream(room), seq)
        if raw.data is not None and replica.apply(seq, decode(raw.data, "log")):
            applied += 1
    return applied


async def follow_log(nc: Client, js: JetStreamContext, room: str, replica: RoomReplica) -> Any:
    """Fold the stream into ``replica``, then every live log message; a gap is filled from the stream.

    Returns the subscription; malformed messages are counted in ``replica.bad``.
    """

    async def on_log(msg: Msg) -> None:
        try:
            seq = int((msg.headers or {}).get("Nats-Sequence", "0"))
            message = decode(msg.data, "log")
        except (BadMessage, ValueError):
            replica.bad += 1
            return
        if seq == replica.seq + 1:
            replica.apply(seq, message)
        elif seq > replica.seq:
            await catch_up(js, room, replica)

    sub = await nc.subscribe(subjects.log(room), cb=on_log)
    await catch_up(js, room, replica)
    return sub
