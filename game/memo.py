"""Memoising on identity, for values derived from immutable room state.

A room's props are an immutable tuple replaced on every edit, so "same object" means
"unchanged". Hashing a 10,000-prop tuple on every question would cost more than the
answer; comparing identity costs nothing. Only the last argument is kept: the mind
asks about one room at a time.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def by_identity(fn: Callable[[Any], T]) -> Callable[[Any], T]:
    """Cache ``fn(arg)`` for the last ``arg`` seen, compared with ``is``.

    The pair is stored in one assignment, so a caller on another thread sees either the
    old pair or the new one, never a mix; at worst it recomputes.
    """
    last: list[tuple[Any, T]] = []

    @functools.wraps(fn)
    def wrapper(arg: Any) -> T:
        if last and last[0][0] is arg:
            return last[0][1]
        result = fn(arg)
        last[:] = [(arg, result)]
        return result

    return wrapper
