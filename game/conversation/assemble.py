"""Assemble the live conversation stack for a scene: world, mind, speech, playback.

Shared by the desktop app, ``voxroom simulate`` and the benchmarks so they all run the
same composition. Every engine that cannot start degrades with a one-line message (on
the bus) instead of stopping the room: no sound card → silent mixer with subtitles, no
generative model → the default brain, no espeak-ng → subtitles only.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from game.bus import EventBus
from game.conversation.live import Conversation
from game.conversation.runtime import Runtime
from game.conversation.watchdog import Deadlines, Watchdog
from game.events import Notice
from game.hearing.echo import EchoGuard
from game.mind.casting import Casting
from game.mind.factory import make_brain
from game.mind.memory import MemoryStore
from game.mind.protocols import Brain
from game.mind.session import MindSession
from game.mind.worker import BrainWorker
from game.sim.anim.appearance import Appearance
from game.sim.scene import Scene
from game.sim.world import World
from game.speaking.playback import MIXER_BUFFER, Player, init_mixer
from game.speaking.speaker import SpeechWorker
from game.speaking.tts import PyttsxSynthesizer, SilentSynthesizer, Synthesizer, persona_voice

BrainBuild = tuple[Brain, list[str]]


def start_brain(kind: str = "embed", model: str = "") -> Future[BrainBuild]:
    """Begin building the brain on a thread, so it loads while the scene, mods and voices do.

    The app starts this right after the loading screen appears: the brain (about 0.7 s
    warm) then overlaps the rest of the start instead of adding to it.
    """
    future: Future[BrainBuild] = Future()

    def build() -> None:
        try:
            future.set_result(make_brain(kind, model))
        except BaseException as exc:  # handed to whoever waits on the result
            future.set_exception(exc)

    threading.Thread(target=build, name="brain-start", daemon=True).start()
    return future


def build_runtime(
    scene: Scene,
    bus: EventBus,
    *,
    brain: str | Future[BrainBuild] = "embed",
    llama_model: str = "",
    synthesizer: Synthesizer | None = None,
    memory_dir: Any = None,
    world: World | None = None,
    mods: Any = None,
    personas_dir: Path | None = None,
    output_device: str = "",
    deadlines: Deadlines | None = None,
    progress: Callable[[str], None] | None = None,
) -> Runtime:
    """Assemble the stack; problems are posted to the bus as notices and kept in ``problems``.

    ``personas_dir`` is where the scene's NPCs are described (a mod scene's own folder, searched
    before the game's); ``mods`` is the mod host (its personas serve the NPCs mods spawn);
    ``output_device`` names the speakers ("" = the system default); ``deadlines`` says when
    a brain, TTS or recognizer thread counts as hung; ``progress`` hears "brain" and "voices"
    as each is ready (the loading screen). ``brain`` is a brain name, or the future of one
    already loading (:func:`start_brain`).
    """
    done = progress or (lambda _stage: None)
    problems = _open_audio(output_device)
    synthesizer = synthesizer or _default_synthesizer(problems)
    built = brain.result() if isinstance(brain, Future) else make_brain(brain, llama_model)
    brain_impl, brain_problems = built
    problems += brain_problems
    done("brain")
    store = MemoryStore(memory_dir) if memory_dir is not None else None
    extra: dict[str, Any] = {"personas_dir": personas_dir} if personas_dir is not None else {}
    # A mod scene's personas first, then the game's; NPCs a mod spawns use the mod's (mod:name).
    casting = Casting.for_scene(personas_dir, mods.personas) if mods is not None else None
    session = MindSession(scene, brain_impl, store=store, world=world, casting=casting, **extra)
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
    brain_worker = BrainWorker(bus, brain_impl)
    speech = SpeechWorker(bus, synthesizer)
    done("voices")
    player = Player()
    echo = EchoGuard()
    watchdog = Watchdog(deadlines)
    conversation = Conversation(
        bus, session, brain_worker, speech, player, voices, echo=echo, mods=mods, watchdog=watchdog
    )
    for problem in problems:
        bus.put(Notice(source="setup", message=problem, level="warning"))
    return Runtime(bus, world, session, brain_worker, speech, player, conversation, echo, problems=problems)


def _open_audio(output_device: str) -> list[str]:
    """Open the speakers (a named device, else the default; else silent), returning problems."""
    problems = _open_speakers(output_device) if output_device else []
    sound = init_mixer()
    return [*problems, sound] if sound else problems


def _default_synthesizer(problems: list[str]) -> Synthesizer:
    """pyttsx3 (espeak-ng), or timed silence with subtitles when it cannot start."""
    try:
        return PyttsxSynthesizer()
    except (ImportError, RuntimeError, OSError) as exc:
        problems.append(f"text to speech unavailable ({exc}); NPCs answer in subtitles only")
        return SilentSynthesizer()


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
