"""What rests on what, and where each prop's box is: the geometry "on the table" is built on.

Kept apart from :mod:`game.sim.world` because it has its own state: an index of the last
room's floor cells that follows an edit, so a 10,000-prop room answers "what is on the
table?" without checking every pair of props, and without re-indexing after every edit.
"""

from __future__ import annotations

import functools
import math
import threading

import numpy as np
import numpy.typing as npt

from game.sim.furniture import parts_for
from game.sim.scene import Prop
from game.sim.transform import Mat4, euler, scale, translate


def prop_matrix(prop: Prop) -> Mat4:
    """Local → world transform of a prop (position, rotation, then scale)."""
    return translate(*prop.position) @ euler(prop.rotation) @ scale(*prop.scale)


_CORNERS = np.array([(x, y, z) for x in (-0.5, 0.5) for y in (-0.5, 0.5) for z in (-0.5, 0.5)])


@functools.lru_cache(maxsize=1 << 15)
def prop_bounds(prop: Prop) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """World-space axis-aligned bounding box (min, max) of a prop's parts.

    Cached per (immutable) prop: the mind asks for every prop's box on each guess it
    makes while the user speaks, on the main thread.
    """
    parts = parts_for(prop.type)
    centers = np.array([part.center for part in parts], dtype=np.float64)
    sizes = np.array([part.size for part in parts], dtype=np.float64)
    local = (centers[:, None, :] + sizes[:, None, :] * _CORNERS[None]).reshape(-1, 3)
    model = prop_matrix(prop).astype(np.float64)
    pts = local @ model[:3, :3].T + model[:3, 3]
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    lo.flags.writeable = hi.flags.writeable = False  # shared by every caller of the cache
    return lo, hi


_REST_TOLERANCE = 0.05  # metres between an item's base and a support's top


def rests_on(item: Prop, support: Prop) -> bool:
    """Whether ``item`` stands on top of ``support`` (base within 5 cm of its top, inside its footprint)."""
    lo, hi = prop_bounds(support)
    x, y, z = item.position
    return bool(abs(y - hi[1]) < _REST_TOLERANCE and lo[0] <= x <= hi[0] and lo[2] <= z <= hi[2])


def resting_supports(props: tuple[Prop, ...]) -> dict[str, str]:
    """Each prop resting on another → the name of the first one (in scene order) it rests on.

    Supports are indexed by the 0.5 m floor cells their footprint covers, and each cell's
    items are checked against that cell's supports in one numpy comparison: a room of
    10,000 props costs one pass and a few hundred small array operations, not 10,000 ×
    10,000 checks. The index of the last room is kept: an edit (a few props added,
    removed or replaced) re-solves only the cells those props touch.
    """
    global _last_index
    with _index_lock:
        if _last_index is None or not _last_index.follow(props):
            _last_index = _SupportIndex(props)
        return dict(_last_index.found)


class _SupportIndex:
    """Floor cell → supports and items in it (scene order), and the answer per item."""

    def __init__(self, props: tuple[Prop, ...]) -> None:
        self.props = props
        self.supports_in: dict[tuple[int, int], list[Prop]] = {}
        self.items_in: dict[tuple[int, int], list[Prop]] = {}
        self.found: dict[str, str] = {}
        for prop in props:
            self._add(prop)
        for cell in list(self.items_in):
            self._solve(cell)

    def follow(self, props: tuple[Prop, ...]) -> bool:
        """Update for ``props`` when they are these props edited a little (new ones at the end)."""
        if props is self.props:
            return True
        before, after = {id(p) for p in self.props}, {id(p) for p in props}
        removed = [p for p in self.props if id(p) not in after]
        added = [p for p in props if id(p) not in before]
        in_order = all(a is b for a, b in zip(added, props[len(props) - len(added) :], strict=True))
        if len(removed) + len(added) > 64 or not in_order:
            return False
        touched: set[tuple[int, int]] = set()
        for prop in removed:
            touched |= self._remove(prop)
        for prop in added:
            touched |= self._add(prop)
        for cell in touched:
            self._solve(cell)
        self.props = props
        return True

    def _add(self, prop: Prop) -> set[tuple[int, int]]:
        _, covers, at = _placement(prop)
        for cell in covers:
            self.supports_in.setdefault(cell, []).append(prop)
        self.items_in.setdefault(at, []).append(prop)
        return {*covers, at}

    def _remove(self, prop: Prop) -> set[tuple[int, int]]:
        _, covers, at = _placement(prop)
        for cell in covers:
            self.supports_in[cell] = [p for p in self.supports_in.get(cell, []) if p is not prop]
        self.items_in[at] = [p for p in self.items_in.get(at, []) if p is not prop]
        self.found.pop(prop.name, None)
        return {*covers, at}

    def _solve(self, cell: tuple[int, int]) -> None:
        items = self.items_in.get(cell, [])
        for item in items:
            self.found.pop(item.name, None)
        supports = self.supports_in.get(cell)
        if not items or not supports:
            return
        spots = np.array([p.position for p in items], dtype=np.float64)
        box = np.array([_placement(p)[0] for p in supports], dtype=np.float64)
        x, y, z = (spots[:, k][:, None] for k in range(3))
        same = np.array([id(i) for i in items])[:, None] == np.array([id(s) for s in supports])[None, :]
        rests = (
            (np.abs(y - box[:, 4]) < _REST_TOLERANCE)
            & (box[:, 0] <= x) & (x <= box[:, 2]) & (box[:, 1] <= z) & (z <= box[:, 3])
            & ~same
        )  # fmt: skip
        for row in np.flatnonzero(rests.any(axis=1)):
            self.found[items[int(row)].name] = supports[int(np.argmax(rests[row]))].name


_index_lock = threading.Lock()
_last_index: _SupportIndex | None = None


@functools.lru_cache(maxsize=1 << 15)
def _placement(
    prop: Prop,
) -> tuple[tuple[float, float, float, float, float], tuple[tuple[int, int], ...], tuple[int, int]]:
    """A prop's footprint and top ``(x0, z0, x1, z1, top)``, the floor cells it covers, and its own cell."""
    lo, hi = prop_bounds(prop)
    box = (float(lo[0]), float(lo[2]), float(hi[0]), float(hi[2]), float(hi[1]))
    covers = tuple(
        (cx, cz)
        for cx in range(_cell(box[0]), _cell(box[2]) + 1)
        for cz in range(_cell(box[1]), _cell(box[3]) + 1)
    )
    return box, covers, (_cell(prop.position[0]), _cell(prop.position[2]))


def _cell(coordinate: float) -> int:
    """The 0.5 m floor cell of a coordinate, for :func:`resting_supports`."""
    return math.floor(coordinate / 0.5)
