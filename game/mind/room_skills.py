"""Skills about the room: questions answered from the snapshot, body actions, room edits.

Answers are computed from :class:`~game.mind.grounding.WorldSnapshot`, never made up.
Requests that cannot be done (a prop that is not there, a colour we do not know, an
action this persona refuses) get an in-character answer and no action.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from game.mind import sitting
from game.mind.actions import MAX_ADDED
from game.mind.grounding import (
    describe_colour,
    describe_on,
    describe_room,
    describe_where,
    join_names,
    landmark,
    with_article,
)
from game.mind.lights import lights
from game.mind.protocols import BODY_ACTIONS, EDIT_ACTIONS, Action
from game.mind.room_counts import IS_THERE, count, counted, is_there
from game.mind.room_words import NUMBER_WORDS
from game.mind.skill_io import Answer, SkillInput
from game.mind.undoing import undo
from game.sim.colours import named_colour
from game.sim.scene import PROP_TYPES

EMOTES = {
    "dance": "dance",
    "laugh": "laugh",
    "jump": "jump",
    "cheer": "cheer",
    "clap": "clap",
    "sad": "sad",
    "surprised": "surprised",
    "bow": "bow",
    "celebrate": "cheer",
    "happy": "happy",
    "cry": "sad",
}
SURFACES = ("walls", "floor", "ceiling")


def _name_of(turn: SkillInput, name: str) -> str:
    return "you" if name == "user" else with_article(name)


SLOT_MISSING = "slot missing"
"""The evidence of a room question asked back ("The colour of what?"): no thing of the room was named."""


def _missing(turn: SkillInput, what: str) -> Answer:
    if turn.slots.unresolved:
        return Answer(
            f"I don't see {_a(turn.slots.unresolved)} here.",
            emotion="confused",
            evidence=[f"unresolved reference: {turn.slots.unresolved}"],
        )
    return Answer(f"{what}", emotion="confused", evidence=[SLOT_MISSING])


def plural(kind: str) -> str:
    """A kind of prop in the plural ("boxes", "shelves")."""
    if kind.endswith("f"):
        return kind[:-1] + "ves"
    return kind + "es" if kind.endswith(("x", "s", "ch", "sh")) else kind + "s"


def _a(phrase: str) -> str:
    if phrase in ("it", "that", "this", "them", "one"):
        return "what you mean"
    return f"an {phrase}" if phrase[:1] in "aeiou" else f"a {phrase}"


EVERYONE = re.compile(r"\bwhere (?:is|are|'s) (?:everyone|everybody|the others|all of you|you all)\b")


def everyone(turn: SkillInput) -> Answer:
    """Where each NPC is ("where is everyone?"), the one asked last and as "I"."""
    me = turn.context.npc.lower()
    names = [n.name for n in turn.snap.npcs if n.name.lower() != me]
    others = [f"{name} is {landmark(turn.snap, name) or 'about'}" for name in names]
    mine = landmark(turn.snap, turn.context.npc)
    said = join_names([*others, f"I'm {mine}" if mine else "I'm right here"])
    return Answer(f"{said[0].upper()}{said[1:]}.", evidence=[f"room: where {', '.join(names)} are"])


def where_is(turn: SkillInput) -> Answer:
    """Where a prop or NPC is, relative to the landmarks and the user (or whether there is one, how many)."""
    asked = IS_THERE.search(turn.text.lower())
    if asked:
        return is_there(turn, asked.group(1).strip())
    noun = counted(turn.text)
    if noun:
        return count(turn, noun)
    if EVERYONE.search(turn.text.lower()):
        return everyone(turn)
    target = turn.slots.target or turn.slots.dest
    if target == "user":
        return Answer("You're right here, silly.", emotion="happy")
    if not target and re.search(r"\bwhere are you\b", turn.text.lower()):
        target = turn.context.npc
    if not target:
        return _missing(turn, "Where is what?")
    if target.lower() == turn.context.npc.lower():
        place = landmark(turn.snap, target)
        return Answer(
            f"I'm right here, {place}." if place else "I'm right here.",
            (Action.make("wave"),),
            evidence=[f"room: {target} {place}"],
        )
    if target in SURFACES:
        return Answer(f"The {target}? All around us.", evidence=[])
    text = describe_where(turn.snap, target)
    actions = (Action.make("point_at", target=target),) if turn.persona.allows("point_at") else ()
    return Answer(text, actions, evidence=[f"room: {target} {landmark(turn.snap, target)}"], focus=target)


_SWITCH = re.compile(r"\b(on|off)\s*[?.!]*$")
"""'Is the lamp on?': nothing follows 'on', so it asks whether the thing is switched on."""
SWITCH_QUESTION = re.compile(r"^(?:is|are)\s+(?:the|that|this|your)\s+[\w ]+?\s+(?:on|off)\s*[?.!]*$")
"""'Is the lamp off?' asks the same (the classifier hears 'off' as nothing it knows)."""


def is_switched_on(turn: SkillInput, prop: str) -> Answer:
    """Whether a prop is on: a lamp is always drawn lit (its shade glows); nothing else switches."""
    info = turn.snap.prop(prop)
    assert info is not None
    if info.type != "lamp":
        return Answer(
            f"The {info.name}? There's nothing on it to switch on.", evidence=[f"room: {prop} has no light"]
        )
    yes = "No, it's on" if turn.text.lower().rstrip(" ?.!").endswith("off") else f"Yes, the {info.name} is on"
    return Answer(f"{yes}. It's lit the whole time.", evidence=[f"room: {prop} is lit"], focus=prop)


def what_on(turn: SkillInput) -> Answer:
    """Answer what rests on a support (table, shelf, …), or whether a lamp is on."""
    support = turn.slots.dest or turn.slots.target
    if not support or turn.snap.prop(support) is None:
        return _missing(turn, "On what?")
    if _SWITCH.search(turn.text.lower()):
        return is_switched_on(turn, support)
    text = describe_on(turn.snap, support)
    items = [p.name for p in turn.snap.props if p.on == support]
    return Answer(text, evidence=[f"room: on {support}: {', '.join(items) or 'nothing'}"], focus=support)


def what_colour(turn: SkillInput) -> Answer:
    """Answer the colour of a prop or a room surface."""
    target = turn.slots.target or turn.slots.dest
    if target and turn.snap.npc(target):
        return Answer(f"{target} is wearing their usual clothes. Ask me about the furniture!")
    if not target:
        return _missing(turn, "The colour of what?")
    text = describe_colour(turn.snap, target)
    if not text:
        return _missing(turn, "The colour of what?")
    return Answer(text, evidence=[f"room: {text}"], focus=target if target not in SURFACES else "")


def room_contents(turn: SkillInput) -> Answer:
    """Answer what (or who) is in the room."""
    if re.search(r"\bwho\b", turn.text.lower()):
        others = [n.name for n in turn.snap.npcs if n.name != turn.context.npc]
        text = f"{join_names(others)} and me. And you, of course." if others else "Just me and you."
        return Answer(text, evidence=["room: people " + ", ".join(n.name for n in turn.snap.npcs)])
    props = ", ".join(p.name for p in turn.snap.props)
    return Answer(describe_room(turn.snap, turn.context.npc), evidence=[f"room: {props}"])


def what_looking_at(turn: SkillInput) -> Answer:
    """Answer with the thing in the middle of the user's view."""
    gaze = turn.snap.gaze
    if not gaze:
        return Answer("Nothing in particular, I think. Just the room.", evidence=["gaze: nothing"])
    prop = turn.snap.prop(gaze)
    if prop is None:
        return Answer(f"You're looking at {gaze}.", evidence=[f"gaze: {gaze}"], focus=gaze)
    text = f"You're looking at {with_article(gaze)}. It's {prop.colour}, {landmark(turn.snap, gaze)}."
    return Answer(text, evidence=[f"gaze: {gaze}"], focus=gaze)


def _refuse(turn: SkillInput, action: str) -> Answer:
    kind = "cant_edit" if action in EDIT_ACTIONS else "refuse"
    shake = (Action.make("shake_head"),) if turn.persona.allows("shake_head") else ()
    return Answer(turn.line(kind), shake, evidence=[f"persona does not allow {action}"])


def comes_to_user(text: str) -> bool:
    """A walk with no place named goes to the user when the line says "here" or "me" ("come here")."""
    return bool(re.search(r"\b(here|me)\b", text.lower()))


def body(turn: SkillInput) -> Answer:
    """walk_to, look_at, point_at, follow, stop_following, sit, stand, wave, nod, shake_head, emote."""
    intent = turn.intent.intent
    if not turn.persona.allows(intent):
        return _refuse(turn, intent)
    slots = turn.slots
    target = slots.dest or slots.target
    low = turn.text.lower()
    if intent == "walk_to":
        if not target and comes_to_user(low):
            target = "user"
        if not target:
            return _missing(turn, "Where to?")
        if target.lower() == turn.context.npc.lower():
            return Answer("I'm already where I am!", emotion="happy")
        text = f"{turn.line('ok')} Heading over to {_name_of(turn, target)}."
        return Answer(
            text, (Action.make("walk_to", target=target),), evidence=[f"walk_to {target}"], focus=target
        )
    if intent in ("look_at", "point_at"):
        things = [t for t in (slots.target, slots.dest) if t and t != "user"]
        target = things[0] if things else ("user" if re.search(r"\b(me|this way|here)\b", low) else "")
        if not target:
            return _missing(turn, "Look at what?" if intent == "look_at" else "Point at what?")
        verb = "Looking at" if intent == "look_at" else "That's"
        text = (
            f"{verb} {_name_of(turn, target)}."
            if intent == "look_at"
            else f"{verb} {_name_of(turn, target)}, there."
        )
        return Answer(
            text, (Action.make(intent, target=target),), evidence=[f"{intent} {target}"], focus=target
        )
    if intent == "follow":
        who = slots.target if slots.target and turn.snap.npc(slots.target) else "user"
        return Answer(turn.line("follow"), (Action.make("follow", target=who),), emotion="happy")
    if intent == "stop_following":
        return Answer(turn.line("stop_following"), (Action.make("stop_following"),))
    if intent == "sit":
        return sitting.sit(turn, target)
    if intent == "stand":
        return sitting.stand(turn)
    if intent == "emote":
        kind = next((EMOTES[w] for w in re.findall(r"[a-z]+", low) if w in EMOTES), "happy")
        return Answer(
            turn.line("ok"), (Action.make("emote", kind=kind),), emotion=kind, evidence=[f"emote {kind}"]
        )
    target_args = {"target": slots.target} if intent == "wave" and slots.target else {}
    emotion = "happy" if intent == "wave" else "neutral"
    return Answer(turn.line("ok"), (Action.make(intent, **target_args),), emotion=emotion)


def _free_name(turn: SkillInput, kind: str) -> str:
    name, i = kind, 2
    while turn.snap.prop(name) is not None:
        name, i = f"{kind} {i}", i + 1
    return name


def _edit_target(turn: SkillInput, allow_surface: bool = False) -> tuple[str, Answer | None]:
    target = turn.slots.target
    if not target:
        return "", _missing(turn, "Which one do you mean?")
    if target == "user" or turn.snap.npc(target):
        return "", Answer(f"I can't do that to {_name_of(turn, target)}!", emotion="surprised")
    if target in SURFACES and not allow_surface:
        return "", Answer(f"I can't do that to the {target}.", evidence=["surface"])
    return target, None


def edit(turn: SkillInput) -> Answer:
    """add_prop, remove_prop, move_prop, recolour, resize and undo as actions for the simulation."""
    intent = turn.intent.intent
    if not turn.persona.allows(intent):
        return _refuse(turn, intent)
    if intent == "undo":
        return undo(turn, turn.line("ok"))
    done = turn.line("edit_done")
    if intent == "add_prop":
        return _add_prop(turn, done)
    if intent == "lights":
        return lights(turn, done)
    target, problem = _edit_target(turn, allow_surface=intent == "recolour")
    if problem:
        return problem
    if intent == "remove_prop":
        return Answer(
            f"{done} {with_article(target).capitalize()} is gone.",
            (Action.make("remove_prop", target=target),),
            evidence=[f"remove {target}"],
        )
    if intent == "move_prop":
        return _move_prop(turn, target, done)
    if intent == "recolour":
        return _recolour(turn, target, done)
    return _resize(turn, target, done)


def _add_prop(turn: SkillInput, done: str) -> Answer:
    """Adding needs no existing target, only a known type (a named prop lends its type when none was said)."""
    slots = turn.slots
    existing = turn.snap.prop(slots.target) if slots.target else None
    kind = slots.new_type or (existing.type if existing else "")
    if kind not in PROP_TYPES:
        return Answer(
            "I don't know how to make that. I can do tables, chairs, lamps, plants, boxes and such.",
            emotion="confused",
            evidence=["unknown prop type"],
        )
    how_many = slots.new_count
    if how_many > MAX_ADDED:
        return Answer(
            f"That's a lot of {plural(kind)}! I can add up to {NUMBER_WORDS[MAX_ADDED]} at a time.",
            emotion="surprised",
            evidence=[f"{how_many} is more than {MAX_ADDED}"],
        )
    name = _free_name(turn, kind)
    place: dict[str, str] = {}
    where = ""
    if slots.dest and slots.dest != "user":
        place = {"on": slots.dest} if slots.relation == "on" else {"near": slots.dest}
        where = f" {'on' if slots.relation == 'on' else 'next to'} {_name_of(turn, slots.dest)}"
    else:
        place, where = {"near": turn.context.npc}, " here"
    colour = {"colour": slots.colour} if slots.colour else {}
    several = {"count": how_many} if how_many > 1 else {}
    action = Action.make("add_prop", type=kind, prop_name=name, **place, **colour, **several)
    if how_many == 1:
        what = _a(f"{slots.colour} {kind}".strip())
    else:
        what = " ".join(f"{NUMBER_WORDS[how_many]} {slots.colour} {plural(kind)}".split())
    text = f"{done} I've put {what}{where}."
    return Answer(text, (action,), "happy", [f"add {how_many} {kind} from '{name}' {place}"], focus=name)


def _move_prop(turn: SkillInput, target: str, done: str) -> Answer:
    """Moving "over here" puts it next to the NPC asked, since placement works on things in the room."""
    slots = turn.slots
    if not slots.dest or slots.dest == target:
        return _missing(turn, f"Where should {with_article(target)} go?")
    if slots.dest == "user":
        place, where = {"near": turn.context.npc}, "over here"
    elif slots.relation == "on":
        place, where = {"on": slots.dest}, f"on {_name_of(turn, slots.dest)}"
    else:
        place, where = {"near": slots.dest}, f"next to {_name_of(turn, slots.dest)}"
    return Answer(
        f"{done} {with_article(target).capitalize()} is {where} now.",
        (Action.make("move_prop", target=target, **place),),
        evidence=[f"move {target} {place}"],
        focus=target,
    )


def _recolour(turn: SkillInput, target: str, done: str) -> Answer:
    """Walls, floor and ceiling take a colour too, but are never the focus for a later "it"."""
    colour = turn.slots.colour
    if not colour or named_colour(colour) is None:
        return Answer(
            "What colour would you like? I know red, blue, green, yellow, white and more.",
            emotion="confused",
            evidence=["no colour"],
        )
    subject = f"the {target}" if target in SURFACES else with_article(target)
    verb = "are" if target == "walls" else "is"
    return Answer(
        f"{done} {subject.capitalize()} {verb} {colour} now.",
        (Action.make("recolour", target=target, colour=colour),),
        evidence=[f"recolour {target} {colour}"],
        focus=target if target not in SURFACES else "",
    )


def _resize(turn: SkillInput, target: str, done: str) -> Answer:
    """Without a number, "grow"/"shrink" words pick a factor; with neither, the NPC asks rather than guess."""
    factor = turn.slots.factor or (
        1.5 if re.search(r"\b(grow|enlarge|scale up|up)\b", turn.text.lower()) else 0.0
    )
    if re.search(r"\bshrink\b", turn.text.lower()):
        factor = 0.67
    if not factor:
        return Answer("Bigger or smaller?", emotion="confused", evidence=["no size"])
    word = "bigger" if factor > 1 else "smaller"
    return Answer(
        f"{done} {with_article(target).capitalize()} is {word} now.",
        (Action.make("resize", target=target, factor=factor),),
        evidence=[f"resize {target} x{factor:g}"],
        focus=target,
    )


SKILLS: dict[str, Callable[[SkillInput], Answer]] = {
    "where_is": where_is,
    "what_on": what_on,
    "what_colour": what_colour,
    "room_contents": room_contents,
    "what_looking_at": what_looking_at,
    **{name: body for name in BODY_ACTIONS},
    **{name: edit for name in EDIT_ACTIONS},
}
