"""How an avatar looks: colours, height, build and hair style, from persona data.

Bad values never stop an avatar from appearing: :func:`parse_appearance` returns the
appearance with each bad field replaced by its default, plus one message per problem.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from game.sim.colours import RGB, ColourError, parse_colour

HAIR_STYLES = ("short", "long", "bun", "ponytail", "curly", "hat", "bald")
BUILDS = {"slim": 0.88, "average": 1.0, "sturdy": 1.15}
SLOTS = ("skin", "hair", "top", "bottom", "shoes", "eye", "pupil", "mouth", "lips")


@dataclass(frozen=True)
class Appearance:
    """Colours (sRGB 0..1), height in metres, build around 1.0, and a hair style."""

    skin: RGB = (0.87, 0.70, 0.58)
    hair: RGB = (0.25, 0.17, 0.10)
    top: RGB = (0.30, 0.45, 0.70)
    bottom: RGB = (0.20, 0.22, 0.28)
    shoes: RGB = (0.12, 0.10, 0.09)
    height: float = 1.75
    build: float = 1.0
    hair_style: str = "short"
    model: str = ""  # optional .glb character; the procedural avatar is the fallback

    def palette(self) -> list[RGB]:
        """Colours in :data:`SLOTS` order (fixed colours for eyes and mouth)."""
        lips = (self.skin[0] * 0.8, self.skin[1] * 0.5, self.skin[2] * 0.5)
        eye, pupil, mouth = (0.95, 0.95, 0.93), (0.08, 0.06, 0.05), (0.25, 0.06, 0.06)
        return [self.skin, self.hair, self.top, self.bottom, self.shoes, eye, pupil, mouth, lips]


def parse_appearance(data: dict[str, Any], where: str) -> tuple[Appearance, list[str]]:
    """Build an Appearance from a persona's ``[appearance]`` table; report bad fields."""
    result = Appearance()
    problems: list[str] = []
    known = {f.name for f in fields(Appearance)}
    for key, value in data.items():
        if key not in known:
            problems.append(f"{where}: appearance.{key}: unknown key (known: {', '.join(sorted(known))})")
            continue
        try:
            result = replace(result, **{key: _value(key, value)})
        except ValueError as exc:
            problems.append(f"{where}: appearance.{key}: {exc} (using the default)")
    return result, problems


def _value(key: str, value: Any) -> Any:
    if key in ("skin", "hair", "top", "bottom", "shoes"):
        try:
            return parse_colour(value)
        except ColourError as exc:
            raise ValueError(str(exc)) from None
    if key == "build" and isinstance(value, str):
        if value not in BUILDS:
            raise ValueError(f"unknown build {value!r}; use one of {', '.join(BUILDS)} or a number 0.7..1.5")
        return BUILDS[value]
    if key in ("height", "build"):
        lo, hi = (1.2, 2.2) if key == "height" else (0.7, 1.5)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi:
            raise ValueError(f"{value!r} is not a number between {lo} and {hi}")
        return float(value)
    if key == "model":
        if not isinstance(value, str) or not value.lower().endswith(".glb"):
            raise ValueError(f"{value!r} must be the path of a .glb file")
        return value
    if value not in HAIR_STYLES:
        raise ValueError(f"unknown hair style {value!r}; use one of {', '.join(HAIR_STYLES)}")
    return value


def default_for(name: str) -> Appearance:
    """A distinct, stable look for an NPC whose persona gives none."""
    h = sum(ord(c) * 31**i for i, c in enumerate(name.lower()))
    tops = [(0.75, 0.25, 0.2), (0.2, 0.55, 0.35), (0.55, 0.3, 0.65), (0.85, 0.65, 0.2), (0.2, 0.45, 0.75)]
    skins = [(0.95, 0.80, 0.69), (0.87, 0.70, 0.58), (0.62, 0.44, 0.32), (0.42, 0.29, 0.20)]
    hairs = [(0.1, 0.08, 0.07), (0.45, 0.28, 0.12), (0.8, 0.65, 0.35), (0.55, 0.2, 0.1), (0.6, 0.6, 0.6)]
    return Appearance(
        skin=skins[h % len(skins)],
        hair=hairs[(h // 7) % len(hairs)],
        top=tops[(h // 3) % len(tops)],
        height=1.6 + ((h // 11) % 30) / 100.0,
        hair_style=HAIR_STYLES[(h // 5) % 4],
    )
