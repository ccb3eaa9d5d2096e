"""``voxroom new-mod``: write a small mod that works as it is and shows the main parts of the API."""

from __future__ import annotations

import shlex
from pathlib import Path

from game.errors import UserError
from game.modding.api import API_VERSION
from game.modding.loader import NAME

MOD_TOML = """\
# {name}: made with `voxroom new-mod`. See docs/modding.md for every API function.
name = "{name}"
version = "0.1.0"
description = "A new Voxroom mod."
api_version = {api}
entry = "main.py"
scenes = []
personas = []
depends = []
"""

MAIN = '''\
"""{name}: say "hello {words}" to any NPC; press F6 to make everyone wave."""

from game.modding import api

mod = api.this_mod()


@mod.on_load
def start():
    mod.notify("{name} is loaded")


def greet(npc, utterance, slots):
    mod.gesture(npc, "wave")
    mod.data["greetings"] = mod.data.get("greetings", 0) + 1
    return f"Hello from the {name} mod! That's greeting number {{mod.data['greetings']}}."


mod.intent("hello", ["hello {words}", "hi {words}"], greet)


@mod.on_key("f6")
def everyone_waves(key):
    for npc in mod.npcs():
        mod.gesture(npc.name, "wave")
'''

TEST = '''\
"""Tests for {name}, headless: `python -m pytest {tests}` (see "Testing a mod" in docs/modding.md)."""

from pathlib import Path

from game.modding.testing import ModRoom

MODS = Path(__file__).resolve().parents[2]  # the folder that holds this mod


def test_hello_is_answered_by_the_mod(tmp_path):
    with ModRoom(["{name}"], mods_dirs=[MODS], data_dir=tmp_path) as room:
        assert room.state("{name}") == "loaded"
        first = room.type("hello {words}", npc="Ada")
        assert first.reply.text == "Hello from the {name} mod! That's greeting number 1."
        assert room.world.animator.get("Ada").gesture == "wave"


def test_f6_makes_everyone_wave_and_nothing_goes_wrong(tmp_path):
    with ModRoom(["{name}"], mods_dirs=[MODS], data_dir=tmp_path) as room:
        room.key("f6")
        room.advance(0.1)  # simulated seconds: nothing waits
        assert all(room.world.animator.get(npc.name).gesture == "wave" for npc in room.world.scene.npcs)
        assert room.errors() == []
'''

README = """\
# {name}

A Voxroom mod. Run it with `{command}` (or add it to the `mods` list in the config
file) and edit `main.py` while the app runs: changes apply within a second. Test it
without a window: `python -m pytest {tests}`. List mods and their state with
`voxroom mods`. The API is in docs/modding.md.
"""


def run_command(name: str, folder: Path) -> str:
    """The ``voxroom run`` line for a mod made in ``folder`` (``--mods-dir`` unless it is searched anyway)."""
    here = folder.expanduser().resolve()
    if here in (user_mods_dir().resolve(), SCRIPTS_DIR):
        return f"voxroom run --mods {name}"
    return f"voxroom run --mods {name} --mods-dir {shlex.quote(str(here))}"


def new_mod(name: str, folder: Path) -> Path:
    """Create ``folder/name`` with mod.toml, main.py, a README and a pytest test; overwrite nothing."""
    if not NAME.match(name):
        raise UserError(
            f"{name!r} is not a mod name: use lower-case letters, digits, '-' or '_', starting with a letter"
        )
    target = folder / name
    if target.exists():
        raise UserError(f"{target} already exists; pick another name or --dir")
    words = name.replace("-", " ").replace("_", " ")
    tests = shlex.quote(str(target.expanduser().resolve() / "tests"))
    try:
        target.mkdir(parents=True)
        (target / "mod.toml").write_text(MOD_TOML.format(name=name, api=API_VERSION), encoding="utf-8")
        (target / "main.py").write_text(MAIN.format(name=name, words=words), encoding="utf-8")
        readme = README.format(name=name, command=run_command(name, folder), tests=tests)
        (target / "README.md").write_text(readme, encoding="utf-8")
        (target / "tests").mkdir()
        test = TEST.format(name=name, words=words, tests=tests)
        (target / "tests" / f"test_{name.replace('-', '_')}.py").write_text(test, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot create {target}: {exc}") from None
    return target


def user_mods_dir() -> Path:
    """The user's own mods folder (next to memories, under the Voxroom data folder)."""
    from game.mind.paths import data_dir

    return data_dir() / "mods"


SCRIPTS_DIR = Path(__file__).resolve().parents[2] / "scripts"
