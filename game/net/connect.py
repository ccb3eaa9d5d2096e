"""Connecting to a room's NATS server: fail fast and clearly at first, then reconnect for ever.

nats-py retries the *first* connection as often as later reconnects, so with endless
reconnects a wrong password or a server that is not running would retry silently (and
log a traceback each time). Here the first connection gets one try per server and a
one-line :class:`~game.errors.UserError` naming the server and the fix; once connected,
the client reconnects without limit (a server restart, a Wi-Fi drop) and calls
``on_lost`` and ``on_back`` (on its loop) so the caller can resync and tell the user.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import urlsplit

import nats
from nats.aio.client import Client

from game.errors import UserError

log = logging.getLogger(__name__)
RECONNECT_WAIT_S = 0.25


def _where(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port or 4222}"


async def connect(
    servers: str | list[str],
    name: str,
    on_lost: Callable[[], None] | None = None,
    on_back: Callable[[], None] | None = None,
) -> Client:
    """A connected client; :class:`UserError` when the server is unreachable or refuses the login."""
    urls = [servers] if isinstance(servers, str) else servers
    errors: list[str] = []

    async def on_error(exc: Exception) -> None:
        errors.append(str(exc))
        log.info("nats %s: %s", name, exc)

    async def disconnected() -> None:
        if on_lost is not None:
            on_lost()

    async def reconnected() -> None:
        if on_back is not None:
            on_back()

    try:
        nc = await nats.connect(
            servers=urls,
            name=name,
            max_reconnect_attempts=1,
            reconnect_time_wait=RECONNECT_WAIT_S,
            connect_timeout=3,
            error_cb=on_error,
            disconnected_cb=disconnected,
            reconnected_cb=reconnected,
        )
    except Exception as exc:  # NoServersError, OSError, TLS errors: all one line for the user
        where = ", ".join(_where(u) for u in urls)
        if any("Authorization Violation" in e for e in errors):
            raise UserError(
                f"the NATS server at {where} refused the login; check the user and password in the URL "
                "(voxroom server --add-user prints them)"
            ) from None
        raise UserError(
            f"cannot reach the NATS server at {where} ({errors[-1] if errors else exc}); "
            "start one with `voxroom server`, or check the address"
        ) from None
    nc.options["max_reconnect_attempts"] = -1  # connected once: from now on, never give up
    return nc
