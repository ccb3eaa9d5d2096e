"""Personas: who an NPC is, how it speaks, what it knows, how it looks and sounds.

Personas are TOML files in ``assets/personas/`` referenced by name from scenes. A broken
file never takes an NPC away: :func:`load_persona_or_generic` reports a one-line
:class:`PersonaError` naming the file and key and falls back to a generic persona with
the NPC's name, so the room still works while the author fixes the file.
"""

from __future__ import annotations

import random
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.mind.persona_reader import MAX_LIST, Reader, all_problems, short
from game.mind.persona_reader import PersonaError as PersonaError  # re-exported: callers import it from here
from game.mind.persona_topics import Topic, parse_topics
from game.mind.protocols import ACTION_NAMES, EDIT_ACTIONS
from game.sim.anim.appearance import Appearance, parse_appearance
from game.sim.scene import Scene

PERSONAS_DIR = Path(__file__).resolve().parents[2] / "assets" / "personas"
LINE_KINDS = (
    "greet", "greet_again", "forgive", "free_time", "judge_not", "judge_fine", "judge_worth",
    "judge_careful", "welcome_back", "farewell", "thanks", "wellbeing", "unknown", "confused", "refuse",
    "ok", "edit_done", "cant_edit", "not_human", "identity", "made_room", "compliment", "allow",
    "agree", "agree_hard", "own_it", "disagreed", "told_good", "told_hard", "seem_low", "seem_bright",
    "insult", "idle", "unknown_topic", "follow", "stop_following", "remember", "aside", "ask_back",
    "ask_back_question", "ask_back_open", "ask_back_open_question", "ask_back_choices",
    "ask_back_news_good", "ask_back_news_bad", "ask_back_news_snag", "ask_back_news_when",
    "ask_back_news_nerves", "weather_wet", "weather_fine", "weather_cold", "weather_autumn",
    "weather_sky", "after_bad_news", "after_nuisance", "make_amends", "rest_up", "get_well", "plan_ahead",
    "about_you", "never_done", "never_been", "how_to", "break_habit", "new_look", "teased", "trip_tip",
    "hungry", "gift_idea", "reassure", "worst_case", "weigh_up", "coping", "age_then", "long_ago",
    "its_name", "filler",
)  # fmt: skip
REQUIRED_LINES = ("greet", "farewell", "unknown")
MAX_FILE_BYTES = 256 * 1024
MAX_EXAMPLES = 300  # example utterances per intent
MAX_FILLER_WORDS = 6  # a filler covers a slow reply; a long one would delay the reply behind it


@dataclass(frozen=True)
class Voice:
    """TTS settings: an espeak-ng voice name (e.g. ``en-gb+f3``), words per minute, pitch 0..99."""

    voice: str = "en-us"
    rate: int = 160
    pitch: int = 50
    volume: float = 1.0


@dataclass(frozen=True)
class Fact:
    """Something the persona knows about itself; ``answer`` is said verbatim when asked.

    ``more`` is what the character adds when that answer is followed up ("is it any good?"
    after the favourite book), as a topic line's ``more`` (:mod:`game.mind.persona_topics`).
    """

    key: str
    value: str
    answer: str
    ask: tuple[str, ...] = ()
    more: str = ""


@dataclass(frozen=True)
class Persona:
    """A character. ``lines`` maps a line kind (greet, farewell, …) to alternatives."""

    id: str
    name: str
    pronouns: str = "they/them"
    role: str = "visitor"
    backstory: str = ""
    style: str = "friendly and plain"
    facts: tuple[Fact, ...] = ()
    likes: tuple[str, ...] = ()
    dislikes: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    actions_allowed: tuple[str, ...] = ACTION_NAMES
    lines: dict[str, tuple[str, ...]] = field(default_factory=dict)
    examples: dict[str, tuple[str, ...]] = field(default_factory=dict)
    voice: Voice = field(default_factory=Voice)
    appearance: Appearance = field(default_factory=Appearance)
    problems: tuple[str, ...] = ()  # non-fatal issues (bad appearance fields) to report
    chatty: float = 0.3
    source: str = ""
    talk_topics: tuple[Topic, ...] = ()  # authored [topics.*] (persona_topics), not the corpus `topics`

    def line(self, kind: str, rng: random.Random | None = None, **values: str) -> str:
        """Return a line of ``kind`` with ``{placeholders}`` filled; generic text if the persona has none."""
        options = self.lines.get(kind) or GENERIC_LINES.get(kind) or GENERIC_LINES["unknown"]
        text = (rng or random).choice(options)
        try:
            return text.format(name=self.name, role=self.role, **values)
        except (KeyError, IndexError):
            return text

    def allows(self, action: str) -> bool:
        """Whether this character is willing to perform ``action`` (``undo`` if any room edit)."""
        if action == "undo":
            return any(a in self.actions_allowed for a in EDIT_ACTIONS)
        if action == "stand":  # whoever may sit may get up again
            return "stand" in self.actions_allowed or "sit" in self.actions_allowed
        return action in self.actions_allowed

    def fact(self, key: str) -> Fact | None:
        """Return a fact by key."""
        return next((f for f in self.facts if f.key == key), None)


GENERIC_LINES: dict[str, tuple[str, ...]] = {
    "greet": ("Hello.", "Hi there."),
    "greet_again": ("Good to see you again too.",),
    "forgive": ("No harm done.", "Don't worry about it."),
    "free_time": ("If it were me:",),
    "judge_not": ("{deed}? Not {word} at all, I'd say.",),
    "judge_fine": ("{deed}? That's perfectly fine, I'd say.",),
    "judge_worth": ("{deed}? Worth it, I'd say.",),
    "judge_careful": ("{deed}? I'd think twice about that.",),
    "welcome_back": ("Welcome back, {user}.",),
    "farewell": ("Goodbye.", "See you later."),
    "thanks": ("You're welcome.",),
    "wellbeing": ("I'm fine, thank you.",),
    "unknown": ("I'm not sure what you mean.",),
    "confused": ("Sorry, I didn't catch that.",),
    "refuse": ("I'd rather not.",),
    "ok": ("All right.",),
    "edit_done": ("Done.",),
    "cant_edit": ("I can't do that here.",),
    "not_human": (
        "No, I'm not a person: I'm a character in this room, run by a small program on your computer.",
    ),
    "identity": ("I'm {name}.",),
    "made_room": (
        "It's built from a scene file on your computer. Edit the file, or ask whoever decorates here.",
    ),
    "compliment": ("That's kind of you.",),
    "allow": ("Of course.",),
    "agree": ("It is.",),
    "agree_hard": ("It can be.",),
    "own_it": ("It is, I know. I wouldn't have it any other way.",),
    "disagreed": ("Fair enough. We see it differently, and that's all right.",),
    "told_good": ("{how}? I'm glad.",),
    "told_hard": ("{how}? Oh dear. Still, you went.",),
    "seem_low": ("Do I? It's been a long day. Thanks for noticing.",),
    "seem_bright": ("Do I? It's a good day, I think. Thanks for noticing.",),
    "insult": ("Let's keep it friendly.",),
    "idle": ("Nice room, isn't it?",),
    "unknown_topic": ("I don't know much about that.",),
    "follow": ("Lead the way.",),
    "stop_following": ("I'll stay here.",),
    "remember": ("I'll remember that.",),
    "ask_back": ("{thing}? Tell me more about that.",),
    "ask_back_question": ("{thing}? Hm, I'm not sure. What do you think?",),
    "ask_back_open": ("Tell me more. What's on your mind?",),
    "ask_back_open_question": ("Hm, you've got me there. What do you think?",),
    "ask_back_choices": ("{thing}? What are the choices? Saying them out loud often helps.",),
    "ask_back_news_good": ("{thing}! That's good to hear. Tell me more.",),
    "ask_back_news_bad": ("{thing}... I'm sorry. I hope it gets better soon.",),
    "ask_back_news_snag": ("There's always a catch. It doesn't take anything away from {news}, though.",),
    "ask_back_news_when": ("{thing}! Not long to wait, then. I'm glad about {news}.",),
    "ask_back_news_nerves": ("You'll be ready for {news}. Being nervous only means it matters to you.",),
    "weather_wet": ("Wet out there, isn't it? A good day to be indoors.",),
    "weather_fine": ("It is lovely, isn't it? Days like this make everything easier.",),
    "weather_cold": ("It is cold out there. A good day for something warm to drink.",),
    "weather_autumn": ("They are, aren't they? The year's turning. I like the evenings drawing in.",),
    "weather_sky": ("It is lovely, isn't it? I could look up at that for hours.",),
    "after_bad_news": ("Nothing big for now. Give it a few days to settle, then take one small step.",),
    "after_nuisance": ("I'd say it calmly, once, to whoever can change it. Most things mend once asked.",),
    "make_amends": ("Say sorry plainly and soon, without a 'but'. Then show you meant it.",),
    "rest_up": ("Yes, do. Rest first; everything else can wait until you feel better.",),
    "get_well": ("Something warm and plain: soup, toast, and plenty to drink. Then rest.",),
    "plan_ahead": ("{plan}? That sounds like a good plan. {question}",),
    "about_you": ("{said}? I didn't know that about you. {question}",),
    "never_done": ("{thing}? No, never. {back}",),
    "never_been": ("{thing}? No, not yet. {back}",),
    "how_to": ("{thing}? Start small, do a little every day, and don't mind getting it wrong at first.",),
    "break_habit": ("{thing}? Make the first step so small it feels silly, and keep temptation away.",),
    "new_look": ("The {thing}? Yes, new. Thank you for noticing.",),
    "teased": ("Ha! Fair enough. I'll take that on the chin.",),
    "trip_tip": ("In {place}? Walk about for a morning with no plan, then ask a local where they eat.",),
    "hungry": ("Hungry? Then don't wait on my account: go and eat something good.",),
    "gift_idea": ("For {thing}? Something small you chose with them in mind, and a note saying why.",),
    "reassure": ("{thing}? I think you will. You clearly care about it, and that's most of it.",),
    "worst_case": ("Then you try again, a bit wiser. Nobody counts the tries, only the one that works.",),
    "weigh_up": (
        "{thing}? I'd sleep on it. If it still feels right in the morning, that tells you something.",
    ),
    "coping": ("A walk, a cup of tea, and someone to talk to. It usually shrinks after that.",),
    "age_then": ("I was {age}. It feels like another life now.",),
    "long_ago": ("Young. It was a long time ago now, and I've stopped counting the years since.",),
    "its_name": ("{called}. A good name, I think.",),
    "filler": ("Hmm, let me think…", "Well now…", "Oh… let me see."),
}


def generic_persona(name: str, source: str = "") -> Persona:
    """Return the fallback character: plain, polite, willing to do simple things, no room edits."""
    return Persona(
        id="generic",
        name=name,
        role="visitor",
        backstory="I'm just visiting this room.",
        lines=dict(GENERIC_LINES),
        source=source,
    )


def _facts(reader: Reader) -> tuple[Fact, ...]:
    facts = []
    for key, raw in reader.table.items():
        label = key.replace("_", " ")
        if isinstance(raw, str) and raw.strip():
            value = reader.string(key)
            facts.append(Fact(key, value, f"My {label} is {value}."))
            continue
        if not isinstance(raw, dict):
            reader.fail(key, f"expected a string or a table, got {short(raw)}", 'write key = "value"')
            continue
        sub = reader.sub(key)
        sub.check_known(("value", "answer", "ask", "more"))
        value = sub.string("value")
        answer = sub.string("answer", f"My {label} is {value}.")
        facts.append(Fact(key, value, answer, sub.strings("ask"), sub.string("more", "")))
    return tuple(facts)


def parse_persona(data: dict[str, Any], path: str, persona_id: str) -> Persona:
    """Validate a parsed persona document (see docs/mind.md for the format)."""
    top = Reader(path, data)
    top.check_known(("persona", "facts", "likes", "lines", "examples", "voice", "appearance", "topics"))
    meta = top.sub("persona")
    meta.check_known(
        ("name", "pronouns", "role", "backstory", "style", "topics", "actions_allowed", "chatty")
    )
    actions = meta.strings("actions_allowed") if "actions_allowed" in meta.table else ACTION_NAMES
    for i, action in enumerate(actions):
        if action not in ACTION_NAMES:
            fix = f"use: {', '.join(ACTION_NAMES)}"
            meta.fail(f"actions_allowed[{i}]", f"unknown action {action!r}", fix)
    likes = top.sub("likes")
    likes.check_known(("likes", "dislikes"))
    lines_r = top.sub("lines")
    lines_r.check_known(LINE_KINDS)
    lines = {kind: lines_r.strings(kind, required=kind in REQUIRED_LINES) for kind in LINE_KINDS}
    lines = {k: v for k, v in lines.items() if v}
    for i, filler in enumerate(lines.get("filler", ())):
        if len(filler.split()) > MAX_FILLER_WORDS:
            fix = f"at most {MAX_FILLER_WORDS} words: the reply waits behind it"
            lines_r.fail(f"filler[{i}]", f"{len(filler.split())} words", fix)
    examples_r = top.sub("examples")
    examples = {k: examples_r.strings(k, most=MAX_EXAMPLES) for k in examples_r.table}
    voice_r = top.sub("voice")
    voice_r.check_known(("voice", "rate", "pitch", "volume"))
    # Appearance is lenient: a bad field falls back to its default with a message, so a typo
    # in a colour never turns a character into the generic persona.
    appearance, problems = parse_appearance(top.sub("appearance").table, path)
    persona = Persona(
        id=persona_id,
        name=meta.string("name"),
        pronouns=meta.string("pronouns", "they/them"),
        role=meta.string("role"),
        backstory=meta.string("backstory", ""),
        style=meta.string("style", "friendly and plain"),
        topics=meta.strings("topics"),
        actions_allowed=actions,
        chatty=meta.number("chatty", 0.3, 0.0, 1.0),
        facts=_facts(top.sub("facts")),
        likes=likes.strings("likes"),
        dislikes=likes.strings("dislikes"),
        lines=lines,
        examples=examples,
        voice=Voice(
            voice=voice_r.string("voice", "en-us"),
            rate=int(voice_r.number("rate", 160, 80, 400)),
            pitch=int(voice_r.number("pitch", 50, 0, 99)),
            volume=voice_r.number("volume", 1.0, 0.0, 1.0),
        ),
        appearance=appearance,
        problems=tuple(problems),
        source=path,
        talk_topics=parse_topics(top.sub("topics")),
    )
    if len(persona.facts) > MAX_LIST:
        top.fail("facts", f"{len(persona.facts)} facts; the limit is {MAX_LIST}", "keep the important ones")
    if top.errors:
        raise all_problems(top.errors)
    return persona


def load_persona(name: str, folder: Path = PERSONAS_DIR) -> Persona:
    """Load ``folder/name.toml`` or raise :class:`PersonaError`."""
    if not name or not all(c.isalnum() or c in "-_" for c in name):
        raise PersonaError(
            name or "<empty>", "", "not a valid persona name", "use letters, digits, '-' or '_'"
        )
    path = folder / f"{name}.toml"
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise PersonaError(
                str(path),
                "",
                f"file of {size // 1024} KB; the limit is {MAX_FILE_BYTES // 1024} KB",
                "a persona is a character sheet: keep lines short and few",
            )
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        known = sorted(p.stem for p in folder.glob("*.toml")) if folder.is_dir() else []
        raise PersonaError(
            str(path), "", "no such persona file", f"known personas: {', '.join(known) or 'none'}"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise PersonaError(str(path), "", f"not valid TOML: {exc}", "fix the syntax at that line") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PersonaError(str(path), "", f"cannot read: {exc}", "check the file is readable UTF-8") from None
    return parse_persona(data, str(path), name)


def load_persona_or_generic(
    name: str, npc_name: str, folder: Path = PERSONAS_DIR
) -> tuple[Persona, PersonaError | None]:
    """Return the persona, or a generic one named ``npc_name`` plus the error to report."""
    try:
        persona = load_persona(name, folder)
    except PersonaError as exc:
        return generic_persona(npc_name, source=str(folder / f"{name}.toml")), exc
    if persona.name.lower() != npc_name.lower():
        # The scene decides the NPC's name; the persona file supplies the character.
        persona = Persona(**{**persona.__dict__, "name": npc_name})
    return persona, None


def appearances_for(scene: Scene, folder: Path = PERSONAS_DIR) -> tuple[dict[str, Appearance], list[str]]:
    """Each NPC's look from its persona (generic when the persona is broken), plus problems."""
    looks: dict[str, Appearance] = {}
    problems: list[str] = []
    for slot in scene.npcs:
        persona, error = load_persona_or_generic(slot.persona, slot.name, folder)
        if error is not None:
            problems.append(f"{error}; {slot.name} uses a generic persona")
        problems.extend(persona.problems)
        looks[slot.name] = persona.appearance
    return looks, problems
