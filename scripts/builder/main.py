"""The builder mod: "add a lamp by the sofa", "make it blue", "save the room as my-room".

"it" is the last thing you added or named. Saved rooms are scene files in the mod's
data folder; "load the room my-room" brings the furniture back (the NPCs stay), and
``voxroom run --scene <that file>`` opens it as a scene.
"""

from game.modding import api

mod = api.this_mod()
THINGS = list(mod.prop_types)
last = {"thing": ""}  # what "it" means


def add(npc: str, utterance: str, slots: dict) -> str:
    thing = slots["thing"]
    where = slots.get("place", "")
    if where and mod.where(where) is None:
        return f"I don't see a {where} here."
    if " on " in f" {utterance.lower()} " and where:
        name = mod.spawn(thing, on=where)
    elif where:
        name = mod.spawn(thing, near=where)
    else:
        name = mod.spawn(thing, near=npc)
    last["thing"] = name
    mod.gesture(npc, "nod")
    return f"There you go, a {thing}" + (f" by the {where}." if where else ".")


def paint(npc: str, utterance: str, slots: dict) -> str:
    target = slots.get("thing") or last["thing"]
    if not target:
        return "Make what blue? Add something first, or name it."
    if mod.where(target) is None and target not in ("walls", "floor", "ceiling") and target != last["thing"]:
        return f"I don't see a {target} here."
    mod.recolour(target, slots["colour"])
    last["thing"] = target
    return f"Done, the {target} is {slots['colour']} now."


def remove(npc: str, utterance: str, slots: dict) -> str:
    if not last["thing"]:
        return "Remove what?"
    mod.remove(last["thing"])
    gone, last["thing"] = last["thing"], ""
    return f"The {gone} is gone."


def save(npc: str, utterance: str, slots: dict) -> str:
    try:
        path = mod.save_scene(slots["name"])
    except ValueError:
        return "That name won't do. Use letters and numbers."
    mod.data.setdefault("saved", [])
    if path.stem not in mod.data["saved"]:
        mod.data["saved"].append(path.stem)
    return f"Saved the room as {path.stem}."


def load(npc: str, utterance: str, slots: dict) -> str:
    try:
        mod.load_scene(slots["name"])
    except ValueError:
        return "That name won't do."
    return f"Loading {slots['name']}."


colours = {"colour": list(mod.colours)}
mod.intent(
    "add",
    [
        "add a {thing} by the {place}",
        "add a {thing} next to the {place}",
        "add a {thing} near the {place}",
        "add a {thing} on the {place}",
        "put a {thing} by the {place}",
        "put a {thing} on the {place}",
        "add a {thing}",
    ],
    add,
    slots={"thing": THINGS, "place": THINGS},
)
mod.intent(
    "paint",
    ["make it {colour}", "paint it {colour}", "make the {thing} {colour}", "paint the {thing} {colour}"],
    paint,
    slots={**colours, "thing": [*THINGS, "walls", "floor", "ceiling"]},
)
mod.intent("remove", ["remove it", "take it away", "undo that"], remove)
mod.intent("save", ["save the room as {name}", "save this room as {name}", "save it as {name}"], save)
mod.intent("load", ["load the room {name}", "load room {name}", "load {name}"], load)


@mod.on_unload
def keep() -> dict:
    return dict(last)


@mod.on_reload
def restore(old: dict) -> None:
    last.update(old or {})
