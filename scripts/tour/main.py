"""The tour guide: "Bo, give me a tour" — Bo walks to three things and talks about each.

It shows the events of mod API 2 working together, with no guessed durations:
``on_arrived`` says the walk is over (talk now), ``on_speech_done`` says the talk is over
(point, then walk on), ``mod.after`` waits for a user who went quiet, ``on_line`` notices
that they spoke, ``mod.stop`` ends it, and ``mod.data`` counts tours across restarts.
"""

from game.modding import api

mod = api.this_mod()
STOPS = (
    ("sofa", "This is the sofa. Everyone ends up here sooner or later."),
    ("lamp", "This lamp is the warmest light in the room."),
    ("window", "And the window: the best view in the lounge. That's the tour!"),
)
QUIET_S = 20.0
tour = {"guide": "", "stop": -1, "phase": "", "waiting": None}  # phase: walking or talking


def start(npc: str) -> str:
    if tour["guide"]:
        return f"{tour['guide']} is already showing you around."
    tour["guide"], tour["stop"], tour["phase"] = npc, 0, "walking"
    mod.data["tours"] = mod.data.get("tours", 0) + 1
    mod.save_data()
    mod.log("tour", mod.data["tours"], "started by", npc)
    mod.walk(npc, STOPS[0][0])
    _wait_for_user()
    return f"Follow me! Tour number {mod.data['tours']}."


def stop(npc: str = "") -> str:
    guide = tour["guide"]
    if not guide:
        return "There's no tour going on."
    mod.stop(guide)
    _end()
    return "All right, the tour is over."


def _end() -> None:
    if tour["waiting"] is not None:
        tour["waiting"].cancel()
    tour["guide"], tour["stop"], tour["phase"], tour["waiting"] = "", -1, "", None


def _wait_for_user() -> None:
    if tour["waiting"] is not None:
        tour["waiting"].cancel()
    tour["waiting"] = mod.after(QUIET_S, _still_there)


def _still_there() -> None:
    tour["waiting"] = None
    if tour["guide"]:
        mod.say(tour["guide"], "Still with me? Say 'stop the tour' if you've seen enough.")


@mod.on_arrived
def arrived(npc: str, target: str) -> None:
    if npc != tour["guide"] or tour["phase"] != "walking" or target != STOPS[tour["stop"]][0]:
        return
    tour["phase"] = "talking"
    mod.gesture(npc, "point", at=target)
    mod.say(npc, STOPS[tour["stop"]][1])


@mod.on_speech_done
def talked(npc: str) -> None:
    if npc != tour["guide"] or tour["phase"] != "talking":
        return  # the "follow me" line, or a line before the guide got there
    tour["stop"] += 1
    if tour["stop"] >= len(STOPS):
        _end()
        return
    tour["phase"] = "walking"
    mod.walk(npc, STOPS[tour["stop"]][0])


@mod.on_line
def heard_something(speaker: str, text: str, source: str) -> None:
    if speaker == "user" and tour["guide"]:
        _wait_for_user()


@mod.on_key("f9")
def toggle(key: str) -> None:
    if tour["guide"]:
        stop()
    else:
        npcs = mod.npcs()
        if npcs:
            mod.say(npcs[0].name, start(npcs[0].name))


mod.intent("start", ["give me a tour", "show me around", "a tour please"], lambda npc, u, s: start(npc))
mod.intent("stop", ["stop the tour", "that's enough", "end the tour"], lambda npc, u, s: stop(npc))


@mod.on_unload
def keep() -> dict:
    return dict(tour, waiting=None)


@mod.on_reload
def restore(state: dict | None) -> None:
    if state:
        tour.update(state)
