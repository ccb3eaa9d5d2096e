"""Calling into a mod so the app survives it: one policy for every piece of mod code.

Loading (``on_load``), hot reload (``on_reload``) and the app's events (``on_tick`` …) all
call mods through :meth:`Guard.call`, so the rules live in one place: an exception is
reported with the mod's name and a traceback summary (the full traceback goes to the log),
a hook slower than its budget is reported (at most every 5 s per hook), a hook that never
returns is abandoned after ``limit_s`` and its mod disabled, and a mod that fails
``max_failures`` times is disabled. The app never goes down with a mod.
"""

from __future__ import annotations

import logging
import math
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.bus import EventBus
from game.events import Notice
from game.mind.persona import Persona
from game.modding import loader
from game.modding.api import Mod
from game.modding.loader import Manifest
from game.modding.runner import Runner
from game.sim.scene import Scene

log = logging.getLogger("game.modding")


@dataclass
class ModEntry:
    """One mod folder as the host knows it: the running version, its state, and what it provides.

    It outlives the :class:`Mod` objects: a hot reload swaps ``mod`` and keeps the entry,
    so a failed reload can leave the previous version running.
    """

    name: str
    folder: Path
    manifest: Manifest | None = None
    mod: Mod | None = None
    state: str = "error"
    error: str = ""
    failures: int = 0
    scenes: dict[str, Scene] = field(default_factory=dict)
    personas: dict[str, Persona] = field(default_factory=dict)
    inside: set[str] = field(default_factory=set)
    warned: dict[str, float] = field(default_factory=dict)
    carried: Any = None  # what on_unload returned when the mod was disabled, for the fixed version


class Guard:
    """Runs mod code on one worker thread under the rules in the module docstring, and reports."""

    def __init__(self, bus: EventBus, budget_s: float, limit_s: float, max_failures: int) -> None:
        self.bus = bus
        self.budget_s, self.limit_s = budget_s, limit_s
        self.max_failures = max_failures
        self.runner = Runner()

    def call(self, entry: ModEntry, label: str, fn: Callable[..., Any], *args: Any) -> tuple[bool, Any]:
        """Run one hook in isolation; returns (ok, value)."""
        if entry.state != "loaded":
            return False, None
        outcome = self.runner.call(fn, args, self.limit_s)
        if outcome.timed_out:
            self.disable(
                entry,
                f"{entry.name}: {label} did not return within {self.limit_s:g} s (an endless loop?); "
                "the mod is disabled",
                hung=True,
            )
            return False, None
        if outcome.error is not None:
            entry.failures += 1
            summary = loader.summarise(outcome.error, entry.folder)
            entry.error = f"{label} failed: {summary}"
            self.log_traceback(entry.name, outcome.error)
            if entry.failures >= self.max_failures:
                self.disable(
                    entry,
                    f"{entry.name}: {label} failed: {summary}; disabled after {entry.failures} failures",
                )
            else:
                self.report(entry.name, f"{entry.name}: {label} failed: {summary}", "error")
            return False, None
        if outcome.elapsed > self.budget_s:
            last = entry.warned.get(label, -math.inf)
            if time.monotonic() - last > 5.0:
                entry.warned[label] = time.monotonic()
                self.report(
                    entry.name,
                    f"{entry.name}: {label} took {outcome.elapsed * 1000:.0f} ms "
                    f"(budget {self.budget_s * 1000:.0f} ms)",
                    "warning",
                )
        return True, outcome.value

    def disable(self, entry: ModEntry, why: str, hung: bool = False) -> None:
        """Stop calling the mod (its data is saved first) and say why.

        Its ``on_unload`` still runs (unless the mod is stuck in a hook), and what it returns
        is kept for the fixed version's ``on_reload``: a disabled mod loses no state.
        """
        if not hung and entry.mod is not None:
            for fn in entry.mod.hooks["on_unload"]:
                outcome = self.runner.call(fn, (), self.limit_s)
                if outcome.error is None and not outcome.timed_out and outcome.value is not None:
                    entry.carried = outcome.value
        entry.state, entry.error = "disabled", why
        self.save(entry)
        self.report(entry.name, why, "error")

    def save(self, entry: ModEntry) -> None:
        """Write the mod's data; a failure is reported, since losing it silently would surprise the author."""
        if entry.mod is None:
            return
        try:
            entry.mod.save_data()
        except (OSError, TypeError, ValueError) as exc:
            self.report(entry.name, f"{entry.name}: could not save its data: {exc}", "error")

    def report(self, mod: str, message: str, level: str) -> None:
        """Log a message and post it as a Notice for the HUD, tagged ``mod:<name>``."""
        getattr(log, "info" if level == "info" else level)("%s", message)
        self.bus.put(Notice(source=f"mod:{mod}", message=message, level=level))

    def log_traceback(self, mod: str, exc: BaseException) -> None:
        """Put the full traceback in the log; the HUD gets only the summary."""
        log.error("mod %s raised:\n%s", mod, "".join(traceback.format_exception(exc)).rstrip())
