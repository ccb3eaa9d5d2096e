"""Slot extraction and reference resolution: which things in the room an utterance means.

Names come from the live snapshot, so a prop added by voice ("lamp 2") can be talked
about at once. Indefinite mentions ("a lamp") are new things to make; definite ones
("the chair", "that chair", "the red one", "it") are resolved against the room, in
order: explicit name, colour, the thing the user looks at, the last thing talked
about (the focus), then the one nearest the user.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field

from game.memo import by_identity
from game.mind.grounding import PropInfo, WorldSnapshot
from game.mind.room_words import (
    COLOURS,
    COUNTS,
    DEMONSTRATIVE,
    INDEFINITE,
    NEAR_WORDS,
    ON_WORDS,
    PRONOUNS,
    RESIZE,
    SURFACES,
    TYPE_WORDS,
    USER_WORDS,
)
from game.sim.colours import SHADES

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@dataclass
class Mention:
    """A span of the utterance that names something."""

    start: int
    end: int
    kind: str  # prop, npc, type, surface, pronoun, user
    value: str
    indefinite: bool = False
    demonstrative: bool = False
    adjective: str = ""
    count: int = 1  # "two plants": how many new ones (with ``indefinite``)
    role: str = "target"  # target, on, near


@dataclass
class Slots:
    """What the utterance refers to, resolved against the room."""

    target: str = ""
    target_kind: str = ""
    dest: str = ""
    relation: str = ""
    colour: str = ""
    new_type: str = ""
    new_count: int = 1
    factor: float = 0.0
    npc: str = ""
    topic: str = ""
    notes: list[str] = field(default_factory=list)
    unresolved: str = ""
    target_after: str = ""
    """The word the target follows, articles and colours skipped: "approach" in "approach the red
    chair", "bring" in "walk to bring sofa" (a misheard line names a thing without a way to it)."""

    def as_pairs(self) -> tuple[tuple[str, str], ...]:
        """Return the non-empty slots as sorted ``(name, value)`` pairs (for JSON and tests)."""
        pairs = {
            "target": self.target,
            "dest": self.dest,
            "relation": self.relation,
            "colour": self.colour,
            "new_type": self.new_type,
            "new_count": str(self.new_count) if self.new_count > 1 else "",
            "factor": f"{self.factor:g}" if self.factor else "",
            "npc": self.npc,
            "topic": self.topic,
            "unresolved": self.unresolved,
        }
        return tuple(sorted((k, v) for k, v in pairs.items() if v))


def words(text: str) -> list[str]:
    """Lowercase word tokens; a possessive or contracted ``'s`` is dropped ("table's" → "table")."""
    tokens = _WORD.findall(text.lower().replace("’", "'"))
    return [t[:-2] if t.endswith("'s") else t for t in tokens]


def _singular(word: str) -> str:
    if word in TYPE_WORDS:
        return word
    if word.endswith("s") and word[:-1] in TYPE_WORDS:
        return word[:-1]
    return word


def _determiner_or_existential(tokens: list[str], i: int) -> bool:
    """Return true for "there is…" and for "this"/"that" used before a noun ("this room")."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    if tokens[i] == "there":
        # Only a place after a verb of motion or placement: "go there", "put it over there";
        # not "hello there" or "there is".
        prev = tokens[i - 1] if i > 0 else ""
        return nxt in ("is", "are", "was", "were", "s") or prev not in _BEFORE_THERE
    if tokens[i] in DEMONSTRATIVE:
        return nxt not in _AFTER_PRONOUN
    if tokens[i] == "it":  # "is it rude to …?", "it's worth asking": an "it" that stands for no thing
        prev = tokens[i - 1] if i > 0 else ""
        return (prev in _BEFORE_EMPTY_IT or nxt in _BEFORE_EMPTY_IT) and bool(
            _EMPTY_IT_TAIL & set(tokens[i + 2 : i + 5])
        )
    return False


_BEFORE_EMPTY_IT = {"is", "was", "would", "will", "isn't", "wasn't", "s"}
_EMPTY_IT_TAIL = {"to", "if", "that", "worth", "when", "whether"}


_BEFORE_THERE = {
    *("go", "put", "move", "walk", "it", "over", "head", "get", "place", "stand", "come", "them", "sit"),
    *("look", "point", "stay", "wait", "that", "this", "run", "drag", "push", "up", "out", "in"),
}
_AFTER_PRONOUN = {
    "",
    *("is", "are", "was", "one", "please", "to", "on", "over", "here", "there", "and", "with", "for"),
    *("now", "up", "down", "back", "again", "away", "onto", "next", "near", "by", "into", "bigger"),
    *("smaller", "red", "blue", "green"),
} | set(COLOURS)


def _colour_for(colours: list[tuple[int, str]], target: Mention, mentions: list[Mention]) -> str:
    """The colour said after the target and before the next thing named, the last if several.

    "paint the chair green and the table red" paints the chair green, not red (the last colour of
    the line); "paint it green, no, red" still ends on red. "" when none is said there.
    """
    after = [m.start for m in mentions if m.start > target.start]
    end = min(after, default=1 << 30)
    there = [c for i, c in colours if target.end <= i < end]
    return there[-1] if there else ""


def colour_before(tokens: list[str], i: int) -> tuple[str, int]:
    """The colour named right before ``tokens[i]`` ("green", "dark green") and its length in tokens."""
    prev = tokens[i - 1] if i > 0 else ""
    if prev not in COLOURS:
        return "", 0
    if i > 1 and tokens[i - 2] in SHADES:
        return f"{tokens[i - 2]} {prev}", 2
    return prev, 1


def find_mentions(tokens: list[str], snap: WorldSnapshot, self_name: str = "") -> list[Mention]:
    """All mentions, longest prop names first, with their grammatical role."""
    taken = [False] * len(tokens)
    mentions = _prop_name_mentions(tokens, snap, taken)
    mentions += _word_mentions(tokens, snap, taken)
    mentions.sort(key=lambda m: m.start)
    _set_roles(tokens, mentions)
    return mentions


def _prop_name_mentions(tokens: list[str], snap: WorldSnapshot, taken: list[bool]) -> list[Mention]:
    """Props by their own names, longest first so a name inside a longer one loses to it; marks ``taken``."""
    mentions: list[Mention] = []
    names, lengths = _name_index(snap.props)
    for n in lengths:
        for i in range(len(tokens) - n + 1):
            name = names.get(tuple(tokens[i : i + n]))
            if name is not None and not any(taken[i : i + n]):
                # "the red box" names the prop; "a box" is a new one unless the name is multiword.
                prev = tokens[i - 1] if i > 0 else ""
                det = tokens[i - 2] if prev in COLOURS and i > 1 else prev
                if n == 1 and (det in INDEFINITE or (prev in COLOURS and tokens[i] in TYPE_WORDS)):
                    continue  # "a lamp" is a new one; "the blue chair" is matched by type and colour
                mentions.append(Mention(i, i + n, "prop", name))
                taken[i : i + n] = [True] * n
    return mentions


@by_identity
def _name_index(props: tuple[PropInfo, ...]) -> tuple[dict[tuple[str, ...], str], tuple[int, ...]]:
    """Each prop name's tokens → the first prop with that name, and the name lengths, longest first.

    One per room state, so a question costs lookups, not a pass over every prop.
    """
    index: dict[tuple[str, ...], str] = {}
    for prop in props:
        key = _name_words(prop.name)
        if key:
            index.setdefault(key, prop.name)
    return index, tuple(sorted({len(key) for key in index}, reverse=True))


@functools.lru_cache(maxsize=1 << 15)
def _name_words(name: str) -> tuple[str, ...]:
    return tuple(words(name))


def _word_mentions(tokens: list[str], snap: WorldSnapshot, taken: list[bool]) -> list[Mention]:
    """One-word mentions (NPCs, prop types, surfaces, "me", pronouns) among the tokens no name took."""
    mentions: list[Mention] = []
    npc_names = {n.name.lower(): n.name for n in snap.npcs}
    for i, tok in enumerate(tokens):
        if taken[i]:
            continue
        base = tok[:-2] if tok.endswith("'s") else tok
        if base in npc_names:
            mentions.append(Mention(i, i + 1, "npc", npc_names[base]))
            taken[i] = True
        elif _singular(tok) in TYPE_WORDS:
            kind = TYPE_WORDS[_singular(tok)]
            adjective, size = colour_before(tokens, i)
            det = tokens[i - 1 - size] if i > size else ""
            before = tokens[i - 2 - size] if i > size + 1 else ""
            count = COUNTS.get(det, 1) if before not in ("the", *DEMONSTRATIVE) else 1  # not "the two chairs"
            mentions.append(
                Mention(
                    i,
                    i + 1,
                    "type",
                    kind,
                    indefinite=det in INDEFINITE or count > 1,
                    demonstrative=det in DEMONSTRATIVE,
                    adjective=adjective,
                    count=count,
                )
            )
            taken[i - size : i + 1] = [True] * (size + 1)
        elif tok in SURFACES:
            mentions.append(Mention(i, i + 1, "surface", SURFACES[tok]))
            taken[i] = True
        elif tok == "one" and i > 0 and (tokens[i - 1] in COLOURS or tokens[i - 1] in DEMONSTRATIVE):
            adjective = tokens[i - 1] if tokens[i - 1] in COLOURS else ""
            mentions.append(
                Mention(i - 1, i + 1, "pronoun", "one", adjective=adjective, demonstrative=not adjective)
            )
            taken[i] = taken[i - 1] = True
        elif (
            tok in USER_WORDS and i > 0 and tokens[i - 1] in ("show", "tell", "give", "bring", "hand", "let")
        ):
            taken[i] = True  # "show me the door": the user is the indirect object, the door the thing
        elif tok in USER_WORDS:
            mentions.append(Mention(i, i + 1, "user", "user"))
            taken[i] = True
        elif tok in PRONOUNS and not _determiner_or_existential(tokens, i):
            mentions.append(Mention(i, i + 1, "pronoun", tok))
            taken[i] = True
    return mentions


def _set_roles(tokens: list[str], mentions: list[Mention]) -> None:
    """A preposition just before a mention ("on", "next to"), skipping articles, gives its role."""
    for m in mentions:
        before = tokens[max(0, m.start - 4) : m.start]
        before = [t for t in before if t not in ("the", "a", "an", "of", "top", "my", "your", "that", "this")]
        if before and before[-1] in ON_WORDS:
            m.role = "on"
        elif before and before[-1] in NEAR_WORDS and not (m.kind == "user" and before[-1] == "at"):
            m.role = "near"


def _word_before(tokens: list[str], start: int) -> str:
    """The word before ``tokens[start]``, articles, demonstratives and colours skipped ("" at the start)."""
    skipped = {"the", "a", "an", "my", "your"} | DEMONSTRATIVE | set(COLOURS)
    before = [t for t in tokens[:start] if t not in skipped]
    return before[-1] if before else ""


def _nearest(snap: WorldSnapshot, names: list[str]) -> str:
    def dist(name: str) -> float:
        pos = snap.position_of(name) or (0.0, 0.0, 0.0)
        return math.hypot(pos[0] - snap.user_position[0], pos[2] - snap.user_position[2])

    return min(names, key=dist) if names else ""


def resolve(mention: Mention, snap: WorldSnapshot, focus: dict[str, str], notes: list[str]) -> str:
    """Return the name a definite mention refers to, or ``""`` when nothing in the room fits."""
    if mention.kind in ("prop", "npc", "surface", "user"):
        return mention.value
    if mention.kind == "type":
        candidates = [p.name for p in snap.props if p.type == mention.value]
    else:  # pronoun; "it" is never a person
        candidates = [p.name for p in snap.props] + [n.name for n in snap.npcs if mention.value != "it"]
    if mention.adjective:
        candidates = [
            c for c in candidates if (p := snap.prop(c)) is not None and p.colour == mention.adjective
        ]
    if not candidates:
        return ""
    if len(candidates) == 1 and mention.kind == "type":
        return candidates[0]
    thing = focus.get("thing", "")
    known = bool(thing) and (thing in candidates or bool(snap.prop(thing)) or bool(snap.npc(thing)))
    if mention.kind == "pronoun" and mention.value in ("it", "them", "there") and known:
        notes.append(f"'{mention.value}' = {thing} (last mentioned)")
        return thing
    if snap.gaze in candidates:
        notes.append(f"'{mention.value}' = {snap.gaze} (you look at it)")
        return snap.gaze
    if focus.get("thing") in candidates:
        notes.append(f"'{mention.value}' = {focus['thing']} (last mentioned)")
        return focus["thing"]
    if mention.kind == "pronoun" and not mention.adjective:
        return ""
    chosen = _nearest(snap, candidates)
    notes.append(f"'{mention.value}' = {chosen} (nearest to you)")
    return chosen


def extract(
    text: str, snap: WorldSnapshot, focus: dict[str, str] | None = None, self_name: str = ""
) -> Slots:
    """Fill :class:`Slots` from an utterance against the current room."""
    focus = focus if focus is not None else {}
    tokens = words(text)
    slots = Slots()
    mentions = find_mentions(tokens, snap, self_name)
    adjective_spans = {m.start - 1 for m in mentions if m.adjective}
    colours: list[tuple[int, str]] = []
    for i, tok in enumerate(tokens):
        if (tok in COLOURS and i not in adjective_spans and tok not in ("gold", "silver")) or (
            tok in ("gold", "silver")
            and i > 0
            and tokens[i - 1] in ("paint", "it", "them", "colour", "color")
        ):
            colours.append((i, colour_before(tokens, i + 1)[0]))
    if colours:
        slots.colour = colours[-1][1]
    for tok in tokens:
        if tok in RESIZE and not slots.factor:
            slots.factor = RESIZE[tok]
    for m in mentions:
        if m.kind == "type" and m.indefinite and not slots.new_type:
            slots.new_type, slots.new_count = m.value, m.count
            if m.adjective and not slots.colour:
                slots.colour = m.adjective
            continue
        if m.kind == "npc" and not slots.npc:
            slots.npc = m.value
        name = resolve(m, snap, focus, slots.notes)
        if not name:
            if m.kind != "pronoun" or m.value != "there":
                slots.unresolved = slots.unresolved or (
                    f"{m.adjective} {m.value}".strip() if m.kind != "pronoun" else m.value
                )
            continue
        if m.role in ("on", "near") and not slots.dest:
            slots.dest, slots.relation = name, m.role
            continue
        if not slots.target:
            slots.target, slots.target_kind = name, m.kind
            slots.target_after = _word_before(tokens, m.start)
            slots.colour = _colour_for(colours, m, mentions) or slots.colour
        elif not slots.dest:
            slots.dest, slots.relation = name, m.role if m.role != "target" else "near"
    match = re.search(r"\b(?:do|don't|dont) you (?:like|love|enjoy|hate|fancy) (.+)", text.lower())
    if match:
        slots.topic = match.group(1).strip(" ?.!")
    return slots
