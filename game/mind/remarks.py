"""How a persona feels about a thing, and its one-line remark on a room edit.

Shared by the scene planner (:mod:`game.mind.scenes`) and the conversation's initiative:
a character's taste is read from its persona (likes, dislikes, a favourite-colour fact), its
voice from its own short lines (``ok``, ``aside``), and what an edit changed from the world
diff (:func:`game.sim.room_diff.diff`), so a remark names what really changed.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from game.mind.grounding import PropInfo, without_number
from game.mind.persona import Persona
from game.sim.colours import colour_name
from game.sim.room_diff import diff
from game.sim.scene import Prop, Scene

_STOP = frozenset({"a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "my", "your", "for", "with"})


@dataclass(frozen=True)
class Edit:
    """What one room edit changed, as words an NPC can say: ``kind`` and the thing it changed."""

    kind: str  # surface | added | removed | moved | recoloured | resized
    thing: str  # the prop's name, or walls / floor / ceiling
    colour: str = ""
    bigger: bool = True


def words_of(text: str) -> set[str]:
    """The content words of ``text``, singular ("tidy shelves" → tidy, shelf), for matching tastes."""
    out = set()
    for w in re.findall(r"[a-z]+", text.lower()):
        if w in _STOP:
            continue
        out.add(w[:-3] + "f" if w.endswith("ves") else w[:-1] if w.endswith("s") and len(w) > 3 else w)
    return out


def the_thing(prop: PropInfo) -> str:
    """``the blue sofa``; a name that already says its colour (``red box``) is left alone."""
    name = prop.name
    if not prop.colour or prop.colour.split()[-1] in name.lower():
        return f"the {name}"
    return f"the {prop.colour} {name}"


def favourite_colour(p: Persona) -> str:
    """The persona's favourite colour from a fact whose key says colour ("" when none)."""
    fact = next((f for f in p.facts if "colour" in f.key or "color" in f.key), None)
    return fact.value.lower() if fact is not None else ""


def taste(p: Persona, words: set[str]) -> tuple[str, str]:
    """``("like", what)``, ``("dislike", what)`` or ``("", "")``: how ``p`` feels about these words."""
    for like in p.likes:
        if words_of(like) & words:
            return "like", like
    fav = favourite_colour(p)
    if fav and fav in words:
        return "like", fav
    for dislike in p.dislikes:
        if words_of(dislike) & words:
            return "dislike", dislike
    return "", ""


def own_line(p: Persona, kind: str, rng: random.Random) -> str:
    """One of the persona's own short lines of ``kind`` (a trailing colon makes it no reaction)."""
    lines = [line for line in p.lines.get(kind, ()) if not line.endswith(":")]
    return rng.choice(lines) if lines else ""


def aside(p: Persona, rng: random.Random) -> str:
    """Now and then one of the persona's own short asides ("Right, mate. ", "Mm. "), for its voice."""
    asides = [a for a in p.lines.get("aside", ()) if a[-1] in ".!" and len(a.split()) <= 3]
    return f"{rng.choice(asides)} " if asides and rng.random() < 0.4 else ""


def fact_value(p: Persona, key: str) -> str:
    """A fact's value by key ("" when the persona has no such fact)."""
    fact = p.fact(key)
    return fact.value if fact is not None else ""


# --- comments on a room edit ---------------------------------------------------------------
def describe_edit(before: Scene, after: Scene) -> Edit | None:
    """The most visible thing an edit changed (a surface first), from the world diff; None: nothing."""
    entries = diff(before, after)
    old = {p.name: p for p in before.props}
    for entry in entries:
        if entry["op"] == "surface":
            return Edit("surface", str(entry["surface"]), colour_name(tuple(entry["colour"])))
    for entry in entries:
        if entry["op"] == "drop":
            return Edit("removed", str(entry["name"]))
        new = next(p for p in after.props if p.name == entry["name"])
        was: Prop | None = old.get(new.name)
        colour = colour_name(new.colour)
        if was is None:  # "A new lamp?", not "A new lamp 2?"
            return Edit("added", without_number(new.name), colour)
        if was.colour != new.colour:
            return Edit("recoloured", new.name, colour)
        if was.scale != new.scale:
            return Edit("resized", new.name, colour, bigger=new.scale[1] > was.scale[1])
        return Edit("moved", new.name, colour)
    return None


def edit_comment(commenter: Persona, editor: str, edit: Edit, rng: random.Random) -> str:
    """What ``commenter`` says about ``edit`` made by ``editor`` ("" = the user, unnamed), in character."""
    to = f", {editor}" if editor else ""
    colour = edit.colour.capitalize()
    feel, what = taste(commenter, words_of(f"{edit.thing} {edit.colour}"))
    if edit.kind in ("surface", "recoloured"):
        subject = edit.thing if edit.kind == "surface" else f"{edit.colour} {edit.thing}"
        head = f"{colour} {edit.thing}?" if edit.kind == "surface" else f"A {subject}?"
        if feel == "like":
            return f"{head} Oh{to}, you know I love {what}."
        if feel == "dislike":
            return f"{head} Bold{to}. Not sure about it myself."
        return f"{head} {editor}, you've outdone yourself." if editor else f"{head} You've outdone yourself."
    if edit.kind == "added":
        if feel == "like":
            return f"A {edit.colour} {edit.thing}! Oh, I love {what}{to}."
        return f"A new {edit.thing}? Where did that come from{to}?"
    if edit.kind == "removed":
        return f"The {edit.thing} is gone? {own_line(commenter, 'ok', rng) or 'Well.'} I'll miss it."
    if edit.kind == "resized":
        size = "bigger" if edit.bigger else "smaller"
        return f"Is the {edit.thing} {size} now{to}? It suits it."
    return f"The {edit.thing} has moved{to}. I like it there."
