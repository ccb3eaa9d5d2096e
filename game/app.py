"""The composition root: builds the window, world, renderer and workers; owns the main loop.

This module is wiring, not logic. Each tick drains the event bus once, advances the
fixed-step simulation, then renders the interpolated state. Only this thread touches
the world and the GL context.
"""

from __future__ import annotations

import argparse
import os
import threading
import time
from collections import deque
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import moderngl
import pygame

from game.bus import EventBus
from game.clock import FixedStepClock
from game.config import Config, load_config, save_config
from game.controls import HELP_LINES, FirstPerson
from game.errors import UserError
from game.events import (
    Event,
    FinalTranscript,
    HearingStatus,
    InputLevel,
    Notice,
    NpcSpeech,
    SceneChanged,
    Shutdown,
    TextInput,
)
from game.modding.host import ModAssetChanged, ModHost
from game.render.context import FIX_HINT, describe
from game.render.labels import avatar_labels
from game.render.overlay import HudState, Overlay
from game.render.renderer import FrameTarget, Renderer
from game.render.shaders import ShaderError
from game.runtime import Runtime, build_runtime
from game.scene_watch import SceneWatcher
from game.settings_menu import SettingChange, SettingsMenu
from game.sim.camera import Camera, lerp_camera
from game.sim.scene import Scene, SceneError, load_scene, resolve_scene_path
from game.sim.world import World

MESSAGE_SECONDS = 8.0
HEARING_KEYS = frozenset({"audio.microphone", "hearing.engine", "hearing.vosk_model"})


def parse_size(text: str) -> tuple[int, int]:
    """Parse ``WxH`` (e.g. ``1280x720``) or raise UserError with the expected form."""
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise UserError(f"size {text!r} must look like 1280x720") from None
    if not (64 <= w <= 7680 and 64 <= h <= 4320):
        raise UserError(f"size {text!r} is out of range (64x64 to 7680x4320)")
    return w, h


@dataclass
class Message:
    """A HUD message with the time it stops showing (errors stay until replaced)."""

    level: str
    text: str
    until: float


class FrameStats:
    """Frame-time history for the FPS readout and ``bench``."""

    def __init__(self, window: int = 120) -> None:
        self.times: deque[float] = deque(maxlen=window)

    def add(self, seconds: float) -> None:
        """Record one frame's duration."""
        self.times.append(seconds)

    def summary(self) -> str:
        """``NN fps · N.N ms`` over the recent window."""
        if not self.times:
            return "— fps"
        mean = sum(self.times) / len(self.times)
        return f"{1.0 / max(mean, 1e-6):.0f} fps · {mean * 1000:.1f} ms"


class App:
    """One running Voxroom window."""

    def __init__(
        self,
        ctx: moderngl.Context,
        scene: Scene,
        scene_path: Path | None,
        size: tuple[int, int],
        msaa: int,
        runtime: Runtime | None = None,
        bus: EventBus | None = None,
        config: Config | None = None,
        mods: ModHost | None = None,
        mod_scene: str = "",
    ) -> None:
        """``scene_path`` None: the scene came from a mod (``mod_scene``) and the mod host reloads it."""
        self.ctx = ctx
        self.bus = bus or EventBus()
        self.clock = FixedStepClock()
        self.runtime = runtime
        self.world = runtime.world if runtime is not None else World(scene)
        self.hearing_status = "hearing: off"
        self.level_dbfs = -90.0
        self.scene_watch = SceneWatcher(scene_path) if scene_path is not None else None
        self.mods = mods
        self.mod_scene = mod_scene
        self.config = config or Config()
        self.settings = SettingsMenu(self.config)
        self.captions = self.config.display.captions
        self._brain_request = 0
        self._brain_ready: tuple[int, str, Any, list[str]] | None = None
        self._mods_poll_at = 0.0
        self.renderer = Renderer(ctx)
        self.overlay = Overlay(ctx, self.renderer.shaders, self.config.display.text_size)
        self.msaa = msaa
        self.target = FrameTarget(ctx, size, msaa, screen=True)
        self.controls = FirstPerson(room_half=(scene.room.size[0] / 2, scene.room.size[2] / 2))
        spawn = scene.spawn
        self.camera = Camera(position=spawn.position, yaw=spawn.yaw, pitch=spawn.pitch)
        self.prev_camera = self.camera
        self.messages: list[Message] = []
        self.show_help = False
        self.debug = False
        self.text_entry: str | None = None
        self.caption = ""
        self.running = True
        self.stats = FrameStats()
        self.renderer_name = describe(ctx)
        self._stats_text = ""
        self._stats_at = 0.0
        self._poll_at = 0.0
        self.notify("info", f"{scene.name} — press F1 for help, Tab for settings, Enter to type")

    # --- messages and events ---------------------------------------------------------------
    def notify(self, level: str, text: str) -> None:
        """Show a message in the HUD and log it to stderr for the terminal."""
        print(f"voxroom: {level}: {text}", flush=True)
        self.messages.append(
            Message(level, text, time.monotonic() + MESSAGE_SECONDS * (3 if level == "error" else 1))
        )
        self.messages = self.messages[-8:]

    def handle(self, event: Event) -> None:
        """Apply one bus event on the main thread."""
        if isinstance(event, Shutdown):
            self.running = False
        elif isinstance(event, Notice):
            self.notify(event.level, f"{event.source}: {event.message}")
        elif isinstance(event, SceneChanged):
            self.notify("info", f"scene reloaded from {event.path}")
        elif isinstance(event, ModAssetChanged):
            self.mod_asset_changed(event)
        elif isinstance(event, InputLevel):
            self.level_dbfs = event.dbfs
        elif isinstance(event, HearingStatus):
            mode = "typing only" if event.mode == "text" else event.mode
            self.hearing_status = f"hearing: {event.engine} ({mode})"
            if event.hint and event.mode != "text":
                self.notify("info", event.hint)
        if self.runtime is not None:
            self.runtime.conversation.handle(event)
        elif isinstance(event, (TextInput, FinalTranscript)):
            self.caption = f"You: {event.text}"

    def reload_scene(self, force: bool = False) -> None:
        """Poll the scene file; keep the last good scene on error."""
        if self.scene_watch is None:  # a mod's scene: the mod host watches it (ModAssetChanged)
            if force and self.mods is not None:
                self.mods.poll_reload(self.world)
            return
        result = self.scene_watch.poll(force)
        if isinstance(result, SceneError):
            self.notify("error", f"{result} — keeping the last good scene")
        elif result is not None:
            self.set_scene(result)
            self.bus.put(SceneChanged(path=str(self.scene_watch.path)))

    def set_scene(self, scene: Scene) -> None:
        """Swap in a reloaded scene; the conversation and the mods see the new world at once."""
        self.world = self.runtime.replace_world(scene) if self.runtime is not None else World(scene)
        if self.mods is not None:
            self.mods.set_world(self.world)

    def mod_asset_changed(self, event: ModAssetChanged) -> None:
        """A mod's file changed: reload the room when it is the scene on screen."""
        if self.mods is None or event.asset != "scene" or event.name != self.mod_scene:
            return
        scene = self.mods.scene(event.name)
        if scene is not None:
            self.set_scene(scene)

    def poll_files(self) -> None:
        """Hot reload: scene and shaders, a few times a second."""
        now = time.monotonic()
        if now < self._poll_at:
            return
        self._poll_at = now + 0.25
        self.reload_scene()
        if self.mods is not None:
            self.mods.poll_reload(self.world)
        for name in self.renderer.shaders.poll():
            self.notify("info", f"shader {name} reloaded")
        for error in self.renderer.shaders.errors.values():
            if not any(m.text == error for m in self.messages):
                self.notify("error", error)

    # --- input -----------------------------------------------------------------------------
    def on_pygame_event(self, event: pygame.event.Event) -> None:
        """Keyboard, mouse and window events."""
        if event.type == pygame.QUIT:
            self.running = False
        elif event.type == pygame.VIDEORESIZE:
            self.resize((max(64, event.w), max(64, event.h)))
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.text_entry is None:
            pygame.event.set_grab(True)
            pygame.mouse.set_visible(False)
        elif event.type == pygame.MOUSEMOTION and pygame.event.get_grab():
            self.controls.add_mouse(*event.rel)
        elif event.type == pygame.TEXTINPUT and self.text_entry is not None:
            self.text_entry += event.text
        elif event.type == pygame.KEYDOWN:
            self.on_key(event)
        elif event.type == pygame.KEYUP and event.key == pygame.K_v and self.runtime is not None:
            if self.runtime.hearing is not None:
                self.runtime.hearing.set_ptt(False)
        elif (
            event.type == getattr(pygame, "AUDIODEVICEREMOVED", -1)
            and getattr(event, "iscapture", False)
            and self.runtime is not None
            and self.runtime.hearing is not None
        ):
            self.runtime.hearing.device_removed()

    def on_key(self, event: pygame.event.Event) -> None:
        """Key bindings (listed in :data:`HELP_LINES`)."""
        key = event.key
        if key == pygame.K_q and event.mod & pygame.KMOD_CTRL:
            self.running = False
        elif self.settings.visible:
            change = self.settings.press(pygame.key.name(key))
            if change is not None:
                self.apply_setting(change)
        elif self.text_entry is not None:
            if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                text = " ".join(self.text_entry.split())
                self.text_entry = None
                pygame.key.stop_text_input()
                if text:
                    self.bus.put(TextInput(text=text))
            elif key == pygame.K_ESCAPE:
                self.text_entry = None
                pygame.key.stop_text_input()
            elif key == pygame.K_BACKSPACE:
                self.text_entry = self.text_entry[:-1]
        elif key == pygame.K_ESCAPE:
            if pygame.event.get_grab():
                pygame.event.set_grab(False)
                pygame.mouse.set_visible(True)
            elif self.show_help:
                self.show_help = False
            else:
                self.open_settings()
        elif key == pygame.K_TAB:
            self.show_help = False
            self.open_settings()
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_t):
            self.text_entry = ""
            pygame.key.start_text_input()
        elif key == pygame.K_v and self.runtime is not None and self.runtime.hearing is not None:
            self.runtime.hearing.set_ptt(True)
        elif key == pygame.K_F1:
            self.show_help = not self.show_help
        elif key == pygame.K_F3:
            self.debug = not self.debug
        elif key == pygame.K_F5:
            self.reload_scene(force=True)
        elif key == pygame.K_F11:
            pygame.display.toggle_fullscreen()
            self.resize(pygame.display.get_surface().get_size())
        elif self.mods is not None:
            self.mods.key(pygame.key.name(key))

    # --- settings --------------------------------------------------------------------------
    def open_settings(self) -> None:
        """Show the settings overlay with the devices and English Vosk models present now."""
        microphones: tuple[str, ...] | None = None
        outputs: tuple[str, ...] | None = None
        try:
            from game.voice.capture import list_devices

            devices = list_devices()
            microphones, outputs = devices.capture, devices.output
        except Exception as exc:  # no audio system: the rows keep "system default" and the file's names
            print(f"voxroom: warning: settings: cannot list audio devices ({exc})", flush=True)
        models: list[str] | None = None
        try:
            from game.voice.models import discover

            models = [str(m.path) for m in discover() if m.lang.split("-")[0] == "en"]
        except Exception as exc:  # a broken cache folder must not keep the menu shut
            print(f"voxroom: warning: settings: cannot list Vosk models ({exc})", flush=True)
        self.settings.show(microphones, outputs, models)

    def apply_setting(self, change: SettingChange) -> None:
        """Apply one change from the overlay to the running app, save the file, say what happened."""
        key, value = change.key, change.value
        runtime = self.runtime
        status = "saved"
        if key == "audio.voice_volume" and runtime is not None:
            runtime.player.volume = float(value)
        elif key == "hearing.mode":
            if runtime is not None and runtime.hearing is not None:
                runtime.hearing.set_mode(value)
            else:
                status = "saved (voice input is off in this run)"
        elif key == "display.captions":
            self.captions = bool(value)
        elif key == "display.text_size":
            self.overlay.set_text_size(int(value))
        elif key == "display.msaa":
            self.msaa = int(value)
            self.resize(self.target.size)
        elif key == "mind.brain":
            self.load_brain(str(value), self.settings.config.mind.llama_model)
            status = "saved; loading the brain…"
        elif key in HEARING_KEYS:
            status = self.switch_hearing(key, value)
        elif key == "audio.output_device" and runtime is not None:
            problem = runtime.switch_speakers(str(value))
            status = f"saved; {problem or 'speaking through ' + (str(value) or 'the system default')}"
        self.config = self.settings.config
        notes = save_config(self.config)
        for note in notes:
            self.notify("warning", f"settings: {note}")
        self.settings.status = notes[-1] if notes and "cannot save" in notes[-1] else status

    def switch_hearing(self, key: str, value: Any) -> str:
        """A new microphone, recognizer or Vosk model: rebuilt in the background, swapped in :meth:`tick`."""
        runtime = self.runtime
        if runtime is None or runtime.hearing_factory is None:
            return "saved (voice input is off in this run)"
        choice = runtime.hearing_choice
        if key == "audio.microphone":
            choice = replace(choice, microphone=str(value))
        elif key == "hearing.engine":
            choice = replace(choice, engine=str(value))
        else:  # the overlay's model is an explicit choice: a broken one is reported, not skipped
            choice = replace(choice, model=str(value) or None, config_model=None)
        return f"saved; {runtime.rebuild_hearing(choice)}"

    def load_brain(self, kind: str, model: str) -> None:
        """Build a brain off the main thread; :meth:`tick` swaps it in when it is ready."""
        if self.runtime is None:
            return
        self._brain_request += 1
        request = self._brain_request

        def build() -> None:
            from game.mind.factory import make_brain

            brain, problems = make_brain(kind, model)
            self._brain_ready = (request, kind, brain, problems)

        threading.Thread(target=build, name="brain-loader", daemon=True).start()

    def _swap_brain(self) -> None:
        ready, self._brain_ready = self._brain_ready, None
        if ready is None or self.runtime is None:
            return
        request, kind, brain, problems = ready
        if request != self._brain_request:
            return  # the user picked another brain while this one loaded
        self.runtime.set_brain(brain)
        for problem in problems:
            self.notify("warning", f"mind: {problem}")
        self.notify("info", f"brain switched to {getattr(brain, 'name', kind)}")
        if self.settings.visible:
            self.settings.status = f"saved; brain {getattr(brain, 'name', kind)} ready"

    def say(self, npc: str, text: str) -> None:
        """A mod makes an NPC speak: the conversation voices it and shows the subtitle."""
        self.bus.put(NpcSpeech(npc=npc, text=text))

    def resize(self, size: tuple[int, int]) -> None:
        """Recreate the frame target for a new window size."""
        self.target.release()
        self.target = FrameTarget(self.ctx, size, self.msaa, screen=True)

    # --- loop ------------------------------------------------------------------------------
    def tick(self, dt: float) -> None:
        """One fixed simulation step: drain the bus, then move the camera."""
        for event in self.bus.drain():
            self.handle(event)
        if self._brain_ready is not None:
            self._swap_brain()
        self.prev_camera = self.camera
        if self.text_entry is None and not self.settings.visible:
            self.camera = self.controls.step(self.camera, pygame.key.get_pressed(), dt)
        if self.runtime is not None:
            cam = self.camera
            self.runtime.conversation.set_user(cam.position, cam.yaw, cam.pitch)
            outcome = self.runtime.tick(dt)
            if outcome and self.settings.visible:
                self.settings.status = f"saved; {outcome}"
            self.caption = self.runtime.conversation.view.caption
            self.world = self.runtime.world
        if self.mods is not None:
            self.mods.user_moved(self.camera.position)
            self.mods.tick(dt, self.world)
            self.mods.apply(self.world, self.say)
        self.world.tick(dt, time.monotonic())

    def hud(self) -> HudState:
        """What the HUD shows this frame."""
        now = time.monotonic()
        if now >= self._stats_at:
            self._stats_text, self._stats_at = self.stats.summary(), now + 0.5
        self.messages = [m for m in self.messages if m.until > now]
        top_left: tuple[str, ...] = (
            self._stats_text,
            f"{self.hearing_status} · mic {self.level_dbfs:.0f} dBFS",
        )
        if self.debug:
            scene = self.world.scene
            top_left += (self.renderer_name, f"scene: {scene.name} · {len(scene.props)} props")
            top_left += self.latency_lines()
        help_lines: tuple[str, ...] = HELP_LINES if self.show_help else ()
        highlight = -1
        if self.settings.visible:
            help_lines, highlight = self.settings.lines(), self.settings.highlight
        return HudState(
            top_left=top_left,
            top_right=("F1 help · Tab settings",),
            messages=tuple((m.level, m.text) for m in self.messages),
            caption=self.caption if self.captions else "",
            help_lines=help_lines,
            help_highlight=highlight,
            text_entry=self.text_entry,
        )

    def latency_lines(self) -> tuple[str, ...]:
        """F3: the last turn's per-stage timings and why the NPC said what it said."""
        if self.runtime is None or self.runtime.conversation.view.last_turn is None:
            return ("no conversation yet",)
        turn = self.runtime.conversation.view.last_turn
        stages = " · ".join(f"{k} {v:.0f} ms" for k, v in turn.stages_ms().items())
        lines = (f"{turn.npc} ({turn.reason}): intent {turn.intent} via {turn.brain}", stages or "…")
        return lines + tuple(f"  used: {e[:90]}" for e in turn.evidence[:3])

    def frame(self) -> None:
        """Render the interpolated state and the HUD into the window's back buffer."""
        camera = lerp_camera(self.prev_camera, self.camera, self.clock.alpha)
        self.renderer.draw(self.world, camera, self.target)
        tags, bubbles = avatar_labels(self.world, camera, self.target.size, time.monotonic())
        hud = replace(self.hud(), labels=tags, bubbles=bubbles if self.captions else ())
        self.overlay.draw(self.target.draw_fbo, hud, self.target.size)
        self.target.finish()

    def loop(self, frames: int = 0, screenshot: str = "") -> int:
        """Run until quit (or for ``frames`` frames); returns the exit code."""
        count = 0
        last = time.perf_counter()
        while self.running:
            for event in pygame.event.get():
                self.on_pygame_event(event)
            for _ in range(self.clock.advance()):
                self.tick(self.clock.step)
            self.poll_files()
            self.frame()
            count += 1
            if frames and count >= frames:
                if screenshot:
                    save_png(self.target, screenshot)
                self.running = False
            pygame.display.flip()
            now = time.perf_counter()
            self.stats.add(now - last)
            last = now
        self.bus.put(Shutdown(reason="window closed"))
        if self.runtime is not None:
            self.runtime.stop()
        return 0


def save_png(target: FrameTarget, path: str) -> None:
    """Write the target's finished frame as a PNG."""
    pixels = target.read_rgb()
    h, w, _ = pixels.shape
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(pygame.image.frombuffer(pixels.tobytes(), (w, h), "RGB"), path)


def open_window(size: tuple[int, int], fullscreen: bool) -> moderngl.Context:
    """A resizable OpenGL 3.3 core window; a clear UserError when GL 3.3 is missing."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    pygame.display.init()
    pygame.display.gl_set_attribute(pygame.GL_CONTEXT_MAJOR_VERSION, 3)
    pygame.display.gl_set_attribute(pygame.GL_CONTEXT_MINOR_VERSION, 3)
    pygame.display.gl_set_attribute(pygame.GL_CONTEXT_PROFILE_MASK, pygame.GL_CONTEXT_PROFILE_CORE)
    pygame.display.gl_set_attribute(pygame.GL_DEPTH_SIZE, 24)
    flags = pygame.OPENGL | pygame.DOUBLEBUF | pygame.RESIZABLE | (pygame.FULLSCREEN if fullscreen else 0)
    try:
        pygame.display.set_mode(size, flags)
        ctx = moderngl.create_context(require=330)
    except Exception as exc:  # pygame.error or glcontext's plain Exception
        pygame.display.quit()
        raise UserError(f"cannot open an OpenGL 3.3 window ({exc}); {FIX_HINT}") from None
    pygame.display.set_caption("Voxroom")
    return ctx


def _mod_names(flag: str, config: Config) -> list[str]:
    """``--mods a,b`` added to the config file's ``mods.enabled`` (order kept, repeats dropped)."""
    names = [n.strip() for n in flag.split(",") if n.strip()]
    return list(dict.fromkeys([*config.mods.enabled, *names]))


def _is_mod_scene(name: str) -> bool:
    return ":" in name and not name.endswith(".toml") and not Path(name).exists()


def attach_hearing(
    runtime: Runtime, scene: Scene, args: argparse.Namespace, config: Config, phrases: list[str]
) -> None:
    """Give the runtime its hearing pipeline, and the factory that rebuilds it when a setting changes.

    Flags win over the config file at start; later the overlay's choice wins over both.
    A model or ``--mic-file`` named but unusable raises :class:`UserError`.
    """
    from game.voice.engines import HearingChoice, choice_from_args, pipeline_for

    args.engine = args.engine or config.hearing.engine
    args.mic = args.mic or config.audio.microphone or None
    args.ptt = args.ptt or config.hearing.mode == "ptt"
    bus, echo = runtime.bus, runtime.echo

    def hearing_factory(choice: HearingChoice, scene: Scene) -> Any:
        return pipeline_for(bus, scene, choice, args, extra_phrases=phrases, echo=echo)

    runtime.hearing_factory = hearing_factory
    runtime.hearing_choice = choice_from_args(args, config.hearing.vosk_model)
    runtime.hearing = hearing_factory(runtime.hearing_choice, scene)


def run_app(args: argparse.Namespace) -> int:
    """``voxroom run``: read the config, load the mods and the scene, open the window, run the loop."""
    config, config_problems = load_config()
    bus = EventBus()
    for problem in config_problems:
        bus.put(Notice(source="config", message=problem, level="warning"))
    mod_names = _mod_names(getattr(args, "mods", "") or "", config)
    mod_scene = args.scene if _is_mod_scene(args.scene) else ""
    if mod_scene and mod_scene.split(":", 1)[0] not in mod_names:
        mod_names.append(mod_scene.split(":", 1)[0])  # --scene cafe:cafe implies the cafe mod
    from game.modding.scaffold import SCRIPTS_DIR, user_mods_dir

    host = ModHost(bus, [SCRIPTS_DIR, user_mods_dir()], enabled=mod_names)
    path: Path | None
    personas_dir: Path | None = None
    try:
        if mod_scene:
            host.load(World(load_scene("default")))  # the mods provide the scene; the world follows
            found = host.scene(mod_scene)
            if found is None:
                known = ", ".join(sorted(host.scenes())) or "none loaded"
                raise UserError(
                    f"no mod scene {mod_scene!r} (mod scenes: {known}); check the name and "
                    f"that the mod loads ('voxroom mods')"
                )
            scene, path = found, None
            personas_dir = host.personas_dir(mod_scene)
        else:
            try:
                path = resolve_scene_path(args.scene)
                scene = load_scene(path)
            except SceneError as exc:
                raise UserError(str(exc)) from None
    except BaseException:
        host.shutdown()
        raise
    size = parse_size(args.size)
    msaa = config.display.msaa if args.msaa is None else args.msaa
    brain = args.brain or config.mind.brain
    llama_model = args.llama_model or config.mind.llama_model
    try:
        ctx = open_window(size, args.fullscreen)
    except UserError:
        host.shutdown()
        raise
    world = World(scene)
    runtime = build_runtime(
        scene,
        bus,
        brain=brain,
        llama_model=llama_model,
        world=world,
        mods=host,
        personas_dir=personas_dir,
        output_device=config.audio.output_device,
    )
    runtime.player.volume = config.audio.voice_volume
    if mod_scene:
        host.set_world(runtime.world)
    else:
        host.load(runtime.world)
    if args.no_voice:
        bus.put(Notice(source="hearing", message="voice input off (--no-voice): press Enter or T to type"))
    else:
        # The scene's own phrase templates already cover the intents; adding all 390 intent
        # examples to the grammar tripled pocketsphinx's final pass (160 → 510 ms).
        attach_hearing(runtime, scene, args, config, host.phrases())
    try:
        app = App(ctx, scene, path, size, msaa, runtime, bus, config=config, mods=host, mod_scene=mod_scene)
    except ShaderError as exc:
        runtime.stop()
        host.shutdown()
        raise UserError(f"{exc} (fix the shader file, or restore it from git)") from None
    runtime.start()
    try:
        return app.loop(args.frames, args.screenshot)
    finally:
        host.shutdown()
        runtime.stop()
        # Closing SDL while the capture thread still holds its device can deadlock in SDL's
        # audio lock; if a worker is still alive, leave the cleanup to process exit.
        if not runtime.threads_alive():
            pygame.quit()
