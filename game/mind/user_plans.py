"""The user's plan gets the question that plan raises, not a bare "tell me more".

"I'm thinking of adopting a dog" was asked back "A dog? Tell me more, mate, I'm all ears.", which
fits any news at all. A friend asks what the plan itself raises: which dog, what the bakery will
sell first, whether the shed is drawn up yet, what draws you to becoming an architect. The plan is
read by its shape ("I'm thinking of / planning to / hoping to / trying to / I've decided to / I
might <verb> …"; trying to quit is a habit, not a plan) and its verb picks the question; the
persona's ``plan_ahead`` line (``{plan}``, ``{question}``) carries the character. A verb with no
question of its own is left to the ask-back.
"""

from __future__ import annotations

import re

from game.mind.skill_io import Answer, SkillInput
from game.mind.user_news import you
from game.sim.colours import NAMED

_OPENING = r"(?:(?:so|well|actually|ok|okay|hey|yeah|yes|and|but|maybe) )*"
"""Words a plan may open with, several at once: "yeah, I might look for something else"."""
_PLAN = re.compile(
    rf"^{_OPENING}(?:i'm|i am|im) "
    r"(?:thinking (?:of|about)|planning (?:on|to)|hoping to|going to|about to|considering"
    r"|trying to(?= (?:save|learn|build|write|open|become|buy|move|visit|travel|paint)\b))"
    r"\s+(?P<verb>tak(?:e|ing) up|[a-z]+)\s+(?P<rest>[^.!?]+)"
    rf"|^{_OPENING}i(?:'ve| have) decided to\s+(?P<verb2>take up|[a-z]+)\s+(?P<rest2>[^.!?]+)"
    rf"|^{_OPENING}i(?: (?:want|plan|hope|intend) to|'d like to| would like to| might| may)"
    r"\s+(?P<verb3>take up|[a-z]+)\s+(?P<rest3>[^.!?]+)"
)
_QUESTIONS = {
    "adopt": "What kind are you thinking of?",
    "open": "What will you sell first?",
    "build": "Have you drawn it up yet?",
    "become": "What draws you to it?",
    "learn": "What got you interested?",
    "move": "When would you go?",
    "quit": "What would you do instead?",
    "leave": "What would you do instead?",
    "buy": "What's tipping you towards it?",
    "write": "What will it be about?",
    "visit": "How long would you go for?",
    "travel": "How long would you go for?",
    "paint": "What colour are you leaning towards?",
    "start": "What's the very first step?",
    "retrain": "What draws you to it?",
    "take up": "What draws you to it?",
    "try": "What made you want to try it?",
    "join": "What made you pick it?",
    "look": "What are you hoping to find?",
    "apply": "What made you pick it?",
    "change": "What would you do instead?",
    "save": "How long do you reckon it'll take?",
}
"""The question each kind of plan raises (verbs only; the thing comes from the line)."""
_GERUND = {
    "adopting": "adopt", "opening": "open", "building": "build", "becoming": "become", "learning": "learn",
    "moving": "move", "quitting": "quit", "leaving": "leave", "buying": "buy", "writing": "write",
    "visiting": "visit", "travelling": "travel", "traveling": "travel", "painting": "paint",
    "starting": "start", "retraining": "retrain", "taking up": "take up", "trying": "try", "joining": "join",
    "looking": "look", "applying": "apply", "changing": "change", "saving": "save",
}  # fmt: skip


def planned(text: str) -> tuple[str, str] | None:
    """``(plan, question)`` for a line telling the user's own plan ("adopting a dog"), else None."""
    said_as = " ".join(text.replace("\u2019", "'").replace(",", " ").split())
    low = said_as.lower()
    found = _PLAN.match(low)
    if found is None or len(low) != len(said_as):
        return None
    verb = found["verb"] or found["verb2"] or found["verb3"]
    group = next(g for g in ("rest", "rest2", "rest3") if found[g])
    rest = said_as[found.start(group) : found.end(group)].strip()  # as said: "Spanish", not "spanish"
    base = _GERUND.get(verb, verb)
    first, _, after = rest.partition(" ")
    if base in ("start", "try") and first in _GERUND and after:
        verb, rest, base = first, after, _GERUND[first]  # "start learning Spanish" is learning Spanish
    question = _QUESTIONS.get(base)
    if base == "look" and first.lower() != "for":
        return None  # "looking at the stars" hopes to find nothing
    if question is None or not rest:
        return None
    colour = next((w for w in re.findall(r"[a-z]+", rest.lower()) if w in NAMED), "")
    if base == "paint" and colour:
        question = f"What made you pick {colour}?"  # "painting my kitchen yellow" has said which colour
    if base == "try" and first.endswith("ing") and after:
        return you(rest), question  # "try making bread" is "making bread", not "trying making bread"
    said = verb if verb in _GERUND else next((g for g, b in _GERUND.items() if b == base), base)
    return f"{said} {you(rest)}", question


def plan_ahead(turn: SkillInput) -> Answer | None:
    """The persona's reaction to the user's plan with the question it raises, or None."""
    plan = planned(turn.text)
    if plan is None:
        return None
    said, question = plan
    text = turn.line("plan_ahead", plan=said[:1].upper() + said[1:], question=question)
    return Answer(text, evidence=[f"the user's plan '{said}': asks what it raises"], layer="skill")
