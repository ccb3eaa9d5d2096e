"""The NPCs' voices on the main thread: sentences out to the TTS worker, chunks into the player.

A reply is a series of sentences, each synthesized into one :class:`SpeechChunk`. This
class tracks every reply from the moment it is sent for synthesis until its last chunk
has played: it schedules chunks on the player, starts lip sync and the subtitle when
the player says a chunk began (on the audio clock), feeds the echo guard, and posts
:class:`PlaybackStarted` / :class:`PlaybackEnded`. The conversation decides *what* is
said and when to stop; this decides nothing, it keeps the books.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game.bus import EventBus
from game.conversation.backchannel import murmur_voice
from game.events import PlaybackEnded, PlaybackStarted, SpeechChunk
from game.hearing.echo import EchoGuard
from game.sim.scene import Vec3
from game.sim.world import World
from game.speaking.playback import Player
from game.speaking.speaker import SpeechWorker
from game.speaking.speech_text import clean
from game.speaking.tts import VoiceSpec


@dataclass(frozen=True)
class Progress:
    """What one tick of playback did: chunks that began (with their audio clock), NPCs that finished."""

    started: tuple[tuple[SpeechChunk, float], ...]
    finished: tuple[str, ...]


class Voicing:
    """Replies being synthesized or played, by reply id; see the module docstring."""

    def __init__(
        self,
        bus: EventBus,
        speech: SpeechWorker,
        player: Player,
        voices: dict[str, VoiceSpec],
        echo: EchoGuard | None,
        clock: Callable[[], float],
    ) -> None:
        self.bus, self.speech, self.player, self.voices = bus, speech, player, voices
        self.echo, self.clock = echo, clock
        self._pending: list[SpeechChunk] = []  # synthesized, not yet started by the player
        self._active: dict[int, str] = {}  # reply id -> npc, for replies being synthesized or played
        self._synthesized: set[int] = set()  # replies whose last chunk (or failure) has arrived
        self._asides: set[int] = set()  # murmurs and fillers: played and heard by the echo guard, no reply

    def prepare(self, npc: str, text: str) -> int:
        """Send a sentence for synthesis without playing it yet (a guess); returns its reply id."""
        return self.speech.say(npc, text, self.voices.get(npc, VoiceSpec()))

    def say(self, npc: str, text: str) -> int:
        """Synthesize and play a sentence as soon as it is ready.

        A line with nothing to speak ("", "*smiles*") is not tracked: no chunk will ever come
        for it, and waiting for one would keep the NPC busy (and thinking) for good.
        """
        reply_id = self.prepare(npc, text)
        if clean(text).sentences:
            self._active[reply_id] = npc
        return reply_id

    def murmur(self, npc: str, text: str) -> int:
        """A backchannel over the user's turn, in the NPC's voice made softer.

        Played like a sentence (lip sync, and the echo guard is told), but it is no reply: no
        :class:`PlaybackStarted`/:class:`PlaybackEnded`, and :meth:`hush` cuts it silently.
        """
        return self._aside(npc, text, murmur_voice(self.voices.get(npc, VoiceSpec())))

    def filler(self, npc: str, text: str) -> int:
        """A short filler ("Hmm, let me think…") while the reply is still being thought of.

        Played in the NPC's full voice with lip sync, but, like a murmur, it is no reply: no
        :class:`PlaybackStarted`/:class:`PlaybackEnded` (the HUD's transcript and the mods'
        ``on_speech_done`` wait for the real reply), it is never what the user "heard" of a
        reply, and a barge-in cuts it silently. The reply queues behind it on the NPC's channel.
        """
        return self._aside(npc, text, self.voices.get(npc, VoiceSpec()))

    def _aside(self, npc: str, text: str, voice: VoiceSpec) -> int:
        reply_id = self.speech.say(npc, text, voice)
        self._active[reply_id] = npc
        self._asides.add(reply_id)
        return reply_id

    def is_aside(self, reply_id: int) -> bool:
        """Whether ``reply_id`` is a murmur or a filler (no reply: nothing of a turn is timed on it)."""
        return reply_id in self._asides

    def voices_reply(self, npc: str) -> bool:
        """Whether a sentence of a reply of ``npc`` (no murmur or filler) is being synthesized or played."""
        return any(n == npc and r not in self._asides for r, n in self._active.items())

    def voicing(self, npc: str) -> bool:
        """Whether anything of ``npc`` (a reply, a murmur, a filler) is being synthesized or played."""
        return npc in self._active.values()

    def hush(self, world: World, npcs: list[str] | None = None) -> None:
        """Cut the murmurs and fillers (of ``npcs``, default all) silently: nothing is reported.

        Called when the user's turn ends (a murmur must not delay the answer) and first thing
        in :meth:`stop`, so a barge-in never reports an aside as an interrupted reply.
        """
        for reply_id in [r for r in self._asides if r in self._active]:
            if npcs is not None and self._active[reply_id] not in npcs:
                continue
            npc = self._active.pop(reply_id)
            self._asides.discard(reply_id)
            self._synthesized.discard(reply_id)
            self.speech.cancel(reply_id)
            self.player.drop(npc, reply_id)
            if world.npc(npc) is not None and not self.voices_reply(npc):
                world.animator.stop_speaking(npc)
            self._pending = [c for c in self._pending if c.reply_id != reply_id]
            if self.echo is not None:
                self.echo.stopped(self.clock())

    def adopt(self, reply_ids: set[int], npc: str) -> None:
        """Prepared sentences become real: they play when their chunks come in."""
        for reply_id in reply_ids:
            self._active[reply_id] = npc

    def cancel(self, reply_ids: set[int]) -> None:
        """Drop prepared sentences nobody will hear."""
        for reply_id in reply_ids:
            self.speech.cancel(reply_id)

    def is_active(self, reply_id: int) -> bool:
        """Whether the reply is still wanted (being synthesized or played)."""
        return reply_id in self._active

    def synthesized(self, reply_id: int) -> None:
        """The reply's last chunk (or its failure) arrived: it ends when playback does."""
        self._synthesized.add(reply_id)

    def chunk(self, chunk: SpeechChunk) -> bool:
        """Queue a synthesized chunk for playback; False for a reply the user talked over."""
        if chunk.reply_id not in self._active:
            return False
        self.player.enqueue(chunk)
        self._pending.append(chunk)
        if chunk.last:
            self._synthesized.add(chunk.reply_id)
        return True

    @property
    def busy(self) -> bool:
        """Some reply is still being synthesized, waiting or playing."""
        return bool(self._active or self._pending)

    def update(self, world: World, eye: Vec3, yaw: float) -> Progress:
        """Once per tick: pan the voices, start lip sync for chunks that began, retire finished replies."""
        positions = {a.name: tuple(a.position) for a in world.animator.avatars}
        self.player.update(eye, yaw, positions)  # type: ignore[arg-type]
        started = tuple(self._start_chunks(world))
        speaking = set(self.player.speaking())
        finished: list[str] = []
        for reply_id, npc in list(self._active.items()):
            waiting = any(c.reply_id == reply_id for c in self._pending)
            if npc in speaking or waiting or reply_id not in self._synthesized:
                continue
            del self._active[reply_id]
            self._synthesized.discard(reply_id)
            if reply_id in self._asides:
                self._asides.discard(reply_id)
                continue
            if npc not in self._active.values():  # no more sentences of this NPC are coming
                finished.append(npc)
                self.bus.put(PlaybackEnded(npc=npc))
        return Progress(started, tuple(finished))

    def _start_chunks(self, world: World) -> list[tuple[SpeechChunk, float]]:
        anim, started = world.animator, []
        for chunk in list(self._pending):
            start = self.player.start_time(chunk.npc, chunk.reply_id, chunk.index)
            if start is None:
                continue
            self._pending.remove(chunk)
            anim.speak(chunk.npc, chunk.timeline, start_clock=start)
            anim.get(chunk.npc).subtitle = chunk.text
            if self.echo is not None:
                self.echo.played(start, chunk.clip.samples, chunk.clip.rate, gain=1.0)
            if chunk.reply_id in self._asides:
                continue
            started.append((chunk, start))
            self.bus.put(
                PlaybackStarted(
                    npc=chunk.npc,
                    reply_id=chunk.reply_id,
                    index=chunk.index,
                    audio_start=start,
                    text=chunk.text,
                )
            )
        return started

    def stop_all(self, world: World) -> dict[str, str]:
        """Cut every NPC off now; returns what the user heard of each one's reply."""
        return self.stop(world, list(dict.fromkeys(self._active.values())))

    def stop(self, world: World, npcs: list[str]) -> dict[str, str]:
        """Cut these NPCs off now (also one a mod just removed); returns what the user heard of each.

        Murmurs and fillers are cut first and silently: an aside is never an interrupted reply.
        """
        self.hush(world, npcs)
        heard_by_npc: dict[str, str] = {}
        for npc in npcs:
            if npc not in self._active.values():
                continue
            heard = self.player.interrupt(npc)
            for reply_id in [r for r, n in self._active.items() if n == npc]:
                self.speech.cancel(reply_id)
                del self._active[reply_id]
            if world.npc(npc) is not None:  # not one a mod just removed
                world.animator.stop_speaking(npc)
            self._pending = [c for c in self._pending if c.npc != npc]
            if self.echo is not None:
                self.echo.stopped(self.clock())
            heard_by_npc[npc] = heard.heard_text if heard else ""
            self.bus.put(PlaybackEnded(npc=npc, interrupted=True, heard=heard_by_npc[npc]))
        return heard_by_npc
