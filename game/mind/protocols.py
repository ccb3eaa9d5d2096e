r"""The contract between the mind and the rest of the app: ``Brain.reply`` → :class:`Reply`.

Every brain (the embedding brain that is always there, the optional generative one, the
fake used in orchestration tests) answers one utterance at a time with a frozen
:class:`Reply`: the words to say, the :class:`Action`\\s the simulation should carry out,
and enough provenance (intent, score, evidence) for the F3 debug view to show *why*.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from game.mind.grounding import WorldSnapshot
    from game.mind.memory import NpcMemory
    from game.mind.persona import Persona

#: Body actions an NPC performs itself.
BODY_ACTIONS = (
    "walk_to",
    "look_at",
    "point_at",
    "follow",
    "stop_following",
    "sit",
    "stand",
    "wave",
    "nod",
    "shake_head",
    "emote",
)
#: Body actions that leave nothing behind (a glance, a gesture): an answer that only talks and
#: does these changes nothing that would have to be undone.
MOMENTARY_ACTIONS = frozenset({"look_at", "point_at", "wave", "nod", "shake_head", "emote"})
#: Actions that edit the room; the simulation applies them with :func:`game.mind.actions.apply_action`
#: (``undo`` takes back the latest of the others).
EDIT_ACTIONS = ("add_prop", "remove_prop", "move_prop", "recolour", "resize", "lights", "undo")
ACTION_NAMES = BODY_ACTIONS + EDIT_ACTIONS

ArgValue = str | float | tuple[float, float, float]

#: Which layer of a brain answered a line, in the order the default brain tries them
#: (docs/mind.md, "Open talk"): confused (empty, unclear or nonsense input), command, room,
#: skill, memory, persona_fact, topic, corpus, generative, fallback; "" when a brain does not say.
LAYERS = (
    "confused",
    "command",
    "room",
    "skill",
    "memory",
    "persona_fact",
    "topic",
    "corpus",
    "generative",
    "fallback",
    "error",
)


def _is_custom(name: str) -> bool:
    mod, _, thing = name.partition(":")
    return bool(mod) and bool(thing) and ":" not in thing


@dataclass(frozen=True)
class Action:
    """One thing for the simulation to do, e.g. ``walk_to(target="lamp")``.

    ``args`` is a sorted tuple of pairs rather than a dict so that actions stay hashable
    and can be compared in tests; :meth:`arg` and :meth:`as_dict` read it.
    """

    name: str
    args: tuple[tuple[str, ArgValue], ...] = ()

    def __post_init__(self) -> None:
        # ``mod:thing`` names are custom actions registered by mods (game.modding.api).
        if self.name not in ACTION_NAMES and not _is_custom(self.name):
            raise ValueError(
                f"unknown action {self.name!r}; known: {', '.join(ACTION_NAMES)} or a mod's 'mod:action'"
            )

    @classmethod
    def make(cls, action_name: str, /, **args: ArgValue) -> Action:
        """Build an action from keyword arguments (the usual way to make one)."""
        return cls(action_name, tuple(sorted(args.items())))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Action:
        """The inverse of :meth:`as_dict` (lists back to tuples); ``ValueError`` for an unknown name."""
        args = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k != "name"}
        return cls.make(str(data.get("name", "")), **args)

    def arg(self, key: str, default: Any = None) -> Any:
        """One argument's value, or ``default``."""
        return next((v for k, v in self.args if k == key), default)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form: ``{"name": ..., **args}``."""
        out: dict[str, Any] = {"name": self.name}
        for k, v in self.args:
            out[k] = list(v) if isinstance(v, tuple) else v
        return out

    @property
    def is_edit(self) -> bool:
        """True for room edits, which only the simulation may apply."""
        return self.name in EDIT_ACTIONS


@dataclass(frozen=True)
class Reply:
    """What one NPC says and does in answer to one utterance, plus why (for F3)."""

    text: str
    actions: tuple[Action, ...] = ()
    emotion: str = "neutral"
    intent: str = "unknown"
    score: float = 0.0
    brain: str = "unknown"
    evidence: tuple[str, ...] = ()
    latency_ms: float = 0.0
    slots: tuple[tuple[str, str], ...] = ()
    layer: str = ""
    """Which layer answered (one of :data:`LAYERS`); ``evidence`` says why."""

    def to_json(self, npc: str = "") -> dict[str, Any]:
        """Return the JSON line ``voxroom chat`` prints."""
        return {
            "npc": npc,
            "text": self.text,
            "intent": self.intent,
            "score": round(self.score, 3),
            "actions": [a.as_dict() for a in self.actions],
            "emotion": self.emotion,
            "brain": self.brain,
            "layer": self.layer,
            "latency_ms": round(self.latency_ms, 2),
            "slots": dict(self.slots),
            "evidence": list(self.evidence),
        }


@dataclass
class MindContext:
    """Everything a brain may know when it answers: who it is, the room, what it remembers.

    ``snapshot`` is built on the main thread (the only owner of the world) so a brain on a
    worker thread never reads a world that is changing under it. ``memory`` is the NPC's
    own memory; brains record the turn in it. ``focus`` carries discourse state (the last
    thing talked about) between turns so "go to it" can be resolved. ``doubtful`` are the
    words the recognizer was unsure of: a command resting on one is confirmed, not done.
    ``now`` is the time of day for the characters ("It's afternoon", the clock skill): this
    computer's clock unless the session is given another (the open-talk bench pins it, so a
    judged reply does not change with the hour the bench runs at).
    """

    npc: str
    persona: Persona
    snapshot: WorldSnapshot
    memory: NpcMemory | None = None
    focus: dict[str, str] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)
    doubtful: frozenset[str] = frozenset()
    now: time.struct_time = field(default_factory=time.localtime)


@runtime_checkable
class Brain(Protocol):
    """Anything that can answer an utterance in character."""

    name: str

    def reply(self, utterance: str, context: MindContext) -> Reply:
        """Answer one utterance; never raises for bad input (it says so instead)."""
        ...
