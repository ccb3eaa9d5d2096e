"""The live conversation: routes what the user says to an NPC and plays back its answer.

Everything here runs on the main thread, once per tick, on events drained from the
bus: speech start (the likely addressee turns to listen, a speaking NPC is cut off),
partials (live caption, re-addressing when a name is heard), finals and typed lines
(routed to the brain worker), streamed sentences (to the TTS worker), synthesized
chunks (to the player, with lip sync on the audio clock), and finished replies
(actions applied, memory saved). The workers only post events; nothing here blocks.
Each tick also asks the watchdog whether the brain or TTS thread hangs, and if so
restarts it and gives the NPC its turn back (see docs/conversation.md, "Faults").

This class is the one ``@handles`` table; what a handler does at length lives in a module
that takes the conversation, in the order of a turn: :mod:`~game.conversation.routing` (a
line to an NPC), :mod:`~game.conversation.early_answers` (guesses before the final),
:mod:`~game.conversation.replies` (the answer applied), with :mod:`~game.conversation.shared_room`,
:mod:`~game.conversation.cast` and :mod:`~game.conversation.faults` for rooms, NPCs coming and
going, and hung workers.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from game.bus import EventBus
from game.conversation.backchannel import GESTURE, Backchannel
from game.conversation.cast import departed, follow_cast
from game.conversation.early_answers import commit, final_heard, mods_listen, speculate
from game.conversation.faults import brain_hung, speech_hung
from game.conversation.guesses import Guesses
from game.conversation.initiative import Initiative
from game.conversation.replies import chunk_arrived, reply_arrived
from game.conversation.routing import utterance
from game.conversation.shared_room import (
    RoomSink,
    apply_room_change,
    follow_body,
    room_line,
    room_thinking,
)
from game.conversation.thinking import Thinking, persona_filler
from game.conversation.turns import TurnRecord
from game.conversation.voicing import Voicing
from game.conversation.watchdog import Watchdog
from game.conversation.yielding import unsaid
from game.dispatch import Dispatch, handles
from game.events import (
    ActionDone,
    BrainLoaded,
    Event,
    FinalTranscript,
    HearingLoaded,
    HearingStatus,
    InputLevel,
    Interrupt,
    ModAssetChanged,
    ModelFetched,
    ModelFetchProgress,
    Notice,
    NpcLine,
    NpcReplied,
    NpcSpeech,
    PartialTranscript,
    PlaybackEnded,
    PlaybackStarted,
    SceneChanged,
    SceneRequest,
    Shutdown,
    Silence,
    SpeechChunk,
    SpeechEnded,
    SpeechFailed,
    SpeechStarted,
    TextInput,
)
from game.hearing.echo import EchoGuard
from game.mind.addressing import choose_addressee, named_npc
from game.mind.body import follow_step
from game.mind.session import MindSession
from game.mind.worker import BrainWorker
from game.room_events import RoomBody, RoomChanged, RoomHush, RoomLine, RoomThinking
from game.sim.scene import Vec3
from game.sim.transform import forward_vector
from game.speaking.playback import Player
from game.speaking.speaker import SpeechWorker
from game.speaking.tts import VoiceSpec


@dataclass
class ConversationView:
    """What the HUD shows about the conversation."""

    caption: str = ""
    listening_to: str | None = None
    last_turn: TurnRecord | None = None


class Conversation:
    """Main-thread orchestration of hearing → mind → speech → avatars."""

    def __init__(
        self,
        bus: EventBus,
        session: MindSession,
        brain: BrainWorker,
        speech: SpeechWorker,
        player: Player,
        voices: dict[str, VoiceSpec],
        echo: EchoGuard | None = None,
        mods: Any = None,
        clock: Callable[[], float] = time.monotonic,
        watchdog: Watchdog | None = None,
    ) -> None:
        self.bus, self.session, self.world = bus, session, session.world
        self.watchdog = watchdog or Watchdog()
        self.brain, self.mods, self.clock = brain, mods, clock
        self.voicing = Voicing(bus, speech, player, voices, echo, clock)
        self.user_eye: Vec3 = self.world.scene.spawn.position
        self.user_yaw = self.world.scene.spawn.yaw
        self.view = ConversationView()
        self.turns: list[TurnRecord] = []
        self.guesses = Guesses(brain, self.voicing)
        self.thinking = Thinking(
            self.voicing,
            lambda npc: persona_filler(self.session.personas, npc),  # read at use: personas reload
            self.guesses.prepared,
            lambda: self.clock(),  # tests swap in a fake clock after construction
        )
        self._last_partial = ""
        self.named_by_guess: str | None = None  # a name only running words (a partial, an early answer) held
        self.speech_end: float | None = None
        self.turn_by_npc: dict[str, TurnRecord] = {}
        self.backchannel = Backchannel()
        self.audible_backchannels = False
        """``audio.backchannels``: the nod comes with a murmur ("uh-huh") in the NPC's voice."""
        self.left_unsaid: tuple[str, str] | None = None  # (npc, what it did not get to say)
        self.room: RoomSink | None = None  # a joined shared room: its host answers, not our brain
        self.peers: dict[str, Vec3] = {}  # a shared room's other users → where their avatars stand
        self.initiative = Initiative(self)  # greetings, edit comments, NPC-to-NPC scenes

    # --- the user ---------------------------------------------------------------------------
    def set_user(self, eye: Vec3, yaw: float, pitch: float = 0.0) -> None:
        """Where the user stands and looks (the camera), for addressing and panning."""
        self.user_eye, self.user_yaw = eye, yaw
        self.session.user_position = eye
        self.session.user_forward = forward_vector(yaw, pitch)

    def forward(self) -> Vec3:
        """Where the user looks, level (addressing ignores the pitch)."""
        return forward_vector(self.user_yaw, 0.0)

    # --- events -----------------------------------------------------------------------------
    def handle(self, event: Event) -> None:
        """Apply one drained bus event."""
        follow_cast(self)  # a mod may have spawned or removed an NPC since the last event
        self.initiative.observe(event)  # the user's voice or line ends an NPC-to-NPC scene first
        if departed(event, self.world) or self.guesses.hold(event):
            return
        _DISPATCH(self, event)

    @handles(SpeechStarted)
    def _on_speech_started(self, event: SpeechStarted) -> None:
        self.guesses.unconfirmed()  # an early answer whose final never came: its actions never run
        self.barge_in()
        npc, _ = choose_addressee("", self.world, self.user_eye, self.forward())
        self.named_by_guess = None
        self.listen(npc)
        self.backchannel.turn_started(self.clock())
        if self.room is not None:
            self.room.talk(True)  # the room's host stops a scene for everyone

    def listen(self, npc: str | None) -> None:
        """``npc`` turns to the user to listen (``None``: nobody); one listening before stops."""
        anim = self.world.animator
        if self.view.listening_to and self.view.listening_to != npc:
            self.thinking.stop(self.world, self.view.listening_to)  # another NPC will answer
            anim.get(self.view.listening_to).status = ""
        self.view.listening_to = npc
        if npc is not None:
            anim.get(npc).status = "listening"
            anim.look_at(npc, self.user_eye)
            anim.turn_to(npc, self.user_eye)

    def open_turn(self, turn: TurnRecord) -> TurnRecord:
        """Record a turn its NPC now owes an answer to; its timings fill in as the answer comes."""
        self.turns.append(turn)
        self.turn_by_npc[turn.npc] = turn
        return turn

    @handles(PartialTranscript)
    def _on_partial_transcript(self, event: PartialTranscript) -> None:
        self.view.caption = f"You: {event.text}…"
        self._last_partial = event.text
        if len(event.text.split()) >= 2:
            speculate(self, event.text)
        named = named_npc(event.text, self.world)
        if named is not None and named != self.view.listening_to:
            self.named_by_guess = named
            self.listen(named)

    @handles(SpeechEnded)
    def _on_speech_ended(self, event: SpeechEnded) -> None:
        self.speech_end = event.t
        self.backchannel.turn_ended()
        self.voicing.hush(self.world)  # a murmur still playing must not delay the answer
        partial, self._last_partial = self._last_partial.strip(), ""
        if self.room is not None:
            self.room.talk(False)
        if self.view.listening_to is not None:  # the visible reaction; a filler only if words were heard
            npc = self.view.listening_to
            self.thinking.begin(self.world, npc, self.user_eye, event.t, filler=bool(partial), hearing=True)
        if partial:
            speculate(self, partial)
        # An on_heard hook may answer anything, so it sees the final before a guess plays.
        spec = None if mods_listen(self) else self.guesses.settled_early(partial)
        if spec is not None:
            # The words stopped changing before the user stopped speaking: answer now and
            # let the final pass confirm (or, rarely, correct) it. Only words and voice go
            # out now; actions and memory wait for the final transcript.
            commit(self, spec, partial, event.t, confirmed=False)

    @handles(FinalTranscript)
    def _on_final_transcript(self, event: FinalTranscript) -> None:
        final_heard(self, event)

    @handles(TextInput)
    def _on_text_input(self, event: TextInput) -> None:
        self.barge_in()
        utterance(self, event.text, event.t, None)

    @handles(RoomChanged)
    def _on_room_changed(self, event: RoomChanged) -> None:
        apply_room_change(self.world, event)

    @handles(RoomLine)
    def _on_room_line(self, event: RoomLine) -> None:
        room_line(self, event)

    @handles(RoomHush)
    def _on_room_hush(self, event: RoomHush) -> None:
        self.voicing.stop(self.world, [event.npc])  # a scene line: stopped in every window

    @handles(RoomThinking)
    def _on_room_thinking(self, event: RoomThinking) -> None:
        room_thinking(self, event)

    @handles(RoomBody)
    def _on_room_body(self, event: RoomBody) -> None:
        user = self.room.user if self.room is not None else ""
        follow_body(self.world, event, user, self.user_eye, self.peers)

    @handles(NpcSpeech)
    def _on_npc_speech(self, event: NpcSpeech) -> None:
        self.voicing.say(event.npc, event.text)

    @handles(NpcReplied)
    def _on_npc_replied(self, event: NpcReplied) -> None:
        reply_arrived(self, event)

    @handles(SpeechChunk)
    def _on_speech_chunk(self, event: SpeechChunk) -> None:
        chunk_arrived(self, event)

    @handles(Silence)
    def _on_silence(self, event: Silence) -> None:
        """Stop one NPC's line (a mod asked): the rest of it is never spoken."""
        self.voicing.stop(self.world, [event.npc])

    @handles(SceneRequest)
    def _on_scene_request(self, event: SceneRequest) -> None:
        self.initiative.request(event)

    @handles(SpeechFailed)
    def _on_speech_failed(self, event: SpeechFailed) -> None:
        self.world.animator.get(event.npc).subtitle = event.text
        if not self.voicing.is_aside(event.reply_id):
            self.thinking.stop(self.world, event.npc)  # the reply is read, not heard: no more "…"
        self.voicing.synthesized(event.reply_id)

    # --- per tick ---------------------------------------------------------------------------
    def tick(self, dt: float) -> None:
        """Update playback, lip sync and subtitles; follow the user; retire finished speech."""
        follow_cast(self)
        self._watch()
        progress = self.voicing.update(self.world, self.user_eye, self.user_yaw)
        for chunk, start in progress.started:
            self.thinking.spoke(self.world, chunk.npc)
            turn = self.turn_by_npc.get(chunk.npc)
            if turn is not None and turn.playback_start is None and chunk.index == 0:
                turn.playback_start = start
        for npc in progress.finished:
            turn = self.turn_by_npc.get(npc)
            if turn is not None and turn.playback_end is None and turn.playback_start is not None:
                turn.playback_end = self.clock()
        self.thinking.tick(self.world)  # a filler when the reply is late
        follow_step(self.world, self.user_eye)
        self._nod_along()
        self.initiative.tick()

    def _nod_along(self) -> None:
        """A long user turn: the listening NPC nods now and then, murmuring if asked (``backchannel``)."""
        npc = self.view.listening_to
        if npc is None or not self.backchannel.due(self.clock()):
            return
        avatar = self.world.animator.get(npc)
        if avatar.status == "listening" and avatar.gesture is None:
            self.world.animator.play(npc, GESTURE, at=self.user_eye)
            if self.audible_backchannels:
                self.voicing.murmur(npc, self.backchannel.sound())

    @property
    def idle(self) -> bool:
        """Nothing is being thought, synthesized or played."""
        return (
            not self.voicing.busy
            and self.guesses.current is None
            and not any(a.status == "thinking" for a in self.world.animator.avatars)
        )

    def barge_in(self) -> None:
        """The user speaks over the NPCs: fade them out, drop queued speech, keep what was heard."""
        self.guesses.drop()
        thinking = bool(self.thinking.stop(self.world))
        interrupted = self.stop_speaking() or thinking
        if thinking:
            self.brain.cancel()
        if interrupted:
            self.bus.put(Interrupt(source="user"))

    def stop_speaking(self) -> bool:
        """Cut every NPC off now (barge-in, a switch of speakers); True if one was speaking.

        Queued sentences are dropped and what the user heard of each reply is kept in the
        NPC's focus, so "what did you say?" still works.
        """
        heard_by_npc = self.voicing.stop_all(self.world)
        for npc, heard in heard_by_npc.items():
            self.session.focus.setdefault(npc, {})["heard"] = heard
            turn = self.turn_by_npc.get(npc)
            rest = unsaid(turn.reply_text, heard) if turn is not None else ""
            self.left_unsaid = (npc, rest) if rest else None
        return bool(heard_by_npc)

    # --- faults -----------------------------------------------------------------------------
    def _watch(self) -> None:
        """Restart a brain or TTS thread that hangs (:mod:`game.conversation.watchdog` decides when)."""
        hang = self.watchdog.check("brain", self.brain)
        if hang is not None:
            brain_hung(self, hang)
        hang = self.watchdog.check("speech", self.voicing.speech)
        if hang is not None:
            speech_hung(self, hang)


# Events the conversation does not act on: the app, the HUD or the bus handle them.
_DISPATCH = Dispatch(
    Conversation,
    ignored=(
        ActionDone,
        BrainLoaded,
        HearingLoaded,
        HearingStatus,
        InputLevel,
        Interrupt,
        ModAssetChanged,
        ModelFetched,
        ModelFetchProgress,
        Notice,
        NpcLine,
        PlaybackEnded,
        PlaybackStarted,
        SceneChanged,
        Shutdown,
    ),
)
CONVERSATION_EVENTS = tuple(_DISPATCH.table)
"""The event types the conversation acts on (the app leaves them to it)."""
