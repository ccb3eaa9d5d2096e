"""NPC-to-NPC scenes composed from persona content and the room (edit remarks: :mod:`game.mind.remarks`).

A scene is planned in one go, before a word of it is spoken, by a pure function of the two
personas, a room snapshot, the lines the user said aloud this session and a seeded rng, so
the same inputs always give the same scene and a test can read it whole. Every line is built
from something real: a prop in the snapshot (its name and colour), a persona fact (its
authored answer, in the character's voice), a like or dislike, one of the persona's own
idle, ok or aside lines, or a line the user said in the open. The planner is never given
the memory store, so a private note cannot leak into a scene by construction.

Each line answers the one before it and usually ends with a question back, so the two
characters alternate, 2 to 6 lines each (see docs/mind.md, "Initiative").
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from game.mind.grounding import PropInfo, WorldSnapshot
from game.mind.persona import Persona
from game.mind.protocols import Action
from game.mind.remarks import aside, fact_value, favourite_colour, own_line, taste, the_thing, words_of
from game.sim.scene import PROP_TYPES

TOPICS = ("room", "each_other", "user")
MIN_EACH, MAX_EACH = 2, 6


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_GOOD = _set(
    "promotion promoted won win new love loved learning birthday engaged married passed got great "
    "happy visiting holiday baby puppy finished"
)
_BAD = _set("sad tired lost sick ill bad broke hate hated failed worried died hurt fired")
_COMMAND = _set(
    "make put move turn paint add remove change go walk follow come sit stop look tell say show "
    "give take bring open close set place recolour resize colour color"
)
_QUESTION = _set("what where who when why how which is are do does did can could would will")


@dataclass(frozen=True)
class SceneLine:
    """One line of a scene: who says it to whom, the text, and the body that goes with it.

    ``about`` names what the line is grounded in (``prop:lamp``, ``fact:job``, ``like:jazz``,
    ``heard:<user line>``, ``idle``), for tests and the F3 view.
    """

    speaker: str
    listener: str
    text: str
    actions: tuple[Action, ...]
    about: tuple[str, ...] = ()


# --- the moves a scene is made of --------------------------------------------------------
@dataclass(frozen=True)
class _Move:
    """Something one character raises with the other, and how the other answers it."""

    kind: str  # prop | fact | likes | heard | idle
    prop: PropInfo | None = None
    key: str = ""
    heard: str = ""
    text: str = ""  # an idle line, said as it is

    def mirrorable(self, answerer: Persona) -> bool:
        return self.kind == "prop" or (self.kind in ("likes", "fact") and _answerable(self, answerer))


def _prompt(move: _Move, listener: str, rng: random.Random) -> tuple[str, tuple[str, ...]]:
    if move.kind == "prop" and move.prop is not None:
        thing = the_thing(move.prop)
        form = rng.choice(("{l}, what do you make of {t}?", "{l}, have you had a good look at {t}?"))
        return form.format(l=listener, t=thing), (f"prop:{move.prop.name}",)
    if move.kind == "fact":
        return "", ()  # filled by the caller, which knows the listener's persona
    if move.kind == "likes":
        form = rng.choice(
            (
                "{l}, what would make this afternoon perfect for you?",
                "{l}, what are you in the mood for today?",
            )
        )
        return form.format(l=listener), ("likes",)
    if move.kind == "heard":
        return f"{listener}, did you hear our visitor earlier? {_reported(move.heard)}", (
            f"heard:{move.heard}",
        )
    return move.text, ("idle",)


def _fact_prompt(listener: Persona, key: str, rng: random.Random) -> str:
    fact = listener.fact(key)
    ask = (
        fact.ask[0].rstrip("?. ")
        if fact is not None and fact.ask
        else f"what is your {key.replace('_', ' ')}"
    )
    opener = rng.choice(("remind me,", "tell me again,", "I forget,"))
    return f"{listener.name}, {opener} {ask}?"


def _remark(me: Persona, prop: PropInfo, used: set[str], rng: random.Random) -> str:
    """A neutral opinion of a prop tied to the speaker's own facts, each kind used once a scene."""
    fav, home, job = favourite_colour(me), fact_value(me, "home_town"), fact_value(me, "job")
    options = []
    if fav and fav != prop.colour:
        options.append(("fav", f"Nice, but I'd have made it {fav}."))
    if home:
        options.append(("home", f"It reminds me of home, of {home}."))
    if job:
        options.append(("job", f"Speaking as {'an' if job[0] in 'aeiou' else 'a'} {job}, it does its job."))
    if me.likes:
        options.append(("likes", f"Fine by me. I'd rather talk about {rng.choice(me.likes)}, though."))
    options.append(
        (
            "plain",
            f"{prop.colour.capitalize()}, and it suits the room." if prop.colour else "It suits the room.",
        )
    )
    fresh = [o for o in options[:-1] if o[0] not in used]
    kind, text = rng.choice(fresh) if fresh else options[-1]
    used.add(kind)
    return text


def _answer(
    move: _Move, me: Persona, other: Persona, rng: random.Random, used: set[str]
) -> tuple[str, str, tuple[str, ...]]:
    """``(text, gesture, about)``: how ``me`` answers ``move`` raised by ``other``."""
    if move.kind == "prop" and move.prop is not None:
        prop, thing = move.prop, the_thing(move.prop)
        feel, what = taste(me, words_of(f"{prop.name} {prop.type} {prop.colour}"))
        about = (f"prop:{prop.name}",)
        if feel == "like":
            return (
                f"{thing.capitalize()}? I love it. You know me and {what}.",
                "nod",
                (*about, f"like:{what}"),
            )
        if feel == "dislike":
            text = f"Honestly? {thing.capitalize()} is a bit much. You know how I feel about {what}."
            return text, "shake_head", (*about, f"dislike:{what}")
        return f"{aside(me, rng)}{thing.capitalize()}? {_remark(me, prop, used, rng)}", "", about
    if move.kind == "fact":
        fact = me.fact(move.key)
        if fact is not None:
            return fact.answer, "nod", (f"fact:{move.key}",)
    if move.kind == "likes" and me.likes:
        like = rng.choice(me.likes)
        text = f"{aside(me, rng)}{like[0].upper()}{like[1:]}, without a doubt."
        if me.dislikes:
            text += f" And no {rng.choice(me.dislikes)}, please."
        return text, "", ("likes", f"like:{like}")
    if move.kind == "heard":
        return f"I did. {_reaction(move.heard, rng, used)}", "nod", (f"heard:{move.heard}",)
    reaction = own_line(me, "ok", rng) or "Mm."
    return reaction, "nod", ("idle",)


def _reported(line: str) -> str:
    """``"I'm learning to paint"`` → ``They said they're learning to paint.`` (the user, retold)."""
    swaps = {
        "i'm": "they're",
        "im": "they're",
        "i": "they",
        "am": "are",
        "my": "their",
        "me": "them",
        "mine": "theirs",
        "i've": "they've",
        "i'll": "they'll",
        "i'd": "they'd",
        "myself": "themselves",
    }
    words = [swaps.get(w.lower(), w) for w in line.strip().rstrip(".!").split()]
    return f"They said {' '.join(words)}."


_REACTIONS = {
    "bad": (
        "Poor thing. Let's be gentle with them when they're back.",
        "That sounded hard. I hope they're all right.",
    ),
    "good": ("Good for them! I want to hear all about it.", "Lovely news. We should ask them how it goes."),
    "": ("I'd like to hear more about that.", "I keep thinking about it, actually."),
}


def _reaction(line: str, rng: random.Random, used: set[str]) -> str:
    words = set(re.findall(r"[a-z]+", line.lower()))
    mood = "bad" if words & _BAD else "good" if words & _GOOD else ""
    fresh = [r for r in _REACTIONS[mood] if r not in used] or list(_REACTIONS[mood])
    text = rng.choice(fresh)
    used.add(text)
    return text


def open_lines(lines: Sequence[str], names: Sequence[str]) -> list[str]:
    """The user's lines fit to retell: news about themselves, not questions or commands.

    ``lines`` are what the user said aloud in the room this session; a leading vocative
    ("Ada, …") is dropped so the retelling does not name the NPC it was said to.
    """
    out = []
    for line in lines:
        text = line.strip()
        for name in names:
            text = re.sub(rf"^\s*(hey |hi |ok |so )?{re.escape(name)}\s*[,!.]?\s*", "", text, flags=re.I)
        words = re.findall(r"[a-z']+", text.lower())
        if len(words) < 3 or text.endswith("?") or words[0] in _COMMAND or words[0] in _QUESTION:
            continue
        if {"i", "i'm", "my", "i've", "im"} & set(words) and not set(n.lower() for n in names) & set(words):
            out.append(text.rstrip(".!"))
    return out


def _idle_lines(speaker: Persona, listener: str, room: WorldSnapshot, names: Sequence[str]) -> list[str]:
    """The speaker's idle lines fit for this listener and room: not aimed at a third NPC, no missing prop."""
    here = {p.type for p in room.props} | words_of(" ".join(p.name for p in room.props))
    fit = []
    for line in speaker.lines.get("idle", ()):
        words = words_of(line)
        if any(n.lower() in words and n != listener for n in names if n != speaker.name):
            continue
        if any(t in words and t not in here for t in PROP_TYPES):
            continue
        if listener.lower() in words:
            fit.append(line)
    return fit


def _moves(
    a: Persona, b: Persona, room: WorldSnapshot, heard: Sequence[str], rng: random.Random, topic: str
) -> list[_Move]:
    props = list(room.props)
    if len(props) > 8:
        props = rng.sample(props, 8)
    rng.shuffle(props)
    by_topic = {
        "room": [_Move("prop", prop=p) for p in props],
        "each_other": [
            _Move("fact", key=k) for k in sorted({f.key for f in a.facts} | {f.key for f in b.facts})
        ],
        "user": [_Move("heard", heard=line) for line in heard],
    }
    rng.shuffle(by_topic["each_other"])
    by_topic["each_other"].insert(rng.randrange(len(by_topic["each_other"]) + 1), _Move("likes"))
    first = by_topic.pop(topic)
    # Two moves on the topic, then the topics take turns, so a scene wanders like talk does.
    queues = [first[2:], *by_topic.values()]
    out = first[:2]
    while any(queues):
        for queue in queues:
            if queue:
                out.append(queue.pop(0))
    return out


def plan_scene(
    a: Persona,
    b: Persona,
    room: WorldSnapshot,
    heard: Sequence[str],
    rng: random.Random,
    topic: str | None = None,
) -> list[SceneLine]:
    """A short scene: ``a`` opens, the two alternate, 2–6 lines each, each answering the other.

    ``heard``: what the user said aloud this session (see :func:`open_lines`); ``topic`` one
    of :data:`TOPICS` (None: the rng picks, ``user`` only when there is something to retell).
    The length leans on how chatty the two are.
    """
    names = [a.name, b.name, *(n.name for n in room.npcs)]
    heard = open_lines(heard, names)
    if topic not in TOPICS or (topic == "user" and not heard):
        topic = rng.choice([t for t in TOPICS if t != "user" or heard])
    each = min(MAX_EACH, MIN_EACH + int(rng.random() * (1 + 4 * (a.chatty + b.chatty))))
    moves = _moves(a, b, room, heard, rng, topic)
    idle = _idle_lines(a, b.name, room, names)
    if idle and topic != "user" and rng.random() < 0.5:
        moves.insert(0, _Move("idle", text=rng.choice(idle)))
    state = rng.getstate()
    for length in range(each, MIN_EACH - 1, -1):  # shorter when the two have too little to say
        rng.setstate(state)
        lines = _compose((a, b), list(moves), length, rng)
        if lines is not None:
            return lines
    return []  # two characters with nothing to talk about (generic personas, an empty room)


def _answerable(move: _Move, by: Persona) -> bool:
    if move.kind == "fact":
        return by.fact(move.key) is not None
    return move.kind != "likes" or bool(by.likes)


def _compose(
    people: tuple[Persona, Persona], moves: list[_Move], each: int, rng: random.Random
) -> list[SceneLine] | None:
    """``each`` lines apiece from ``moves`` in order; None when the moves run out first."""
    lines: list[SceneLine] = []
    raised: _Move | None = None
    mirrored = False
    used: set[str] = set()
    for i in range(2 * each):
        me, other = people[i % 2], people[(i + 1) % 2]
        parts: list[str] = []
        about: tuple[str, ...] = ()
        gesture = point = ""
        if raised is not None:
            text, gesture, about = _answer(raised, me, other, rng, used)
            parts.append(text)
        if i < 2 * each - 1:
            if raised is not None and not mirrored and raised.mirrorable(other) and rng.random() < 0.5:
                parts.append(f"And you, {other.name}?")
                mirrored = True  # the same move, now for the other to answer
            else:
                while moves and not _answerable(moves[0], other):
                    moves.pop(0)
                if not moves:
                    return None
                raised, mirrored = moves.pop(0), False
                prompt, raised_about = (
                    (_fact_prompt(other, raised.key, rng), (f"fact:{raised.key}",))
                    if raised.kind == "fact"
                    else _prompt(raised, other.name, rng)
                )
                parts.append(prompt)
                about = (*about, *raised_about)
                point = raised.prop.name if raised.prop is not None else ""
        actions = [Action.make("look_at", target=other.name)]
        if point:
            actions.append(Action.make("point_at", target=point))
        elif gesture:
            actions.append(Action.make(gesture))
        if any(tag.startswith("like:") for tag in about):
            actions.append(Action.make("emote", kind="happy"))  # talking about what it loves
        lines.append(SceneLine(me.name, other.name, " ".join(parts), tuple(actions), about))
    return lines
