"""The character's own side of what the user tells: "I'm going fishing on Saturday" → Bo's fishing.

A statement about the user's own life that is neither news to feel for nor a question used to
end in the fallback's echo ("Your grandad? Tell me more, mate."), which is sensible and says
nothing. People answer such a line with their own experience of the same thing: told "my nephew
wants to study architecture", Ada speaks of architecture school. So when one of the persona's
topic replies names a thing the line names, and sits near the line, the character says it.
"""

from __future__ import annotations

import re

from game.mind import topic_replies
from game.mind.ask_back import is_question
from game.mind.everyday import news_of
from game.mind.nuisance import tells_nuisance
from game.mind.reply_fit import content_stems
from game.mind.skill_io import Answer, SkillInput
from game.mind.topics import TopicIndex

_AHEAD = re.compile(
    r"\b(?:thinking (?:of|about)|wants? to|going to|planning|can't decide|i'm [a-z]+ing|we're [a-z]+ing"
    r"|never (?:been|tried|seen|had|done))\b"
)
"""A plan, a thing under way or one never done, which a tip of the character's own may help with."""
_COUNTS = content_stems(
    "one two three four five six seven eight nine ten eleven twelve twenty hundred", ("noun",)
)
RELATE_MIN = 0.45
"""A reply of the persona's own from this similarity up, naming a thing the user named, relates."""


def relate(turn: SkillInput, topics: TopicIndex) -> Answer | None:
    """The persona's own reply on the thing the user's statement names, or None."""
    if is_question(turn.text) or news_of(turn.text) or tells_nuisance(turn.text):
        return None  # "a friend borrowed my favourite book and never gave it back" wants no favourite book
    named = content_stems(turn.text, ("noun",)) - _COUNTS  # "cooking for twelve" is about no twelve
    if not named:
        return None
    sims = topics.reply_sims(turn.vector)
    tips_fit = bool(_AHEAD.search(turn.text.lower()))  # "I walked the dog": no "get a dog"
    tips = set(topics.tips)
    about = [  # replies about the thing, not naming it in passing
        n
        for n, opening in enumerate(topics.opening_nouns)
        if named & opening and (tips_fit or n not in tips) and not topics.yes_or_no[n]
    ]
    best = max(about, key=lambda n: sims[n], default=None)
    if best is None or sims[best] < RELATE_MIN:
        return None
    k, i = topics.replies[best]
    topic = topics.topics[k]
    shared = ", ".join(sorted(named & topics.opening_nouns[best]))
    return Answer(
        topic_replies.say_this(turn, topic, i),
        evidence=[f"the user's own life: the persona's side of '{shared}' ({topic.name}, {sims[best]:.2f})"],
        layer="topic",
    )
