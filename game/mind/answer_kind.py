"""What kind of answer a question wants (a person, a time, a length, a number) and whether a reply gives it.

Within a topic, meaning alone picks the reply that talks about the same things as the line,
not the one that answers it: "who is your favourite architect?" sits nearer "I like modern
buildings…" than "Brunel, the engineer…", and "when did you write your first poem?" nearer
"A good poem makes you look twice…" than a reply that says an age. A person asked "who",
"when", "how long" or "how many" listens for a name, a time, a stretch of time or a number,
so a reply that carries one answers before one that does not.

Read from spelling and a few word lists, like :mod:`game.mind.echo_words`: Voxroom ships no
tagger. A reply taken for a kind it is not costs only the order among a topic's replies, so
the lists lean towards finding the kind.
"""

from __future__ import annotations

import re

from game.mind.echo_words import ADJECTIVES, ADVERBS, FUNCTION, INTERJECTIONS, TIME, VERBS, words

_PERSON = (
    r"architect|poet|writer|author|painter|artist|singer|musician|composer|band|player|team|actor|chef|cook"
    r"|person|one of (?:them|us|you)|friend|teacher|captain"
)
"""Nouns for people after "which" ("which poet…?" asks who)."""
_LEAD = r"^(?:(?:and|so|but|ok|okay|well|oh)\W+)?(?:[a-z]+,\s+)?"
"""An opening "and", "so" or a name before the question word ("Ada, who…")."""

_ASKED = (
    ("how_long", re.compile(_LEAD + r"how long\b|\bfor how long\b")),
    ("how_many", re.compile(_LEAD + r"how (many|much|often|old)\b")),
    ("when", re.compile(_LEAD + r"(when|what (time|age|year)|at what age)\b")),
    ("who", re.compile(_LEAD + rf"(who|whom|whose|which (?:{_PERSON}))\b|\b(any|some)(one|body)\b")),
)

_NUMBER = (
    r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    r"|hundred|thousand|dozen|a couple|a few|several|half"
)
_UNIT = r"(?:second|minute|hour|day|night|week|month|year|decade|summer|winter|age)s?"
_LENGTH = re.compile(
    rf"\b(?:{_NUMBER}|an?|many|some|ages|most of)\b[\w\s-]{{0,12}}?\b{_UNIT}\b"
    r"|\b(ages|forever|all (my|his|her) life|a lifetime|for years|since)\b"
)
_COUNT = re.compile(
    rf"\b(?:{_NUMBER}|none|no one|nobody|every|each|daily|weekly|always|never|once|twice|times)\b"
)
_WHEN = re.compile(
    rf"\b(?:{_NUMBER})\b(?!\s+{_UNIT}\b(?!\s+(?:ago|old)))"
    r"|\b(ago|when i was|when we|as a (girl|boy|child|kid|lad|nipper|teenager)"
    r"|at (school|college|university|the time)|young|first|last|once|early|late"
    r"|morning|afternoon|evening|night|dawn|midnight|yesterday|today|tomorrow|spring|summer|autumn"
    r"|winter|christmas|birthday|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|january|february|march|april|june|july|august|september|october|november|december)\b"
)
_PEOPLE = re.compile(
    r"\b(mum|mother|mam|dad|father|sister|brother|gran|granny|grandma|grandmother|grandad|grandfather"
    r"|uncle|aunt|auntie|daughter|son|wife|husband|friend|friends|teacher|captain|neighbour"
    r"|nobody|no one|everyone|somebody|someone|people|family|cousin|boss|poet|writer|engineer)\b"
)
_CALENDAR = words(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december christmas easter"""
)
_NOT_A_NAME = FUNCTION | INTERJECTIONS | TIME | ADVERBS | ADJECTIVES | VERBS | _CALENDAR
_LINKING = words("is was are were has had have does did will would can could may might must")
"""A first word before these is as often a thing ("Poetry is…") as a person, so it is not taken for a name."""
_BEFORE_A_PLACE_OR_THING = words("the a an in to from at of on for near by into this that")


def asked_kind(line: str) -> str:
    """The kind of answer the line asks for: "how_long", "how_many", "when", "who", or "" (none of these)."""
    low = line.lower().replace("\u2019", "'").strip()
    for kind, pattern in _ASKED:
        if pattern.search(low):
            return kind
    return ""


def gives_kind(reply: str, kind: str) -> bool:
    """Whether the reply holds an answer of that kind (a name or person, a time, a length, a number)."""
    low = reply.lower().replace("\u2019", "'")
    if kind == "how_long":
        return bool(_LENGTH.search(low))
    if kind == "how_many":
        return bool(_COUNT.search(low))
    if kind == "when":
        return bool(_WHEN.search(low))
    if kind == "who":
        return bool(_PEOPLE.search(low)) or _names_someone(reply)
    return False


def _names_someone(reply: str) -> bool:
    """Whether a capitalised word names someone: not a common first word, nor a thing after "in", "the"."""
    for sentence in re.split(r"(?<=[.!?])\s+", reply.replace("\u2019", "'")):
        tokens = re.findall(r"[A-Za-z']+|,", sentence)
        thing = False  # inside a capitalised place or thing ("the Clifton Suspension Bridge")
        for n, token in enumerate(tokens):
            if not token[0].isupper() or token == "I" or token.lower() in _NOT_A_NAME:
                thing = False
                continue
            before = tokens[n - 1].lower() if n else ""
            if thing or before in _BEFORE_A_PLACE_OR_THING:
                thing = True
                continue
            if n == 0:
                after = tokens[1] if len(tokens) > 1 else ""
                acts = after.lower() in VERBS and after.lower() not in _LINKING  # "Bo reads them."
                if after == "," or after[:1].isupper() or acts:
                    return True
            else:
                return True
    return False
