"""In the running conversation, an edit said to the wrong NPC is handed over in the open and done."""

from __future__ import annotations

from game.events import ActionDone, Event, NpcLine, TextInput
from tests.support.live import drive, make_runtime, of


def test_bo_hands_the_walls_to_ada_and_they_change() -> None:
    rt = make_runtime()
    rt.start()
    log: list[Event] = []
    before = rt.world.scene.room.walls.colour
    try:
        rt.bus.put(TextInput(text="Bo, make the walls green"))
        assert drive(rt, lambda: any(a.action == "recolour" for a in of(log, ActionDone)), 20.0, log)
        speakers = [line.npc for line in of(log, NpcLine)]
        assert speakers[:2] == ["Bo", "Ada"]
        assert rt.world.scene.room.walls.colour != before
        ada = next(t for t in rt.conversation.turns if t.reason == "handed over")
        assert 0 <= ada.stages_ms()["brain"] < 20_000, "timed from when Bo handed it over"
    finally:
        rt.stop()
