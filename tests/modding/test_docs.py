"""docs/modding.md is tested: every example runs as a mod, every API function has one, and the
complete mod on the page, written to disk from the page alone, loads and works."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from game.mind.protocols import Action, Reply
from game.modding import api

from .conftest import Harness, write_mod
from .room import Room

DOC = Path(__file__).resolve().parents[2] / "docs" / "modding.md"
BLOCK = re.compile(r"```(\w+)([^\n]*)\n(.*?)```", re.S)
HEADER = "from game.modding import api\nmod = api.this_mod()\n"


def blocks(tag: str = "") -> list[tuple[str, str, str]]:
    text = DOC.read_text(encoding="utf-8")
    return [(lang, extra.strip(), body) for lang, extra, body in BLOCK.findall(text) if tag in extra]


def examples() -> list[str]:
    return [body for lang, extra, body in blocks() if lang == "python" and not extra]


def test_every_api_function_has_a_documented_example() -> None:
    text = DOC.read_text(encoding="utf-8")
    public = [n for n in dir(api.Mod) if not n.startswith("_")]
    missing = [
        n for n in public if f"mod.{n}" not in text or not re.search(rf"mod\.{n}\b", "".join(examples()))
    ]
    assert missing == [], f"document (with an example) {missing}"
    assert "api.this_mod" in text and "Install only mods you trust" in text


@pytest.mark.parametrize("index", range(len(examples())))
def test_doc_example_runs(index: int, tmp_path: Path) -> None:
    body = examples()[index]
    h = Harness(tmp_path / "mods", tmp_path / "data")
    write_mod(tmp_path / "mods", "docs", HEADER + body)
    h.load()
    assert h.state("docs") == "loaded", h.host.status()
    for _ in range(90):
        h.step(1 / 30)
    for utterance in re.findall(r"# say: (.+)", body):
        reply = h.host.heard("Ada", utterance)
        assert reply is not None, f"the example should answer {utterance!r}"
        h.host.reply("Ada", reply)
        for action in reply.actions:
            h.host.action("Ada", action)
    h.host.heard("Ada", "hello")
    h.host.reply("Bo", Reply(text="Hello."))
    h.host.action("Ada", Action.make("wave"))
    for name in [a for mod in [e.mod for e in h.host.lifecycle.entries.values()] if mod for a in mod.actions]:
        h.host.action("Ada", Action(name))
    for key in ("f6", "f7", "f8"):
        h.host.key(key)
    table = h.world.find_prop("table")
    assert table is not None
    for pos in ((table.position[0], 1.6, table.position[2]), (0.0, 1.6, 3.0)):
        h.host.user_moved(pos)
    h.step()
    h.host.shutdown()
    assert h.state("docs") == "loaded"
    assert h.messages("error") == [] and h.messages("warning") == []


def test_the_complete_mod_from_the_page(tmp_path: Path) -> None:
    parts = {lang: body for lang, _, body in blocks("docs-mod")}
    folder = tmp_path / "mods" / "lighthouse"
    folder.mkdir(parents=True)
    (folder / "mod.toml").write_text(parts["toml"])
    (folder / "main.py").write_text(textwrap.dedent(parts["python"]))
    room = Room(tmp_path, ["lighthouse"], search=[tmp_path / "mods"])
    lit = room.hear("light the lighthouse", npc="Cleo")
    assert lit.reply.text == "The lighthouse is lit!"
    room.step(0.1)
    window = room.world.find_prop("window")
    assert window is not None
    assert any(p.type == "lamp" and p.name == "lamp 2" for p in room.world.props)
    beacon = next(lt for lt in room.world.scene.lights if lt.name == "beacon")
    assert beacon.intensity == 3.0
    assert room.hear("how many times", npc="Ada").reply.text == "You lit it 1 times."
    room.host.user_moved((window.position[0], 1.6, window.position[2] + 1.0))
    room.step(0.1)
    assert ("Ada", "What a view of the sea.") in room.said
    room.host.key("f9")
    room.step(0.1)
    assert next(lt for lt in room.world.scene.lights if lt.name == "beacon").intensity == 0.0
    room.host.shutdown()
    again = Room(tmp_path, ["lighthouse"], search=[tmp_path / "mods"])
    assert again.hear("how many times", npc="Ada").reply.text == "You lit it 1 times.", "data persists"
    assert room.errors() == [] and again.errors() == []
