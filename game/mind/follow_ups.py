"""Follow-ups resolved against the previous exchange: "why?", "and you?", "what about Bo?".

People do not repeat themselves. After "Ada, what do you think of Bo?" they say "and Cleo?";
after "I love jazz" they say "and you?"; after "Do you miss the sea?" they ask "what do you
miss most?". Heard alone, those lines mean nothing to a classifier, so the NPC answered "Hmm, I
didn't quite get that". Here an elliptical line is made whole from the user's previous line
to the same NPC (kept in the NPC's discourse focus), by its shape:

- **a new subject** ("what about X?", "and X?", "how about X?"): X takes the place of the
  name, prop or last noun of the previous line ("what do you think of Cleo?"); "and who was
  that?" is a question of its own, not a new subject;
- **the question turned back** ("and you?", "what about you?"): a statement about the user
  becomes a question to the NPC ("I love jazz" → "do you love jazz?");
- **asking why** ("why?", "why not?", "how come?") or doubting ("really?"): the previous
  yes/no question with "why" or "really" put in ("why do you enjoy being an architect?"); after
  a favourite thing of the room was named, why the NPC likes it ("why do you like the shelf?").

Any other short line that leans on what came before ("what helps?", "were you hurt?") keeps
its words, and the mind reads its meaning together with the previous line
(:func:`context_text`), so it finds the topic the conversation is on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_TURN_BACK = re.compile(r"^(?:and|what about|how about)?\s*(?:you|yourself)\s*(?:too)?\s*[?!.]*$")
_NEW_SUBJECT = re.compile(
    r"^(?:and what about|and how about|what about|how about|and)\s+"
    r"(?!(?:for|to|in|on|at|with|from|by|who|what|when|where|why|how|which|whose)\b)"
    r"(?P<x>[\w' ]+?)\s*[?!.]*$"
)
_WHY = re.compile(r"^(?:and\s+)?(?P<why>why not|why|how come|why is that|why so|why's that)\s*[?!.]*$")
_NOT = {"do": "don't", "does": "doesn't", "did": "didn't", "are": "aren't", "is": "isn't", "were": "weren't",
        "was": "wasn't", "can": "can't", "could": "couldn't", "would": "wouldn't", "will": "won't",
        "have": "haven't", "has": "hasn't"}  # fmt: skip
_FAVOURITE = re.compile(r"\b(favou?rite|like (best|most)|love (best|most))\b")
_REALLY = re.compile(r"^(?:really|truly|seriously|honestly)\s*[?!.]*$")
_YES_NO = re.compile(
    r"^(?P<aux>do|does|did|are|is|were|was|can|could|would|will|have|has)\s+(?P<rest>.+?)[?!.]*$"
)
_ABOUT_USER = (
    (re.compile(r"^i (?:really )?(love|like|enjoy|hate|prefer|miss|want|play|read|cook|know)\b(?P<rest>.*)"),
     "do you {0}{rest}?"),
    (re.compile(r"^i(?:'m| am)\b(?P<rest>.*)"), "are you{rest}?"),
    (re.compile(r"^i(?:'ve| have)\b(?P<rest>.*)"), "have you{rest}?"),
    (re.compile(r"^my (?P<what>[\w ]+?) is\b.*"), "what is your {what}?"),
)  # fmt: skip
"""A statement about the user, turned into the same question to the NPC."""
LEANS_ON_BEFORE = re.compile(r"\b(it|that|them|those|his|her|their|one|too|else|most|best)\b")
"""Words that point back ("this" is left out: "is this place comfy?" points at the room)."""
_WHAT_FOR = re.compile(
    r"^(?:so |and )?(?:what (?:should|shall|could|can|must) (?:i|we) "
    r"(?:see|do|visit|eat|try|bring|pack|wear|buy|make|cook|say|play|read)"
    r"|where (?:should|shall|could|can) (?:i|we) (?:eat|stay|go|visit|shop|swim|sleep)"
    r"|anything (?:i|we) (?:should|must|ought to) (?:see|do|visit|eat|try))"
    r"(?: there| first)?\s*[?!.]*$"
)
""""What should I see?" (or "where should I eat?") after "I'm going to Lisbon" asks what to see there,
not in this room."""
SHORT = 5
"""A line of at most this many words may lean on the one before (with a word such as "it")."""
VERY_SHORT = 3
"""A line this short ("what helps?", "were you hurt?") leans on the one before even without one."""


def resolve(text: str, previous: str, names: Iterable[str] = (), thing: str = "") -> str | None:
    """The whole question an elliptical ``text`` stands for, or None when it stands alone.

    ``thing`` is what the NPC's last reply was about: after "what's your favourite thing in
    here?" answered with the shelf, "why?" asks "why do you like the shelf?".
    """
    line = _plain(text)
    before = _plain(previous)
    if not line or not before:
        return None
    if _TURN_BACK.match(line):
        return _turned_back(before)
    why = _WHY.match(line)
    asked = _YES_NO.match(before)
    if why is not None:
        if asked is None and thing and _FAVOURITE.search(before) and why.group("why") != "why not":
            return f"why do you like the {thing}?"
        if asked is None:
            return None
        aux = _NOT[asked.group("aux")] if why.group("why") == "why not" else asked.group("aux")
        return f"why {aux} {_you(asked.group('rest'))}?"
    if _REALLY.match(line):
        if asked is None:
            return None
        who, _, rest = _you(asked.group("rest")).partition(" ")
        return f"{asked.group('aux')} {who} really {rest}?".replace("  ", " ")
    subject = _NEW_SUBJECT.match(line)
    about_user = re.match(r"^(i|i'm|i've|my|me)\b", before)  # "I like tea" / "and Bo?": Bo likes it?
    if subject is not None and about_user is None and len(subject.group("x").split()) <= 3:
        return _with_subject(before, subject.group("x"), {n.lower() for n in names})
    return None


def context_text(text: str, previous: str) -> str | None:
    """For a short line that leans on the one before ("what helps?"), both lines read as one."""
    line = _plain(text)
    if not previous or not line or len(line.split()) > SHORT:
        return None
    if LEANS_ON_BEFORE.search(line) or len(line.split()) <= VERY_SHORT or asks_what_for(line):
        return f"{_plain(previous)} {line}"
    return None


def asks_what_for(text: str) -> bool:
    """A short "what should I see?": it asks about whatever the line before was, so it is read with it."""
    return _WHAT_FOR.match(_plain(text)) is not None


def _plain(text: str) -> str:
    return " ".join(text.lower().replace(",", " ").split())


def _you(rest: str) -> str:
    """The previous question's words, as asked again ("you enjoy being an architect")."""
    return rest.rstrip(" ?!.")


def _turned_back(before: str) -> str | None:
    for pattern, question in _ABOUT_USER:
        found = pattern.match(before.rstrip(" ?!."))
        if found is not None:
            groups = found.groupdict()
            verb = found.group(1) if pattern.groups and "what" not in groups else ""
            rest = re.sub(r"\s+(too|as well)$", "", groups.get("rest") or "")
            return question.format(verb, rest=rest, what=groups.get("what", ""))
    return None


def _with_subject(before: str, subject: str, names: set[str]) -> str | None:
    """The previous line with its name, or else its last noun, replaced by ``subject``."""
    words = before.rstrip(" ?!.").split()
    for i in range(len(words) - 1, -1, -1):
        if words[i] in names:
            return " ".join([*words[:i], subject, *words[i + 1 :]]) + "?"
    if len(words) >= 3 and words[-1].isalpha():
        cut = len(words) - 1
        if words[-2] in ("the", "a", "an", "your", "my", "this", "that"):
            cut -= 1
        return " ".join([*words[:cut], subject]) + "?"
    return None
