"""The user says sorry: the character lets it go.

"Cleo, sorry I'm late" sat nearest "I'm leaving now" and got "Say more. Slowly, if you like.";
a person answers an apology with "No harm done". Only an apology for something the user did
counts: "sorry to hear that" is sympathy, and "sorry?" or "sorry, what did you say?" asks to
hear a line again.
"""

from __future__ import annotations

import re

from game.mind.protocols import Action
from game.mind.skill_io import Answer, SkillInput

_APOLOGY = re.compile(
    r"^(?:oh |so |really |very )*(?:sorry|i'm sorry|i am sorry|apologies|my apologies|i apologi[sz]e)\b"
    r"[\s,]*(?:so )?(?:i'm late|i am late|i was|for (?!your?\b)|to keep|to bother|to interrupt|to be late"
    r"|about (?:earlier|that|before|the|last)|i forgot|i kept|i missed|if i|it took"
    r"|i (?:haven't|have not|hadn't|didn't|couldn't)|i've not)"
    r"|^(?:oh |so )?i (?:didn't|did not|never) mean(?:t)? to"
    r" (?:upset|hurt|offend|annoy|interrupt|be rude|snap)"
)


_GOES_ON = re.compile(r"\?|\bbut\b|\bwondering\b")
"""An apology that leads into something else ("sorry to bother you, but …?", "sorry, I was
wondering …") is a polite opening: what follows is the line."""


def apologises(text: str) -> bool:
    """Whether the line apologises for something the user did ("sorry I'm late", "sorry for the wait")."""
    low = text.lower().replace("\u2019", "'").strip()
    return _APOLOGY.search(low) is not None and _GOES_ON.search(low) is None


def forgive(turn: SkillInput) -> Answer:
    """The persona's ``forgive`` line, with a nod."""
    return Answer(
        turn.line("forgive"),
        (Action.make("nod"),),
        "happy",
        ["the user apologises: the character lets it go"],
        layer="skill",
    )
