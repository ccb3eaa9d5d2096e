"""Authored topics in a persona file: ``[topics.<name>]`` with what users ask and what the character says.

A topic is everyday talk the character has something of its own to say about (food,
fears, the other NPCs, …). ``ask`` holds user-side phrasings used for retrieval by
meaning; a topic named like a stock topic (``game/mind/data/topics.toml``) gets its
phrasings for free. ``say`` holds reply variants in the character's voice, ``follow``
optional questions back, ``about`` a person's name: such a topic uses the stock person
phrasings ("what do you think of {about}") and answers only when the line names them.
A ``say`` entry may be a table ``{ say = "…", more = "…", ask = ["…"] }``: ``more`` is what the
character adds when the user follows that very line up ("why?", "is it any good?", "does that
help?"), so the conversation goes deeper instead of jumping to another reply of the topic.
``ask`` lists questions that very line answers ("what wood should I use"): a line is found by
its own words or by these, so a reply worded far from the question it answers is still found.
Only the question itself counts, not a line merely near it: the topic's ``ask`` casts the wide net.
Replies may use ``{name}``, ``{user}``, ``{part_of_day}`` and ``{weekday}``.
"""

from __future__ import annotations

import functools
import re
import string
import tomllib
from dataclasses import dataclass
from pathlib import Path

from game.mind.persona_reader import MAX_LIST, Reader, short

STOCK_PATH = Path(__file__).with_name("data") / "topics.toml"
PERSON_KEY = "_person"
PLACEHOLDERS = ("name", "user", "part_of_day", "weekday")
MAX_TOPICS = 100
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Topic:
    """One authored topic: phrasings that call it up, and the character's replies to it."""

    name: str
    ask: tuple[str, ...]
    say: tuple[str, ...]
    follow: tuple[str, ...] = ()
    about: str = ""
    more: tuple[str, ...] = ()
    """What the character adds after each ``say`` line when it is followed up ("" for none)."""
    answers: tuple[tuple[str, ...], ...] = ()
    """The questions each ``say`` line answers, from its own ``ask`` (empty for none)."""

    def more_after(self, i: int) -> str:
        """The follow-on of reply ``i`` ("" when it has none)."""
        return self.more[i] if i < len(self.more) else ""


@functools.cache
def stock_phrasings(path: Path = STOCK_PATH) -> dict[str, tuple[str, ...]]:
    """Stock ``topic → phrasings`` shipped with the game (read once)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {name: tuple(str(x) for x in lines) for name, lines in data.items()}


def stock_topics() -> tuple[str, ...]:
    """Names a persona topic can take to get stock phrasings (the person template excluded)."""
    return tuple(k for k in stock_phrasings() if k != PERSON_KEY)


def _check_placeholders(reader: Reader, key: str, lines: tuple[str, ...]) -> None:
    for i, line in enumerate(lines):
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(line) if f is not None]
        except ValueError as exc:
            reader.fail(f"{key}[{i}]", f"bad braces: {exc}", "write {{ or }} for a literal brace")
            continue
        for name in fields:
            if name not in PLACEHOLDERS:
                fix = f"use {', '.join('{' + p + '}' for p in PLACEHOLDERS)}, or {{{{ }}}} for a brace"
                reader.fail(f"{key}[{i}]", f"unknown placeholder {{{name}}}", fix)


def parse_topics(reader: Reader) -> tuple[Topic, ...]:
    """Validate the ``[topics]`` table; every problem is recorded on ``reader`` (none is fatal here)."""
    stock = stock_phrasings()
    topics: list[Topic] = []
    if len(reader.table) > MAX_TOPICS:
        reader.fail("", f"{len(reader.table)} topics; the limit is {MAX_TOPICS}", "merge close ones")
    for name, raw in list(reader.table.items())[:MAX_TOPICS]:
        if not isinstance(raw, dict):
            fix = f'write [topics.{name}] with say = ["…"]'
            reader.fail(name, f"expected a table, got {short(raw)}", fix)
            continue
        if not _NAME.match(name):
            reader.fail(name, "topic names are lower-case words joined by _", "rename it, e.g. [topics.food]")
        sub = reader.sub(name)
        sub.check_known(("ask", "say", "follow", "about"))
        about = sub.string("about", "")
        say, more, answers = _say_lines(sub)
        follow = sub.strings("follow")
        _check_placeholders(sub, "say", say)
        _check_placeholders(sub, "more", more)
        _check_placeholders(sub, "follow", follow)
        ask = sub.strings("ask")
        if about:
            ask += tuple(p.format(about=about) for p in stock.get(PERSON_KEY, ()))
        elif name in stock and name != PERSON_KEY:
            ask += stock[name]
        if not ask:
            known = ", ".join(stock_topics())
            fix = f'add ask = ["…"] or use a stock name: {known}'
            sub.fail("ask", "missing: a topic of your own needs phrasings", fix)
        if say and ask:
            topics.append(Topic(name, tuple(dict.fromkeys(ask)), say, follow, about, more, answers))
    return tuple(topics)


def _say_lines(sub: Reader) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The ``say`` lines and, in step with them, each one's ``more`` ("" where it has none) and ``ask``."""
    raw = sub.table.get("say", [])
    if not isinstance(raw, list) or not all(isinstance(v, dict) for v in raw if not isinstance(v, str)):
        return sub.strings("say", required=True), (), ()  # reports the problem the plain way
    lines: list[str] = []
    mores: list[str] = []
    asks: list[tuple[str, ...]] = []
    for i, entry in enumerate(raw[:MAX_LIST]):
        table = entry if isinstance(entry, dict) else {"say": entry}
        item = Reader(sub.path, table, f"{sub.prefix}.say[{i}]", sub.errors)
        item.check_known(("say", "more", "ask"))
        line = item.string("say")
        if line:
            lines.append(line)
            mores.append(item.string("more", ""))
            asks.append(item.strings("ask"))
    if not lines:
        sub.fail("say", "missing or empty", 'add at least one line, e.g. ["Hello."]')
    if len(raw) > MAX_LIST:
        sub.fail("say", f"{len(raw)} entries; the limit is {MAX_LIST}", "keep the best ones")
    return tuple(lines), tuple(mores), tuple(asks)
