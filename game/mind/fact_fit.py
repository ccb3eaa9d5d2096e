"""Whether a persona fact found by meaning answers what the line actually asks.

Nearest-question matching hands a fact any line that sounds like its questions. On fresh
development lines, "what's your favourite breakfast?" got the favourite food, "what was your
job on the ship?" the ship's name, "if you had a boat again, where would you sail?" the ship
too, and "I want to learn an instrument, where should I start?" the NPC's own instrument. Each
is a reading of the line, so the checks are too, not a list of lines:

- **The thing asked after.** "your … breakfast" names what the line is about. A fact whose own
  words (key, value, questions) hold that noun answers; another fact that holds it answers
  instead ("your job on the ship" is the job); when none holds it, only a very close match
  (:data:`SURE`) keeps the fact, since "your profession" is the job by meaning alone.
- **A hypothetical** ("if you had …", "where would you …") asks for imagination, not a fact.
- **A line about the user** ("I want to learn …") is not a question about the NPC's life.
- **The other end of a series**: "what was your first ship called?" is not answered by "My last
  ship was the Northern Star": a fact telling the last (or first) of something answers no line
  asking after the first (or last), and one that tells no first or start ("I'm a poet", "I run
  a café; used to be a ship's cook") none asking the first;
  nor does the first answer the hardest, the best or the biggest.
- **A thing set aside** ("any team besides Hull City?") is not the answer: the fact that says it
  is passed over.
- **Who**: "who taught you to play the cello?" is not answered by a fact that names no one ("I
  play the cello, badly, at night").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.mind.answer_kind import asked_kind, gives_kind
from game.mind.echo_words import words
from game.mind.embedder import Matrix
from game.mind.reply_fit import asked_tense, content_stems, set_aside
from game.mind.retrieval import FactIndex, Match
from game.mind.user_news import stem

SURE = 0.80
"""A fact whose questions are this close to the line answers it even when the line names another noun."""
MODIFIERS = words(
    """favourite favorite best own last first old new usual current real very biggest worst whole
    little big main dream"""
)
"""Words between "your" and the thing asked after ("your favourite breakfast")."""
_FUNCTION = words(
    """what is your you do did tell me the a an of on for to are were was which who where how like
    called have has in it"""
)
_HYPOTHETICAL = re.compile(r"\b(if|what if) (you|i|we)\b|\b(what|where|who|which|how) (would|could) you\b")


def is_hypothetical(text: str) -> bool:
    """Whether the line asks the NPC to imagine ("if you weren't a poet …", "where would you live?")."""
    return _HYPOTHETICAL.search(text.lower()) is not None


_ENDS = re.compile(r"\b(first|last)\b")
"""The two ends of a series a line or a fact may name ("your first ship", "my last ship")."""
_STARTED = re.compile(r"\b(?:start|started|began|begun|beginning)\b")
"""A fact telling how something began answers a line asking the first, as one that says "first" does."""
_NOW = re.compile(r"\b(?:right now|at the moment|these days|currently|lately)\b")
"""A fact of now ("Right now, a book about moss") answers no line asking of the past ("which book
changed your life?")."""
_RANKED = re.compile(r"\b(?:the|your|my) (?:most|least|best|worst|favourite|favorite|[a-z]{2,}est)\b")
"""A line asking the top of a series ("the hardest building you designed") is not asking the first."""
_ABOUT_ME = re.compile(r"^(i|i'm|i've|i'd|my)\b|\b(i want|i'd like|should i|can i|do i|how do i)\b")


@dataclass(frozen=True)
class FactFit:
    """The fact that answers the line (or None), and why, for the evidence."""

    match: Match | None
    reason: str
    named: bool = False
    """The line names this fact's own thing: it answers without the usual similarity floor."""


def asked_noun(text: str) -> str:
    """The thing the line asks after ("what's your favourite breakfast?" → "breakfast"), or "".

    Only "your" right after a question word and its verb, or after "tell me": in "which book
    changed your life?" the thing asked after is the book, not the life. "What do you eat for
    breakfast?" asks after breakfast, which the favourite food does not answer.
    """
    found = re.search(
        r"\b(?:(?:what|which|who|where|how \w+)(?:'s|'re| is| was| are| were)|tell me(?: about)?) your "
        r"((?:[a-z']+ ){0,2}[a-z']+)"
        r"|\bwhat do you (?:eat|have|drink|cook|make|wear|read) (?:for|at|on|in) ((?:[a-z']+ ){0,2}[a-z']+)",
        text.lower(),
    )
    if found is None:
        return ""
    for word in (found.group(1) or found.group(2)).split():
        if word not in MODIFIERS and word not in _FUNCTION:
            return stem(word)
    return ""


def fact_words(facts: FactIndex, key: str) -> set[str]:
    """The stems a fact is about: its key, its value and its questions, less function words."""
    said: set[str] = set()
    for fact, question in zip(facts.facts, facts.texts, strict=True):
        if fact.key == key:
            said |= set(
                re.findall(r"[a-z']+", f"{fact.key.replace('_', ' ')} {fact.value} {question}".lower())
            )
    return {stem(w) for w in said - _FUNCTION - MODIFIERS}


def _other_end(low: str, answer: str) -> str:
    """Why a fact tells another end of the series than the line asks after ("" when it does not)."""
    asked, told = _ENDS.findall(low), _ENDS.findall(answer.lower())
    if asked and told and not set(asked) & set(told):
        return f"the line asks after the {asked[0]}, it tells the {told[0]}"
    if _NOW.search(answer.lower()) and asked_tense(low) == "past" and not _NOW.search(low):
        return "the line asks of the past, it tells of now"  # "which book changed your life?": "Right now, …"
    if told == ["first"] and not asked and _RANKED.search(low):
        return "the line asks after the most of something, it tells the first"  # "the hardest building"
    if told == ["first"] and not asked and _NOW.search(low):
        return "the line asks of now, it tells the first"  # "what are you designing at the moment?"
    if asked == ["first"] and not told and not _STARTED.search(answer.lower()):
        return "the line asks after the first, it tells no first"  # "what was your first job?": "I'm a poet"
    return ""


def fit(text: str, match: Match, facts: FactIndex, vector: Matrix) -> FactFit:
    """The fact that answers ``text``, given the nearest one (``match``); see the module docstring."""
    low = text.lower()
    if is_hypothetical(low):
        return FactFit(None, f"persona fact {match.category} passed over: the line is a hypothetical")
    if _ABOUT_ME.search(low) and not re.search(r"\byour?\b", low):
        return FactFit(None, f"persona fact {match.category} passed over: the line is about the user")
    other_end = _other_end(low, match.answer)
    if other_end:
        return FactFit(None, f"persona fact {match.category} passed over: {other_end}")
    if asked_kind(text) == "who" and not gives_kind(match.answer, "who"):
        return FactFit(None, f"persona fact {match.category} passed over: the line asks who, it names no one")
    aside = set_aside(text)
    if aside and aside & content_stems(match.answer):
        return FactFit(None, f"persona fact {match.category} passed over: the line sets it aside")
    noun = asked_noun(text)
    if not noun or noun in fact_words(facts, match.category):
        return FactFit(match, "")
    for key in dict.fromkeys(f.key for f in facts.facts):
        if noun in fact_words(facts, key):
            other = facts.for_key(vector, key)
            if other is not None:
                return FactFit(other, f"the line asks after its '{noun}': persona fact {key}", named=True)
    if match.score >= SURE:
        return FactFit(match, "")
    return FactFit(None, f"persona fact {match.category} passed over: the line asks after '{noun}'")
