"""The example-mod tests' room: :class:`game.modding.testing.ModRoom` with the fake brain and given folders.

Kept as a thin adapter so the tests read as before (``hear`` asserts somebody answered,
``step`` advances the fake clock); the room itself is the public one modders use.
"""

from __future__ import annotations

from pathlib import Path

from game.mind.protocols import Brain
from game.mind.session import Exchange
from game.modding.testing import ModRoom
from tests.support.fakes import FakeBrain

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


class Room(ModRoom):
    def __init__(
        self,
        tmp: Path,
        mods: list[str],
        scene: str = "default",
        brain: Brain | None = None,
        search: list[Path] | None = None,
    ) -> None:
        super().__init__(
            mods,
            mods_dirs=search or [SCRIPTS],
            only_dirs=True,
            scene=scene,
            brain=brain or FakeBrain(),
            data_dir=tmp,
        )

    def step(self, seconds: float = 0.1, dt: float = 1 / 30) -> None:
        self.advance(seconds, dt)

    def hear(self, text: str, npc: str | None = None) -> Exchange:
        exchange = self.type(text, npc)
        assert exchange is not None, f"nobody heard {text!r}"
        return exchange
