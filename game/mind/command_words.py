"""A command said back as the NPC would repeat it ("go to the lamp"), to ask before doing it.

An unsure or risky command is confirmed first ("Do you want me to paint the sofa red? Say yes or
no."); these are the words for that question, from the intent and its slots.
"""

from __future__ import annotations

from game.mind import room_skills
from game.mind.intents import IntentResult
from game.mind.skill_io import SkillInput
from game.mind.slots import extract

_COMMAND_WORDS = {
    "walk_to": "go to {x}",
    "look_at": "look at {x}",
    "point_at": "point at {x}",
    "follow": "follow you",
    "stop_following": "stay here",
    "sit": "sit down",
    "stand": "stand up",
    "wave": "wave",
    "nod": "nod",
    "shake_head": "shake my head",
    "emote": "do that",
    "add_prop": "add {new}",
    "remove_prop": "remove {x}",
    "move_prop": "move {x}",
    "recolour": "paint {x} {colour}",
    "resize": "resize {x}",
    "lights": "change the lights",
    "undo": "undo the last change",
}


def describe_command(turn: SkillInput) -> str:
    """Return the command as the NPC would repeat it back ("go to the lamp")."""
    slots = turn.slots
    thing = slots.target or slots.dest
    if not thing and turn.intent.intent == "walk_to" and room_skills.comes_to_user(turn.text):
        return "come over to you"  # as the walk itself reads "come here"
    x = "you" if thing == "user" else (f"the {thing}" if thing and not thing[:1].isupper() else thing or "it")
    new = f"a {slots.new_type}" if slots.new_type else "something"
    if turn.intent.intent == "sit" and thing and turn.snap.prop(thing) is not None:
        return f"sit on {x}"  # "sit down" would not be what a yes then does
    return _COMMAND_WORDS[turn.intent.intent].format(x=x, new=new, colour=slots.colour).strip()


def describe_pending(turn: SkillInput) -> str:
    """The command still waiting for a yes, as the NPC would repeat it back."""
    focus = turn.context.focus
    pending = str(focus.get("pending_intent", ""))
    text = str(focus.get("pending_text", ""))
    slots = extract(text, turn.snap, focus, turn.context.npc)
    result = IntentResult(pending, 1.0, "", 0.0, "", "pending")
    return describe_command(SkillInput(text, turn.vector, slots, result, turn.context, turn.rng))
