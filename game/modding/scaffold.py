"""``voxroom new-mod``: write a small mod that works as it is and shows the main parts of the API."""

from __future__ import annotations

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

README = """\
# {name}

A Voxroom mod. Enable it with `voxroom run --mods {name}` (or the `mods` list in the
config file) and edit `main.py` while the app runs: changes apply within a second.
List mods and their state with `voxroom mods`. The API is in docs/modding.md.
"""


def new_mod(name: str, folder: Path) -> Path:
    """Create ``folder/name`` with mod.toml, main.py and a README; refuse to overwrite anything."""
    if not NAME.match(name):
        raise UserError(
            f"{name!r} is not a mod name: use lower-case letters, digits, '-' or '_', starting with a letter"
        )
    target = folder / name
    if target.exists():
        raise UserError(f"{target} already exists; pick another name or --dir")
    words = name.replace("-", " ").replace("_", " ")
    try:
        target.mkdir(parents=True)
        (target / "mod.toml").write_text(MOD_TOML.format(name=name, api=API_VERSION), encoding="utf-8")
        (target / "main.py").write_text(MAIN.format(name=name, words=words), encoding="utf-8")
        (target / "README.md").write_text(README.format(name=name), encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot create {target}: {exc}") from None
    return target


def user_mods_dir() -> Path:
    """The user's own mods folder (next to memories, under the Voxroom data folder)."""
    from game.mind.paths import data_dir

    return data_dir() / "mods"


SCRIPTS_DIR = Path(__file__).resolve().parents[2] / "scripts"
