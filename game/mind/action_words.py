"""Which words a command rests on, so a half-heard line is asked about instead of done.

The intent classifier finds the nearest examples by meaning, and meaning survives a lost verb:
"Bo, sit down on the sofa" heard as "bo to the sofa" is nearest to "go to the lamp", and "Ada,
put a plant next to the sofa" heard as "ada the sofa lamp next to the sofa" is nearest to "move
the sofa …". Acting on those changed the room when nobody asked. A command is done only when
the line says how: one of its *action words*, the words of the intent's own examples that are
not glue, not a thing, person or colour, and not a place ("next", "over"). Without one, the NPC
asks first. The words come from the examples (mods' included), so a new example teaches its verb.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from game.mind.intents import mask_entities
from game.mind.user_news import stem
from game.sim.colours import NAMED

if TYPE_CHECKING:
    from game.mind.slots import Slots

GLUE_WORDS = frozenset(
    {
        *("a", "an", "the", "to", "on", "in", "at", "of", "and", "or", "please", "can", "could", "would"),
        *("will", "you", "me", "my", "i", "it", "is", "this", "that", "your", "for", "with", "by", "up"),
        *("down", "now", "just", "are", "if", "do", "bit", "little", "you're", "too", "it's", "so", "very"),
    }
)
"""Words a command does not rest on: doubt about them alone asks nothing, and they alone do nothing
("it's too warm in here" shares "it's too … in here" with "it's too dark in here", and brightened the
lights). Not "go": it is the verb of "go to the lamp", and a doubtful "go" was how "Ada, delete the
lamp" sent Ada walking."""
PLACE_WORDS = frozenset(
    {
        *("next", "near", "closer", "close", "onto", "into", "over", "there", "here", "beside"),
        *("behind", "under", "around", "between", "where", "thing", "someone", "one", "ones"),
    }
)
"""Words that say where or what, never what to do: "next to the sofa" is not a way to move."""
CUT_SHORT = frozenset(
    {"the", "a", "an", "to", "of", "onto", "into", "at", "with", "and", "or", "my", "your", "by", "from"}
    | {"for"}
)
"""Last words no command ends on: "place a plant to the" was cut short or misheard (not "on": "turn
the lamp on")."""
QUESTION_WORDS = frozenset({"where", "what", "which", "who", "how", "when", "why", "whether", "if"})
_WORD = re.compile(r"[a-z']+")
_NOT_ACTIONS = GLUE_WORDS | PLACE_WORDS | frozenset(NAMED)
"""Words that never say what to do: glue, places and colours (things and people are masked)."""


def _content(text: str) -> set[str]:
    """The stems of ``text`` that could say what to do (not glue, things, people, colours or places)."""
    return {stem(w) for w in _tokens(text) if w not in _NOT_ACTIONS}


def _tokens(text: str) -> list[str]:
    return [w.removesuffix("'s") for w in _WORD.findall(mask_entities(text))]


def action_words(examples: Mapping[str, Iterable[str]], intents: Iterable[str]) -> dict[str, frozenset[str]]:
    """Per intent in ``intents``: the stems its examples do the action with."""
    return {i: frozenset(w for line in examples.get(i, ()) for w in _content(line)) for i in intents}


_SUGGESTED = re.compile(
    r"\b(?:would|might|could) (?:be|look|feel|work)\b|\b(?:maybe|perhaps) (?:a|an|the|some)\b"
    r"|\bcould (?:do with|use)\b|\bi wish\b|\b(?:it'?d|would) be nice\b"
)


def suggested_only(text: str) -> bool:
    """Whether a command is put as a wish ("could do with a bigger table"): asked about, not done."""
    return bool(_SUGGESTED.search(text.lower()))


def says_how(text: str, words: frozenset[str], on_a_thing: bool = False) -> bool:
    """Whether ``text`` holds one of the action ``words`` and ends where a command can end.

    An intent without action words is blocked only by a line cut short.

    ``on_a_thing``: the action edits a thing, so a question word right after the verb means the line
    asked something ("tell me where the shelf is", heard as "delete where the shelf is").
    """
    tokens = _tokens(text)
    if tokens and tokens[-1] in CUT_SHORT:
        return False
    if not words:
        return True
    for i, word in enumerate(tokens):
        asked = on_a_thing and i + 1 < len(tokens) and tokens[i + 1] in QUESTION_WORDS
        if word not in _NOT_ACTIONS and stem(word) in words and not asked:
            return True
    return False


def place_said(slots: Slots, words: frozenset[str]) -> bool:
    """Whether a walk's goal is said as a place, not merely named somewhere in the line.

    A place is said after "to", "by" … (the ``dest``), after a place word ("over there") or after one
    of the walk's own ``words`` ("approach the chair").

    Misheard lines name a thing with no way to it: "zorp quax brindle fump" heard as "sure walk to
    bring sofa" sent Bo to the sofa.
    """
    if slots.dest or not slots.target:
        return True
    after = slots.target_after
    return after in PLACE_WORDS or stem(after) in words
