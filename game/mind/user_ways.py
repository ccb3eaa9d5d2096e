"""What the user tells of their own life gets the question a friend would ask next.

"I play the violin" was asked back "The violin. What made you think of it?", and "I work nights at
the hospital" "The hospital? Tell me more, mate": sensible, and fit for any line at all. A friend
told how you live asks what that way of living raises: how long you have played, what the work is
like, what it is like to live there, whether you would like to go, one day, where you have never
been. The line is read by its shape ("I play / work at / live in / grew up by / collect / speak /
teach / study …", "I've never been to …", "I can't swim"), and the shape picks the question; the
persona's ``about_you`` line (``{said}``, ``{question}``) carries the character. The fallback is
reached first: a topic reply of the character's own, or its own side of the same thing, says more.
"""

from __future__ import annotations

import re

from game.mind.everyday import NEWS_BEFORE
from game.mind.skill_io import Answer, SkillInput
from game.mind.user_news import extract_news, you

_OPENING = r"(?:(?:so|well|actually|and|but|oh|yeah|hey|um|erm|funny enough|you know)\s+)*"
_ADVERB = r" (?:(?:also|still|actually|really|even|sometimes|usually|mostly|just)\s+)?"
"""A word between "I" and the verb ("I also play…"), with the space before it."""
_SKILLS = (
    r"cook|swim|drive|dance|sing|draw|knit|sew|skate|ski|spell|whistle|dive|bake|paint|type|juggle"
    r"|ride (?:a )?(?:bike|horse)|read music|play (?:the )?[a-z]+"
)
_NEVER_DONE = (
    r"tried|seen|ridden|eaten|played|learned|learnt|visited|caught|climbed|flown|driven|skied|sailed"
    r"|read|watched|baked|cooked|heard|owned|kept|grown|met|run|swum|done|worn|tasted|won"
)
_NOT_A_THING = r"(?!(?:it|that|this|with|along|around|up|down|dead|safe|fair|myself|me|nothing|free|home)\b)"
"""What follows "I play" or "I work for" when no instrument, game or workplace is named ("play it safe")."""
_TO_LEARN = r"(?: at all| very well| well| properly| to save my life)?"
_WAYS = (
    (rf"{_ADVERB}play {_NOT_A_THING}[a-z' ]+", "How long have you been playing?"),
    (
        rf"{_ADVERB}(?:work|volunteer)(?: (?:nights|days|weekends|evenings|part[- ]time|full[- ]time))?"
        rf" (?:at|in|for|on) {_NOT_A_THING}[a-z' ]+|{_ADVERB}work as (?:an? )?[a-z' ]+",
        "What's the work like?",
    ),
    (rf"{_ADVERB}live (?:in|on|near|by|above|over|next to|at) [a-z' ]+", "What's it like living there?"),
    (rf"{_ADVERB}grew up (?:in|on|near|by|above|over|at) [a-z' ]+", "What was it like, growing up there?"),
    (rf"{_ADVERB}was born (?:in|on|near|by|at) [a-z' ]+", "Do you still go back?"),
    (rf"{_ADVERB}collect [a-z' ]+", "What's the pride of the collection?"),
    (rf"{_ADVERB}speak (?!(?:to|with|up|out|about|for)\b)[a-z' ]+", "Where did you pick it up?"),
    (rf"{_ADVERB}teach [a-z' ]+", "What's the best part of teaching it?"),
    (rf"{_ADVERB}study [a-z' ]+", "What got you into it?"),
    (
        r"(?:'ve| have) never (?:been (?:to|on|in|abroad|skiing|camping|sailing|fishing|swimming)"
        rf"|(?:{_NEVER_DONE}) (?!(?:so|such|anything|anyone|like|that|this|it|him|her|them)\b))[a-z' ]*",
        "Would you like to, one day?",
    ),
    (
        rf" (?:just |really |still )?(?:can't|cannot|can not) (?:{_SKILLS}){_TO_LEARN}",
        "Would you like to learn?",
    ),
)
_FRAMES = tuple(
    (re.compile(rf"^{_OPENING}(?P<said>i(?:{way}))\s*[.!]*$"), question) for way, question in _WAYS
)
"""Each shape of a line telling how the user lives, with the question it raises."""

_SAID_MAX_WORDS = 10
"""Longer, and saying the line back would be a recitation: the ask-back answers it instead."""


def told_way(text: str) -> tuple[str, str] | None:
    """``(said, question)`` for a line telling how the user lives ("I play the violin"), else None.

    ``said`` is the user's words from the character's side ("you play the violin").
    """
    said_as = " ".join(text.replace("\u2019", "'").replace(",", " ").split())
    said_as = re.sub(r"\s+(?:too|as well|these days|nowadays)\s*([.!]*)$", r"\1", said_as, flags=re.I)
    low = said_as.lower()
    if len(low) != len(said_as):
        return None
    for frame, question in _FRAMES:
        found = frame.match(low)
        if found is not None and len(found["said"].split()) <= _SAID_MAX_WORDS:
            return you(said_as[found.start("said") : found.end("said")]), question  # "Portugal" as said
    return None


def about_you(turn: SkillInput) -> Answer | None:
    """The persona's reaction to how the user lives, with the question it raises, or None."""
    told = told_way(turn.text)
    before = turn.context.focus.get("line_before", "")
    if told is None or turn.context.focus.get(NEWS_BEFORE) or extract_news(before):
        return None  # "I've never run more than ten miles" after "I'm running a marathon": a detail of it
    said, question = told
    text = turn.line("about_you", said=said[:1].upper() + said[1:], question=question)
    return Answer(
        text, evidence=[f"the user tells how they live, '{said}': asks what it raises"], layer="skill"
    )
