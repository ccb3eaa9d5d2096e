"""The shipped example mods, driven through the real conversation path (MindSession + ModHost)."""

from __future__ import annotations

from pathlib import Path

from game.sim.scene import load_scene

from .room import Room


def test_cafe_barista_takes_an_order_and_serves_it_on_the_counter(tmp_path: Path) -> None:
    room = Room(tmp_path, ["cafe"], scene="cafe:cafe")
    assert [n.name for n in room.world.scene.npcs] == ["Mia"]
    assert room.session.personas["Mia"].role == "barista"
    room.host.user_moved((0.0, 1.6, -0.6))  # walk up to the counter
    room.step(0.1)
    assert room.said == [("Mia", "Hi! What can I get you?")]
    exchange = room.hear("Can I have a latte, please?")
    assert exchange.npc == "Mia" and exchange.reply.text == "One latte, coming right up!"
    assert exchange.reply.intent == "cafe:order"
    assert room.world.props_on("counter") == [], "it takes a moment to make"
    room.step(2.0)
    cups = [p for p in room.world.props_on("counter") if p.type == "cup"]
    assert len(cups) == 1
    assert room.said[-1] == ("Mia", "Here's your latte!")
    assert room.world.animator.get("Mia").emotion == "happy"
    room.hear("one tea please")
    room.step(2.0)
    assert len([p for p in room.world.props_on("counter") if p.type == "cup"]) == 2
    menu = room.hear("what's on the menu?")
    assert "latte" in menu.reply.text and "hot chocolate" in menu.reply.text
    other = room.hear("how is the weather")
    assert other.reply.brain == "fake", "what the café does not know goes to the brain"
    room.host.shutdown()
    assert '"served": 2' in (tmp_path / "mod-data" / "cafe" / "data.json").read_text()
    assert room.errors() == []


def test_builder_edits_saves_and_loads_the_room(tmp_path: Path) -> None:
    room = Room(tmp_path, ["builder"])
    before = {p.name for p in room.world.props}
    added = room.hear("add a lamp by the sofa", npc="Ada")
    assert added.reply.text == "There you go, a lamp by the sofa."
    room.step(0.1)
    (lamp,) = [p for p in room.world.props if p.name not in before]
    assert lamp.type == "lamp"
    sofa = room.world.find_prop("sofa")
    assert sofa is not None
    assert abs(lamp.position[0] - sofa.position[0]) + abs(lamp.position[2] - sofa.position[2]) < 2.5
    painted = room.hear("make it blue", npc="Ada")
    assert painted.reply.text == f"Done, the {lamp.name} is blue now."
    room.step(0.1)
    blue = room.world.find_prop(lamp.name)
    assert blue is not None and blue.colour[2] > 0.5 > blue.colour[0]
    saved = room.hear("save the room as my-room", npc="Ada")
    assert saved.reply.text == "Saved the room as my-room."
    room.step(0.1)
    path = tmp_path / "mod-data" / "builder" / "scenes" / "my-room.toml"
    scene = load_scene(path)  # a valid scene file the app can open with --scene
    saved_lamp = scene.prop(lamp.name)
    assert saved_lamp is not None
    assert all(abs(a - b) < 0.01 for a, b in zip(saved_lamp.colour, blue.colour, strict=True))
    # change the room, then load the saved one back
    room.hear("remove it", npc="Ada")
    room.hear("make the table red", npc="Ada")
    room.step(0.1)
    assert room.world.find_prop(lamp.name) is None
    loaded = room.hear("load the room my-room", npc="Ada")
    assert loaded.reply.text == "Loading my room."
    room.step(0.1)
    assert room.world.find_prop(lamp.name) is not None
    table = room.world.find_prop("table")
    assert table is not None and table.colour[0] < 0.6, "the table is brown again, not red"
    assert [n.name for n in room.world.scene.npcs] == ["Ada", "Bo", "Cleo"]
    assert room.errors() == []


def test_quiz_host_asks_listens_and_keeps_score(tmp_path: Path) -> None:
    room = Room(tmp_path, ["quiz"])
    first = room.hear("Bo, start the quiz")
    assert first.npc == "Bo"
    assert first.reply.text == "Let's play! Question 1 of 5: What is the capital of France?"
    assert room.hear("paris", npc="Bo").reply.text.startswith("Correct! Question 2 of 5")
    assert room.hear("I think it has three", npc="Bo").reply.text.startswith("Not quite, it was four.")
    assert room.hear("what is my score", npc="Bo").reply.text == "You have 1 out of 2 so far."
    assert room.hear("repeat the question", npc="Bo").reply.text.endswith("clear day?")
    room.hear("blue", npc="Bo")
    room.hear("seven", npc="Bo")
    last = room.hear("the earth of course", npc="Bo")
    assert last.reply.text == "Correct! That's the end! You scored 4 out of 5."
    assert last.reply.emotion == "happy"
    assert room.hear("paris", npc="Bo").reply.brain == "fake", "after the quiz, answers go to the brain again"
    assert room.hear("what is my score", npc="Bo").reply.text == "No quiz right now. Your best score is 4."
    assert room.errors() == []


def test_example_mods_load_together_in_the_default_room(tmp_path: Path) -> None:
    room = Room(tmp_path, ["cafe", "builder", "quiz", "tour"])
    assert sorted((s.name, s.state) for s in room.host.status()) == [
        ("builder", "loaded"),
        ("cafe", "loaded"),
        ("quiz", "loaded"),
        ("tour", "loaded"),
    ]
    reply = room.hear("a latte please", npc="Bo")
    room.step(2.0)
    assert reply.reply.intent == "cafe:order"
    assert room.world.props_on("counter") == [], "the default room has no counter"
    assert room.errors() == []
