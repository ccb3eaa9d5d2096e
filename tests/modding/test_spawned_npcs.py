"""NPCs a mod spawns are full citizens: the mod's persona, memory, addressable, removable without traces.

Driven through the real conversation path (``build_runtime`` with a mod host, as
``voxroom run`` wires it), with the docs' own ``spawn_npc("Dot", …)`` example.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from game.events import Event, NpcReplied, TextInput
from game.mind.memory import MemoryStore
from game.mind.protocols import MindContext, Reply
from game.mind.session import MindSession
from game.modding.host import ModHost
from game.sim.scene import NpcSlot, load_scene
from tests.support.live import drive, make_runtime, of
from tests.support.waiting import WatchedBus

from .conftest import write_mod
from .test_docs import HEADER, examples

DOT = """\
[persona]
name = "Dot"
role = "lighthouse keeper"
backstory = "I keep the light."
[lines]
greet = ["Dot here, keeper of the light."]
farewell = ["Mind the rocks."]
unknown = ["The sea knows, not me."]
[voice]
voice = "en-gb+f4"
rate = 133
[appearance]
height = 1.42
"""


class PersonaBrain:
    """Answers with the NPC's persona (its greet line and role) and remembers the turn."""

    name = "persona"

    def __init__(self, gate: threading.Event | None = None) -> None:
        self.gate = gate

    def reply(self, utterance: str, context: MindContext) -> Reply:
        if self.gate is not None:
            self.gate.wait(10)
        persona = context.persona
        text = f"{persona.lines['greet'][0]} ({persona.role})"
        if context.memory is not None:
            context.memory.add_turn(utterance, text, "greet")
        return Reply(text=text, intent="greet", brain=self.name)


def docs_spawn_example() -> str:
    found = [body for body in examples() if 'spawn_npc("Dot"' in body]
    assert len(found) == 1, "docs/modding.md shows spawn_npc with Dot"
    return HEADER + found[0] + "\n@mod.on_load\ndef _go():\n    pass\n"


def dot_mod(root: Path, persona: bool = True) -> None:
    toml = 'name = "docs"\nversion = "1.0"\napi_version = 1\n'
    files = {}
    if persona:
        toml += 'personas = ["personas/dot.toml"]\n'
        files["personas/dot.toml"] = DOT
    write_mod(root, "docs", docs_spawn_example(), toml=toml, files=files)


def setup(tmp_path: Path, brain: object, persona: bool = True) -> tuple[object, ModHost, list[Event]]:
    dot_mod(tmp_path / "mods", persona)
    bus = WatchedBus()
    host = ModHost(bus, [tmp_path / "mods"], data_dir=tmp_path / "data")
    rt = make_runtime(bus=bus, brain=brain, mods=host, memory_dir=tmp_path / "memory")
    host.load(rt.world)
    host.apply(rt.world, lambda npc, text: None)  # the example's spawn_npc runs here
    rt.start()
    return rt, host, []


def replies(log: list[Event], npc: str) -> list[NpcReplied]:
    return [e for e in of(log, NpcReplied) if e.npc == npc]


def test_the_docs_dot_is_addressable_by_name_uses_the_mods_persona_and_remembers(tmp_path: Path) -> None:
    rt, host, log = setup(tmp_path, PersonaBrain())
    try:
        assert rt.world.npc("Dot") is not None
        rt.bus.put(TextInput(text="Dot, hello there"))
        assert drive(rt, lambda: bool(replies(log, "Dot")), 10, log), [type(e).__name__ for e in log]
        assert replies(log, "Dot")[0].reply.text == "Dot here, keeper of the light. (lighthouse keeper)"
        assert rt.conversation.voicing.voices["Dot"].rate == 133, "the persona's voice"
        assert rt.world.appearance("Dot").height == 1.42, "the persona's look"
        assert rt.world.animator.get("Dot").proportions.height == 1.42
        assert rt.session.memories["Dot"].turns[-1]["user"] == "Dot, hello there"
        assert not [e for e in log if getattr(e, "level", "") in ("error", "warning")]
    finally:
        rt.stop()
        host.shutdown()
    again = MemoryStore(tmp_path / "memory").start_session("Dot")
    assert again.turns and again.turns[-1]["user"] == "Dot, hello there", "Dot's memory was saved"


def test_removing_dot_leaves_no_stale_state_even_mid_reply(tmp_path: Path) -> None:
    gate = threading.Event()
    rt, host, log = setup(tmp_path, PersonaBrain(gate))
    try:
        rt.bus.put(TextInput(text="Dot, hello there"))
        assert drive(rt, lambda: rt.conversation.view.listening_to == "Dot", 5, log)
        host.key("f7")  # the docs example: remove_npc("Dot")
        host.apply(rt.world, lambda npc, text: None)
        gate.set()  # the brain's answer for Dot arrives after Dot left
        assert drive(rt, lambda: rt.brain.busy is None and rt.bus.empty() and rt.conversation.idle, 5, log)
        for _ in range(3):
            drive(rt, lambda: False, 0.05, log)
        assert rt.world.npc("Dot") is None
        assert "Dot" not in rt.session.personas and "Dot" not in rt.session.memories
        assert "Dot" not in rt.session.focus and "Dot" not in rt.conversation.voicing.voices
        assert rt.conversation.view.listening_to is None
        assert rt.conversation.turns[-1].reply_text == "", "Dot's late answer was dropped, not applied"
        later: list[Event] = []
        rt.bus.put(TextInput(text="Dot, are you still there?"))
        assert drive(rt, lambda: bool(of(later, NpcReplied)), 5, later), "someone else answers"
        assert all(e.npc != "Dot" for e in of(later, NpcReplied))
    finally:
        gate.set()
        rt.stop()
        host.shutdown()


def test_a_spawned_npc_without_its_persona_is_generic_and_says_why(tmp_path: Path) -> None:
    rt, host, log = setup(tmp_path, PersonaBrain(), persona=False)
    try:
        rt.bus.put(TextInput(text="Dot, hello there"))
        assert drive(rt, lambda: bool(replies(log, "Dot")), 10, log)
        assert rt.session.personas["Dot"].id == "generic"
        notices = [e.message for e in log if getattr(e, "level", "") == "warning"]
        assert any("dot" in m and "generic persona" in m for m in notices), notices
    finally:
        rt.stop()
        host.shutdown()


def test_a_spawned_npc_may_name_one_of_the_games_personas(tmp_path: Path) -> None:
    write_mod(tmp_path / "mods", "m", HEADER + 'mod.spawn_npc("Bobby", persona="bo", at=(1.0, 0.0, 1.0))\n')
    host = ModHost(WatchedBus(), [tmp_path / "mods"], data_dir=tmp_path / "data")
    session = MindSession(load_scene("default"), PersonaBrain(), MemoryStore(tmp_path / "memory"))
    host.load(session.world)
    host.apply(session.world, lambda npc, text: None)
    exchange = session.say("Bobby, hi", npc="Bobby")
    assert exchange is not None and exchange.reply.text.endswith("(retired ship's cook)")
    assert session.personas["Bobby"].name == "Bobby"
    host.shutdown()


def test_a_mod_scene_finds_the_games_personas_after_its_own(tmp_path: Path) -> None:
    own = tmp_path / "personas"
    own.mkdir()
    (own / "dot.toml").write_text(DOT)
    base = load_scene("default")
    slots = (NpcSlot("Ada", "ada", (0.0, 0.0, 0.0)), NpcSlot("Dot", "dot", (1.0, 0.0, 0.0)))
    session = MindSession(replace(base, npcs=slots), PersonaBrain(), MemoryStore(tmp_path / "m"),
                          personas_dir=own)  # fmt: skip
    assert session.problems == []
    assert session.personas["Ada"].id == "ada" and session.personas["Dot"].role == "lighthouse keeper"


def test_a_spawned_name_is_added_to_the_recognisers_grammar(tmp_path: Path) -> None:
    write_mod(tmp_path / "mods", "m", HEADER + '@mod.on_key("f7")\ndef s(k):\n    mod.spawn_npc("Dot")\n')
    bus = WatchedBus()
    host = ModHost(bus, [tmp_path / "mods"], data_dir=tmp_path / "data")
    rt = make_runtime(bus=bus, brain=PersonaBrain(), mods=host, memory_dir=tmp_path / "memory")
    built: list[tuple[str, ...]] = []

    class Pipeline:
        mode, busy = "vad", None

        def start(self) -> None: ...

        def stop(self, timeout: float) -> None: ...

    def factory(choice: object, scene: object) -> object:
        built.append(tuple(n.name for n in scene.npcs))  # type: ignore[attr-defined]
        return Pipeline()

    rt.hearing, rt.hearing_factory = Pipeline(), factory
    host.load(rt.world)
    log: list[Event] = []
    try:
        drive(rt, lambda: True, 1, log)
        assert built == []
        host.key("f7")
        host.apply(rt.world, lambda npc, text: None)
        assert drive(rt, lambda: bool(built), 5, log), "the recogniser is rebuilt"
        assert "Dot" in built[0]
    finally:
        rt.hearing = None
        rt.stop()
        host.shutdown()
