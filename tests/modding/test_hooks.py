"""Every hook and every world edit of the mod API, through a real ModHost on the default room."""

from __future__ import annotations

from pathlib import Path

from game.mind.protocols import Action, Reply

from .conftest import Harness, write_mod

HEADER = "from game.modding import api\nmod = api.this_mod()\n"


def test_on_load_queues_edits_that_apply_runs_on_the_main_thread(harness: Harness) -> None:
    write_mod(
        harness.root,
        "m",
        HEADER
        + """
@mod.on_load
def start():
    mod.spawn("cup", on="table", colour="blue")
    mod.say("Ada", "hi")
""",
    )
    harness.host.load(harness.world)
    assert harness.world.find_prop("cup") is None, "edits wait for apply()"
    harness.host.apply(harness.world, harness.say)
    cup = harness.world.find_prop("cup")
    assert cup is not None and cup in harness.world.props_on("table")
    assert harness.said == [("Ada", "hi")]
    assert harness.state("m") == "loaded"


def test_tick_every_key_and_zones(harness: Harness) -> None:
    write_mod(
        harness.root,
        "m",
        HEADER
        + """
log = []
mod.zone("door", at=(0.0, 0.0, 2.0), radius=1.0)
mod.zone("sofa", around="sofa", radius=1.5)

@mod.on_tick
def tick(dt):
    log.append(("tick", round(dt, 3)))

@mod.every(0.5)
def half():
    log.append("every")

@mod.on_key("f6")
def key(k):
    log.append(("key", k))

@mod.on_enter("door")
def enter():
    log.append("enter door")

@mod.on_leave("door")
def leave():
    log.append("leave door")

@mod.on_enter("sofa")
def sofa():
    log.append("enter sofa")
""",
    )
    harness.load()
    for _ in range(60):
        harness.step(1 / 60)
    harness.host.key("F6")
    harness.host.key("f7")
    harness.host.user_moved((0.0, 1.6, 2.2))
    harness.host.user_moved((0.0, 1.6, 2.5))
    harness.host.user_moved((0.0, 1.6, 5.0))
    sofa = harness.world.find_prop("sofa")
    assert sofa is not None
    harness.host.user_moved((sofa.position[0] + 0.5, 1.6, sofa.position[2]))
    import sys

    log = sys.modules["voxroom_mods.m.main"].log
    assert log.count("every") == 2
    assert sum(1 for x in log if isinstance(x, tuple) and x[0] == "tick") == 60
    assert ("key", "f6") in log and ("key", "f7") not in log
    assert [x for x in log if isinstance(x, str) and "door" in x] == ["enter door", "leave door"]
    assert "enter sofa" in log


def test_heard_reply_and_actions(harness: Harness) -> None:
    write_mod(
        harness.root,
        "m",
        HEADER
        + """
from game.mind.protocols import Reply
seen = []

@mod.on_heard
def heard(npc, text):
    if "secret" in text:
        return Reply(text="You found it!", actions=(mod.make_action("dance", style="fast"),), emotion="happy")
    return None

@mod.on_reply
def reply(npc, r):
    return r.text + " Arr." if npc == "Bo" else None

@mod.on_action
def saw(npc, action):
    seen.append((npc, action.name))

def dance(npc, action):
    mod.gesture(npc, "wave")
    mod.emotion(npc, "happy")

mod.action("dance", dance)
""",
    )
    harness.load()
    answer = harness.host.heard("Ada", "tell me the secret")
    assert answer is not None and answer.text == "You found it!"
    assert answer.actions[0].name == "m:dance"
    assert harness.host.heard("Ada", "hello") is None
    assert harness.host.reply("Bo", Reply(text="Hello.")).text == "Hello. Arr."
    assert harness.host.reply("Ada", Reply(text="Hello.")).text == "Hello."
    assert harness.host.action("Ada", answer.actions[0]) is True
    assert harness.host.action("Ada", Action.make("wave")) is False
    harness.step()
    state = harness.world.animator.get("Ada")
    assert state.gesture == "wave" and state.emotion == "happy"
    import sys

    assert sys.modules["voxroom_mods.m.main"].seen == [("Ada", "m:dance"), ("Ada", "wave")]


def test_intents_are_namespaced_matched_and_exposed_for_the_grammar(harness: Harness) -> None:
    write_mod(
        harness.root,
        "shop",
        HEADER
        + """
def buy(npc, text, slots):
    return f"{npc} sells you a {slots['thing']}"

mod.intent("buy", ["i want to buy a {thing}", "sell me a {thing}"], buy,
           slots={"thing": ["hat", "red scarf"]})
mod.intent("named", ["call me {name}"], lambda npc, text, slots: "Hello " + slots["name"])
""",
    )
    harness.load()
    assert [i.name for i in harness.host.intents()] == ["shop:buy", "shop:named"]
    reply = harness.host.heard("Bo", "Bo, sell me a red scarf please")
    assert reply is not None and reply.text == "Bo sells you a red scarf" and reply.intent == "shop:buy"
    fuzzy = harness.host.heard("Bo", "could I buy a hat")
    assert fuzzy is not None and "hat" in fuzzy.text and fuzzy.score < 1.0
    assert harness.host.heard("Bo", "call me captain nemo").text == "Hello captain nemo"
    assert harness.host.heard("Bo", "what a nice hat") is None
    assert "sell me a red scarf" in harness.host.phrases()
    assert not any("call me" in p for p in harness.host.phrases()), "open slots cannot go in a grammar"


def test_world_edits_props_npcs_lights(harness: Harness) -> None:
    write_mod(
        harness.root,
        "m",
        HEADER
        + """
made = []

@mod.on_key("1")
def build(k):
    name = mod.spawn("lamp", near="sofa")
    made.append(name)
    mod.recolour(name, "blue")
    mod.resize(name, 2)
    mod.spawn("box", name="crate", at=(1.0, 0.0, 1.0))
    mod.move("crate", near="table")
    mod.spawn_npc("Zed", at=(1.0, 0.0, 0.5))
    mod.walk("Zed", "table")
    mod.look_at("Ada", "Zed")
    mod.light("glow", colour="orange", intensity=2.0, at=(0.0, 2.0, 0.0))
    mod.recolour("walls", "green")

@mod.on_key("2")
def clear(k):
    mod.remove("crate")
    mod.remove_npc("Zed")
    mod.remove_light("glow")

@mod.on_key("3")
def bad(k):
    mod.remove("unicorn")
    mod.gesture("Ada", "moonwalk")
""",
    )
    harness.load()
    harness.host.key("1")
    harness.step()
    w = harness.world
    import sys

    made = sys.modules["voxroom_mods.m.main"].made
    assert made == ["lamp 2"], "the default room already has a lamp; spawn picks a free name"
    lamp = w.find_prop("lamp 2")
    assert lamp is not None and lamp.colour[2] > lamp.colour[0] and lamp.scale[1] > 1.5
    assert w.find_prop("crate") is not None
    assert w.npc("Zed") is not None and w.animator.get("Zed").walk_target is not None
    assert any(lt.name == "glow" and lt.intensity == 2.0 for lt in w.scene.lights)
    assert w.scene.room.walls.colour[1] > w.scene.room.walls.colour[0]
    harness.host.key("2")
    harness.step()
    assert w.find_prop("crate") is None and w.npc("Zed") is None
    assert len(w.animator.avatars) == len(w.scene.npcs)
    assert not any(lt.name == "glow" for lt in w.scene.lights)
    harness.host.key("3")
    harness.step()
    warnings = harness.messages("warning")
    assert any("m: could not remove 'unicorn'" in m for m in warnings)
    assert any("moonwalk" in m for m in warnings)
    assert harness.state("m") == "loaded", "an impossible edit is reported, not a failure"


def test_reads_are_snapshots(harness: Harness) -> None:
    write_mod(
        harness.root,
        "m",
        HEADER
        + """
out = {}

@mod.on_load
def look():
    out["table"] = mod.find("table")
    out["on"] = [p.name for p in mod.props_on("table")]
    out["npcs"] = [n.name for n in mod.npcs()]
    out["ada"] = mod.where("Ada")
    out["lamps"] = len(mod.props("lamp"))
    out["user"] = mod.user_position()
    out["ns"] = mod.ns("thing")
""",
    )
    harness.load()
    import sys

    out = sys.modules["voxroom_mods.m.main"].out
    assert out["table"].type == "table" and out["on"] == ["red box"]
    assert out["npcs"] == ["Ada", "Bo", "Cleo"] and out["ada"] is not None
    assert out["user"] == harness.world.scene.spawn.position and out["ns"] == "m:thing"


def test_persistent_data_survives_a_restart(tmp_path: Path) -> None:
    code = (
        HEADER
        + """
@mod.on_load
def count():
    mod.data["runs"] = mod.data.get("runs", 0) + 1
"""
    )
    write_mod(tmp_path / "mods", "m", code)
    for expected in (1, 2):
        h = Harness(tmp_path / "mods", tmp_path / "data")
        h.load()
        h.host.shutdown()
        import json

        assert json.loads((tmp_path / "data" / "m" / "data.json").read_text())["runs"] == expected
