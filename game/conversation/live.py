"""The live conversation: routes what the user says to an NPC and plays back its answer.

Everything here runs on the main thread, once per tick, on events drained from the
bus: speech start (the likely addressee turns to listen, a speaking NPC is cut off),
partials (live caption, re-addressing when a name is heard), finals and typed lines
(routed to the brain worker), streamed sentences (to the TTS worker), synthesized
chunks (to the player, with lip sync on the audio clock), and finished replies
(actions applied, memory saved). The workers only post events; nothing here blocks.
Each tick also asks the watchdog whether the brain or TTS thread hangs, and if so
restarts it and gives the NPC its turn back (see docs/conversation.md, "Faults").
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from game.bus import EventBus
from game.conversation.acting import carry_out, without_actions
from game.conversation.backchannel import GESTURE, Backchannel
from game.conversation.cast import departed, follow_cast
from game.conversation.faults import brain_hung, memory_failed, speech_hung
from game.conversation.guesses import Guesses, Speculation, comparable
from game.conversation.initiative import Initiative
from game.conversation.shared_room import (
    ROOM_GIVE_UP_S,
    RoomSink,
    act_along,
    apply_room_change,
    follow_body,
    room_thinking,
)
from game.conversation.thinking import Thinking, persona_filler
from game.conversation.turns import TurnRecord
from game.conversation.voicing import Voicing
from game.conversation.watchdog import Watchdog
from game.conversation.yielding import asks_to_go_on, unsaid
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
    RoomBody,
    RoomChanged,
    RoomHush,
    RoomLine,
    RoomThinking,
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
from game.mind.addressing import awaiting_answer, bystander_reactions, choose_addressee, named_npc
from game.mind.body import follow_step, perform
from game.mind.brain import GLUE_WORDS
from game.mind.handover import hand_over_to
from game.mind.protocols import Action, Reply
from game.mind.session import MindSession
from game.mind.vocatives import strip_vocative, tokens
from game.mind.worker import BrainWorker
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
        self._named_by_guess: str | None = None  # a name only running words (a partial, an early answer) held
        self._speech_end: float | None = None
        self._turn_by_npc: dict[str, TurnRecord] = {}
        self.backchannel = Backchannel()
        self.audible_backchannels = False
        """``audio.backchannels``: the nod comes with a murmur ("uh-huh") in the NPC's voice."""
        self._unsaid: tuple[str, str] | None = None  # (npc, what it did not get to say)
        self.room: RoomSink | None = None  # a joined shared room: its host answers, not our brain
        self.peers: dict[str, Vec3] = {}  # a shared room's other users → where their avatars stand
        self.initiative = Initiative(self)  # greetings, edit comments, NPC-to-NPC scenes

    # --- the user ---------------------------------------------------------------------------
    def set_user(self, eye: Vec3, yaw: float, pitch: float = 0.0) -> None:
        """Where the user stands and looks (the camera), for addressing and panning."""
        self.user_eye, self.user_yaw = eye, yaw
        self.session.user_position = eye
        self.session.user_forward = forward_vector(yaw, pitch)

    def _forward(self) -> Vec3:
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
        npc, _ = choose_addressee("", self.world, self.user_eye, self._forward())
        self._named_by_guess = None
        self._listen(npc)
        self.backchannel.turn_started(self.clock())
        if self.room is not None:
            self.room.talk(True)  # the room's host stops a scene for everyone

    def _listen(self, npc: str | None) -> None:
        anim = self.world.animator
        if self.view.listening_to and self.view.listening_to != npc:
            self.thinking.stop(self.world, self.view.listening_to)  # another NPC will answer
            anim.get(self.view.listening_to).status = ""
        self.view.listening_to = npc
        if npc is not None:
            anim.get(npc).status = "listening"
            anim.look_at(npc, self.user_eye)
            anim.turn_to(npc, self.user_eye)

    @handles(PartialTranscript)
    def _on_partial_transcript(self, event: PartialTranscript) -> None:
        self.view.caption = f"You: {event.text}…"
        self._last_partial = event.text
        if len(event.text.split()) >= 2:
            self._speculate(event.text)
        named = named_npc(event.text, self.world)
        if named is not None and named != self.view.listening_to:
            self._named_by_guess = named
            self._listen(named)

    @handles(SpeechEnded)
    def _on_speech_ended(self, event: SpeechEnded) -> None:
        self._speech_end = event.t
        self.backchannel.turn_ended()
        self.voicing.hush(self.world)  # a murmur still playing must not delay the answer
        partial, self._last_partial = self._last_partial.strip(), ""
        if self.room is not None:
            self.room.talk(False)
        if self.view.listening_to is not None:  # the visible reaction; a filler only if words were heard
            npc = self.view.listening_to
            self.thinking.begin(self.world, npc, self.user_eye, event.t, filler=bool(partial), hearing=True)
        if partial:
            self._speculate(partial)
        # An on_heard hook may answer anything, so it sees the final before a guess plays.
        spec = None if self._mods_listen() else self.guesses.settled_early(partial)
        if spec is not None:
            # The words stopped changing before the user stopped speaking: answer now and
            # let the final pass confirm (or, rarely, correct) it. Only words and voice go
            # out now; actions and memory wait for the final transcript.
            self._commit(spec, partial, event.t, confirmed=False)

    def _speculate(self, text: str) -> None:
        """Start (or restart) a guessed reply to what the user seems to be saying.

        The brain works on private copies of the NPC's memory and discourse focus, so a
        guess that the final transcript contradicts leaves no trace.
        """
        if self.guesses.repeat(text):
            return
        if self._unsaid is not None and asks_to_go_on(text, self._names()):
            return  # the answer to "go on" is already known: the rest of what was cut off
        self.guesses.drop()
        npc, reason = self._route(text)
        if npc is not None and self.mods is not None and self.mods.claims(text, npc):
            return  # a mod declared this phrase (an intent, listen_for): it answers the final
        if npc is not None:
            self.guesses.start(text, npc, reason, self.session.context(npc))

    def _mods_listen(self) -> bool:
        return self.mods is not None and bool(self.mods.listens())

    def _route(self, text: str, doubtful: frozenset[str] = frozenset()) -> tuple[str | None, str]:
        npc, reason = choose_addressee(text, self.world, self.user_eye, self._forward(), doubtful)
        asker = awaiting_answer(text, (t.npc for t in reversed(self.turns)), self.session.focus)
        if asker is not None and reason != "named":
            return asker, "answers its question"
        listener = self.view.listening_to
        if listener is not None and listener == self._named_by_guess and listener.lower() not in tokens(text):
            listener = None  # named only in running words the line no longer holds: a guess leaves nothing
        if npc is not None and reason != "named" and listener is not None:
            return listener, "listening"
        return npc, reason

    @handles(FinalTranscript)
    def _on_final_transcript(self, event: FinalTranscript) -> None:
        unsure = event.doubtful - GLUE_WORDS  # a guess was answered without word confidences
        early, self.guesses.early = self.guesses.early, None
        if early is not None:
            if early.text == comparable(event.text) and not unsure:
                self._speech_end = None
                self._confirm(early, event.text)  # the reply is already playing; now it may act
                return
            self.guesses.correct(early)
            self.barge_in()  # the guess was wrong: stop it and answer what was really said
        spec = self.guesses.confirmed(event.text, trusted=not unsure)
        modded = self.mods.heard(spec.npc, event.text) if spec is not None and self._mods_listen() else None
        if spec is not None and modded is None:
            self._commit(spec, event.text, event.t)
        else:
            if spec is not None:
                self.guesses.overruled(spec)  # an on_heard hook answered instead of the guess
            self._utterance(event.text, event.t, self._speech_end, event.doubtful, modded)
        self._speech_end = None

    def _commit(self, spec: Speculation, text: str, t: float, confirmed: bool = True) -> None:
        """Play the prepared reply now; its actions and memory only once the final ``confirmed`` it."""
        self.view.caption = f"You: {text}"
        self._unsaid = None  # another line was answered: the interrupted one is dropped for good
        if not confirmed and spec.reason == "named":
            self._named_by_guess = spec.npc
        self._listen(spec.npc)
        turn = TurnRecord(spec.npc, text, spec.reason, speech_end=self._speech_end, final=t)
        spec.committed = turn
        self.turns.append(turn)
        self._turn_by_npc[spec.npc] = turn
        for other, action in self._bystanders(spec.npc):
            perform(self.world, other, action, self.user_eye)
        turn.reaction = self.thinking.begin(self.world, spec.npc, self.user_eye, self._speech_end or t)
        self.voicing.adopt(spec.reply_ids, spec.npc)
        for chunk in spec.chunks:
            self._on_speech_chunk(chunk)
        if confirmed:
            self._confirm(spec, text)

    def _confirm(self, spec: Speculation, text: str) -> None:
        """The final transcript says what the guess answered: adopt its memory, let it act.

        In a shared room the host does both: the line adopts the room's guess (already playing
        here) and the host says it to everyone else and acts on it.
        """
        if self.room is not None:
            self.room.say(text, spec.npc)
        if spec.context is not None:  # what the brain remembered while answering the guess
            self.session.memories[spec.npc] = spec.context.memory
            self.session.focus[spec.npc] = spec.context.focus
        if spec.replied is not None:
            self._on_npc_replied(spec.replied)

    @handles(TextInput)
    def _on_text_input(self, event: TextInput) -> None:
        self.barge_in()
        self._utterance(event.text, event.t, None)

    def _utterance(
        self,
        text: str,
        t: float,
        speech_end: float | None,
        doubtful: frozenset[str] = frozenset(),
        modded: Reply | None = None,
    ) -> None:
        """Route a final or typed line; ``modded``: a mod's answer already given to it."""
        self.backchannel.turn_ended()  # a line to answer: the user's turn is over
        text = text.strip()
        if not text:
            self.thinking.stop(self.world)  # nothing to answer after all
            return
        self.view.caption = "You: " + " ".join(f"{w}(?)" if w in doubtful else w for w in text.split())
        npc, reason = self._route(text, doubtful)
        ended = t if speech_end is None else speech_end  # a typed line's turn ends when it arrives
        if self.room is not None:
            self._listen(npc)
            if npc is None:
                self.thinking.stop(self.world)  # the host may still find someone (a name it knows)
            else:  # timed like any turn (F3, bench voice); the host may route it elsewhere
                self._turn_by_npc[npc] = turn = TurnRecord(npc, text, reason, speech_end=speech_end, final=t)
                self.turns.append(turn)  # thinking shows now, and a filler if the host's line is late
                turn.reaction = self.thinking.begin(
                    self.world, npc, self.user_eye, ended, until=ended + ROOM_GIVE_UP_S
                )
            self.room.say(text, npc or "")  # everyone sees the line; the host's NPC answers
            return
        held, self._unsaid = self._unsaid, None  # only the very next line may ask for the rest
        if held is not None and npc == held[0] and asks_to_go_on(text, self._names()):
            self._listen(npc)
            self.thinking.begin(self.world, npc, self.user_eye, t, filler=False)  # until it resumes
            self.voicing.say(npc, held[1])
            return
        if npc is None:
            self.bus.put(
                Notice(source="room", message=f"nobody hears you ({reason}); walk closer or say a name")
            )
            self._listen(None)
            return
        self._listen(npc)
        turn = TurnRecord(npc, text, reason, speech_end=speech_end, final=t)
        self.turns.append(turn)
        self._turn_by_npc[npc] = turn
        for other, action in self._bystanders(npc):
            perform(self.world, other, action, self.user_eye)
        turn.reaction = self.thinking.begin(self.world, npc, self.user_eye, ended)
        if modded is None and self.mods is not None:
            modded = self.mods.heard(npc, text)
        if modded is not None:
            self._on_npc_speech(NpcSpeech(npc=npc, text=modded.text))
            self._on_npc_replied(NpcReplied(npc=npc, utterance=text, reply=modded))
            return
        context = self.session.context(npc)
        context.doubtful = doubtful
        self.brain.submit(text, context)

    def _ask(self, npc: str, text: str, reason: str) -> None:
        """Put a line to an NPC the conversation chose (not the user): it turns, thinks, answers."""
        turn = TurnRecord(npc, text, reason)
        self.turns.append(turn)
        self._turn_by_npc[npc] = turn
        self.thinking.begin(self.world, npc, self.user_eye, self.clock(), filler=False)
        self.brain.submit(text, self.session.context(npc))

    def _names(self) -> list[str]:
        return [n.name for n in self.world.scene.npcs]

    def _bystanders(self, npc: str) -> list[tuple[str, Action]]:
        return bystander_reactions(self.world, npc, self.user_eye)

    @handles(RoomChanged)
    def _on_room_changed(self, event: RoomChanged) -> None:
        apply_room_change(self.world, event)

    @handles(RoomLine)
    def _on_room_line(self, event: RoomLine) -> None:
        if event.npc and self.world.npc(event.speaker) is not None:
            turn = self._turn_by_npc.get(event.speaker)
            mine = self.room is not None and event.to == self.room.user
            if mine and turn is not None and turn.reply is None:
                turn.reply, turn.reply_text = self.clock(), event.text
            self.voicing.say(event.speaker, event.text)  # every client voices it, with lip sync
            self.thinking.replied(self.world, event.speaker)  # "…" until it is heard
            act_along(self.world, event, self.room.user if self.room else "", self.user_eye, self.peers)

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
        reply: Reply = event.reply
        if self.mods is not None:
            reply = self.mods.reply(event.npc, reply)
        if reply.text:
            source = reply.brain if reply.brain.startswith("mod:") else "reply"
            self.bus.put(NpcLine(npc=event.npc, text=reply.text, source=source))
        anim = self.world.animator
        self.thinking.replied(self.world, event.npc)  # thinking shows until the reply is heard
        if reply.emotion:
            with contextlib.suppress(ValueError):
                anim.set_emotion(event.npc, reply.emotion)
        turn = self._turn_by_npc.get(event.npc)
        if turn is not None:
            turn.reply, turn.reply_text, turn.intent = event.t, reply.text, reply.intent
            turn.brain, turn.layer, turn.evidence = reply.brain, reply.layer, reply.evidence
            self.view.last_turn = turn
        before = self.world.scene
        carry_out(self.world, self.bus, self.mods, event.npc, reply, self.user_eye)
        self.initiative.edited(event.npc, before)  # a bystander may remark on what changed
        # The actions ran above (body actions included); the session records the turn.
        done = self.session.finish(event.npc, turn.reason if turn else "", without_actions(reply))
        if done.memory_error:
            memory_failed(self, event.npc, done.memory_error, corrected=done.reply.text != reply.text)
        other = hand_over_to(self.world, self.session.personas, event.npc, reply)
        if other is not None and event.utterance:  # "That's Ada's department" — and Ada does it
            self._ask(other, strip_vocative(event.utterance, event.npc), "handed over")

    @handles(SpeechChunk)
    def _on_speech_chunk(self, event: SpeechChunk) -> None:
        if not self.voicing.chunk(event) or self.voicing.is_aside(event.reply_id):
            return  # a reply the user already talked over; a murmur or filler is not the reply
        turn = self._turn_by_npc.get(event.npc)
        if turn is not None and turn.first_chunk is None:
            turn.first_chunk = event.t
        if event.emotion:
            self.world.animator.set_emotion(event.npc, event.emotion)

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
            turn = self._turn_by_npc.get(chunk.npc)
            if turn is not None and turn.playback_start is None and chunk.index == 0:
                turn.playback_start = start
        for npc in progress.finished:
            turn = self._turn_by_npc.get(npc)
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
            turn = self._turn_by_npc.get(npc)
            rest = unsaid(turn.reply_text, heard) if turn is not None else ""
            self._unsaid = (npc, rest) if rest else None
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
