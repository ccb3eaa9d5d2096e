"""``voxroom run`` from start to exit: config, mods, scene, window, runtime, then the loop.

Everything that is opened is registered on one :class:`~contextlib.ExitStack` as soon as
it exists, so an error at any step (a missing mod scene, no OpenGL, a broken shader)
closes exactly what was opened before it, in reverse order, and a normal exit does the same.
"""

from __future__ import annotations

import argparse
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import wait as futures_wait
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

import pygame

from game.bus import EventBus
from game.config import Config, load_config
from game.desktop.loading import LoadingScreen, stamp
from game.desktop.window import open_window
from game.errors import UserError
from game.events import Notice
from game.modding.loader import is_mod_scene, mods_to_load
from game.render.context import parse_size

if TYPE_CHECKING:  # the heavy modules load after the loading screen is up (see run_app)
    from game.conversation.runtime import Runtime
    from game.net.link import JoinAddress, RoomLink
    from game.sim.scene import Scene


BRAIN_EXIT_WAIT_S = 30.0
"""How long an exit waits for a brain still loading (a cold start takes a few seconds)."""


def mod_names(flag: str, config: Config) -> list[str]:
    """``--mods a,b`` added to the config file's ``mods.enabled`` (see :func:`mods_to_load`)."""
    return mods_to_load(flag, config.mods.enabled)


def configure(runtime: Runtime, config: Config) -> None:
    """Put the settings the conversation reads from the file into the running stack."""
    runtime.player.volume = config.audio.voice_volume
    runtime.conversation.audible_backchannels = config.audio.backchannels
    runtime.conversation.initiative.scenes = config.conversation.scenes


def attach_hearing(
    runtime: Runtime, scene: Scene, args: argparse.Namespace, config: Config, phrases: list[str]
) -> None:
    """Give the runtime its hearing pipeline, and the factory that rebuilds it when a setting changes.

    Flags win over the config file at start; later the overlay's choice wins over both.
    A model or ``--mic-file`` named but unusable raises :class:`UserError`.
    """
    from game.hearing.engines import HearingChoice, choice_from_args, pipeline_for
    from game.mind.phrasings import sentences_for_hearing

    args.engine = args.engine or config.hearing.engine
    args.mic = args.mic or config.audio.microphone or None
    args.ptt = args.ptt or config.hearing.mode == "ptt"
    args.endpointing = getattr(args, "endpointing", None) or config.hearing.endpointing
    bus, echo = runtime.bus, runtime.echo

    def hearing_factory(choice: HearingChoice, scene: Scene) -> Any:
        talk = sentences_for_hearing(runtime.session.personas.values())  # read at each rebuild
        return pipeline_for(bus, scene, choice, args, extra_phrases=phrases, echo=echo, talk=talk)

    runtime.hearing_factory = hearing_factory
    runtime.hearing_choice = choice_from_args(args, config.hearing.vosk_model)
    runtime.hearing = hearing_factory(runtime.hearing_choice, scene)


def join_room(
    address: JoinAddress, args: argparse.Namespace, bus: EventBus, loading: LoadingScreen
) -> RoomLink:
    """``--join``: connect to the shared room and take its scene (``args.scene``) before anything loads."""
    from game.net.link import RoomLink

    loading.show("room", f"joining {address.room}…")
    link = RoomLink(address, bus, display=args.name, colour=args.colour)
    args.scene = link.join()
    loading.show("room", f"{address.room} as {address.user}")
    return link


def run_app(args: argparse.Namespace) -> int:
    """``voxroom run``: read the config, load the mods and the scene, open the window, run the loop."""
    config, config_problems = load_config()
    bus = EventBus()
    for problem in config_problems:
        bus.put(Notice(source="config", message=problem, level="warning"))
    joining = getattr(args, "join", "")
    address = None
    if joining:  # a mistyped address is reported before a window opens
        from game.net.link import JoinAddress

        address = JoinAddress.parse(joining)
    # A shared room is the host's: its scene and NPC minds (local mods would show a different room).
    names = [] if joining else mods_to_load(getattr(args, "mods", "") or "", config.mods.enabled, args.scene)
    mod_scene = args.scene if is_mod_scene(args.scene) else ""
    runtime: Runtime | None = None

    def release_sdl() -> None:
        # Closing SDL while the capture thread still holds its device can deadlock in SDL's
        # audio lock; if a worker is still alive, leave the cleanup to process exit.
        if runtime is None or not runtime.threads_alive():
            pygame.quit()

    with ExitStack() as stack:
        stack.callback(stamp, "exit")  # runs last: everything else is closed by then
        stack.callback(release_sdl)
        size = parse_size(args.size)
        ctx = open_window(size, args.fullscreen)  # first, so the loading screen shows at once
        loading = LoadingScreen(ctx, size, config.display.text_size)
        loading.show()
        # Imported only now: about 0.4 s of imports would otherwise keep the window black.
        from game.conversation.assemble import build_runtime, start_brain

        brain = start_brain(args.brain or config.mind.brain, args.llama_model or config.mind.model)
        # An early error (a wrong --scene) must not exit while onnxruntime still loads on that
        # thread: the process then aborts ("terminate called") instead of printing the error.
        stack.callback(futures_wait, [brain], BRAIN_EXIT_WAIT_S)
        from game.desktop.app import App
        from game.modding.wiring import make_host, open_scene, start_mods
        from game.render.shaders import ShaderError
        from game.sim.world import World

        link = join_room(address, args, bus, loading) if address is not None else None
        if link is not None:
            stack.callback(link.stop)
        host = make_host(bus, names, () if joining else getattr(args, "mods_dir", None) or ())
        stack.callback(host.shutdown)
        opened = open_scene(host, args.scene)
        scene, path, personas_dir = opened.scene, opened.path, opened.personas_dir
        loading.show("scene")
        runtime = build_runtime(
            scene,
            bus,
            brain=brain,
            world=World(scene),
            mods=host,
            personas_dir=personas_dir,
            output_device=config.audio.output_device,
            progress=loading.show,
        )
        stack.callback(runtime.stop)
        configure(runtime, config)
        start_mods(host, runtime.world, opened, bus)  # before hearing: it knows the NPCs mods spawn
        msaa = config.display.msaa if args.msaa is None else args.msaa
        with ThreadPoolExecutor(1, thread_name_prefix="hearing-start") as pool:
            # The recognizer builds on a thread while the window's shaders compile here.
            # The scene's own phrase templates already cover the intents; adding all 390 intent
            # examples to the grammar tripled pocketsphinx's final pass (160 → 510 ms).
            hearing = (
                None
                if args.no_voice
                else pool.submit(attach_hearing, runtime, runtime.world.scene, args, config, host.phrases())
            )
            try:
                app = App(ctx, scene, path, size, msaa, runtime, bus, config, mods=host, mod_scene=mod_scene)
            except ShaderError as exc:
                raise UserError(f"{exc} (fix the shader file, or restore it from git)") from None
            if link is not None:
                from game.desktop.joined import JoinedRoom
                from game.net.link import join_runtime

                join_runtime(runtime, link)
                app.joined = JoinedRoom(link)
            if hearing is None:
                off = "voice input off (--no-voice): press Enter or T to type"
                bus.put(Notice(source="hearing", message=off))
                loading.show("recogniser", "off (--no-voice)")
            else:
                hearing.result()  # a model or --mic-file named but unusable raises UserError here
                loading.show("recogniser")
        loading.release()
        if loading.quit_requested:  # closed while loading: nothing was started, nothing to wait for
            return 0
        runtime.start()
        return app.loop(args.frames, args.screenshot)
