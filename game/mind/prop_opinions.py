"""What a character thinks of the things in the room: its favourite, and its view of one named.

"What's your opinion of the lamp?", "is the red box pretty?" and "what's your favourite
thing in this room?" ask for a view, not a fact, so they get one: from the persona's
likes and favourite colour where they touch the prop (:func:`game.mind.remarks.taste`),
otherwise a plain, grounded liking. Every prop named is one the snapshot has, so a
character never admires furniture that is not there.
"""

from __future__ import annotations

import re
import zlib

from game.mind.grounding import PropInfo, landmark
from game.mind.line_shape import ELSEWHERE, LOOKS_HOW
from game.mind.protocols import Action
from game.mind.remarks import favourite_colour, taste, the_thing, words_of
from game.mind.skill_io import Answer, SkillInput

_FAVOURITE = re.compile(
    r"\b(favou?rite|like (best|most)|love (best|most))\b.*\b(thing|things|object|piece|here|room|lounge)\b"
    r"(?!\s+(?:to|about|for|of)\b)"  # "your favourite thing to eat" is not about the room
    r"|\b(thing|object|piece)s?\b.*\b(here|room|lounge)\b.*\b(like|love) (best|most)\b"
    r"|\bwhich (one|object|thing|piece)\b.*\b(would you be|are you)\b"
    r"|\bif you were an? (object|thing|piece of furniture)\b"
)
_VIEW = re.compile(
    r"\b(think of|think about|opinion|like about|feel about|make of|pretty|nice|ugly|comfy|comfortable|"
    r"lovely|beautiful|cosy|cozy|stylish|suits?|goes with|go with|fits? in|belongs? (?:here|there|in))\b"
)


def _named(turn: SkillInput) -> PropInfo | None:
    heard = words_of(turn.text)
    for prop in turn.snap.props:
        if words_of(prop.name) & heard or prop.type in heard:
            return prop
    return None


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _feeling(turn: SkillInput, prop: PropInfo) -> tuple[str, str]:
    """("like" | "dislike" | "", why): how the persona's tastes touch this prop."""
    feeling, what = taste(turn.persona, words_of(f"{prop.name} {prop.type} {prop.colour}"))
    if feeling == "like" and what == prop.colour.lower():
        return feeling, f"{_capital(prop.colour)} is my colour."
    if feeling == "like":
        same = words_of(what) <= words_of(f"{prop.name} {prop.type}")  # Bo likes "the sofa" itself
        return feeling, "Best spot in the room." if same else f"I do love {what}."
    if feeling == "dislike":
        return feeling, f"{_capital(what)}, you see."
    return "", ""


def _view(turn: SkillInput, prop: PropInfo) -> str:
    thing = _capital(the_thing(prop))
    feeling, why = _feeling(turn, prop)
    if feeling == "like":
        return f"{thing}? I love it. {why}"
    if feeling == "dislike":
        return f"{thing}? Not my favourite, if I'm honest. {why}"
    return f"{thing}? I like it there, {landmark(turn.snap, prop.name)}. It suits the room."


def _favourite(turn: SkillInput) -> PropInfo | None:
    props = list(turn.snap.props)
    if not props:
        return None
    persona = turn.persona
    for prop in props:
        if taste(persona, words_of(f"{prop.name} {prop.type}"))[0] == "like":
            return prop
    colour = favourite_colour(persona)
    for prop in props:
        if colour and colour in prop.colour.lower():
            return prop
    # no taste touches the room: a choice that stays the same for this character
    return props[zlib.crc32(persona.name.encode()) % len(props)]


def opinion(turn: SkillInput) -> Answer | None:
    """The character's view of a prop the line names, or its favourite thing here; None otherwise."""
    low = turn.text.lower()
    if _FAVOURITE.search(low) and not ELSEWHERE.search(low):  # "favourite room in your house"
        prop = _favourite(turn)
        if prop is None:
            return None
        why = _feeling(turn, prop)[1] or "It holds the whole room together, somehow."
        return Answer(
            f"{_capital(the_thing(prop))}, {landmark(turn.snap, prop.name)}. {why}",
            (Action.make("look_at", target=prop.name),),
            "happy",
            [f"favourite prop: {prop.name}"],
            focus=prop.name,
            layer="room",
        )
    if not (_VIEW.search(low) or LOOKS_HOW.search(low)):
        return None
    prop = _named(turn)
    if prop is None:
        return None
    return Answer(
        _view(turn, prop),
        (Action.make("look_at", target=prop.name),),
        evidence=[f"opinion of {prop.name} ({prop.colour})"],
        focus=prop.name,
        layer="room",
    )
