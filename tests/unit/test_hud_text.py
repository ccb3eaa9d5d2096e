"""HUD text fitting without a window: wrap never exceeds the width, the typing box shows its end."""

from __future__ import annotations

from game.render.hud_text import ELLIPSIS, visible_tail, wrap, wrap_limited


class Mono:
    """A font where every character is 10 px wide."""

    def size(self, text: str) -> tuple[int, int]:
        return (10 * len(text), 16)


def test_wrap_cuts_a_word_longer_than_the_line() -> None:
    lines = wrap("see /a/very/long/path/that/does/not/fit here", Mono(), 100)
    assert all(len(line) <= 10 for line in lines)
    assert "".join(lines).replace(" ", "") == "see/a/very/long/path/that/does/not/fithere"


def test_wrap_limited_marks_the_cut() -> None:
    lines = wrap_limited("one two three four five six seven", Mono(), 100, 2)
    assert len(lines) == 2 and lines[-1].endswith(ELLIPSIS) and len(lines[-1]) <= 10


def test_visible_tail_keeps_the_end_and_fits() -> None:
    text = "x" * 150 + "END"
    shown = visible_tail(text, Mono(), 300)
    assert shown.startswith(ELLIPSIS) and shown.endswith("END") and len(shown) <= 30
    assert visible_tail("short", Mono(), 300) == "short"
