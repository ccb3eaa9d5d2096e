"""Build the live conversation stack for a scene: world, mind, speech, playback, hearing.

Shared by the desktop app, ``voxroom simulate`` and the benchmarks so they all run the
same pipeline. Every engine that cannot start degrades with a one-line message (on
the bus) instead of stopping the room: no sound card → silent mixer with subtitles,
no microphone → text mode, no generative model → the default brain.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.bus import EventBus
from game.conversation import Conversation
from game.events import Notice
from game.mind.factory import make_brain
from game.mind.protocols import Brain
from game.mind.session import MindSession
from game.mind.worker import BrainWorker
from game.sim.anim.appearance import Appearance
from game.sim.scene import Scene
from game.sim.world import World
from game.voice.echo import EchoGuard
from game.voice.playback import MIXER_BUFFER, Player, init_mixer
from game.voice.speaker import SpeechWorker
from game.voice.tts import Synthesizer, VoiceSpec


def persona_voice(voice: str, rate: int, pitch: int, volume: float) -> VoiceSpec:
    """A persona's ``[voice]`` as a :class:`VoiceSpec` (``en-gb+f3`` splits into voice and variant)."""
    name, _, variant = voice.partition("+")
    return VoiceSpec(
        name or "en-us",
        variant,
        int(min(max(rate, 80), 450)),
        int(min(max(pitch, 0), 100)),
        float(min(max(volume, 0.0), 1.0)),
    )


@dataclass
class Runtime:
    """Everything that talks; :meth:`stop` ends every worker thread within about a second."""

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

    def start(self) -> None:
        """Start the worker threads (and the microphone, if any)."""
        self.brain.start()
        self.speech.start()
        if self.hearing is not None:
            self.hearing.start()

    def stop(self) -> None:
        """Stop everything; safe to call twice."""
        if self.hearing is not None:
            self.hearing.stop(1.5)  # the capture device must be closed before SDL shuts down
        self.brain.join(0.5)
        self.speech.stop(0.5)
        self.player.stop_all()

    def replace_world(self, scene: Scene) -> World:
        """A reloaded scene: a new world with the same characters' looks, shared by everyone."""
        world = World(scene, self.world.appearances)
        self.world = self.session.world = self.conversation.world = world
        return world

    def set_brain(self, brain: Brain) -> None:
        """Swap the dialogue backend (the settings overlay); the next request uses the new one."""
        self.brain.set_brain(brain)
        self.session.brain = brain

    def threads_alive(self) -> list[str]:
        """Names of worker threads still running (for the clean-exit check)."""
        names = {"brain-worker", "tts-worker", "hearing"}
        return [t.name for t in threading.enumerate() if t.name in names and t.is_alive()]


def build_runtime(
    scene: Scene,
    bus: EventBus,
    *,
    brain: str = "embed",
    llama_model: str = "",
    synthesizer: Synthesizer | None = None,
    memory_dir: Any = None,
    world: World | None = None,
    mods: Any = None,
    personas_dir: Path | None = None,
    output_device: str = "",
) -> Runtime:
    """Assemble the stack; problems are posted to the bus as notices and kept in ``problems``.

    ``personas_dir`` is where the scene's NPCs are described (a mod scene's own folder);
    ``output_device`` names the speakers ("" = the system default).
    """
    problems: list[str] = []
    if output_device:
        problems += _open_speakers(output_device)
    sound = init_mixer()
    if sound:
        problems.append(sound)
    from game.mind.memory import MemoryStore

    brain_impl, brain_problems = make_brain(brain, llama_model)
    problems += brain_problems
    store = MemoryStore(memory_dir) if memory_dir is not None else None
    extra: dict[str, Any] = {"personas_dir": personas_dir} if personas_dir is not None else {}
    session = MindSession(scene, brain_impl, store=store, world=world, **extra)
    problems += session.problems
    appearances: dict[str, Appearance] = {n: p.appearance for n, p in session.personas.items()}
    for persona in session.personas.values():
        problems += list(persona.problems)
    if world is None:
        world = World(scene, appearances)
        session.world = world
    else:
        world.appearances.update(appearances)
    voices = {
        n: persona_voice(p.voice.voice, p.voice.rate, p.voice.pitch, p.voice.volume)
        for n, p in session.personas.items()
    }
    if synthesizer is None:
        from game.voice.tts import PyttsxSynthesizer

        try:
            synthesizer = PyttsxSynthesizer()
        except (ImportError, RuntimeError, OSError) as exc:
            from game.voice.tts import FakeSynthesizer

            problems.append(f"text to speech unavailable ({exc}); NPCs answer in subtitles only")
            synthesizer = _SilentSynthesizer(FakeSynthesizer())
    brain_worker = BrainWorker(bus, brain_impl)
    speech = SpeechWorker(bus, synthesizer)
    player = Player()
    echo = EchoGuard()
    conversation = Conversation(bus, session, brain_worker, speech, player, voices, echo=echo, mods=mods)
    for problem in problems:
        bus.put(Notice(source="setup", message=problem, level="warning"))
    return Runtime(bus, world, session, brain_worker, speech, player, conversation, echo, problems=problems)


def _open_speakers(name: str) -> list[str]:
    """Open the mixer on the named output device; a missing one falls back to the default."""
    import pygame

    if pygame.mixer.get_init():
        return []
    try:
        pygame.mixer.init(frequency=22050, size=-16, channels=2, buffer=MIXER_BUFFER, devicename=name)
    except pygame.error as exc:
        return [f"speakers {name!r} not available ({exc}); using the system default"]
    return []


class _SilentSynthesizer:
    """When espeak-ng is missing: timed silence, so subtitles still reveal word by word."""

    name = "silent"

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def synthesize(self, text: str, voice: VoiceSpec) -> Any:
        from dataclasses import replace

        clip = self.inner.synthesize(text, voice)
        return replace(clip, samples=clip.samples * 0)
