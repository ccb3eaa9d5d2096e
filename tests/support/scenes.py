"""Small scene documents built in code for tests."""

from __future__ import annotations

import copy
from typing import Any

BASE: dict[str, Any] = {
    "scene": {"name": "Test room"},
    "room": {"size": [8.0, 3.0, 8.0], "floor": {"colour": "#808080"}, "walls": {"colour": "#808080"}},
    "spawn": {"position": [0.0, 1.6, 3.0], "yaw": 0.0, "pitch": 0.0},
    "lights": [
        {"type": "ambient", "intensity": 0.3},
        {"type": "directional", "direction": [-0.2, -1.0, -0.1], "intensity": 0.8},
    ],
    "props": [],
    "npcs": [],
}


def scene_doc(**changes: Any) -> dict[str, Any]:
    """A deep copy of BASE with top-level keys replaced."""
    doc = copy.deepcopy(BASE)
    doc.update(copy.deepcopy(changes))
    return doc
