"""The window app: one loop that drains the bus, steps the simulation and draws the frame.

This module is wiring. Keys live in :mod:`~game.desktop.keys`, settings in
:mod:`~game.desktop.settings_apply`, HUD text in :mod:`~game.desktop.hud`, start-up and
shutdown in :mod:`~game.desktop.launch`, and the handlers of hearing and subtitle events in
:mod:`~game.desktop.speech_model` and :mod:`~game.desktop.subtitles`. Only this thread
touches the world and the GL context; every worker, including the brain loader, reports
through the bus.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import moderngl
import pygame

from game.bus import EventBus
from game.clock import FixedStepClock
from game.config import Config
from game.conversation.live import CONVERSATION_EVENTS
from game.conversation.runtime import Runtime
from game.desktop.controls import FirstPerson
from game.desktop.hud import Hud
from game.desktop.joined import JoinedRoom
from game.desktop.keys import on_pygame_event
from game.desktop.loading import stamp
from game.desktop.reload import reload_files
from game.desktop.settings_menu import SettingsMenu
from game.desktop.speech_model import SpeechModelEvents
from game.desktop.subtitles import SubtitleEvents
from game.desktop.window import save_png
from game.dispatch import Dispatch, handles
from game.events import (
    ActionDone,
    BrainLoaded,
    Event,
    FinalTranscript,
    HearingLoaded,
    InputLevel,
    Interrupt,
    ModAssetChanged,
    Notice,
    NpcLine,
    NpcSpeech,
    PlaybackEnded,
    SceneChanged,
    Shutdown,
    SpeechFailed,
    TextInput,
)
from game.filewatch import FileWatcher
from game.hearing.fetch_offer import ModelFetcher
from game.modding.host import ModHost
from game.render.context import describe
from game.render.dynamic_res import MOVING_SCALE
from game.render.labels import avatar_labels
from game.render.overlay import HudState, Overlay
from game.render.renderer import FrameTarget, Renderer
from game.room_events import RoomLine
from game.sim.camera import Camera, lerp_camera
from game.sim.scene import Scene
from game.sim.world import World
from game.speaking.playback import silent_output

FILE_POLL_S = 0.25  # how often the files are checked for edits


class App(SpeechModelEvents, SubtitleEvents):
    """One running Voxroom window (hearing and subtitle events in its mixins)."""

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
        self.ctx, self.bus, self.runtime, self.mods = ctx, bus or EventBus(), runtime, mods
        self.clock = FixedStepClock()
        self.world = runtime.world if runtime is not None else World(scene)
        self.scene_path, self.mod_scene = scene_path, mod_scene
        self.config = config or Config()
        self.settings = SettingsMenu(self.config)
        self.watcher = mods.watcher if mods is not None else FileWatcher()
        if scene_path is not None:
            self.watcher.changed("scene", [scene_path])
        self.renderer = Renderer(ctx)
        self.renderer.moving_scale = MOVING_SCALE  # turning the camera: 3D smaller, HUD native
        self.renderer.shaders.watcher = self.watcher
        self.overlay = Overlay(ctx, self.renderer.shaders, self.config.display.text_size)
        self.msaa = msaa
        self.target = FrameTarget(ctx, size, msaa, screen=True)
        self.controls = FirstPerson(room_half=(scene.room.size[0] / 2, scene.room.size[2] / 2))
        spawn = scene.spawn
        self.camera = self.prev_camera = Camera(position=spawn.position, yaw=spawn.yaw, pitch=spawn.pitch)
        self.hud = Hud(describe(ctx), self.config.display.captions, silent=silent_output())
        self.text_entry: str | None = None
        self.running = True
        self.fetcher = ModelFetcher(self.bus)
        self._poll_at = 0.0
        self.joined: JoinedRoom | None = None  # ``voxroom run --join``: a shared room's client
        self.notify("info", f"{scene.name} — press F1 for help, Tab for settings, Enter to type")

    # --- events ----------------------------------------------------------------------------
    def notify(self, level: str, text: str) -> None:
        """Show a message in the HUD (and on stderr)."""
        self.hud.notify(level, text)

    def handle(self, event: Event) -> None:
        """Apply one bus event on the main thread; the conversation sees every event too."""
        _DISPATCH(self, event)
        if self.mods is not None:
            self.mods.observe(event)
        if self.runtime is not None:
            outcome = self.runtime.handle(event)
            if outcome and self.settings.visible:
                self.settings.status = f"saved; {outcome}"

    @handles(Shutdown)
    def _on_shutdown(self, event: Shutdown) -> None:
        self.running = False

    @handles(Notice)
    def _on_notice(self, event: Notice) -> None:
        self.notify(event.level, f"{event.source}: {event.message}")

    @handles(SceneChanged)
    def _on_scene_changed(self, event: SceneChanged) -> None:
        self.notify("info", f"scene reloaded from {event.path}")

    @handles(ModAssetChanged)
    def _on_mod_asset_changed(self, event: ModAssetChanged) -> None:
        """A mod's file changed: reload the room when it is the scene on screen."""
        if self.mods is None or event.asset != "scene" or event.name != self.mod_scene:
            return
        scene = self.mods.scene(event.name)
        if scene is not None:
            self.set_scene(scene)

    @handles(InputLevel)
    def _on_input_level(self, event: InputLevel) -> None:
        self.hud.level_dbfs = event.dbfs

    def reload_files(self, force: bool = False) -> None:
        """Hot reload of scene, personas, mods and shaders (see :mod:`game.desktop.reload`)."""
        reload_files(self, force)

    def set_scene(self, scene: Scene) -> None:
        """Swap in a reloaded scene; the conversation and the mods see the new world at once."""
        self.world = self.runtime.replace_world(scene) if self.runtime is not None else World(scene)
        if self.mods is not None:
            self.mods.set_world(self.world)

    # --- loop ------------------------------------------------------------------------------
    def on_pygame_event(self, event: pygame.event.Event) -> None:
        """Keyboard, mouse and window events (see :mod:`game.desktop.keys`)."""
        on_pygame_event(self, event)

    def say(self, npc: str, text: str) -> None:
        """A mod makes an NPC speak: the conversation voices it and shows the subtitle."""
        self.bus.put(NpcSpeech(npc=npc, text=text))

    def resize(self, size: tuple[int, int]) -> None:
        """Recreate the frame target for a new window size."""
        self.target.release()
        self.target = FrameTarget(self.ctx, size, self.msaa, screen=True)

    def tick(self, dt: float) -> None:
        """One fixed simulation step: drain the bus, move the camera, run the conversation and mods."""
        for event in self.bus.drain():
            self.handle(event)
        self.prev_camera = self.camera
        if self.text_entry is None and not self.settings.visible:
            self.camera = self.controls.step(self.camera, pygame.key.get_pressed(), dt)
        if self.runtime is not None:
            cam = self.camera
            self.runtime.conversation.set_user(cam.position, cam.yaw, cam.pitch)
            self.runtime.tick(dt)
            self.hud.set_caption(self.runtime.conversation.view.caption)
            self.world = self.runtime.world
        if self.joined is not None:
            self.joined.tick(self)
        if self.mods is not None:
            self.mods.user_moved(self.camera.position)
            self.mods.tick(dt, self.world)
            self.mods.apply(self.world, self.say)
        self.world.tick(dt, time.monotonic())

    def hud_state(self) -> HudState:
        """What the HUD shows this frame."""
        last = self.runtime.conversation.view.last_turn if self.runtime is not None else None
        return self.hud.state(self.world, self.settings, self.text_entry, last)

    def frame(self) -> None:
        """Render the interpolated state and the HUD into the window's back buffer."""
        camera = lerp_camera(self.prev_camera, self.camera, self.clock.alpha)
        self.renderer.draw(self.world, camera, self.target)
        tags, bubbles = avatar_labels(self.world, camera, self.target.size, time.monotonic())
        hud = replace(self.hud_state(), labels=tags, bubbles=bubbles if self.hud.show_replies else ())
        self.overlay.draw(self.target.draw_fbo, hud, self.target.size)
        self.target.finish()

    def loop(self, frames: int = 0, screenshot: str = "") -> int:
        """Run until quit (or for ``frames`` frames); returns the exit code."""
        count, last = 0, time.perf_counter()
        while self.running:
            for event in pygame.event.get():
                self.on_pygame_event(event)
            for _ in range(self.clock.advance()):
                self.tick(self.clock.step)
            if time.monotonic() >= self._poll_at:
                self._poll_at = time.monotonic() + FILE_POLL_S
                self.reload_files()
            self.frame()
            count += 1
            if frames and count >= frames:
                if screenshot:
                    save_png(self.target, screenshot)
                self.running = False
            pygame.display.flip()
            if count == 1:
                stamp("interactive")
            now = time.perf_counter()
            self.hud.stats.add(now - last)
            last = now
        stamp("quit")
        self.bus.put(Shutdown(reason="window closed"))
        return 0


# The conversation sees every event after the app; these are its alone (or nobody's).
_DISPATCH = Dispatch(
    App,
    ignored=[t for t in CONVERSATION_EVENTS if t not in (TextInput, FinalTranscript, SpeechFailed, RoomLine)]
    + [ActionDone, BrainLoaded, HearingLoaded, Interrupt, NpcLine, PlaybackEnded],
)
