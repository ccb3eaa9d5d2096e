"""Fitting HUD text to the screen: word wrap that never runs off an edge, the typing box's tail.

Kept apart from the drawing so the rules (what wraps, what scrolls) read on their own and
are tested without a GL context. Widths are measured with the font actually drawn, so
everything follows the text-size setting.
"""

from __future__ import annotations

from typing import Protocol

ELLIPSIS = "…"


class Measures(Protocol):
    """What wrapping needs of a font: ``pygame.font.Font`` satisfies it."""

    def size(self, text: str, /) -> tuple[int, int]:
        """Width and height of ``text`` in pixels."""
        ...


def _split_word(word: str, font: Measures, width: int) -> list[str]:
    """A word wider than the line, cut into pieces that fit (a path or URL in an error)."""
    pieces: list[str] = []
    current = ""
    for ch in word:
        if current and font.size(current + ch)[0] > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    return [*pieces, current] if current else pieces


def wrap(text: str, font: Measures, width: int) -> list[str]:
    """Words broken into lines no wider than ``width`` pixels; a word too long is cut."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if font.size(word)[0] > width:
            if current:
                lines.append(current)
            *full, current = _split_word(word, font, width)
            lines += full
            continue
        trial = f"{current} {word}".strip()
        if current and font.size(trial)[0] > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return [*lines, current] if current else lines


def wrap_limited(text: str, font: Measures, width: int, max_lines: int) -> list[str]:
    """:func:`wrap`, keeping the first ``max_lines`` lines; a cut shows as a trailing ellipsis."""
    lines = wrap(text, font, width)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1]
    while last and font.size(last + ELLIPSIS)[0] > width:
        last = last[:-1]
    kept[-1] = last + ELLIPSIS
    return kept


def visible_tail(text: str, font: Measures, width: int) -> str:
    """The end of ``text`` that fits in ``width`` pixels, led by an ellipsis when cut.

    The typing box shows where the user is typing (the end, where the cursor is), so a
    long line scrolls left instead of running off the right edge.
    """
    if font.size(text)[0] <= width:
        return text
    lo, hi = 0, len(text)  # smallest start whose tail (with the ellipsis) fits
    while lo < hi:
        mid = (lo + hi) // 2
        if font.size(ELLIPSIS + text[mid:])[0] <= width:
            hi = mid
        else:
            lo = mid + 1
    return ELLIPSIS + text[lo:]
