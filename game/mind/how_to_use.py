"""A new user asks what they can do here: the character tells them, plainly.

"Ada, what can I do here?" got "That one I haven't drawn up an answer for yet", "how do I change
the room?" a list of the furniture, and "who should I talk to?" "I'm Ada". Someone new to the room
asks these first; the answer is what the room offers: talk to anyone by name, ask for the room to
change (whoever may edit it does it, :mod:`game.mind.handover`), ask the character to move, and
F1 for the keys. What the character itself will do comes from its persona's allowed actions.
"""

from __future__ import annotations

import re

from game.mind.protocols import EDIT_ACTIONS
from game.mind.skill_io import Answer, SkillInput

_ASKS = re.compile(
    r"^(?:[a-z]+,\s*)?(?:so |ok |okay |um |er )?(?:what can you do(?: here| in here| for me)?"
    r"|what (?:can|should|do) (?:i|we) (?:say|ask|do here|do in here)"
    r"|how do (?:i|we) (?:change|edit|use|decorate|talk to|play)\b.*|how does (?:this|it) work"
    r"|who should i (?:talk|speak) to|(?:can you )?help(?: me)?(?: please)?|i'm new here|i am new here"
    r"|what is this place|what's this place|where am i)\s*[?!.]*$"
)
_BODY = (
    ("walk_to", "come over"),
    ("sit", "sit down"),
    ("follow", "follow you"),
    ("point_at", "point things out"),
)


def asked(text: str) -> bool:
    """Whether the line asks what can be done here ("what can I do here?", "how do I change the room?")."""
    return bool(_ASKS.match(" ".join(text.lower().replace("\u2019", "'").split())))


def _example(turn: SkillInput, name: str) -> str:
    """An edit of a thing this room has, to say as an example (the sofa when there is one)."""
    props = turn.snap.props
    prop = next((p for p in props if p.type == "sofa"), props[0] if props else None)
    if prop is None:
        return ""
    colour = "blue" if prop.colour == "green" else "green"
    return f", as in '{name}, paint the {prop.name} {colour}'"


def answer(turn: SkillInput) -> Answer:
    """What the room offers, and what this character will do, in plain words."""
    persona = turn.persona
    edits = any(persona.allows(a) for a in EDIT_ACTIONS)
    moves = [words for action, words in _BODY if persona.allows(action)]
    room = (
        f"I can change the room for you: ask me to add, move, paint or resize things, or to dim the "
        f"lights{_example(turn, persona.name)}."
        if edits
        else "Ask any of us to change the room, to add, move, paint or resize things, and whoever looks "
        "after it will do it."
    )
    said = f"{', '.join(moves[:-1])} or {moves[-1]}" if len(moves) > 1 else "".join(moves)
    body = f" I'll {said} if you ask." if said else ""
    text = (
        f"Talk to any of us by name, about anything: our lives, your day, this room. {room}{body} "
        "Press F1 for the keys."
    )
    return Answer(
        text, evidence=["asks what can be done here: the room's offer in plain words"], layer="skill"
    )
