"""The user asks what to do with free time: the character tells how it spends its own.

"Bo, what should I do this afternoon?" and "I've got the whole afternoon free and no idea what to
do" found Bo's hobbies, which were passed over because the line is about the user; the fallback
then asked "what's the story?". A person asked this offers what they like doing themselves.
Lines after the user's bad news ("I don't know what to do now") are :mod:`game.mind.coping`'s.
"""

from __future__ import annotations

import re

from game.mind import topic_replies
from game.mind.skill_io import Answer, SkillInput
from game.mind.topics import TopicIndex

_WHAT_TO_DO = re.compile(
    r"\bwhat (?:should|could|shall|can) (?:i|we) do (?:today|tonight"
    r"|this (?:afternoon|evening|morning|weekend)|at the weekend"
    r"|with (?:myself|my (?:day|time|afternoon|evening|weekend)))\b"
    r"|\b(?:no idea|don't know|do not know) what to do (?:today|tonight|this|with)\b"
    r"|\b(?:free|nothing to do)\b.*\b(?:no idea|don't know) what to do\b"
    r"|\bi'm bored\b.*\bwhat (?:should|could|can) i do\b"
    r"|^(?:[a-z]+,\s*)?(?:i'm|i am) (?:so |really |a bit |just |totally )?bored"
    r"(?: stiff| out of my mind)?\s*[.!]*$"
)


_OWN_PASTIME = re.compile(r"\bI(?:'m| am| \w+)\b")
"""A line telling what the character does ("I fish off the harbour wall")."""
_ANSWERS = re.compile(r"^[\w' ]+\?")
"""A line answering one question ("Wear? Navy trousers, …") is not a pastime to offer."""


def asks_what_to_do(text: str) -> bool:
    """Whether the user asks how to spend free time ("what should I do this afternoon?")."""
    return _WHAT_TO_DO.search(text.lower().replace("\u2019", "'")) is not None


def suggest(turn: SkillInput, topics: TopicIndex) -> Answer | None:
    """One of the persona's own pastimes, offered as an idea; None when it has no hobbies topic."""
    if not asks_what_to_do(turn.text):
        return None
    hobbies = next((t for t in topics.topics if t.name == "hobbies"), None)
    if hobbies is None:
        return None
    told = [i for i, said in enumerate(hobbies.say) if _OWN_PASTIME.search(said) and not _ANSWERS.match(said)]
    if not told:
        return None
    own = topic_replies.say_this(turn, hobbies, turn.rng.choice(told))
    return Answer(
        f"{turn.line('free_time')} {own}",
        evidence=["asks what to do with free time: the persona's own pastime, offered (topic hobbies)"],
        layer="topic",
    )
