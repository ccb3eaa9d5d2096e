"""The phrases of the room: what pocketsphinx's room language model and Vosk's phrase list learn.

Templates use ``<npc>``, ``<prop>``, ``<colour>`` and ``<furniture>`` slots and
``[optional]`` words; the scene fills the slots, and the mind and the mods add their
own sentences through ``extra_phrases``. Nothing here restricts what can be heard: the
language model (:mod:`game.hearing.domain_lm`) stays open to everyday English.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from game.sim.colours import NAMED
from game.sim.scene import FURNITURE, Scene

TEMPLATES: tuple[str, ...] = (
    # greetings and small talk
    "hello",
    "hi",
    "hey",
    "good morning",
    "good evening",
    "goodbye",
    "bye",
    "thank you",
    "thanks",
    "yes",
    "no",
    "okay",
    "stop",
    "never mind",
    "sorry",
    "hello <npc>",
    "hi <npc>",
    "hey <npc>",
    "goodbye <npc>",
    "thank you <npc>",
    "what is your name",
    "who are you",
    "how are you",
    "what can you do",
    "tell me a joke",
    "tell me about yourself",
    "what are you doing",
    "nice to meet you",
    # moving and looking
    "walk to the <prop>",
    "go to the <prop>",
    "come here",
    "follow me",
    "look at me",
    "look at the <prop>",
    "sit down",
    "stand up",
    "wait here",
    "turn around",
    # questions about the room
    "what is on the <prop>",
    "where is the <prop>",
    "where is <npc>",
    "who is <npc>",
    "what is in the room",
    "what colour is the <prop>",
    # editing the room
    "make the walls <colour>",
    "make the floor <colour>",
    "make the <prop> <colour>",
    "paint the walls <colour>",
    "add a <furniture>",
    "remove the <prop>",
    "move the <prop>",
    "turn on the lamp",
    "turn off the lamp",
    "turn on the lights",
    "turn off the lights",
    "pick up the <prop>",
    "put the <prop> on the <prop>",
)
"""Phrase templates; slots expand to the scene's names (see :func:`vocabulary_for`)."""
GESTURES: tuple[str, ...] = (
    "walk over to the <prop>",
    "point at the <prop>",
    "take a seat",
    "nod",
    "wave",
    "shake your head",
)
"""Gestures and everyday moves, templates so that they get the request wrappers ("Bo, can you nod?").

As the mind's sentences they had a name in front only, and "Cleo, walk over to the shelf" came back
"cleo what colour is the shelf" from most voices, every word sure. With these templates, on the
same decodes (docs/hearing.md): development half handled right 81.0 → 83.0 %, test half 67.8 →
69.2 %, unasked changes unchanged on both. The streaming veto's model leaves them out
(:func:`game.hearing.open_words.open_words_or_none`)."""
TEMPLATES += GESTURES

_SLOT = re.compile(r"<(\w+)>")
_WORD = re.compile(r"[^\w' ]+|[\d_]+")


def normalise(text: str) -> str:
    """Lower-case letters (any script), apostrophes and single spaces: how engines spell words."""
    return " ".join(_WORD.sub(" ", text.lower().replace("-", " ")).split())


@dataclass(frozen=True)
class Vocabulary:
    """Slot fillers plus templates: the sentences the room expects to hear."""

    slots: dict[str, tuple[str, ...]]
    templates: tuple[str, ...] = TEMPLATES
    extra_phrases: tuple[str, ...] = ()
    dropped: tuple[str, ...] = field(default=())

    def phrases(self) -> list[str]:
        """Every sentence, slots expanded (for Vosk's phrase-list grammar)."""
        out: dict[str, None] = {}
        for template in (*self.templates, *self.extra_phrases):
            for phrase in _expand(template, self.slots):
                out[phrase] = None
        return list(out)

    def by_template(self) -> list[tuple[str, ...]]:
        """The expansions of each template and extra phrase, one tuple per template.

        The language model counts each template as one sentence shared among its fillings,
        so "make the <prop> <colour>" (171 fillings) does not drown "start the quiz".
        """
        return [tuple(_expand(t, self.slots)) for t in (*self.templates, *self.extra_phrases)]

    def words(self) -> set[str]:
        """Every distinct word the grammar can produce."""
        return {w for p in self.phrases() for w in p.split()}

    def without(self, templates: tuple[str, ...]) -> Vocabulary:
        """The same vocabulary less these templates."""
        return replace(self, templates=tuple(t for t in self.templates if t not in templates))

    def restricted(self, known: Callable[[str], bool]) -> Vocabulary:
        """Drop fillers and phrases with words the engine cannot say; remember them."""
        dropped: list[str] = []
        slots: dict[str, tuple[str, ...]] = {}
        for name, fillers in self.slots.items():
            keep = tuple(f for f in fillers if all(known(w) for w in f.split()))
            dropped += [f for f in fillers if f not in keep]
            slots[name] = keep

        def ok(template: str) -> bool:
            plain = _SLOT.sub("", template.replace("[", " ").replace("]", " "))
            return all(known(w) for w in plain.split()) and all(slots.get(s) for s in _SLOT.findall(template))

        templates = tuple(t for t in self.templates if ok(t))
        extra = tuple(t for t in self.extra_phrases if ok(t))
        dropped += [t for t in (*self.templates, *self.extra_phrases) if t not in templates + extra]
        return Vocabulary(slots, templates, extra, tuple(dropped))

    def jsgf(self, name: str = "voxroom") -> str:
        """Return the grammar as JSGF; a name may lead any phrase."""
        lines = ["#JSGF V1.0;", f"grammar {name};"]
        templates = (*self.templates, *self.extra_phrases)
        named = [_jsgf_body(t) for t in templates if "<npc>" in t]
        plain = [_jsgf_body(t) for t in templates if "<npc>" not in t]
        has_npc = bool(self.slots.get("npc"))
        if has_npc:
            lines.append(
                # "<named> [<phrase>]": a greeting with a name may lead a question, as in
                # "hello Ada, what is your name". No optional name at the end: the decoder
                # added one nobody said, and that phantom name chose who answered.
                "public <utterance> = [<npc>] <phrase> [please] | <named> [<phrase>] [please];"
                if named
                else "public <utterance> = [<npc>] <phrase> [please];"
            )
        else:
            lines.append("public <utterance> = <phrase> [please];")
        lines.append("<phrase> = " + " | ".join(f"( {b} )" for b in plain) + ";")
        if has_npc and named:
            lines.append("<named> = " + " | ".join(f"( {b} )" for b in named) + ";")
        for slot, fillers in sorted(self.slots.items()):
            if fillers:
                lines.append(f"<{slot}> = " + " | ".join(fillers) + ";")
        return "\n".join(lines) + "\n"


def _jsgf_body(template: str) -> str:
    return " ".join(
        normalise(part) if not part.startswith(("<", "[", "]")) else part
        for part in re.split(r"(<\w+>|\[|\])", template)
        if part.strip()
    )


def _expand(template: str, slots: dict[str, tuple[str, ...]]) -> Iterable[str]:
    parts = re.split(r"(<\w+>|\[[^\]]*\])", template)
    choices: list[Sequence[str]] = []
    for part in parts:
        if not part.strip():
            continue
        if part.startswith("<"):
            choices.append(slots.get(part[1:-1], ()))
        elif part.startswith("["):
            choices.append(("", normalise(part[1:-1])))
        else:
            choices.append((normalise(part),))
    for combo in itertools.product(*choices):
        phrase = " ".join(c for c in combo if c)
        if phrase:
            yield phrase


def vocabulary_for(scene: Scene | None, extra_phrases: Iterable[str] = ()) -> Vocabulary:
    """Slots filled from the scene's NPC and prop names, colour names and furniture types."""
    npcs = tuple(dict.fromkeys(normalise(n.name) for n in scene.npcs)) if scene else ()
    props = tuple(dict.fromkeys(normalise(p.name) for p in scene.props)) if scene else ()
    slots = {
        "npc": tuple(n for n in npcs if n),
        "prop": tuple(p for p in props if p) or ("table",),
        "colour": tuple(sorted(NAMED)),
        "furniture": tuple(normalise(f) for f in FURNITURE),
    }
    extra = tuple(p for p in (normalise(e) if "<" not in e else e for e in extra_phrases) if p)
    return Vocabulary(slots, TEMPLATES, extra)
