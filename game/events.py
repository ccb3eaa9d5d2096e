"""Events that travel over the bus, as frozen dataclasses.

Two classes exist because they are treated differently by the bus: a
:class:`ControlEvent` (interrupt, shutdown, errors) jumps the queue and survives an
interrupt, while a :class:`DataEvent` keeps its order and may be dropped by an
interrupt when it is marked ``droppable``. Every event carries the monotonic time at
which it was made, so per-stage latency is a by-product of posting events.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass(frozen=True, kw_only=True)
class Event:
    """Base of every bus event; ``t`` is ``time.monotonic()`` at creation."""

    t: float = field(default_factory=time.monotonic)
    kind: ClassVar[str] = "event"

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict (used for the events log)."""
        out: dict[str, Any] = {"event": self.kind}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if isinstance(value, bytes):
                value = f"<{len(value)} bytes>"
            out[name] = value
        return out


@dataclass(frozen=True, kw_only=True)
class ControlEvent(Event):
    """Handled before any data event in the same drain; never dropped."""


@dataclass(frozen=True, kw_only=True)
class DataEvent(Event):
    """Ordered payload. ``droppable`` ones are discarded by an :class:`Interrupt`."""

    droppable: ClassVar[bool] = False


@dataclass(frozen=True, kw_only=True)
class Shutdown(ControlEvent):
    """Ask the main loop to quit cleanly."""

    kind: ClassVar[str] = "shutdown"
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class Interrupt(ControlEvent):
    """The user barged in: drop queued speech that is no longer wanted."""

    kind: ClassVar[str] = "interrupt"
    source: str = "user"


@dataclass(frozen=True, kw_only=True)
class Notice(ControlEvent):
    """A message for the user (HUD + log). ``level`` is info, warning or error."""

    kind: ClassVar[str] = "notice"
    source: str
    message: str
    level: str = "info"


@dataclass(frozen=True, kw_only=True)
class TextInput(DataEvent):
    """A line typed by the user; travels the same path as a final transcript."""

    kind: ClassVar[str] = "text_input"
    text: str


@dataclass(frozen=True, kw_only=True)
class SpeechStarted(DataEvent):
    """Voice activity detected: the user started speaking."""

    kind: ClassVar[str] = "speech_start"
    audio_time: float = 0.0


@dataclass(frozen=True, kw_only=True)
class SpeechEnded(DataEvent):
    """End of the user's utterance as decided by the endpointer."""

    kind: ClassVar[str] = "speech_end"
    audio_time: float = 0.0


@dataclass(frozen=True, kw_only=True)
class PartialTranscript(DataEvent):
    """Recognizer's running hypothesis for the utterance in progress."""

    kind: ClassVar[str] = "asr_partial"
    text: str


@dataclass(frozen=True, kw_only=True)
class WordTiming:
    """One recognised word with its times (seconds in the utterance) and confidence."""

    word: str
    start: float
    end: float
    conf: float


DOUBT_BELOW = 0.3
"""A word heard with less confidence than this is doubtful: nothing that rests on it is done
unasked (set on the development half of the voice set, ``voxroom bench understanding``)."""


@dataclass(frozen=True, kw_only=True)
class FinalTranscript(DataEvent):
    """Recognizer's final result for one utterance."""

    kind: ClassVar[str] = "asr_final"
    text: str
    words: tuple[WordTiming, ...] = ()
    engine: str = ""
    unknown_words: tuple[str, ...] = ()

    @property
    def doubtful(self) -> frozenset[str]:
        """The words heard with low confidence (typed text and engines without confidences: none)."""
        return frozenset(w.word for w in self.words if w.conf < DOUBT_BELOW)


@dataclass(frozen=True, kw_only=True)
class InputLevel(DataEvent):
    """Microphone RMS level in dBFS, for the HUD meter."""

    kind: ClassVar[str] = "input_level"
    dbfs: float


@dataclass(frozen=True, kw_only=True)
class SceneChanged(DataEvent):
    """A scene file was (re)loaded successfully from ``path``."""

    kind: ClassVar[str] = "scene_changed"
    path: str


@dataclass(frozen=True, kw_only=True)
class SpeechChunk(DataEvent):
    """One synthesized sentence of an NPC's reply, ready to play (dropped by an interrupt)."""

    kind: ClassVar[str] = "tts_chunk"
    droppable: ClassVar[bool] = True
    npc: str
    reply_id: int
    index: int
    last: bool
    text: str
    clip: Any  # game.speaking.tts.SpeechClip
    timeline: Any  # game.sim.anim.face.VisemeTimeline
    emotion: str | None = None


@dataclass(frozen=True, kw_only=True)
class SpeechFailed(DataEvent):
    """Synthesis of (part of) a reply failed; the subtitle is still shown."""

    kind: ClassVar[str] = "tts_failed"
    npc: str
    reply_id: int
    text: str
    error: str


@dataclass(frozen=True, kw_only=True)
class HearingStatus(DataEvent):
    """Which recognizer is active and why, and whether the microphone is live.

    ``mode`` is ``always`` (voice activity), ``ptt`` (push-to-talk) or ``text`` (no
    microphone: typed input only); ``hint`` says how to get a better engine; ``no_mic``
    says why there is no microphone, in the words ``voxroom doctor`` uses. ``endpointing`` says
    how the end of a turn is decided: ``smart`` (the Smart Turn model with the words) or
    ``timer`` (silence only: the model could not load, or the user chose it).
    """

    kind: ClassVar[str] = "hearing_status"
    engine: str
    detail: str = ""
    mode: str = "always"
    microphone: str = ""
    hint: str = ""
    no_mic: str = ""
    endpointing: str = ""


@dataclass(frozen=True, kw_only=True)
class NpcSpeech(DataEvent):
    """One sentence an NPC should say now (streamed, so TTS can start before the reply is done)."""

    kind: ClassVar[str] = "npc_speech"
    droppable: ClassVar[bool] = True
    npc: str
    text: str
    turn: int = 0


@dataclass(frozen=True, kw_only=True)
class NpcReplied(DataEvent):
    """A brain finished a reply: ``reply`` is a :class:`game.mind.protocols.Reply` (actions, evidence)."""

    kind: ClassVar[str] = "npc_replied"
    droppable: ClassVar[bool] = True
    npc: str
    utterance: str
    reply: Any
    turn: int = 0

    def to_json(self) -> dict[str, Any]:
        """Log form: the reply's own JSON instead of its repr."""
        out = super().to_json()
        out["reply"] = self.reply.to_json(self.npc) if hasattr(self.reply, "to_json") else str(self.reply)
        return out


@dataclass(frozen=True, kw_only=True)
class NpcLine(DataEvent):
    """An NPC's whole line, once the conversation commits to saying it (what mods' ``on_line`` hears).

    ``source`` is ``reply`` for the brain's answers and ``mod:<name>`` for a mod's answer.
    """

    kind: ClassVar[str] = "npc_line"
    npc: str
    text: str
    source: str = "reply"


@dataclass(frozen=True, kw_only=True)
class Silence(ControlEvent):
    """Stop one NPC's speech now (a mod's ``stop``); queued sentences of it are dropped."""

    kind: ClassVar[str] = "silence"
    npc: str
    source: str = ""


@dataclass(frozen=True, kw_only=True)
class PlaybackStarted(DataEvent):
    """A sentence of an NPC's reply started playing (``audio_start`` on the audio clock)."""

    kind: ClassVar[str] = "playback_start"
    npc: str
    reply_id: int
    index: int
    audio_start: float
    text: str = ""


@dataclass(frozen=True, kw_only=True)
class PlaybackEnded(DataEvent):
    """An NPC finished (or was cut off) speaking."""

    kind: ClassVar[str] = "playback_end"
    npc: str
    interrupted: bool = False
    heard: str = ""


@dataclass(frozen=True, kw_only=True)
class ActionDone(DataEvent):
    """An NPC's action was carried out (or failed, with ``error``)."""

    kind: ClassVar[str] = "action"
    npc: str
    action: str
    change: str = ""
    error: str = ""


@dataclass(frozen=True, kw_only=True)
class ModAssetChanged(DataEvent):
    """A mod's scene or persona file changed on disk and still validates; ``name`` is ``mod:stem``."""

    kind: ClassVar[str] = "mod_asset_changed"
    mod: str
    asset: str  # "scene" or "persona"
    name: str
    path: str


@dataclass(frozen=True, kw_only=True)
class BrainLoaded(DataEvent):
    """A brain built off the main thread (settings → Brain) is ready to swap in.

    ``request`` numbers the user's choices, so a brain that finished loading after the
    user picked another one is recognised and dropped.
    """

    kind: ClassVar[str] = "brain_loaded"
    request: int
    choice: str
    brain: Any
    problems: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class HearingLoaded(DataEvent):
    """A hearing pipeline built off the main thread (a new microphone, recognizer or model).

    ``request`` numbers the rebuilds, so one superseded while it loaded is closed, not used;
    ``error`` says why the build failed (the running pipeline then stays).
    """

    kind: ClassVar[str] = "hearing_loaded"
    request: int
    choice: Any
    pipeline: Any = None
    error: str = ""


@dataclass(frozen=True, kw_only=True)
class ModelFetchProgress(DataEvent):
    """Bytes of a speech model downloaded so far (``total`` 0 when the size is not known)."""

    kind: ClassVar[str] = "model_fetch_progress"
    droppable: ClassVar[bool] = True
    name: str
    done: int
    total: int


@dataclass(frozen=True, kw_only=True)
class ModelFetched(DataEvent):
    """A speech model download ended: ``path`` of the installed model, or ``error`` in one line."""

    kind: ClassVar[str] = "model_fetched"
    name: str
    path: str = ""
    error: str = ""


@dataclass(frozen=True, kw_only=True)
class SceneRequest(DataEvent):
    """A mod asks for a scene between NPCs ``a`` and ``b`` now, or (``suppress_s`` > 0) for none that long.

    Posted by the mod API's ``start_scene`` / ``suppress_scenes`` (docs/modding.md); the
    conversation's :class:`~game.conversation.initiative.Initiative` acts on it.
    """

    kind: ClassVar[str] = "scene_request"
    a: str = ""
    b: str = ""
    topic: str = ""
    suppress_s: float = 0.0
    source: str = ""
