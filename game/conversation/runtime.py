"""The running conversation stack (built by :mod:`game.conversation.assemble`) and its live switches.

The running stack can change its microphone, recognizer, speakers, brain and personas
without a restart: each is rebuilt off the main thread and swapped in on a tick, and
whatever cannot start leaves the old one running with a one-line notice. A recognizer
that hangs is rebuilt here (brain and TTS hangs are the conversation's).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

from game.bus import EventBus
from game.choices import EngineName
from game.conversation.live import Conversation
from game.conversation.watchdog import Watchdog
from game.dispatch import Dispatch, event_types, handles
from game.events import BrainLoaded, Event, HearingLoaded, HearingStatus, Notice
from game.hearing.echo import EchoGuard
from game.hearing.engines import HearingChoice
from game.mind.factory import make_brain
from game.mind.protocols import Brain
from game.mind.session import MindSession
from game.mind.worker import BrainWorker
from game.sim.scene import Scene
from game.sim.world import World
from game.speaking.playback import Player, reopen_mixer
from game.speaking.speaker import SpeechWorker
from game.speaking.tts import persona_voice

# Builds a hearing pipeline for a choice and the scene on screen (its phrases make the grammar).
HearingFactory = Callable[[HearingChoice, Scene], Any]


@dataclass
class Runtime:
    """Everything that talks; :meth:`stop` ends every worker thread within about a second.

    ``hearing_factory`` (set by the app) rebuilds hearing for a new :class:`HearingChoice`;
    without it, hearing settings cannot change and a hung recognizer is switched off.
    """

    bus: EventBus
    world: World
    session: MindSession
    brain: BrainWorker
    speech: SpeechWorker
    player: Player
    conversation: Conversation
    echo: EchoGuard
    hearing: Any = None
    problems: list[str] = field(default_factory=list)
    hearing_factory: HearingFactory | None = None
    hearing_choice: HearingChoice = field(default_factory=HearingChoice)
    _hearing_request: int = field(default=0, repr=False)
    _hearing_loading: bool = field(default=False, repr=False)
    _abandon_old: bool = field(default=False, repr=False)  # the running pipeline is stuck
    _brain_request: int = field(default=0, repr=False)
    _names_heard: frozenset[str] | None = field(default=None, repr=False)  # NPC names in the grammar

    @property
    def watchdog(self) -> Watchdog:
        """The conversation's watchdog, which also watches hearing."""
        return self.conversation.watchdog

    def start(self) -> None:
        """Start the worker threads (and the microphone, if any)."""
        self.brain.start()
        self.speech.start()
        if self.hearing is not None:
            self.hearing.start()

    def stop(self) -> None:
        """Stop everything within about a second; safe to call twice.

        Every thread is told first, then they share one deadline, so a hung engine costs
        the wait once. The capture device is closed before SDL shuts down (by the hearing
        thread, or from here when that thread is stuck); a thread still stuck is abandoned.
        """
        deadline = time.monotonic() + 1.0

        def left() -> float:
            return max(0.05, deadline - time.monotonic())

        if self.hearing is not None:
            self.hearing.stop_event.set()
        self.brain.stop.set()
        self.speech.stop_event.set()
        if self.hearing is not None:
            self.hearing.stop(left())
            self.hearing.worker.recognizer.close()
        self.brain.join(left())
        self.speech.stop(left())
        self.player.stop_all()

    def handle(self, event: Event) -> str:
        """Apply one drained bus event: a loaded brain or recognizer here, the rest in the conversation.

        Returns "" or what a background switch did, for the settings overlay's status line.
        """
        outcome = _DISPATCH(self, event)
        if outcome is None:
            self.conversation.handle(event)
            return ""
        return str(outcome)

    def tick(self, dt: float) -> None:
        """Main thread, once per step: watch hearing, run the conversation."""
        self._watch_hearing()
        self._hear_new_names()
        self.conversation.tick(dt)

    def _hear_new_names(self) -> None:
        """A mod spawned an NPC: rebuild the recognizer (off this thread) so its name can be said.

        A grammar or domain model only knows the names it was built with; the old pipeline
        keeps listening until the new one is ready. Typed lines reach the NPC at once.
        """
        names = frozenset(n.name for n in self.world.scene.npcs)
        if self._names_heard is None or self.hearing is None or self.hearing_factory is None:
            self._names_heard = names
            return
        if names <= self._names_heard or self._hearing_loading:
            return
        self._names_heard = names
        self.rebuild_hearing(self.hearing_choice)

    def replace_world(self, scene: Scene) -> World:
        """A reloaded scene: a new world with the same characters' looks, shared by everyone."""
        world = World(scene, self.world.appearances)
        self.world = self.session.world = self.conversation.world = world
        return world

    def reload_personas(self, changed: set[Path]) -> list[tuple[str, str]]:
        """Persona files changed on disk: new lines, facts, voice and look; a broken file keeps the old."""
        lines = self.session.reload_personas(changed)
        for npc, persona in self.session.personas.items():
            v = persona.voice
            self.conversation.voicing.voices[npc] = persona_voice(v.voice, v.rate, v.pitch, v.volume)
            self.world.appearances[npc] = persona.appearance
        return lines

    def load_brain(self, kind: str, model: str) -> None:
        """Build a brain off the main thread; it arrives on the bus as :class:`BrainLoaded`."""
        self._brain_request += 1
        request, bus = self._brain_request, self.bus

        def build() -> None:
            brain, problems = make_brain(kind, model)
            bus.put(BrainLoaded(request=request, choice=kind, brain=brain, problems=tuple(problems)))

        threading.Thread(target=build, name="brain-loader", daemon=True).start()

    @handles(BrainLoaded)
    def _on_brain_loaded(self, event: BrainLoaded) -> str:
        """Swap in a loaded brain, unless the user has since chosen another."""
        if event.request != self._brain_request:
            return ""
        self.set_brain(event.brain)
        name = str(getattr(event.brain, "name", event.choice))
        for problem in event.problems:
            self.bus.put(Notice(source="mind", message=problem, level="warning"))
        self.bus.put(Notice(source="mind", message=f"brain switched to {name}"))
        return f"brain {name} ready"

    def set_brain(self, brain: Brain) -> None:
        """Swap the dialogue backend (the settings overlay); the next request uses the new one."""
        self.brain.set_brain(brain)
        self.session.brain = brain

    # --- hearing and speakers, live ---------------------------------------------------------
    def switch_hearing(self, key: str, value: object) -> str:
        """A new microphone, recognizer or Vosk model from the overlay: rebuilt in the background."""
        choice = self.hearing_choice
        if key == "audio.microphone":
            choice = replace(choice, microphone=str(value))
        elif key == "hearing.engine":
            choice = replace(choice, engine=cast(EngineName, value))
        else:  # the overlay's model is an explicit choice: a broken one is reported, not skipped
            choice = replace(choice, model=str(value) or None, config_model=None)
        return self.rebuild_hearing(choice)

    @property
    def hearing_loading(self) -> bool:
        """A pipeline is being built in the background (its :class:`HearingLoaded` not yet handled)."""
        return self._hearing_loading

    def rebuild_hearing(self, choice: HearingChoice, *, abandon_old: bool = False) -> str:
        """Build a pipeline for ``choice`` off the main thread; it arrives as :class:`HearingLoaded`.

        The old pipeline keeps listening until the new one is ready; if the build fails
        (a missing model) it stays, with a notice. A named microphone that is not connected
        fails at once, before anything is built. ``abandon_old``: the running pipeline is
        stuck (the watchdog), so it is not waited for. Returns a status line for the overlay.
        """
        if self.hearing_factory is None:
            return "voice input is off in this run"
        abandon_old = abandon_old or (self._hearing_loading and self._abandon_old)
        if self.hearing is not None:
            choice = replace(choice, mode=self.hearing.mode)
        if choice.microphone and choice.microphone != self.hearing_choice.microphone:
            from game.hearing.capture import check_microphone

            problem = check_microphone(choice.microphone)
            if problem:
                return self._hearing_failed(problem)
        factory, scene, bus = self.hearing_factory, self.world.scene, self.bus
        self._hearing_request += 1  # a newer request supersedes an older one still loading
        request = self._hearing_request
        self._hearing_loading, self._abandon_old = True, abandon_old

        def run() -> None:
            pipeline, error = None, ""
            try:
                pipeline = factory(choice, scene)
            except Exception as exc:  # a missing model or file: the old pipeline stays
                error = " ".join(str(exc).split()) or type(exc).__name__
            bus.put(HearingLoaded(request=request, choice=choice, pipeline=pipeline, error=error))

        threading.Thread(target=run, name="hearing-loader", daemon=True).start()
        return "starting the new recognizer…"

    @handles(HearingLoaded)
    def _on_hearing_loaded(self, event: HearingLoaded) -> str:
        """Swap in a finished build (main thread); "" or what happened."""
        if event.request != self._hearing_request:
            if event.pipeline is not None:
                event.pipeline.worker.recognizer.close()  # superseded: e.g. its helper process
            return ""
        abandon, self._hearing_loading, self._abandon_old = self._abandon_old, False, False
        if event.error:
            if abandon:
                return self._hearing_off(f"speech recognition could not restart ({event.error})")
            return self._hearing_failed(event.error)
        self.replace_hearing(event.pipeline, abandon=abandon)
        self.hearing_choice = event.choice
        message = f"now {self._describe_hearing()}"
        self.bus.put(Notice(source="hearing", message=message))
        return message

    def replace_hearing(self, new: Any, *, abandon: bool = False) -> None:
        """Stop the running pipeline (its thread closes the microphone), then start ``new``.

        ``abandon``: the old pipeline is stuck in its recognizer; its device is closed from
        here and its thread left behind instead of waited for. The listening mode carries over.
        """
        old, self.hearing = self.hearing, new
        if old is not None:
            if abandon:
                old.abandon()
            else:
                old.stop(1.0)
            if new is None or new.worker.recognizer is not old.worker.recognizer:
                old.worker.recognizer.close()  # e.g. pocketsphinx's helper process
            if new is not None and new.mode != old.mode:
                new.mode = old.mode
                new.worker.set_mode(old.mode)
        if new is not None:
            new.start()

    def switch_speakers(self, device: str) -> str:
        """Re-open the mixer on ``device`` ("" = system default); returns "" or why it fell back.

        What is playing stops. SDL closes every audio device with the mixer, so hearing is
        stopped first (closing the microphone through its own thread) and resumes on a fresh
        thread with the same recognizer; the player starts afresh on the new mixer.
        """
        self.conversation.stop_speaking()
        self.player.stop_all()
        hearing = self.hearing
        if hearing is not None:
            hearing.stop(1.0)
        problem = reopen_mixer(device)
        self.player.reset()
        if hearing is not None:
            if hearing.abandoned:  # stuck in its recognizer: a fresh thread would be stuck too
                self.hearing = None
                self.rebuild_hearing(self.hearing_choice)
            else:
                self.hearing = hearing.fresh()
                self.hearing.start()
        if problem:
            self.bus.put(Notice(source="sound", level="warning", message=problem))
        return problem

    def _watch_hearing(self) -> None:
        hearing = self.hearing
        if hearing is None or (self._hearing_loading and self._abandon_old):
            return
        hang = self.watchdog.check("hearing", hearing)
        if hang is None:
            return
        seconds = f"{self.watchdog.deadline('hearing'):g} s"
        if self.hearing_factory is None or hang.strikes >= 2:
            self._hearing_off(f"speech recognition hung for {seconds}")
            return
        self.bus.put(
            Notice(
                source="hearing",
                level="warning",
                message=f"speech recognition did not answer in {seconds}; restarting it "
                "(type with Enter or T meanwhile)",
            )
        )
        self.rebuild_hearing(self.hearing_choice, abandon_old=True)

    def _describe_hearing(self) -> str:
        if self.hearing is None:
            return "no voice input"
        engine = self.hearing.worker.recognizer.name
        return f"{engine} on {self.hearing_choice.microphone or 'the default microphone'}"

    def _hearing_failed(self, why: str) -> str:
        message = f"not switched: {why}; keeping {self._describe_hearing()}"
        self.bus.put(Notice(source="hearing", level="warning", message=message))
        return message

    def _hearing_off(self, why: str) -> str:
        """Give up on voice input (text still works): the pipeline is stuck and cannot be rebuilt."""
        hearing, self.hearing = self.hearing, None
        if hearing is not None:
            hearing.abandon()
            self.bus.put(HearingStatus(engine=hearing.worker.recognizer.name, mode="text"))
        message = f"{why}; voice input is off — type with Enter or T"
        self.bus.put(Notice(source="hearing", level="error", message=message))
        return message

    def threads_alive(self) -> list[str]:
        """Names of worker threads still running (for the clean-exit check).

        Threads abandoned because they hung in an engine (renamed ``…-abandoned``) are not
        counted: Python cannot stop them, they are daemons that end with the process, and
        their microphone, if any, was already closed.
        """
        names = {"brain-worker", "tts-worker", "hearing"}
        return [t.name for t in threading.enumerate() if t.name in names and t.is_alive()]


# The conversation gets every event the runtime does not act on itself.
_DISPATCH = Dispatch(Runtime, ignored=[t for t in event_types() if t not in (BrainLoaded, HearingLoaded)])
