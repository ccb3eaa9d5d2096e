"""Hot reload by editing files on disk: new code runs, state carries over, a broken edit keeps the old."""

from __future__ import annotations

import time
from pathlib import Path

from game.events import ModAssetChanged

from .conftest import Harness, touch_write, write_mod

V1 = """
from game.modding import api
mod = api.this_mod()
count = 0

@mod.on_load
def start():
    mod.data["loads"] = mod.data.get("loads", 0) + 1

@mod.on_heard
def heard(npc, text):
    global count
    count += 1
    return f"v1 heard {count}"

@mod.on_unload
def bye():
    return {"count": count}
"""

V2 = """
from game.modding import api
mod = api.this_mod()
count = 0

@mod.on_heard
def heard(npc, text):
    global count
    count += 1
    return f"v2 heard {count} (loads {mod.data['loads']})"

@mod.on_reload
def again(state):
    global count
    count = state["count"]
"""


def test_editing_the_script_swaps_code_and_carries_state(harness: Harness) -> None:
    folder = write_mod(harness.root, "live", V1)
    harness.load()
    assert harness.host.heard("Ada", "x").text == "v1 heard 1"
    assert harness.host.heard("Ada", "x").text == "v1 heard 2"
    touch_write(folder / "main.py", V2)
    start = time.monotonic()
    harness.reload()
    assert time.monotonic() - start < 1.0, "a change applies within a second"
    assert harness.host.heard("Ada", "x").text == "v2 heard 3 (loads 1)"
    assert "live: reloaded" in harness.messages("info")


def test_a_syntax_error_keeps_the_previous_version_running(harness: Harness) -> None:
    folder = write_mod(harness.root, "live", V1)
    harness.load()
    touch_write(folder / "main.py", V2.replace("def again(state):", "def again(state)"))
    harness.reload()
    (error,) = harness.messages("error")
    assert "syntax error" in error and "main.py:13" in error and "still running the previous version" in error
    assert harness.host.heard("Ada", "x").text == "v1 heard 1"
    assert harness.state("live") == "loaded"
    touch_write(folder / "main.py", V2)
    harness.reload()
    assert harness.host.heard("Ada", "x").text == "v2 heard 2 (loads 1)"


def test_editing_a_helper_module_reloads_it(harness: Harness) -> None:
    folder = write_mod(
        harness.root,
        "multi",
        "from game.modding import api\nfrom .words import WORD\nmod = api.this_mod()\n"
        "@mod.on_heard\ndef h(npc, text):\n    return WORD\n",
        files={"words.py": "WORD = 'one'\n"},
    )
    harness.load()
    assert harness.host.heard("Ada", "x").text == "one"
    touch_write(folder / "words.py", "WORD = 'two'\n")
    harness.reload()
    assert harness.host.heard("Ada", "x").text == "two"


def test_a_disabled_mod_comes_back_when_fixed(harness: Harness) -> None:
    folder = write_mod(
        harness.root,
        "flaky",
        "from game.modding import api\nmod = api.this_mod()\n@mod.on_tick\ndef t(dt):\n    1/0\n",
    )
    harness.load()
    for _ in range(3):
        harness.step()
    assert harness.state("flaky") == "disabled"
    touch_write(
        folder / "main.py",
        "from game.modding import api\nmod = api.this_mod()\n@mod.on_tick\ndef t(dt):\n    pass\n",
    )
    harness.reload()
    assert harness.state("flaky") == "loaded"
    harness.step()
    assert harness.state("flaky") == "loaded"


def test_a_broken_mod_toml_keeps_the_running_version(harness: Harness) -> None:
    folder = write_mod(harness.root, "live", V1)
    harness.load()
    touch_write(folder / "mod.toml", 'name = "live"\napi_version = [\n')
    harness.reload()
    assert any("not valid TOML" in m and "still running" in m for m in harness.messages("error"))
    assert harness.host.heard("Ada", "x").text == "v1 heard 1"


SCENE = """
[scene]
name = "Tiny"
[room]
size = [4.0, 3.0, 4.0]
[[props]]
name = "counter"
type = "counter"
position = [0.0, 0.0, -1.0]
"""


def test_scene_and_persona_edits_are_validated_and_last_good_kept(harness: Harness) -> None:
    persona = Path(__file__).resolve().parents[2] / "assets" / "personas" / "bo.toml"
    folder = write_mod(
        harness.root,
        "place",
        "",
        toml='name = "place"\napi_version = 1\nscenes = ["tiny.toml"]\npersonas = ["bo.toml"]\n',
        files={"tiny.toml": SCENE, "bo.toml": persona.read_text()},
    )
    harness.load()
    assert harness.host.scene("place:tiny").props[0].name == "counter"
    assert harness.host.scene("tiny") is harness.host.scene("place:tiny")
    assert harness.host.personas()["place:bo"].name == "Bo"
    harness.bus.drain()
    touch_write(folder / "tiny.toml", SCENE.replace('"counter"\ntype', '"bar"\ntype'))
    harness.host.poll_reload(harness.world)
    changed = [e for e in harness.bus.drain() if isinstance(e, ModAssetChanged)]
    assert [(e.asset, e.name) for e in changed] == [("scene", "place:tiny")]
    assert harness.host.scene("place:tiny").props[0].name == "bar"
    touch_write(folder / "tiny.toml", SCENE.replace("[4.0, 3.0, 4.0]", "[4.0, 3.0]"))
    harness.reload()
    (error,) = harness.messages("error")
    assert "tiny.toml" in error and "room.size" in error and "keeping the last good version" in error
    assert harness.host.scene("place:tiny").props[0].name == "bar"
    touch_write(folder / "bo.toml", persona.read_text() + 'model = "../../../etc/x.glb"\n')
    harness.reload()
    assert any("appearance.model" in m and "outside the mod folder" in m for m in harness.messages("error"))
