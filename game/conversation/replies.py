"""An NPC's answer coming back from the workers: timed, shown, acted on, remembered, handed over.

The brain worker posts the finished reply (:class:`~game.events.NpcReplied`) and the TTS worker
its synthesized chunks (:class:`~game.events.SpeechChunk`); both land here on the main thread,
which owns the world. A mod may rewrite the reply first; then its line goes to the HUD, its
emotion to the face, its timings and reasons to the turn (the F3 view), its actions to the world
(:func:`~game.conversation.acting.carry_out`) and the exchange to memory. A reply that hands the
question over ("That's Ada's department") puts it to the other NPC (:func:`ask`).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from game.conversation.acting import carry_out, without_actions
from game.conversation.faults import memory_failed
from game.conversation.turns import TurnRecord
from game.events import NpcLine, NpcReplied, SpeechChunk
from game.mind.handover import hand_over_to
from game.mind.protocols import Reply
from game.mind.vocatives import strip_vocative

if TYPE_CHECKING:
    from game.conversation.live import Conversation


def reply_arrived(conv: Conversation, event: NpcReplied) -> None:
    """Show, time, carry out and remember a finished reply; a handover asks the other NPC."""
    reply: Reply = event.reply
    if conv.mods is not None:
        reply = conv.mods.reply(event.npc, reply)
    if reply.text:
        source = reply.brain if reply.brain.startswith("mod:") else "reply"
        conv.bus.put(NpcLine(npc=event.npc, text=reply.text, source=source))
    anim = conv.world.animator
    conv.thinking.replied(conv.world, event.npc)  # thinking shows until the reply is heard
    if reply.emotion:
        with contextlib.suppress(ValueError):
            anim.set_emotion(event.npc, reply.emotion)
    turn = conv.turn_by_npc.get(event.npc)
    if turn is not None:
        turn.reply, turn.reply_text, turn.intent = event.t, reply.text, reply.intent
        turn.brain, turn.layer, turn.evidence = reply.brain, reply.layer, reply.evidence
        conv.view.last_turn = turn
    before = conv.world.scene
    carry_out(conv.world, conv.bus, conv.mods, event.npc, reply, conv.user_eye)
    conv.initiative.edited(event.npc, before)  # a bystander may remark on what changed
    # The actions ran above (body actions included); the session records the turn.
    done = conv.session.finish(event.npc, turn.reason if turn else "", without_actions(reply))
    if done.memory_error:
        memory_failed(conv, event.npc, done.memory_error, corrected=done.reply.text != reply.text)
    other = hand_over_to(conv.world, conv.session.personas, event.npc, reply)
    if other is not None and event.utterance:  # "That's Ada's department" — and Ada does it
        ask(conv, other, strip_vocative(event.utterance, event.npc), "handed over")


def ask(conv: Conversation, npc: str, text: str, reason: str) -> None:
    """Put a line to an NPC the conversation chose (not the user): it turns, thinks, answers."""
    now = conv.clock()
    conv.open_turn(TurnRecord(npc, text, reason, final=now))  # its stages count from being asked
    conv.thinking.begin(conv.world, npc, conv.user_eye, now, filler=False)
    conv.brain.submit(text, conv.session.context(npc))


def chunk_arrived(conv: Conversation, event: SpeechChunk) -> None:
    """Play a synthesized chunk of a reply still wanted; its first one times the turn."""
    if not conv.voicing.chunk(event) or conv.voicing.is_aside(event.reply_id):
        return  # a reply the user already talked over; a murmur or filler is not the reply
    turn = conv.turn_by_npc.get(event.npc)
    if turn is not None and turn.first_chunk is None:
        turn.first_chunk = event.t
    if event.emotion:
        conv.world.animator.set_emotion(event.npc, event.emotion)
