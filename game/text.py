"""Text from outside the program, made safe to keep, show and store.

Bytes piped into ``voxroom chat``, SDL's text events and a recogniser's words are not
always valid UTF-8: a Latin-1 "José" arrives as the byte 0xE9, and Python's own stdin
decoding can turn such bytes into lone surrogates, which no UTF-8 encoder (SQLite, a JSON
file, a font) accepts. Everything such text touches goes through :func:`clean_text`
first, so odd input costs a replacement character, never the turn.
"""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def clean_text(value: str | bytes | bytearray) -> str:
    """``value`` as a string every UTF-8 encoder accepts.

    Bytes are decoded as UTF-8 with undecodable bytes replaced by U+FFFD; in a string,
    lone surrogates (what ``surrogateescape`` makes of bad bytes) become U+FFFD too.
    """
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("utf-8", errors="replace")
    return _SURROGATE.sub(REPLACEMENT, value)


def printable(value: str | bytes | bytearray) -> str:
    """:func:`clean_text` without control characters: what a font can draw on one line.

    (pygame's font refuses a NUL outright, and a lone surrogate raises while encoding.)
    """
    return "".join(c if c.isprintable() else " " if c in "\t\n\r" else "" for c in clean_text(value))
