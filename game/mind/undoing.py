"""Taking back the latest room edit ("undo that", "put it back"), said as what it undoes.

The world keeps the edits the NPCs made for the user (:meth:`~game.sim.world.World.undo`), and the
snapshot the mind sees names the newest (``last_change``: "added lamp 2", "recoloured walls
green"). The reply says which edit goes back ("The lamp 2 is gone again."), and with nothing to
take back the NPC says so and does nothing: a misheard "undo" must not promise a change.
"""

from __future__ import annotations

from game.mind.actions import SURFACE_NAMES
from game.mind.grounding import join_names, with_article
from game.mind.protocols import Action
from game.mind.skill_io import Answer, SkillInput

_UNDONE = {
    "added": "{x} is gone again.",
    "removed": "{x} is back.",
    "moved": "{x} is back where it was.",
    "recoloured": "{x} has its old colour back.",
    "resized": "{x} is its old size again.",
}
"""How the NPC says an edit was taken back, by what the edit did (:attr:`WorldSnapshot.last_change`)."""


def undo(turn: SkillInput, done: str) -> Answer:
    """Take back the latest edit made for the user and say which after ``done``; or say there is none."""
    change = turn.snap.last_change
    if not change:
        nothing = "There's nothing to undo: I haven't changed anything in the room."
        return Answer(nothing, evidence=["nothing to undo"])
    action, evidence = (Action.make("undo"),), [f"undo: {change}"]
    verb, _, rest = change.partition(" ")
    if rest == "the lights":  # "brightened the lights", "dimmed the lights"
        return Answer(f"{done} The lights are back as they were.", action, evidence=evidence)
    surface = rest.split(" ")[0]
    if verb == "recoloured" and surface in SURFACE_NAMES:
        their = "have their" if surface.endswith("s") else "has its"
        return Answer(f"{done} The {surface} {their} old colour back.", action, evidence=evidence)
    if verb == "added" and " and " in rest:  # "added plant 2 and plant 3": one request, several props
        names = join_names([with_article(name) for name in rest.split(" and ")])
        return Answer(f"{done} {names[:1].upper()}{names[1:]} are gone again.", action, evidence=evidence)
    said = _UNDONE.get(verb, "")
    if not said:
        return Answer(f"{done} I've undone it.", action, evidence=evidence)
    name = with_article(_prop_in(turn, rest)).capitalize()
    return Answer(f"{done} {said.format(x=name)}", action, evidence=evidence)


def _prop_in(turn: SkillInput, words: str) -> str:
    """The prop an edit named ("recoloured lamp 2 red" names "lamp 2")."""
    names = sorted((p.name for p in turn.snap.props), key=len, reverse=True)
    return next((n for n in names if words == n or words.startswith(f"{n} ")), words)
