"""Test a mod without a window: a headless room with mods, typed lines and a fake clock.

A modder writes a pytest test against :class:`ModRoom` exactly as the app runs the
mod: the same mod host and loading rules, the same path for a typed line (routing, the
mods' intents and ``on_heard``, then the brain, then ``on_reply`` and the actions), and
the same main-loop work per step (``on_tick``, timers, queued edits, the world's own
step). Time only moves when the test says so (:meth:`ModRoom.advance`), so a test of a
``mod.every(2.0)`` timer takes no two seconds and never flakes::

    from game.modding.testing import ModRoom

    def test_hello(tmp_path):
        with ModRoom(["my-mod"], mods_dirs=["path/to/mods"], data_dir=tmp_path) as room:
            assert "Hello" in room.type("hello my mod", npc="Ada").reply.text
            room.advance(2.0)
            assert room.errors() == []

The brain that answers what no mod does is the game's default one, built only when a
line reaches it; pass ``brain=`` for another. ``voxroom chat --mods`` drives this room too.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from game.bus import EventBus
from game.events import Event, Notice
from game.mind.casting import Casting
from game.mind.memory import MemoryStore
from game.mind.protocols import Brain, MindContext, Reply
from game.mind.session import Exchange, MindSession
from game.modding.brain import ModdedBrain
from game.modding.host import ModHost
from game.modding.loader import is_mod_scene
from game.modding.wiring import OpenedScene, check_dirs, open_scene, search_dirs
from game.sim.scene import Vec3
from game.sim.world import World


class FakeClock:
    """Seconds that pass only when the test advances them (the mods' ``say`` limit reads it)."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        """The current fake time, in seconds."""
        return self.now


class _DefaultBrain:
    """The game's default brain, built on the first line that reaches it (mods often answer first)."""

    name = "embed"

    def __init__(self) -> None:
        self._brain: Brain | None = None

    def reply(self, utterance: str, context: MindContext) -> Reply:
        if self._brain is None:
            from game.mind.factory import make_brain

            self._brain, _ = make_brain("embed")
        return self._brain.reply(utterance, context)


class ModRoom:
    """A room with mods and no window; see the module docstring.

    ``mods``: names to load (found in the shipped examples, the user's mods folder and
    ``mods_dirs``; ``only_dirs=True`` searches ``mods_dirs`` alone; None loads every mod
    found). ``scene``: a scene name or ``mod:scene``. ``data_dir``: where mod data and
    the NPCs' memory go (default: a temporary folder removed by :meth:`close`).
    ``load=False`` waits for :meth:`load` (to write the mod's files first).
    ``store`` and ``mod_data_dir`` put the memory and the mods' data elsewhere (``voxroom
    chat`` uses the user's own). ``host_options`` go to :class:`ModHost` (``budget_s``…).
    """

    def __init__(
        self,
        mods: Sequence[str] | None = (),
        *,
        mods_dirs: Sequence[str | Path] = (),
        only_dirs: bool = False,
        scene: str = "default",
        brain: Brain | None = None,
        data_dir: str | Path | None = None,
        remember: bool = True,
        load: bool = True,
        clock: Callable[[], float] | None = None,
        store: MemoryStore | None = None,
        mod_data_dir: Path | None = None,
        **host_options: Any,
    ) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="voxroom-modroom-") if data_dir is None else None
        self.data_dir = Path(self._tmp.name if self._tmp is not None else str(data_dir))
        self._store = store
        self.clock = clock or FakeClock()
        self.bus = EventBus()
        self._mods_dirs = list(mods_dirs)
        dirs = [Path(d) for d in mods_dirs] if only_dirs else search_dirs(mods_dirs)
        self.host = ModHost(
            self.bus,
            dirs,
            enabled=None if mods is None else list(mods),
            data_dir=mod_data_dir or self.data_dir / "mod-data",
            clock=self.clock,
            **host_options,
        )
        self.events: list[Event] = []
        self.notices: list[Notice] = []
        self.said: list[tuple[str, str]] = []  # lines mods made NPCs say (mod.say)
        self.replies: list[Exchange] = []  # answers to typed lines
        self.user: Vec3 = (0.0, 1.6, 3.0)
        self._brain = ModdedBrain(self.host, brain or _DefaultBrain())
        self._remember = remember
        self._scene_name = scene
        self.session: MindSession | None = None
        self._opened: OpenedScene | None = None
        if not is_mod_scene(scene):
            self._open()  # the room exists before the mods load (a mod scene needs its mod first)
        if load:
            self.load()

    # --- setting up --------------------------------------------------------------------------
    def _open(self) -> OpenedScene:
        opened = open_scene(self.host, self._scene_name)
        casting = Casting.for_scene(opened.personas_dir, self.host.personas)
        store = self._store or MemoryStore(self.data_dir / "memory")
        world = World(opened.scene)
        self.session = MindSession(
            opened.scene, self._brain, store, remember=self._remember, world=world, casting=casting
        )
        self.user = opened.scene.spawn.position
        self._opened = opened
        return opened

    def load(self) -> None:
        """Load the mods and run their ``on_load`` (and their first edits), as the app does at start."""
        check_dirs(self._mods_dirs)  # by now the test has written its mods there
        opened = self._opened or self._open()
        if opened.loaded:
            self.host.set_world(self.world)
        else:
            self.host.load(self.world)
        self.host.user_moved(self.user)
        self._apply()

    @property
    def world(self) -> World:
        """The room as it is now."""
        if self.session is None:
            raise RuntimeError("call load() first")
        return self.session.world

    # --- what the user does ------------------------------------------------------------------
    def type(self, text: str, npc: str | None = None) -> Exchange | None:
        """A typed line, to ``npc`` or to whoever the app would route it; None when nobody hears.

        Mods answer first (intents, ``on_heard``), then the brain; replies pass ``on_reply``
        and actions ``on_action``; the edits the mods queued are carried out before it returns.
        """
        if self.session is None:
            raise RuntimeError("call load() first")
        self.session.user_position = self.user
        exchange = self.session.say(text, npc)
        if exchange is not None:
            self.replies.append(exchange)
        self._apply()
        return exchange

    def walk_to(self, position: Vec3) -> None:
        """Move the user (their eye position): zones fire ``on_enter`` / ``on_leave``."""
        self.user = (float(position[0]), float(position[1]), float(position[2]))
        self.host.user_moved(self.user)
        self._apply()

    def key(self, name: str) -> None:
        """Press a key (pygame's name, e.g. ``"f6"``)."""
        self.host.key(name)
        self._apply()

    def advance(self, seconds: float, dt: float = 1 / 30) -> None:
        """Let ``seconds`` of simulated time pass in steps of ``dt``: ``on_tick``, timers, edits, walking."""
        steps = max(1, round(seconds / dt))
        for _ in range(steps):
            if isinstance(self.clock, FakeClock):
                self.clock.now += dt
            self.host.tick(dt, self.world)
            self._apply()
            self.world.tick(dt)

    def reload(self) -> None:
        """Reload mods whose files changed (the app polls this a few times a second)."""
        self.host.poll_reload(self.world)
        self._apply()

    # --- what happened -------------------------------------------------------------------------
    def drain(self) -> list[Event]:
        """Collect the events posted since the last call (notices, asset changes); returns the new ones."""
        new = self.bus.drain()
        self.events += new
        self.notices += [e for e in new if isinstance(e, Notice)]
        return new

    def messages(self, level: str | None = None) -> list[str]:
        """The notices' texts so far (of one level: ``info``, ``warning``, ``error``)."""
        self.drain()
        return [n.message for n in self.notices if level is None or n.level == level]

    def errors(self) -> list[str]:
        """Warnings and errors so far: a mod that failed, an edit that could not be made."""
        self.drain()
        return [n.message for n in self.notices if n.level in ("error", "warning")]

    def state(self, mod: str) -> str:
        """``loaded``, ``disabled`` or ``error``."""
        return next((s.state for s in self.host.status() if s.name == mod), "not found")

    # --- the end -------------------------------------------------------------------------------
    def close(self) -> None:
        """Unload the mods (``on_unload``, data saved) and remove the temporary folder."""
        self.host.shutdown()
        self.drain()
        if self._tmp is not None:
            self._tmp.cleanup()

    def __enter__(self) -> ModRoom:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _apply(self) -> None:
        if self.session is not None:
            self.host.apply(self.session.world, lambda npc, text: self.said.append((npc, text)))
        self.drain()
