"""What people say to the characters, handed to the recognizer so it expects those words.

The hearing side builds its language model from the scene and from these sentences: every
intent example the mind classifies with, and for each persona its name, its fact
questions ("where did you grow up") and the things it likes. The recognizer cannot import
the mind (they are separate layers), so the conversation passes these along.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.mind.intents import EXAMPLES
from game.mind.persona import Persona, load_persona_or_generic
from game.sim.scene import Scene


def sentences_for_hearing(personas: Iterable[Persona]) -> list[str]:
    """Intent examples, then each persona's name, fact questions, likes and dislikes, in order."""
    out: dict[str, None] = dict.fromkeys(line for lines in EXAMPLES.values() for line in lines)
    for persona in personas:
        out[persona.name] = None
        for fact in persona.facts:
            out.update(dict.fromkeys(fact.ask))
        for thing in (*persona.likes, *persona.dislikes):
            out[f"do you like {thing}"] = None
    return list(out)


def sentences_for_scene(scene: Scene) -> list[str]:
    """:func:`sentences_for_hearing` for the scene's NPCs' personas (generic where one is broken)."""
    return sentences_for_hearing(load_persona_or_generic(slot.persona, slot.name)[0] for slot in scene.npcs)
