"""Answering before the final transcript: guesses started, played early, confirmed or corrected.

:class:`~game.conversation.guesses.Guesses` holds what a guess produced; this is what the live
conversation does with it. A partial transcript starts a guess (:func:`speculate`); words that
stopped changing before the user stopped speaking play it at once, unconfirmed (:func:`commit`);
the final transcript then confirms it, so its memory and actions apply (:func:`confirm`), or
contradicts it, so it is cut and the line is routed afresh (:func:`final_heard`). A mod that
listens (an ``on_heard`` hook) sees every final before any guess plays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.conversation.guesses import Speculation, comparable
from game.conversation.replies import chunk_arrived, reply_arrived
from game.conversation.routing import heard_caption, npc_names, react_around, route, utterance
from game.conversation.turns import TurnRecord
from game.conversation.yielding import asks_to_go_on
from game.events import FinalTranscript
from game.mind.action_words import GLUE_WORDS
from game.mind.handover import refused_edit
from game.mind.protocols import MOMENTARY_ACTIONS

if TYPE_CHECKING:
    from game.conversation.live import Conversation


def speculate(conv: Conversation, text: str) -> None:
    """Start (or restart) a guessed reply to what the user seems to be saying.

    The brain works on private copies of the NPC's memory and discourse focus, so a
    guess that the final transcript contradicts leaves no trace.
    """
    if conv.guesses.repeat(text):
        return
    if conv.left_unsaid is not None and asks_to_go_on(text, npc_names(conv)):
        return  # the answer to "go on" is already known: the rest of what was cut off
    conv.guesses.drop()
    npc, reason = route(conv, text)
    if npc is not None and conv.mods is not None and conv.mods.claims(text, npc):
        return  # a mod declared this phrase (an intent, listen_for): it answers the final
    if npc is not None:
        conv.guesses.start(text, npc, reason, conv.session.context(npc))


def leaves_nothing_behind(spec: Speculation) -> bool:
    """Whether the guess's finished reply only talks and gestures: no walk, no room edit, no hand-over.

    Doubt matters for what is done (a doubtful command is asked about first); an early answer
    to the same words that changes nothing is kept, rather than cut and said again.
    """
    replied = spec.replied
    if replied is None:
        return False
    reply = replied.reply
    return all(a.name in MOMENTARY_ACTIONS for a in reply.actions) and not refused_edit(reply)


def mods_listen(conv: Conversation) -> bool:
    """Whether a mod's ``on_heard`` hook wants every final first (it may answer anything)."""
    return conv.mods is not None and bool(conv.mods.listens())


def final_heard(conv: Conversation, event: FinalTranscript) -> None:
    """The final transcript: confirm the early answer, play the prepared guess, or route the line."""
    # A guess was answered without word confidences: a doubtful word it rests on undoes it. A
    # doubtful "hi" before "ada how are you" is no such word (guesses are compared without it).
    unsure = (event.doubtful - GLUE_WORDS) & set(comparable(event.text).split())
    early, conv.guesses.early = conv.guesses.early, None
    if early is not None:
        names = {n.lower() for n in npc_names(conv)}
        harmless = not unsure or (leaves_nothing_behind(early) and not unsure & names)
        if early.text == comparable(event.text) and harmless:
            conv.speech_end = None
            conv.view.caption = heard_caption(event.text, event.doubtful)
            confirm(conv, early, event.text)  # the reply is already playing; now it may act
            return
        conv.guesses.correct(early)
        conv.barge_in()  # the guess was wrong: stop it and answer what was really said
    spec = conv.guesses.confirmed(event.text, trusted=not unsure)
    modded = conv.mods.heard(spec.npc, event.text) if spec is not None and mods_listen(conv) else None
    if spec is not None and modded is None:
        commit(conv, spec, event.text, event.t)
    else:
        if spec is not None:
            conv.guesses.overruled(spec)  # an on_heard hook answered instead of the guess
        utterance(conv, event.text, event.t, conv.speech_end, event.doubtful, modded)
    conv.speech_end = None


def commit(conv: Conversation, spec: Speculation, text: str, t: float, confirmed: bool = True) -> None:
    """Play the prepared reply now; its actions and memory only once the final ``confirmed`` it."""
    conv.view.caption = f"You: {text}"
    conv.left_unsaid = None  # another line was answered: the interrupted one is dropped for good
    if not confirmed and spec.reason == "named":
        conv.named_by_guess = spec.npc
    conv.listen(spec.npc)
    turn = conv.open_turn(TurnRecord(spec.npc, text, spec.reason, speech_end=conv.speech_end, final=t))
    spec.committed = turn
    react_around(conv, spec.npc)
    turn.reaction = conv.thinking.begin(conv.world, spec.npc, conv.user_eye, conv.speech_end or t)
    conv.voicing.adopt(spec.reply_ids, spec.npc)
    for chunk in spec.chunks:
        chunk_arrived(conv, chunk)
    if confirmed:
        confirm(conv, spec, text)


def confirm(conv: Conversation, spec: Speculation, text: str) -> None:
    """The final transcript says what the guess answered: adopt its memory, let it act.

    In a shared room the host does both: the line adopts the room's guess (already playing
    here) and the host says it to everyone else and acts on it.
    """
    if conv.room is not None:
        conv.room.say(text, spec.npc, guess_played=True)
    if spec.context is not None:  # what the brain remembered while answering the guess
        conv.session.memories[spec.npc] = spec.context.memory
        conv.session.focus[spec.npc] = spec.context.focus
    if spec.replied is not None:
        reply_arrived(conv, spec.replied)
