"""A user's final or typed line: which NPC it goes to, and what that NPC does with it.

Routing is :func:`~game.mind.addressing.choose_addressee` (a name, the gaze, who is near)
corrected by the conversation's own state: an NPC that just asked a question gets the answer,
and the NPC already listening keeps the turn unless another one is named. The chosen NPC turns
to listen and shows it is thinking, bystanders react, and the line goes to a mod that claims
it, to the brain worker, or in a joined shared room to the room's host
(:func:`~game.conversation.shared_room.send_to_room`). Kept apart from
:mod:`game.conversation.live` so the event table there reads as a table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.conversation.replies import reply_arrived
from game.conversation.shared_room import send_to_room
from game.conversation.turns import TurnRecord
from game.conversation.yielding import asks_to_go_on
from game.events import Notice, NpcReplied
from game.mind.addressing import awaiting_answer, bystander_reactions, choose_addressee
from game.mind.body import perform
from game.mind.protocols import Reply
from game.mind.vocatives import tokens

if TYPE_CHECKING:
    from game.conversation.live import Conversation


def route(conv: Conversation, text: str, doubtful: frozenset[str] = frozenset()) -> tuple[str | None, str]:
    """The NPC a line is for and why (``"named"``, ``"listening"``, ``"answers its question"``…)."""
    npc, reason = choose_addressee(text, conv.world, conv.user_eye, conv.forward(), doubtful)
    asker = awaiting_answer(text, (t.npc for t in reversed(conv.turns)), conv.session.focus)
    if asker is not None and reason != "named":
        return asker, "answers its question"
    listener = conv.view.listening_to
    if listener is not None and listener == conv.named_by_guess and listener.lower() not in tokens(text):
        listener = None  # named only in running words the line no longer holds: a guess leaves nothing
    if npc is not None and reason != "named" and listener is not None:
        return listener, "listening"
    return npc, reason


def utterance(
    conv: Conversation,
    text: str,
    t: float,
    speech_end: float | None,
    doubtful: frozenset[str] = frozenset(),
    modded: Reply | None = None,
) -> None:
    """Route a final or typed line; ``modded``: a mod's answer already given to it."""
    conv.backchannel.turn_ended()  # a line to answer: the user's turn is over
    text = text.strip()
    if not text:
        conv.thinking.stop(conv.world)  # nothing to answer after all
        return
    conv.view.caption = heard_caption(text, doubtful)
    npc, reason = route(conv, text, doubtful)
    if conv.room is not None:
        send_to_room(conv, conv.room, text, t, speech_end, npc, reason)
        return
    held, conv.left_unsaid = conv.left_unsaid, None  # only the very next line may ask for the rest
    if held is not None and npc == held[0] and asks_to_go_on(text, npc_names(conv)):
        conv.listen(npc)
        conv.thinking.begin(conv.world, npc, conv.user_eye, t, filler=False)  # until it resumes
        conv.voicing.say(npc, held[1])
        return
    if npc is None:
        conv.bus.put(Notice(source="room", message=f"nobody hears you ({reason}); walk closer or say a name"))
        conv.listen(None)
        return
    conv.listen(npc)
    turn = conv.open_turn(TurnRecord(npc, text, reason, speech_end=speech_end, final=t))
    react_around(conv, npc)
    ended = t if speech_end is None else speech_end  # a typed line's turn ends when it arrives
    turn.reaction = conv.thinking.begin(conv.world, npc, conv.user_eye, ended)
    if modded is None and conv.mods is not None:
        modded = conv.mods.heard(npc, text)
    if modded is not None:
        conv.voicing.say(npc, modded.text)
        reply_arrived(conv, NpcReplied(npc=npc, utterance=text, reply=modded))
        return
    context = conv.session.context(npc)
    context.doubtful = doubtful
    conv.brain.submit(text, context)


def react_around(conv: Conversation, npc: str) -> None:
    """The other NPCs near the user react to a line addressed to ``npc`` (a glance, a turn)."""
    for other, action in bystander_reactions(conv.world, npc, conv.user_eye):
        perform(conv.world, other, action, conv.user_eye)


def heard_caption(text: str, doubtful: frozenset[str]) -> str:
    """The caption of what was heard, each doubtful word marked "(?)"."""
    return "You: " + " ".join(f"{w}(?)" if w in doubtful else w for w in text.split())


def npc_names(conv: Conversation) -> list[str]:
    """The NPCs in the room now (their names are not words of a "go on")."""
    return [n.name for n in conv.world.scene.npcs]
