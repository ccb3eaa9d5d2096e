"""Who plays each NPC: the persona lookup shared by a scene's NPCs and those mods spawn.

One place decides where a persona comes from, so a mod scene and a spawned NPC get the
same rules. A name like ``cafe:mia`` is a persona a loaded mod provides (mods spawn
their NPCs with such names); a bare name like ``ada`` is looked up in each folder in
turn — a mod scene's own personas first, then the game's ``assets/personas`` — so a mod
scene that reuses Ada, Bo or Cleo need not copy their files. A persona that cannot be
found or read never takes the NPC away: it gets a generic persona and the error says why.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from game.mind.persona import (
    PERSONAS_DIR,
    Persona,
    PersonaError,
    generic_persona,
    load_persona,
)

Provided = Callable[[], Mapping[str, Persona]]
"""The personas loaded mods provide, by ``mod:name`` (``ModHost.personas``)."""


def _none() -> Mapping[str, Persona]:
    return {}


class Casting:
    """Find an NPC's persona: a mod's ``mod:name`` first, then each folder in order."""

    def __init__(self, folders: Sequence[Path] = (PERSONAS_DIR,), provided: Provided = _none) -> None:
        self.folders = list(dict.fromkeys(Path(f) for f in folders))
        self.provided = provided

    @classmethod
    def for_scene(cls, personas_dir: Path | None, provided: Provided = _none) -> Casting:
        """A mod scene's own personas folder (when it has one), then the game's."""
        return cls([personas_dir, PERSONAS_DIR] if personas_dir is not None else [PERSONAS_DIR], provided)

    def find(self, persona: str, npc: str) -> tuple[Persona, PersonaError | None]:
        """The persona named ``persona`` renamed to ``npc``, or a generic one plus the error to report."""
        if ":" in persona:
            found = self.provided().get(persona)
            if found is not None:
                return _named(found, npc), None
            persona = persona.split(":", 1)[1]  # not a mod's: perhaps one of the game's (``ada``)
        error: PersonaError | None = None
        for folder in self.folders:
            if not (folder / f"{persona}.toml").is_file() and folder != self.folders[-1]:
                continue
            try:
                return _named(load_persona(persona, folder), npc), None
            except PersonaError as exc:
                error = exc
                break
        if error is None:  # no folders at all
            error = PersonaError(persona, "", "no such persona", "give a personas folder")
        where = self.folders[-1] if self.folders else PERSONAS_DIR
        return generic_persona(npc, source=str(where / f"{persona}.toml")), error


def _named(persona: Persona, npc: str) -> Persona:
    """The scene (or the mod) decides the NPC's name; the persona file supplies the character."""
    return persona if persona.name.lower() == npc.lower() else replace(persona, name=npc)
