"""A brain that lets mods answer first: the simplest way to put mods on the conversation path.

``ModdedBrain(host, brain)`` is a :class:`~game.mind.protocols.Brain`, so anything that
drives a brain (``MindSession``, the brain worker, ``voxroom chat``) gets mod intents,
``on_heard``, ``on_reply`` and custom actions without knowing about mods. Custom
actions a mod handled are taken out of the reply, so the simulation only sees the
built-in ones it knows how to apply.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from game.mind.protocols import Brain, MindContext, Reply

if TYPE_CHECKING:
    from game.modding.host import ModHost


class ModdedBrain:
    """Mods first (``heard``), then the wrapped brain; ``reply`` and ``action`` hooks on the way out."""

    def __init__(self, host: ModHost, brain: Brain) -> None:
        self.host = host
        self.brain = brain
        self.name = brain.name

    def reply(self, utterance: str, context: MindContext) -> Reply:
        """Answer as a mod would, or as the brain would when no mod takes the utterance."""
        answer = self.host.heard(context.npc, utterance)
        if answer is None:
            answer = self.brain.reply(utterance, context)
        elif context.memory is not None:
            context.memory.add_turn(utterance, answer.text, answer.intent)
        answer = self.host.reply(context.npc, answer)
        kept = tuple(a for a in answer.actions if not self.host.action(context.npc, a) and ":" not in a.name)
        return replace(answer, actions=kept)
