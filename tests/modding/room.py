"""A tiny orchestration for the example-mod tests: MindSession + ModHost, stepped like the app's loop.

Text goes through the same path the app uses: routing (MindSession), mods first
(ModdedBrain → ModHost.heard / reply / action), the brain otherwise; then the main-loop
work: ``tick``, ``apply`` (mods' queued world edits) and the world's own step.
"""

from __future__ import annotations

from pathlib import Path

from game.bus import EventBus
from game.events import Notice
from game.mind.memory import MemoryStore
from game.mind.persona import PERSONAS_DIR
from game.mind.protocols import Brain
from game.mind.session import Exchange, MindSession
from game.modding.brain import ModdedBrain
from game.modding.host import ModHost
from game.sim.scene import Scene, load_scene
from tests.support.fakes import FakeBrain

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


class Room:
    def __init__(
        self,
        tmp: Path,
        mods: list[str],
        scene: str = "default",
        brain: Brain | None = None,
        search: list[Path] | None = None,
    ) -> None:
        self.bus = EventBus()
        self.host = ModHost(self.bus, search or [SCRIPTS], enabled=mods, data_dir=tmp / "mod-data")
        self.said: list[tuple[str, str]] = []
        self.notices: list[Notice] = []
        probe = load_scene("default")
        self.session = MindSession(
            probe, ModdedBrain(self.host, brain or FakeBrain()), MemoryStore(tmp / "memory")
        )
        self.host.load(self.session.world)
        if scene != "default":
            self.use_scene(scene)
        self.drain()

    def use_scene(self, name: str) -> None:
        """Open a scene a mod provides, as the app does for ``--scene mod:name``."""
        found: Scene | None = self.host.scene(name)
        assert found is not None, f"no mod scene {name}: {self.host.status()}"
        personas = self.host.personas_dir(name) or PERSONAS_DIR
        brain = self.session.brain
        self.session = MindSession(
            found, brain, MemoryStore(self.session.store.folder), personas_dir=personas
        )
        self.host.set_world(self.session.world)
        assert not self.session.problems, self.session.problems

    @property
    def world(self):  # type: ignore[no-untyped-def]
        return self.session.world

    def say_line(self, npc: str, text: str) -> None:
        self.said.append((npc, text))

    def step(self, seconds: float = 0.1, dt: float = 1 / 30) -> None:
        t = 0.0
        while t < seconds - 1e-9:
            self.host.tick(dt, self.world)
            self.host.apply(self.world, self.say_line)
            self.world.tick(dt)
            t += dt
        self.drain()

    def hear(self, text: str, npc: str | None = None) -> Exchange:
        exchange = self.session.say(text, npc)
        assert exchange is not None, f"nobody heard {text!r}"
        self.host.apply(self.world, self.say_line)
        self.drain()
        return exchange

    def drain(self) -> None:
        self.notices += [e for e in self.bus.drain() if isinstance(e, Notice)]

    def errors(self) -> list[str]:
        self.drain()
        return [n.message for n in self.notices if n.level in ("error", "warning")]
