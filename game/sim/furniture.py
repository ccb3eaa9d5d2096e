"""Composed furniture: each prop type is a few primitives in the prop's local space.

Sizes are in metres with the base at y = 0 and the front facing -Z; the prop's scale
and rotation apply on top. A ``None`` colour means "the prop's own colour", so a
recoloured sofa changes its upholstery but its legs stay wood.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.sim.colours import RGB

WOOD: RGB = (0.42, 0.28, 0.16)
METAL: RGB = (0.25, 0.25, 0.27)
LEAF: RGB = (0.20, 0.50, 0.22)
GLASS: RGB = (0.70, 0.85, 0.95)
WARM_LIGHT: RGB = (1.0, 0.92, 0.70)


@dataclass(frozen=True)
class Part:
    """One primitive of a prop: ``kind`` is box, cylinder or sphere (unit size, centred)."""

    kind: str
    center: tuple[float, float, float]
    size: tuple[float, float, float]
    colour: RGB | None = None
    emissive: float = 0.0


def _legs(width: float, depth: float, height: float, thick: float, colour: RGB | None) -> list[Part]:
    x, z = width / 2 - thick, depth / 2 - thick
    return [
        Part("box", (sx * x, height / 2, sz * z), (thick, height, thick), colour)
        for sx in (-1, 1)
        for sz in (-1, 1)
    ]


def _table() -> list[Part]:
    return [Part("box", (0, 0.74, 0), (1.4, 0.05, 0.8)), *_legs(1.4, 0.8, 0.72, 0.06, None)]


def _chair() -> list[Part]:
    return [
        Part("box", (0, 0.45, 0), (0.45, 0.05, 0.45)),
        Part("box", (0, 0.72, 0.2), (0.45, 0.5, 0.05)),
        *_legs(0.45, 0.45, 0.43, 0.04, WOOD),
    ]


def _sofa() -> list[Part]:
    return [
        Part("box", (0, 0.22, 0), (2.0, 0.3, 0.85)),
        Part("box", (0, 0.45, 0.02), (1.7, 0.15, 0.75)),
        Part("box", (0, 0.65, 0.35), (2.0, 0.55, 0.2)),
        Part("box", (-0.93, 0.45, 0), (0.18, 0.35, 0.85)),
        Part("box", (0.93, 0.45, 0), (0.18, 0.35, 0.85)),
        *_legs(1.9, 0.75, 0.08, 0.06, WOOD),
    ]


def _lamp() -> list[Part]:
    return [
        Part("cylinder", (0, 0.02, 0), (0.3, 0.04, 0.3), METAL),
        Part("cylinder", (0, 0.75, 0), (0.04, 1.45, 0.04), METAL),
        Part("cylinder", (0, 1.5, 0), (0.4, 0.3, 0.4), None, emissive=0.6),
    ]


def _shelf() -> list[Part]:
    parts = [Part("box", (sx * 0.48, 0.9, 0), (0.04, 1.8, 0.35)) for sx in (-1, 1)]
    parts += [Part("box", (0, y, 0), (1.0, 0.03, 0.35)) for y in (0.05, 0.5, 0.95, 1.4, 1.78)]
    parts.append(Part("box", (0, 0.9, 0.17), (1.0, 1.8, 0.02)))
    return parts


def _plant() -> list[Part]:
    return [
        Part("cylinder", (0, 0.2, 0), (0.4, 0.4, 0.4)),
        Part("sphere", (0, 0.75, 0), (0.7, 0.8, 0.7), LEAF),
        Part("sphere", (0.15, 1.05, 0.05), (0.45, 0.5, 0.45), LEAF),
    ]


def _door() -> list[Part]:
    return [
        Part("box", (0, 1.05, 0), (0.9, 2.1, 0.05)),
        Part("sphere", (0.35, 1.0, -0.05), (0.06, 0.06, 0.06), METAL),
    ]


def _window() -> list[Part]:
    return [
        Part("box", (0, 1.5, 0), (1.2, 1.0, 0.04), GLASS, emissive=0.35),
        Part("box", (0, 1.0, -0.03), (1.3, 0.06, 0.08)),
        Part("box", (0, 2.0, -0.03), (1.3, 0.06, 0.08)),
        Part("box", (-0.62, 1.5, -0.03), (0.06, 1.0, 0.08)),
        Part("box", (0.62, 1.5, -0.03), (0.06, 1.0, 0.08)),
    ]


def _cup() -> list[Part]:
    return [Part("cylinder", (0, 0.05, 0), (0.08, 0.1, 0.08))]


def _counter() -> list[Part]:
    return [Part("box", (0, 0.5, 0), (2.0, 1.0, 0.6)), Part("box", (0, 1.02, 0), (2.1, 0.04, 0.7), WOOD)]


_BUILDERS = {
    "table": _table,
    "chair": _chair,
    "sofa": _sofa,
    "lamp": _lamp,
    "shelf": _shelf,
    "plant": _plant,
    "door": _door,
    "window": _window,
    "cup": _cup,
    "counter": _counter,
}
_CACHE: dict[str, tuple[Part, ...]] = {}


def parts_for(prop_type: str) -> tuple[Part, ...]:
    """Primitives of a prop type; a primitive type is one unit part standing on y = 0."""
    if prop_type in ("box", "cylinder", "sphere"):
        return (Part(prop_type, (0.0, 0.5, 0.0), (1.0, 1.0, 1.0)),)
    if prop_type not in _CACHE:
        _CACHE[prop_type] = tuple(_BUILDERS[prop_type]())
    return _CACHE[prop_type]
