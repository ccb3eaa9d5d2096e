"""The thing a question asks the character about, answered by the line of its own that names it.

"Can you still play the piano?", "what do you think of open-plan offices?", "what do you make of
takeaway coffee cups?": no topic's phrasings sit near such lines, so they were dodged ("Good
question. I haven't drawn up an answer yet."), though Ada has a line about the piano she played
as a girl and one about glass offices, and Bo one about fancy coffee. A question about a deed
("do/have/can you …", :func:`game.mind.untried.asked_deed`) or asking an opinion ("what do you
think of …", "how do you feel about …") names its thing; the persona's reply naming that thing,
its head noun first ("cups", then "coffee"), answers it.
"""

from __future__ import annotations

import re

from game.mind.reply_fit import content_stems
from game.mind.skill_io import SkillInput
from game.mind.topics import TopicIndex, TopicMatch
from game.mind.untried import asked_deed

_OPINION = re.compile(
    r"\b(?:what do you (?:think|reckon|make) (?:of|about)|how do you feel about"
    r"|what's your (?:opinion|view|take) on|what are your thoughts on|are you (?:a fan of|into))"
    r"\s+(?P<thing>[a-z' -]+)"
)


def asked_thing(text: str) -> tuple[str, list[str]]:
    """The thing a deed or opinion question names, and its nouns, head first ("", [] for none)."""
    deed = asked_deed(text)
    found = _OPINION.search(" ".join(text.lower().replace("\u2019", "'").split()))
    phrase = deed[2] if deed is not None else found["thing"].strip() if found is not None else ""
    words = re.findall(r"[a-z]+", phrase.lower())
    return phrase, [w for w in reversed(words) if content_stems(w, ("noun",))]


def named_by_a_reply(turn: SkillInput, topics: TopicIndex) -> tuple[str, TopicMatch] | None:
    """The thing asked about and the persona's reply naming it, or None when none does."""
    phrase, nouns = asked_thing(turn.text)
    for noun in nouns:
        match = topics.reply_naming(noun, turn.vector)
        if match is not None:
            return phrase, match
    return None
