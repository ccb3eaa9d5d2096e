"""Colour parsing: ``#rrggbb`` strings, ``[r, g, b]`` lists (0..1) and common names.

Names matter because users say them aloud ("make the walls blue", "dark green") and write
them in scene files; they map to sRGB triples in 0..1.
"""

from __future__ import annotations

import functools
from typing import Any

RGB = tuple[float, float, float]

NAMED: dict[str, RGB] = {
    "white": (0.95, 0.95, 0.95),
    "black": (0.05, 0.05, 0.05),
    "grey": (0.5, 0.5, 0.5),
    "gray": (0.5, 0.5, 0.5),
    "red": (0.85, 0.12, 0.10),
    "green": (0.15, 0.65, 0.20),
    "blue": (0.15, 0.30, 0.85),
    "yellow": (0.95, 0.85, 0.15),
    "orange": (0.95, 0.55, 0.10),
    "purple": (0.55, 0.20, 0.70),
    "pink": (0.95, 0.55, 0.70),
    "brown": (0.45, 0.28, 0.15),
    "beige": (0.87, 0.80, 0.65),
    "cyan": (0.10, 0.75, 0.80),
    "teal": (0.05, 0.50, 0.50),
    "gold": (0.85, 0.68, 0.20),
    "silver": (0.75, 0.75, 0.78),
    "cream": (0.96, 0.92, 0.80),
    "navy": (0.08, 0.12, 0.40),
}


SHADES: dict[str, tuple[float, float]] = {
    "dark": (0.5, 0.0),
    "deep": (0.5, 0.0),
    "light": (1.0, 0.45),
    "pale": (1.0, 0.65),
}
"""A shade word before a name: (scale, share of white mixed in). "dark green" is green at
half brightness; "pale blue" is blue two-thirds of the way to white."""


def shaded(shade: str, rgb: RGB) -> RGB:
    """``rgb`` in the shade ``shade`` (a key of :data:`SHADES`)."""
    scale, white = SHADES[shade]
    r, g, b = (c * scale * (1.0 - white) + white for c in rgb)
    return (r, g, b)


def named_colour(text: str) -> RGB | None:
    """The colour a name says ("green", "dark green"), or None for anything else."""
    words = text.strip().lower().split()
    if len(words) == 1:
        return NAMED.get(words[0])
    if len(words) == 2 and words[0] in SHADES and words[1] in NAMED:
        return shaded(words[0], NAMED[words[1]])
    return None


class ColourError(ValueError):
    """A colour value that cannot be parsed; the message says what is accepted."""


def parse_colour(value: Any) -> RGB:
    """Parse a colour from a scene or persona file, or raise :class:`ColourError`."""
    if isinstance(value, str):
        text = value.strip().lower()
        rgb = named_colour(text)
        if rgb is not None:
            return rgb
        if text.startswith("#") and len(text) == 7:
            try:
                return (int(text[1:3], 16) / 255.0, int(text[3:5], 16) / 255.0, int(text[5:7], 16) / 255.0)
            except ValueError:
                pass
        raise ColourError(
            f"unknown colour {value!r}; use '#rrggbb', [r, g, b] in 0..1 or a name like 'red' or 'dark red'"
        )
    if isinstance(value, (list, tuple)) and len(value) == 3:
        if all(isinstance(c, (int, float)) and not isinstance(c, bool) and 0.0 <= c <= 1.0 for c in value):
            return (float(value[0]), float(value[1]), float(value[2]))
        raise ColourError(f"colour components {value!r} must be numbers between 0 and 1")
    raise ColourError(f"colour {value!r} must be '#rrggbb', a name, or [r, g, b] in 0..1")


@functools.lru_cache(maxsize=4096)
def colour_name(rgb: RGB) -> str:
    """Return the nearest colour name, so the NPCs can say what colour something is.

    A shaded name ("dark green") only for exactly that shade, which is how a user's edit
    made it: a scene's own colours keep the plain names its props are called by ("the red
    box"). Cached: a room repeats a few colours over many props.
    """
    best = min(NAMED.items(), key=lambda kv: _distance(kv[1], rgb))
    if _distance(best[1], rgb) > 1e-6:
        for shade in SHADES:
            for name, base in NAMED.items():
                if _distance(shaded(shade, base), rgb) < 1e-6:
                    return f"{shade} {name}"
    return best[0]


def _distance(a: RGB, b: RGB) -> float:
    return sum((x - y) ** 2 for x, y in zip(a, b, strict=True))


def to_hex(rgb: RGB) -> str:
    """Format as ``#rrggbb`` for saving scenes."""
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)
