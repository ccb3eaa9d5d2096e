"""The café mod: spoken orders become cups on the counter.

Say "a latte please" (or "can I have a tea", "what's on the menu") to the barista.
The order is confirmed at once; a moment later the cup appears on the counter and the
barista says so. Orders served are counted in the mod's saved data.
"""

from game.modding import api

mod = api.this_mod()

DRINKS = {
    "coffee": "brown",
    "latte": "cream",
    "tea": "white",
    "espresso": "black",
    "cappuccino": "beige",
    "mocha": "brown",
    "hot chocolate": "brown",
}
BREW_SECONDS = 1.5
pending: list[dict] = []  # orders being made: {"npc", "drink", "left"}


def barista() -> str:
    """The NPC behind the counter: the café's Mia, or whoever stands nearest to the counter."""
    names = [n.name for n in mod.npcs()]
    if "Mia" in names:
        return "Mia"
    counter = mod.where("counter")
    if counter is None or not names:
        return names[0] if names else ""

    def dist(name: str) -> float:
        p = mod.where(name) or (0.0, 0.0, 0.0)
        return (p[0] - counter[0]) ** 2 + (p[2] - counter[2]) ** 2

    return min(names, key=dist)


def order(npc: str, utterance: str, slots: dict) -> str:
    drink = slots["drink"]
    if mod.find("counter") is None:
        return "I'd love to, but there's no counter here to serve from."
    server = barista()
    pending.append({"npc": server, "drink": drink, "left": BREW_SECONDS})
    mod.gesture(server, "nod")
    mod.emotion(server, "happy")
    return f"One {drink}, coming right up!"


def menu(npc: str, utterance: str, slots: dict) -> str:
    names = list(DRINKS)
    return f"We have {', '.join(names[:-1])} and {names[-1]}."


mod.intent(
    "order",
    [
        "a {drink} please",
        "one {drink} please",
        "can i have a {drink}",
        "can i get a {drink}",
        "could i have a {drink}",
        "i would like a {drink}",
        "i'd like a {drink}",
        "i'll have a {drink}",
        "{drink} please",
    ],
    order,
    slots={"drink": list(DRINKS)},
)
mod.intent(
    "menu", ["what's on the menu", "what is on the menu", "what do you have", "what drinks do you have"], menu
)
mod.zone("counter", around="counter", radius=1.8)


@mod.on_enter("counter")
def welcome() -> None:
    mod.say(barista(), "Hi! What can I get you?")


@mod.on_tick
def brew(dt: float) -> None:
    for item in list(pending):
        item["left"] -= dt
        if item["left"] > 0:
            continue
        pending.remove(item)
        mod.spawn("cup", on="counter", colour=DRINKS.get(item["drink"], "white"))
        mod.gesture(item["npc"], "point")
        mod.say(item["npc"], f"Here's your {item['drink']}!")
        mod.data["served"] = mod.data.get("served", 0) + 1


@mod.on_unload
def keep_orders() -> list:
    return pending


@mod.on_reload
def restore(old: list) -> None:
    pending.extend(old or [])
