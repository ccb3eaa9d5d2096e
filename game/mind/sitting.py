"""Asked to sit: on a chair or a sofa with a free place, or where the NPC stands; never on a table.

Asked to stand up, an NPC that sits gets up; one that stands says so and does nothing.

The body walks the NPC onto the seat (:func:`game.sim.seating.seat_npc`); here the reply says
only what will happen. A seat whose places are all taken (``WorldSnapshot.seated``) is turned
down by name ("Ada is on the chair. No room for me."), not promised and then sat beside on thin air.
"""

from __future__ import annotations

from game.mind.grounding import with_article
from game.mind.protocols import Action
from game.mind.skill_io import Answer, SkillInput
from game.sim.seating import PLACES


def sit(turn: SkillInput, target: str) -> Answer:
    """Sit on ``target`` (a prop name, or "" for anywhere) when it is a seat with room."""
    seat = target if target and turn.snap.prop(target) else ""
    prop = turn.snap.prop(seat) if seat else None
    if prop is None:
        return Answer(turn.line("ok"), (Action.make("sit"),))
    if prop.type not in PLACES:
        return Answer(
            f"I'm not sitting on {with_article(seat)}!", (Action.make("shake_head"),), emotion="happy"
        )
    on_it = [who for who, on in turn.snap.seated if on == seat]
    if turn.context.npc in on_it:
        return Answer(f"I'm already on {with_article(seat)}.", focus=seat)
    if len(on_it) >= len(PLACES[prop.type]):
        who = f"{' and '.join(on_it)} {'is' if len(on_it) == 1 else 'are'}"
        return Answer(
            f"{who} on {with_article(seat)}. No room for me.", (Action.make("shake_head"),), focus=seat
        )
    text = f"{turn.line('ok')} I'll sit on {with_article(seat)}."
    return Answer(text, (Action.make("sit", target=seat),), focus=seat)


def stand(turn: SkillInput) -> Answer:
    """Get up from a seat; an NPC already standing does nothing."""
    if turn.context.npc not in (who for who, _ in turn.snap.seated):
        return Answer("I'm already on my feet.")
    return Answer(turn.line("ok"), (Action.make("stand"),))
