"""Whose life a line is about: the user's ("what music do I like?") or the NPC's.

Open talk answers a line about the NPC from the NPC's own topics and a line about the user
from the user's words; these tell the two apart by the line's persons, not by its meaning.
"""

from __future__ import annotations

import re

from game.mind import recommend
from game.mind.ask_back import is_question
from game.mind.reply_fit import content_stems
from game.mind.skill_io import SkillInput

_ASKS_FOR = re.compile(
    r"\b(tell|give|show|teach|sing|read|recite|bring|explain|describe|recommend|suggest|remind|play"
    r"|make|cheer|perk)(ing)?( it| that| this| one| something)?( to)? me\b"
)
"""A request to the NPC, where "me" is only who receives what it says or does."""


def about_the_user(text: str) -> bool:
    """A line about the user ("what music do I like?"), not the NPC: no topic of the NPC answers it.

    A recommendation asked for ("what book should I read next?") asks the NPC's own taste.
    """
    if recommend.kind_asked(text):
        return False
    low = _ASKS_FOR.sub(" ", text.lower())  # "tell me a joke": the user only receives
    about_me = re.search(r"\b(i|me|my|mine|i'm|i've)\b", low)
    return bool(about_me) and not re.search(r"\b(you|your|you're)\b", low)


def asks_the_npc(text: str) -> bool:
    """A question about the NPC itself ("what would you change about this lounge?").

    The character can answer those from its own life, so its nearest topic, even a little under
    :data:`~game.mind.open_talk.TOPIC_MIN`, is a better reply than "Good question. What's yours?",
    which the rubric counts as a dodge; a question about anything else (a spider's legs) is still
    asked back.
    """
    low = _ASKS_FOR.sub(" ", text.lower())
    mine = re.search(r"\b(i|me|my|mine|i'm|i've)\b", low)  # "what do you think of my haircut?": not its life
    return is_question(low) and bool(re.search(r"\b(you|your|yours|yourself)\b", low)) and not mine


def of_its_life(turn: SkillInput) -> bool:
    """A line naming a thing of the persona's own life ("was it hard working on a ship?" to a ship's cook).

    It is about the character even without "you", so the nearest topic answers it as a question
    to the NPC would be: "A ship? Never thought about it" from a man who cooked at sea for thirty
    years is no answer.
    """
    persona = turn.persona
    life = content_stems(" ".join([persona.role, persona.backstory, *(f.value for f in persona.facts)]))
    return not about_the_user(turn.text) and bool(content_stems(turn.text) & life)
