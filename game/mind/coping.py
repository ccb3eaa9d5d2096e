"""How the character gets through a hard day: "what helps?", "how do you deal with that?".

After Cleo says she is lonely sometimes, or Ada that the hardest part of her job is clients
who want a bigger room, people ask how they cope. Read alone, those few words match no topic
(or the wrong one: "deal" was asked back as "Deal? Good question."), and the rubric counts a
dodge as no answer. Each persona has its own way (``coping`` lines in the persona TOML), said
to a line that asks only that, once the user has said something before it (out of the blue,
"what helps?" asks about nothing yet and is asked back).
"""

from __future__ import annotations

import re

from game.mind.skill_io import Answer, SkillInput

_COPING = re.compile(
    r"^(?:so\s+|and\s+|but\s+)?(?:what helps(?: you)?"
    r"|what do you do(?: about it| about that| then| when that happens)"
    r"|how do you (?:cope|manage|deal with (?:it|that|this)|handle (?:it|that|this)"
    r"|get through (?:it|that|this|them)|get over (?:it|that))"
    r"|what gets you through(?: it| that| them)?|what do you do to feel better)"
    r"(?: then| now)?\s*[?!.]*$"
)


_MY_HARD_TIME = re.compile(
    r"\bhow (?:do|can|should|would) i (?:get over|cope with|deal with|get through|survive)\b"
)
"""The user's own hard time ("how do I get over a breakup?"): the character tells what gets it through."""


def asked_for_own(text: str) -> bool:
    """Whether the user asks how to get through a hard time of their own (see :data:`_MY_HARD_TIME`)."""
    return bool(_MY_HARD_TIME.search(text.lower()))


def asked(text: str) -> bool:
    """Whether the line asks only how the character copes ("how do you deal with that?")."""
    return bool(_COPING.match(" ".join(text.lower().replace(",", " ").split())))


def answer(turn: SkillInput) -> Answer:
    """The persona's own way with hard days."""
    return Answer(
        turn.line("coping"),
        evidence=["asked how the character copes: its own way with hard days"],
        layer="skill",
    )
