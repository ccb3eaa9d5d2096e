"""Headless runs of the real conversation pipeline: ``voxroom simulate`` and ``bench voice``.

Recorded or synthetic speech is replayed into the real hearing pipeline at real-time
pace, as if spoken into a microphone; the real recognizer, brain and TTS answer, and
the mixer plays into SDL's dummy driver while every reply is also written to a WAV.
Inputs are taken in turn: the next one starts when the room has gone quiet. Every
event is logged with its monotonic time, so per-stage latency falls out of the log.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from game.bus import EventBus
from game.choices import BrainName, EngineName
from game.conversation.assemble import build_runtime
from game.conversation.runtime import Runtime
from game.conversation.scripted_microphone import ScriptedMicrophone
from game.events import Event, NpcReplied, NpcSpeech, SpeechChunk, TextInput
from game.hearing.audio import load_wav_16k, write_wav
from game.hearing.engines import HearingChoice
from game.hearing.protocols import AudioSource
from game.sim.camera import Camera
from game.sim.scene import Scene


@dataclass(frozen=True)
class SimInput:
    """One thing the user says: a WAV file (spoken) or a line of text (typed)."""

    kind: str  # "wav" or "text"
    value: str
    samples: npt.NDArray[np.int16] | None = None


@dataclass
class SimResult:
    """Paths and figures of one simulation."""

    out_dir: Path
    turns: list[dict[str, Any]] = field(default_factory=list)
    events: int = 0
    problems: list[str] = field(default_factory=list)


def parse_inputs(wavs: list[str], texts: list[str], order: list[str] | None = None) -> list[SimInput]:
    """Inputs in command-line order (``order`` lists "wav"/"text" as they appeared)."""
    queue_w, queue_t = list(wavs), list(texts)
    kinds = order or ["wav"] * len(wavs) + ["text"] * len(texts)
    out = []
    for kind in kinds:
        if kind == "wav":
            path = queue_w.pop(0)
            out.append(SimInput("wav", path, load_wav_16k(path)))
        else:
            out.append(SimInput("text", queue_t.pop(0)))
    return out


class Simulation:
    """Drive a :class:`Runtime` from scripted inputs on the calling (main) thread.

    ``bus`` is for tests that step the simulation themselves and wait on their own bus.
    """

    def __init__(
        self,
        scene: Scene,
        out_dir: Path,
        *,
        engine: EngineName = "auto",
        brain: BrainName = "embed",
        frames: int = 0,
        frame_size: tuple[int, int] = (640, 360),
        frame_every: float = 0.5,
        on_frame: Callable[[Runtime, Camera], None] | None = None,
        render_size: tuple[int, int] | None = None,
        bus: EventBus | None = None,
        endpointing: str = "auto",
        endpoint: Any = None,
        mods: Any = None,
        mods_loaded: bool = False,
        personas_dir: Path | None = None,
    ) -> None:
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
        self.endpointing = endpointing
        self.endpoint = endpoint  # an EndpointConfig to compare (bench voice); None: the app's
        self.out_dir = out_dir
        (out_dir / "replies").mkdir(parents=True, exist_ok=True)
        self.bus = bus if bus is not None else EventBus()
        self._log = (out_dir / "events.jsonl").open("w", encoding="utf-8")
        self._t0 = time.monotonic()
        self.events = 0
        self.bus.tap(self._write_event)
        # The composition `voxroom run` has: a mod host (with the mods enabled, often none).
        self.mods = mods
        self.runtime = build_runtime(scene, self.bus, brain=brain, mods=mods, personas_dir=personas_dir)
        if mods is not None:
            world = self.runtime.world
            (mods.set_world if mods_loaded else mods.load)(world)
            mods.apply(world, self._say)  # on_load's edits before hearing, as the app does
            scene = world.scene  # the recogniser knows the NPCs mods spawned
        self.mic = ScriptedMicrophone()
        self.runtime.hearing = self._hearing(scene, engine)
        self.runtime.hearing_factory = lambda choice, scene: self._hearing(scene, choice.engine)
        self.runtime.hearing_choice = HearingChoice(engine=engine)
        self.camera = Camera(position=scene.spawn.position, yaw=scene.spawn.yaw, pitch=scene.spawn.pitch)
        self.frames, self.frame_size, self.frame_every = frames, frame_size, frame_every
        self.on_frame = on_frame
        self._view: Any = None
        self._frames_written = 0
        self._reply_files = 0
        self.render_size = render_size
        self._started = False
        self.frame_times: list[tuple[float, bool]] = []  # (seconds for step + render, conversation busy)

    def _hearing(self, scene: Scene, engine: str) -> Any:
        from game.hearing.echo import GuardedSource
        from game.hearing.endpoint import EndpointConfig
        from game.hearing.engines import build_recognizer, choose_endpointing, choose_engine
        from game.hearing.pipeline import HearingPipeline
        from game.hearing.vad import default_vad
        from game.mind.phrasings import sentences_for_hearing

        phrases = self.mods.phrases() if self.mods is not None else ()
        turn_model, how = choose_endpointing(self.endpointing)  # auto: smart when it loads, as in `run`
        open_words = how == "smart"
        talk = sentences_for_hearing(self.runtime.session.personas.values())  # as `voxroom run` gives it
        choice = choose_engine(engine)
        recognizer = build_recognizer(choice, scene, None, phrases, open_words=open_words, talk=talk)
        echo, mic = self.runtime.echo, self.mic

        def source() -> AudioSource:
            return GuardedSource(mic, echo)

        config = replace(self.endpoint or EndpointConfig(), endpointing=how)
        return HearingPipeline(self.bus, recognizer, default_vad(), source, config, turn_model=turn_model)

    def _write_event(self, event: Event) -> None:
        self.events += 1
        record = event.to_json()
        record["t"] = round(event.t - self._t0, 4)
        self._log.write(json.dumps(record, default=str) + "\n")
        # Stage markers under the names the latency summary uses, next to the raw events.
        if isinstance(event, NpcReplied):
            self._log.write(json.dumps({"event": "brain_reply", "t": record["t"], "npc": event.npc}) + "\n")
        elif isinstance(event, SpeechChunk) and event.index == 0:
            marker = {"event": "tts_first_audio", "t": record["t"], "npc": event.npc}
            self._log.write(json.dumps(marker) + "\n")
        if isinstance(event, SpeechChunk):
            self._reply_files += 1
            path = self.out_dir / "replies" / f"{self._reply_files:03d}-{event.npc}-{event.index}.wav"
            write_wav(path, event.clip.samples, event.clip.rate)

    def step(self, dt: float) -> None:
        """One main-loop step: drain, converse, animate."""
        for event in self.bus.drain():
            self.runtime.handle(event)
        self.runtime.conversation.set_user(self.camera.position, self.camera.yaw, self.camera.pitch)
        self.runtime.tick(dt)
        world = self.runtime.world
        if self.mods is not None:  # the app's order: conversation, then the mods, then the world
            self.mods.user_moved(self.camera.position)
            self.mods.tick(dt, world)
            self.mods.apply(world, self._say)
        world.tick(dt, time.monotonic())

    def _say(self, npc: str, text: str) -> None:
        """A mod makes an NPC speak: through the bus, as in the app."""
        self.bus.put(NpcSpeech(npc=npc, text=text))

    def quiet(self) -> bool:
        """Nothing heard, thought, said or queued."""
        c = self.runtime.conversation
        return c.idle and not self.mic.busy and self.bus.empty()

    def run(self, inputs: list[SimInput], max_turn_s: float = 30.0, gap_s: float = 0.7) -> SimResult:
        """Play the inputs one after another; stop when the room is quiet after the last."""
        try:
            self.run_more(inputs, max_turn_s, gap_s)
        finally:
            self.finish()
        return self._result(inputs)

    def finish(self) -> None:
        """Stop the workers (and the mods) and close the event log."""
        rt = self.runtime
        rt.stop()
        if self.mods is not None:
            self.mods.shutdown()
        for event in self.bus.drain():
            rt.handle(event)
        self._log.close()

    def run_more(self, inputs: list[SimInput], max_turn_s: float = 30.0, gap_s: float = 0.7) -> None:
        """Play more inputs on the running stack (starts the workers on first use)."""
        rt = self.runtime
        if not self._started:
            rt.start()
            self._started = True
        dt = 1 / 60
        pending = list(inputs)
        awaiting, give_up = -1, 0.0
        quiet_since = time.monotonic()
        started = time.monotonic()
        next_frame = started
        deadline = started + max_turn_s * (len(inputs) + 1)
        while time.monotonic() < deadline:
            loop_start = time.monotonic()
            self.step(dt)
            if self.render_size is not None:
                self._render_tick(loop_start)
            if self.frames and self._frames_written < self.frames and loop_start >= next_frame:
                self._frame()
                next_frame = loop_start + self.frame_every
            if self.on_frame is not None:
                self.on_frame(rt, self.camera)
            answered = len(rt.conversation.turns) > awaiting or loop_start > give_up
            if not self.quiet() or not answered:
                quiet_since = loop_start
            elif loop_start - quiet_since > gap_s:
                if not pending:
                    break
                item = pending.pop(0)
                if item.kind == "wav":
                    assert item.samples is not None
                    self.mic.say(item.samples)
                else:
                    self.bus.put(TextInput(text=item.value))
                # Wait for this input's turn (or give up on it after max_turn_s).
                awaiting, give_up = len(rt.conversation.turns), loop_start + max_turn_s
            elapsed = time.monotonic() - loop_start
            time.sleep(max(0.0, dt - elapsed))

    def _render_tick(self, started: float) -> None:
        """Draw the room every step, as the app would, and time the whole frame."""
        from game.render.context import create_headless_context
        from game.render.offscreen import OffscreenView

        if self._view is None:
            assert self.render_size is not None
            self._view = OffscreenView(create_headless_context(), self.render_size)
        self._view.render(self.runtime.world, self.camera)
        self._view.ctx.finish()
        busy = not self.runtime.conversation.idle or self.mic.busy
        self.frame_times.append((time.monotonic() - started, busy))

    def _frame(self) -> None:
        from game.render.context import create_headless_context
        from game.render.labels import avatar_labels
        from game.render.offscreen import OffscreenView, write_png
        from game.render.overlay import HudState

        if self._view is None:
            self._view = OffscreenView(create_headless_context(), self.frame_size)
        world = self.runtime.world
        tags, bubbles = avatar_labels(world, self.camera, self.frame_size, time.monotonic())
        hud = HudState(caption=self.runtime.conversation.view.caption, labels=tags, bubbles=bubbles)
        self._view.render(world, self.camera, hud)
        self._frames_written += 1
        write_png(self._view.pixels(), self.out_dir / f"frame-{self._frames_written:03d}.png")

    def _result(self, inputs: list[SimInput]) -> SimResult:
        result = SimResult(self.out_dir, events=self.events, problems=list(self.runtime.problems))
        ends = self.mic.true_ends
        wavs = [i for i in inputs if i.kind == "wav"]
        taken: set[int] = set()
        for turn in self.runtime.conversation.turns:
            entry: dict[str, Any] = {
                "npc": turn.npc,
                "heard": turn.text,
                "reason": turn.reason,
                "reply": turn.reply_text,
                "intent": turn.intent,
                "brain": turn.brain,
                "stages_ms": turn.stages_ms(),
            }
            if turn.corrected:
                entry["corrected"] = True  # the next turn answers the same speech
            elif turn.speech_end is not None:
                # The input this turn answers: the last one whose speech ended before the
                # end of speech was detected (timestamps, so a split utterance cannot shift
                # the pairing of the rest).
                spoken = [i for i, end in enumerate(ends) if end <= turn.speech_end]
                if spoken:
                    index = spoken[-1]
                    entry["input"] = wavs[index].value if index < len(wavs) else ""
                    if index in taken:
                        # No input of its own ended before it: the VAD split an utterance
                        # and this part was answered while the user went on.
                        entry["extra_turn"] = True
                    else:
                        if turn.playback_start is not None:
                            latency = (turn.playback_start - ends[index]) * 1000
                            entry["true_end_to_first_audio_ms"] = round(latency, 1)
                        if turn.reaction is not None:  # the look and "…" (conversation/thinking.py)
                            entry["true_end_to_reaction_ms"] = round((turn.reaction - ends[index]) * 1000, 1)
                    taken.add(index)
            result.turns.append(entry)
        summary = {"turns": result.turns, "events": result.events, "problems": result.problems}
        (self.out_dir / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        return result
