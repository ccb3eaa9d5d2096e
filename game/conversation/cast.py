"""Keep the conversation in step with the NPCs in the room: mods spawn and remove them at any tick.

The mind session learns of a newcomer's persona and memory (:meth:`MindSession.sync`);
this gives it a voice and its persona's look, and when an NPC leaves it drops everything
the main thread held for it — its speech, a guess addressed to it, the listening state,
its turn — so nothing later asks the world about someone who is no longer there. Events
that arrive for a departed NPC (a reply the brain was still thinking) are dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.events import Event, Notice, NpcReplied, NpcSpeech, SpeechChunk, SpeechFailed
from game.mind.session import CastChange
from game.sim.anim.skeleton import Proportions
from game.speaking.tts import persona_voice

if TYPE_CHECKING:
    from game.conversation.live import Conversation
    from game.sim.world import World

_ABOUT_AN_NPC = (NpcSpeech, NpcReplied, SpeechChunk, SpeechFailed)


def follow_cast(conversation: Conversation) -> CastChange:
    """Welcome NPCs a mod spawned and let go of those it removed (cheap when nothing changed)."""
    session = conversation.session
    problems = len(session.problems)
    change = session.sync()
    if not change:
        return change
    world = conversation.world
    for npc in change.added:
        persona = session.personas[npc]
        v = persona.voice
        conversation.voicing.voices[npc] = persona_voice(v.voice, v.rate, v.pitch, v.volume)
        world.appearances[npc] = persona.appearance
        look = persona.appearance
        world.animator.get(npc).proportions = Proportions(look.height, look.build)
    for problem in session.problems[problems:]:
        conversation.bus.put(Notice(source="mind", message=problem, level="warning"))
    for npc in change.removed:
        _forget(conversation, npc)
    return change


def _forget(conversation: Conversation, npc: str) -> None:
    """Everything the main thread held for an NPC that left the room."""
    conversation.voicing.stop(conversation.world, [npc])
    conversation.voicing.voices.pop(npc, None)
    conversation.world.appearances.pop(npc, None)
    guesses = conversation.guesses
    if guesses.current is not None and guesses.current.npc == npc:
        guesses.drop()
    if guesses.early is not None and guesses.early.npc == npc:
        guesses.unconfirmed()
    if conversation.view.listening_to == npc:
        conversation.view.listening_to = None
    conversation.turn_by_npc.pop(npc, None)


def departed(event: Event, world: World) -> bool:
    """An event about an NPC that is no longer in the room (it can only be dropped)."""
    return isinstance(event, _ABOUT_AN_NPC) and world.npc(event.npc) is None
