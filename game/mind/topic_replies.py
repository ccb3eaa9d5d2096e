"""Saying a topic's reply: the one closest to the line, not said lately, placeholders filled.

What was said is kept in the conversation's focus, so a reply is not repeated soon, the topic just
talked about is the ongoing one for the next line, and a follow-up ("why?") reaches the ``more`` of
the very line said (:func:`follow_on`). Finding the topic is :mod:`game.mind.topics`.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, MutableMapping, Sequence

from game.mind.answer_kind import asked_kind, gives_kind
from game.mind.persona_topics import Topic
from game.mind.reply_fit import content_stems, narrow
from game.mind.skill_io import SkillInput
from game.mind.topics import ANSWERED

CLOSE = 0.03
"""Replies within this similarity of the closest are equally good: one of them is picked at random."""
RECENT = 12
"""How many said topic variants a conversation remembers, so a reply is not repeated soon."""
SAID_KEY = "topics_said"
ON_KEY = "topic_on"
"""The topic the NPC's last reply came from (only the turn right after it may lean on it)."""
BEFORE_KEY = "topic_before"
ONE_TURN = (ON_KEY, BEFORE_KEY)
"""The topic just talked about is the ongoing one for the next line only (``skill_io.carry_over``)."""


def ongoing(focus: Mapping[str, str]) -> str:
    """The topic the previous reply was on ("" when it came from no topic)."""
    return focus.get(BEFORE_KEY, "")


def _part_of_day(now: time.struct_time) -> str:
    hour = now.tm_hour
    if hour < 5 or hour >= 22:
        return "night"
    return "morning" if hour < 12 else "afternoon" if hour < 18 else "evening"


def say(
    turn: SkillInput,
    topic: Topic,
    scores: list[float] | None = None,
    text: str = "",
) -> str:
    """The topic's reply closest to the line (``scores``), not said recently, placeholders filled.

    With the line's ``text``, the replies in its tense and with its own words come first
    (:func:`~game.mind.reply_fit.narrow`), unless a reply says it answers the line (``ANSWERED``).
    Maybe followed by the topic's question back.
    Without scores any fresh reply may be said.
    """
    focus = turn.context.focus
    said = [s for s in focus.get(SAID_KEY, "").split("|") if s]
    user = turn.memory.user_name if turn.memory is not None else ""
    everything = list(range(len(topic.say)))
    options = [i for i in everything if user or "{user}" not in topic.say[i]] or everything
    fresh = [i for i in options if f"{topic.name}:{i}" not in said] or options
    answered = [i for i in fresh if scores is not None and scores[i] >= ANSWERED]
    if text and not answered:
        fresh = [fresh[k] for k in narrow(text, [topic.say[i] for i in fresh], topic.name)]
    if scores is not None:
        top = max(scores[i] for i in fresh)
        fresh = [i for i in fresh if scores[i] >= top - CLOSE]
    pick = turn.rng.choice(fresh)
    _mark_said(focus, topic, pick)
    values = _values(turn)
    text = topic.say[pick].format(**values)
    if topic.follow and "?" not in text and turn.rng.random() < 0.5:
        text = f"{text} {turn.rng.choice(topic.follow).format(**values)}"
    return text


def say_this(turn: SkillInput, topic: Topic, index: int) -> str:
    """The topic's reply ``index``, chosen by the caller, marked said as :func:`say` marks one."""
    _mark_said(turn.context.focus, topic, index)
    return topic.say[index].format(**_values(turn))


def said_lately(focus: Mapping[str, str], topic: Topic, index: int) -> bool:
    """Whether reply ``index`` of ``topic`` is among the last :data:`RECENT` said (not to say it again)."""
    return f"{topic.name}:{index}" in focus.get(SAID_KEY, "").split("|")


def _mark_said(focus: MutableMapping[str, str], topic: Topic, index: int) -> None:
    """Remember reply ``index`` of ``topic`` as said last, so it is not said again soon."""
    said = [s for s in focus.get(SAID_KEY, "").split("|") if s]
    focus[SAID_KEY] = "|".join([*said, f"{topic.name}:{index}"][-RECENT:])
    focus[ON_KEY] = topic.name


def follow_on(turn: SkillInput, topic: Topic, asked_for_more: bool = False) -> str:
    """What the NPC adds to its last reply of ``topic`` when it is followed up ("" when nothing).

    Only the reply said last counts, and its ``more`` is said once: a second "why?" gets
    another reply of the topic, not the same words again. A line asking for a kind of answer
    (how long, how many, when, who) gets the ``more`` only when it gives one, and a line naming
    a thing of its own ("does it have a garden?") asks something new, not more, unless it is
    a request for more (``asked_for_more``: "can you give me an example?").
    """
    focus = turn.context.focus
    last = last_said(focus)
    if last is None or last[0] != topic.name or not topic.more_after(last[1]):
        return ""
    index = last[1]
    more = topic.more_after(index)
    if not more_answers(turn.text, topic.say[index], more, asked_for_more):
        return ""
    said = [s for s in focus.get(SAID_KEY, "").split("|") if s]
    focus[SAID_KEY] = "|".join([*said, f"{topic.name}:{index}+"][-RECENT:])
    focus[ON_KEY] = topic.name
    return more.format(**_values(turn))


def more_answers(text: str, said: str, more: str, asked_for_more: bool = False) -> bool:
    """Whether ``more``, what goes on from the line ``said``, answers the follow-up ``text``.

    Not when the follow-up asks a kind of answer the ``more`` does not give ("how long does it
    take?" wants a length), nor when it names a thing of its own ("does it have a garden?" asks
    after something new), unless it only asks for more ("can you give me an example?"). A topic
    line's ``more`` and a fact's are weighed alike.
    """
    kind = asked_kind(text)
    if kind and not gives_kind(more, kind):
        return False
    return asked_for_more or not content_stems(text, ("noun",)) - content_stems(f"{said} {more}")


def last_said(focus: Mapping[str, str]) -> tuple[str, int] | None:
    """The topic and index of the NPC's last topic reply, unless its ``more`` followed it already."""
    last = last_entry(focus)
    return (last[0], last[1]) if last is not None and not last[2] else None


def last_entry(focus: Mapping[str, str]) -> tuple[str, int, bool] | None:
    """The topic and index of the NPC's last topic reply, and whether its ``more`` followed it."""
    said = [s for s in focus.get(SAID_KEY, "").split("|") if s]
    name, _, index = said[-1].partition(":") if said else ("", "", "")
    return (name, int(index.rstrip("+")), index.endswith("+")) if index.rstrip("+").isdigit() else None


def has_follow_on(focus: Mapping[str, str], topics: Sequence[Topic]) -> bool:
    """Whether the NPC's last reply came from a topic line with a ``more`` still unsaid.

    Asked before the turn begins (:data:`ONE_TURN`), while the last reply's topic is still the
    one just said.
    """
    last = last_said(focus)
    topic = next((t for t in topics if last is not None and t.name == last[0]), None)
    return (
        topic is not None
        and last is not None
        and focus.get(ON_KEY) == last[0]
        and bool(topic.more_after(last[1]))
    )


def _values(turn: SkillInput) -> dict[str, str]:
    """The placeholders a topic line may use, filled for this turn."""
    now = turn.context.now
    user = turn.memory.user_name if turn.memory is not None else ""
    return {
        "name": turn.persona.name,
        "user": user or "friend",
        "part_of_day": _part_of_day(now),
        "weekday": time.strftime("%A", now),
    }
