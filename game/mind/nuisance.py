"""A nuisance the user tells without a bad word, met as a trouble to sort out.

"My flatmate never washes up", "I keep losing my keys", "my kitchen gets no sunlight": none holds
a word of bad news (:mod:`game.mind.everyday`), so they were asked back ("Your flatmate, eh?
What's the story?"), which fits any line naming a flatmate. The shapes of a nuisance are read
here (:data:`_NUISANCE`), and only for a line nothing else took up: a persona's own reply to it
comes first.
"""

from __future__ import annotations

import re

from game.mind.everyday import NEWS_ON, NEWS_TOLD, news_of, said_back, tells_of_own_life
from game.mind.protocols import Action
from game.mind.skill_io import Answer, SkillInput
from game.mind.user_news import KIN

_NUISANCE = re.compile(
    r"\bmy (?:[\w']+ ){0,3}?(?:never|won't|can't|cannot|hasn't|haven't|doesn't|refuses to|still hasn't"
    r"|still won't)\b(?! mind\b| wait\b)"
    r"|\bkeeps? (?!(?:me|us) company\b|(?:talking|thinking|meaning|planning|going|trying|getting|"
    r"practi[sc]ing|smiling|laughing|improving|growing|learning|writing|reading|asking about)\b)[a-z]+ing\b"
    r"|\bi can (?:never|not seem to|'t seem to)\b|\bi can't (?:seem to|get (?:my|the|it|him|her|them))\b"
    r"|\bi can't stop (?!(?:smiling|laughing|grinning|giggling|thinking|talking about)\b)[a-z]+ing\b"
    r"|\b(?:has|have|gets|get|got) no (?:natural |proper |hot |)(?:light|sunlight|heating|hot water|signal"
    r"|space|room|storage|window|windows|water)\b"
    r"|\b(?:barks?|barking|snores?|snoring|stomps?|stomping|drills?|drilling|bangs?|banging|screams?"
    r"|screaming) (?:all night|all day|at night|every night|at midnight|in the night)\b"
    r"|\b(?:always|keeps) (?:goes|going) (?:off|mouldy|stale)\b|\bgone (?:off|mouldy|stale)\b"
    rf"|\bmy (?:[\w']+ )?{KIN}s?\b[\w' ]{{0,20}}?\b(?:(?:plays?|practi[sc]es) (?:[\w']+ )?(?:drums|trumpet"
    r"|trombone|bagpipes|violin|piano|guitar|saxophone|music|records)|sings?|hoovers?|parties)"
    r" (?:[\w']+ ){0,3}?(?:all night|all day|at night|every (?:night|evening|morning)|at midnight"
    r"|till late)\b"
    r"|\bnever (?:gave|given|paid|returned|brought|sent|handed) (?:it |them |me |us |the money )?back\b"
    r"|\b(?:sticks|jams|leaks|creaks|squeaks|rattles|drips|floods|steams up|dies|crashes|freezes)"
    r" (?:every time|whenever|all the time|constantly|halfway|every night|every morning)\b"
    r"|\b(?:says|thinks|reckons) [\w' ]{0,30}\b(?:is|are) (?:pointless|a waste of time|useless|boring"
    r"|too \w+)\b"
)
"""A nuisance in the user's life, told without any bad word: someone of theirs who never, won't or
can't ("my flatmate never washes up"), a thing that keeps going wrong ("my cat keeps knocking things
off"), a room with no light, a neighbour's noise at night or practice every evening, milk gone off.
Only a line nothing else took up is read this way (:func:`trouble`)."""

NUISANCE = "nuisance"
"""The mood :func:`trouble` leaves under :data:`NEWS_ON`: something to sort out, not a loss."""


_BY_SOMEONE = re.compile(
    rf"\b(?:my (?:[\w']+ )?{KIN}|my (?:landlord|teenager|kid|husband|wife|little girl|little boy)|someone"
    r"|somebody|a friend|a colleague|a neighbour)\b"
)
"""A nuisance someone causes ("my flatmate never washes up"), not a thing ("my phone keeps dying"):
only then is the persona's way of raising it with them (``after_nuisance``) an answer to what to do."""


def tells_nuisance(text: str) -> bool:
    """Whether the line tells a nuisance of the user's (:data:`_NUISANCE`) and no other news."""
    low = text.lower()
    told = not low.rstrip().endswith("?") and tells_of_own_life(low)
    return told and _NUISANCE.search(low) is not None and not news_of(low)


def trouble(turn: SkillInput) -> Answer | None:
    """A nuisance the user tells (:data:`_NUISANCE`) met as a trouble to sort out, else None.

    "My flatmate never washes up" was asked back "Your flatmate, eh? What's the story?", which
    fits any line naming a flatmate. The nuisance is said back and the user asked what they have
    tried, and the next "what would you do?" gets the persona's way with it (``after_nuisance``).
    """
    if not tells_nuisance(turn.text):
        return None
    if _BY_SOMEONE.search(turn.text.lower()):  # "what would you do?" then asks how to say it to them
        turn.context.focus[NEWS_ON] = NUISANCE
    turn.context.focus[NEWS_TOLD] = turn.text
    return Answer(
        f"{said_back(turn.text)}That would wear anyone down. What have you tried so far?",
        (Action.make("nod"),),
        "neutral",
        ["a nuisance in the user's life: said back, asked what they tried"],
        layer="skill",
    )
