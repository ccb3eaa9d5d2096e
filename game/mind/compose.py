"""Poems, songs and little stories, composed from the character and the room as it is now.

"Cleo, write a poem about the lamp" used to be answered with a list of the room, or "I don't
understand". A canned poem would fit any room; this one is built from what is really here (the
lamp's colour, what stands next to it, who else is in the room) and from the persona (its likes,
its role), so Cleo's poem about the room names real props and Bo's song sounds like a ship's
cook. Nothing is invented about the room: every prop, colour and name comes from the snapshot.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from game.mind.grounding import PropInfo, WorldSnapshot, landmark, without_number
from game.mind.line_shape import asks_not_orders
from game.mind.protocols import Action
from game.mind.reply_fit import content_stems, first_sentence
from game.mind.skill_io import Answer, SkillInput
from game.mind.topics import TopicIndex

_ASKING = r"(?:please |)(?:(?:can|could|would|will) you (?:please |)|)"
_MAKING = r"(?:write|make|make up|compose|give|tell|sing|recite|invent|create|do|read)"
CREATIVE_REQUEST = re.compile(
    rf"^(?:{_ASKING}{_MAKING}\b.*\b(?P<kind>poem|poems|poetry|haiku|verse|verses|rhyme|rhymes|limerick|lines?|"
    r"songs?|shanty|shanties|ditty|story|stories|tales?|riddles?)\b|"
    rf"{_ASKING}sing\b(?! about)(?P<sing>.*))",
)
"""A request to compose: "write a poem about the lamp", "could you sing me something", "tell me a
story", "tell me some stories". Questions about poems ("how do you write a poem?") do not start
with a request."""
_ABOUT = re.compile(r".*\b(?:about|of|for|on) (?P<what>[\w' ]+?)\s*[?.!]*$")
"""The last "about …" names the subject: "a line of poetry about tea" is about tea."""
_KINDS = {
    "song": "song", "songs": "song", "shanty": "song", "shanties": "song", "ditty": "song",
    "story": "story", "stories": "story", "tale": "story", "tales": "story",
    "riddle": "riddle", "riddles": "riddle",
}  # fmt: skip

IMAGES = {
    "lamp": "keeps a small sun",
    "plant": "leans toward the light",
    "window": "holds the whole afternoon",
    "sofa": "remembers every guest",
    "chair": "waits with open arms",
    "table": "carries what we forget",
    "shelf": "keeps the books in line",
    "box": "keeps its secret shut",
    "door": "knows every leaving",
    "cup": "holds the last of the warmth",
    "counter": "gathers crumbs and stories",
    "sphere": "rolls its thoughts in circles",
    "cylinder": "stands very still",
}
"""What each kind of prop does in a poem (an image, not a fact about the room)."""


@dataclass(frozen=True)
class Request:
    """What to compose, and about what ("" when the user left it open)."""

    kind: str
    subject: str
    whose: str = ""
    """Whose the subject is, from the NPC's side: "about my bike" is a poem about "your" bike ("the" kept)."""


def creative_request(text: str) -> Request | None:
    """The composition asked for in ``text``, or None when it is not a request to compose."""
    low = text.lower().strip()
    match = CREATIVE_REQUEST.match(low)
    if match is None or asks_not_orders(low):  # "do you still write poems?" asks about a habit
        return None
    kind = _KINDS.get(match.group("kind") or "", "song" if match.group("sing") is not None else "poem")
    about = _ABOUT.search(low)
    subject = about.group("what").strip() if about else ""
    if subject in ("me", "something", "anything", "us", "you"):
        subject = "me" if subject == "me" else ""
    owner = re.match(r"(my|your|the) ", subject)
    whose = {"my": "your", "your": "my", "the": "the"}[owner.group(1)] if owner else ""
    return Request(kind, re.sub(r"^(the|this|that|your|my) ", "", subject), whose)


def compose(turn: SkillInput, request: Request, memory: str = "") -> Answer:
    """A short poem, song or story from the room and the persona, about the subject if it is here.

    ``memory`` is the persona's own line about a subject the room does not hold ("I swim in the
    sea in summer"): the poem is then about that, not the room with the subject in its last line.
    """
    snap, rng = turn.snap, turn.rng
    props = _props_about(snap, request.subject, rng)
    name = turn.persona.name
    others = [n.name for n in snap.npcs if n.name.lower() != name.lower()]
    like = rng.choice(turn.persona.likes) if turn.persona.likes else "a quiet room"
    here = bool(props) and request.subject in (props[0].name.lower(), props[0].type)
    person = snap.npc(request.subject) if request.subject else None
    theme = (
        request.subject
        if request.subject and not here and person is None and request.subject not in ("me", "room")
        else like
    )
    actions: tuple[Action, ...] = ()
    said = f"{request.whose} {theme}" if request.whose and theme == request.subject else theme
    if request.kind == "song":
        text = _song(props, said, "ship" in turn.persona.role or "sea" in turn.persona.backstory, rng)
        if turn.persona.allows("emote"):
            actions = (Action.make("emote", emotion="happy"),)
    elif request.kind == "story" and theme == request.subject and re.fullmatch(r"an? [a-z]+", theme):
        text = _story_of(snap, props, others, theme, like, rng)  # "a story about a cat": the cat is its hero
    elif request.kind == "story":
        text = _story(snap, props, others, said, rng)
    elif request.kind == "riddle":
        text = _riddle(snap, props)
    elif memory and theme == request.subject:
        text = _remembered(props, said, memory, {n.name for n in snap.npcs})
    elif theme == request.subject and request.kind == "poem":
        text = _absent(props, said, rng)
    else:
        text = _poem(snap, props, request.subject, person.name if person else "", theme, rng)
    used = ", ".join(p.name for p in props)
    why = (
        f"composed a {request.kind} about {request.subject or 'the room'} from the room ({used}), on {theme}"
    )
    return Answer(text, actions, "happy", [why])


def _props_about(snap: WorldSnapshot, subject: str, rng: random.Random) -> list[PropInfo]:
    """The prop asked about first (when it is here), then a few others, in a seeded order."""
    named = snap.prop(subject) if subject else None
    if named is None and subject:
        named = next((p for p in snap.props if p.type == subject), None)
    others = [p for p in snap.props if p is not named and p.type in IMAGES]
    rng.shuffle(others)
    seen = {named.type} if named is not None else set()
    rest = []
    for prop in others:  # one of a kind: a second lamp is not another line about a lamp
        if prop.type not in seen:
            seen.add(prop.type)
            rest.append(prop)
    return ([named] if named is not None else []) + rest[:3]


def _noun(prop: PropInfo) -> str:
    """The prop with its colour where the colour is the whole thing's (a plant's is its pot's).

    A number that only tells two of a kind apart ("lamp 2") is no word for a poem.
    """
    name = without_number(prop.name)
    if prop.type == "plant":
        return f"green {name}"
    if prop.type == "lamp":
        return f"{prop.colour}-shaded {name}"
    if prop.type == "window" or prop.colour in name:
        return name
    return f"{prop.colour} {name}"


def _poem(
    snap: WorldSnapshot, props: list[PropInfo], subject: str, person: str, theme: str, rng: random.Random
) -> str:
    if not props:
        return f"An empty room, and {theme}: / that is enough for a poem."
    first = props[0]
    if subject == "me":
        lines = ["You came in quietly", f"past the {_noun(first)}"]
    elif person:
        lines = [f"{person} stands {landmark(snap, person) or 'here'}", f"near the {_noun(first)}"]
    else:
        lines = [f"The {_noun(first)} {IMAGES.get(first.type, 'stands here')}"]
        place = landmark(snap, first.name)
        if place:
            lines.append(place)
    lines += [f"the {_noun(prop)} {IMAGES.get(prop.type, 'listens')}" for prop in props[1:3]]
    walls = snap.surface_colour("walls")
    endings = [f"and I think of {theme}.", f"and somewhere, {theme}."]
    if walls and theme != subject:  # a poem about rain must not end without the rain
        endings.append(f"while the {walls} walls keep still.")
    lines.append(rng.choice(endings))
    lines[0] = lines[0][0].upper() + lines[0][1:]
    return "Here is a little poem. " + " / ".join(lines)


def _remembered(props: list[PropInfo], theme: str, memory: str, names: set[str]) -> str:
    """A poem about something the room lacks, from the persona's own memory of it."""
    said = memory.rstrip(".!")
    first = said.split(" ", 1)[0]
    if first != "I" and first not in names:  # "Bo tells …" keeps its name; "My favourite …" reads on
        said = said[0].lower() + said[1:]
    lines = [f"{theme[0].upper()}{theme[1:]}, you are not in this room"]
    if props:
        lines.append(f"but the {_noun(props[0])} {IMAGES.get(props[0].type, 'listens')}")
    lines += [f"and I remember: {said}", f"so {theme} is here after all."]
    return "Here is a little poem. " + " / ".join(lines)


_DAYS = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)")


def _riddle(snap: WorldSnapshot, props: list[PropInfo]) -> str:
    """A riddle on a prop of the room, told by what it does in a poem, its colour and where it stands.

    Said aloud there is no page to turn for the answer, so it follows after "Give up?".
    """
    if not props:
        return "A riddle? In an empty room there's nowhere to hide one."
    prop = props[0]
    place = landmark(snap, prop.name)
    where = f", {place}," if place else ""
    colour = "" if prop.type == "window" else f" I'm {prop.colour}{where} and"
    return (
        f"A riddle for you.{colour} I {_first_person(IMAGES.get(prop.type, 'stands very still'))}. "
        f"What am I? Give up? The {without_number(prop.name)}!"
    )


_ITS = re.compile(r"\bits\b")


def _first_person(image: str) -> str:
    """A prop's image said by the prop itself: "keeps its secret shut" → "keep my secret shut"."""
    verb, rest = image.split(" ", 1)
    verb = verb[:-3] + "y" if verb.endswith("ies") else verb.removesuffix("s")
    return f"{verb} {_ITS.sub('my', rest)}"


def _absent(props: list[PropInfo], theme: str, rng: random.Random) -> str:
    """A poem about something the room lacks and the persona has no line on ("a poem about Mondays").

    The theme opens and closes it, so the room's props are only the setting it is missed in.
    """
    theme = _DAYS.sub(lambda m: m[1].capitalize(), theme)
    lines = [f"{theme[0].upper()}{theme[1:]}, you are not in this room"]
    lines += [
        f"{'but ' if i == 0 else ''}the {_noun(p)} {IMAGES.get(p.type, 'listens')}"
        for i, p in enumerate(props[:2])
    ]
    lines.append(rng.choice(("and still you find your way in.", f"and still I think of {theme}.")))
    return "Here is a little poem. " + " / ".join(lines)


def _song(props: list[PropInfo], theme: str, sailor: bool, rng: random.Random) -> str:
    """A verse on two props and the theme; a sailor's ends on a shanty's chorus."""
    chorus = rng.choice(
        ("Heave away, haul away!", "Way, hey, and up she rises!")
        if sailor
        else ("Oh, la la, lo!", "Sing it low, sing it slow!")
    )
    if not props:
        return f"La la la, {theme}, la la la! {chorus}"
    first = props[0]
    second = props[1] if len(props) > 1 else first
    return (
        f"Ahem. Oh, the {_noun(first)} and the {_noun(second)}, / "
        "a song for this room and the friends in it too, / "
        f"give me {theme} and I'll sing it through! / {chorus}"
    )


MOVABLE = ("lamp", "plant", "chair", "box", "cup", "sphere")
"""Props small enough for the hero of a story to be carried across the room."""


def _story(
    snap: WorldSnapshot, props: list[PropInfo], others: list[str], theme: str, rng: random.Random
) -> str:
    # The few props drawn for the piece may all be fixtures; any movable thing in the room will do.
    heroes = [p for p in props if p.type in MOVABLE] or [p for p in snap.props if p.type in MOVABLE]
    if not heroes:
        return f"Once there was a room with nothing in it but {theme}. It was enough. The end."
    hero = heroes[0]
    helper = rng.choice(others) if others else "somebody kind"
    goal = "look out of the window" if snap.prop("window") is not None else "see the sea"
    return (
        f"A short one, then. Once there was a {_noun(hero)} that wanted to {goal}. "
        f"Every evening it asked, and nobody heard, until {helper} listened "
        f"and carried it across the room. Now it {IMAGES.get(hero.type, 'is happy')}, "
        f"and dreams of {theme}. The end."
    )


def _story_of(
    snap: WorldSnapshot, props: list[PropInfo], others: list[str], hero: str, like: str, rng: random.Random
) -> str:
    """A story whose hero is the creature or thing asked for ("a cat"), which the room does not hold."""
    helper = rng.choice(others) if others else "somebody kind"
    goal = "look out of the window" if snap.prop("window") is not None else "see the sea"
    place = next((p for p in props if p.name != "window"), props[0] if props else None)
    rest = f"Now it sleeps by the {_noun(place)}" if place is not None else "Now it sleeps in the warm"
    return (
        f"A short one, then. Once there was {hero} that wanted to "
        f"{goal}. Every evening it asked, and nobody heard, until {helper} listened and carried it across "
        f"the room. {rest}, and dreams of {like}. The end."
    )


MEMORY_WORDS = 14
"""A memory longer than this is too long for one line of a poem."""


def memory_of(turn: SkillInput, topics: TopicIndex, request: Request) -> str:
    """The persona's own first sentence about a poem's subject that the room does not hold ("")."""
    subject = request.subject
    if request.kind != "poem" or not subject or subject in ("me", "room") or turn.snap.npc(subject):
        return ""
    if turn.snap.prop(subject) or any(p.type == subject for p in turn.snap.props):
        return ""
    nouns = [w for w in re.findall(r"[a-z]+", subject) if content_stems(w)]
    found = topics.first_line_naming(nouns[-1], turn.vector, MEMORY_WORDS) if nouns else None
    return first_sentence(found.matched) if found is not None else ""
