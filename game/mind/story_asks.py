"""Questions about the story the NPC just told: how old it was then, "the X" it named, and its name.

After Bo's "First time abroad was Rotterdam at sixteen, mate…", people ask "how old were you?"
or "what was the stall like?". Matched alone, the first lands on the persona's age fact ("Sixty-one
and still fit as a fiddle"), which answers the question about now, not the story; the second,
which names a thing of the story, lands on whatever topic its words resemble, or on a dodge.
Here such a line stays with the story just told (the NPC's last topic line, or the fact it told):

- **how old it was then** ("how old were you?", "what age were you at the time?"): the line's
  ``more`` when that says an age; else the age the story itself says, in the persona's
  ``age_then`` line ("I was {age}, mate…"); else a topic line's ``more``; else its ``long_ago`` line
  (a fact's ``more`` tells of now: "Bacon rolls, soup and fish pie on Fridays…"). Never
  the age fact: a past "were" asks about the time of the story;
- **"the X" of the story** (a short wh-question saying "the", "that" or "which" before a noun of
  the last reply, and near no other topic on its own: "what was the exam?", "which chip shop?"): a fact
  that plainly answers it and names X ("what was the ship called?"), else the line's ``more``
  (when it gives the kind of answer asked: a name for "what was the café called?"), else another
  of the persona's own replies naming X, else the question asked back about X. A question merely
  sharing a noun with the last reply is not enough (an earlier try that kept the topic on any
  shared noun did worse), nor a yes/no one ("do you miss the sea?" asks afresh).
- **its name** ("what's its name?", "what was he called?"): the name the story gives ("a canary
  called Amália"), in the persona's ``its_name`` line, else the line's ``more`` when that gives one.
  Alone, "what's its name?" reads near "what's my name?" and got "You haven't told me your name".

Without a story just told (the NPC's last reply came from no topic or fact) the line is read
as before: "how old are you?" is the age fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.mind import thread, topic_replies
from game.mind.answer_kind import asked_kind, gives_kind
from game.mind.ask_back import ask_back
from game.mind.persona import Fact
from game.mind.persona_topics import Topic
from game.mind.reply_fit import content_stems
from game.mind.retrieval import Match
from game.mind.skill_io import Answer, SkillInput
from game.mind.topics import TopicIndex, TopicMatch

_LEAD = r"^(?:and |so |but |oh |ok |well )?"
_AGE_THEN = re.compile(
    _LEAD + r"(?:how old|what age|how young) were you(?: (?:then|back then|at the time|at that time|"
    r"when (?:that|this|it) (?:was|happened)|when you did (?:that|it)))?(?: then)?\s*[?!.]*$"
)
_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_AGE_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:" + "|".join(_UNITS) + r"))?"
    r"|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|\d{1,2})"
)
_AGE_SAID = re.compile(
    rf"\b(?:at|aged|age|i was|when i was|since i was|began at|started at) (?P<age>{_AGE_WORD})\b"
    r"(?!\s*(?:o'clock|am|pm|a\.m|p\.m|sharp|in the|on the|every|each|past|quid|pence|pounds|per|percent"
    r"|minutes?|hours?|days?|weeks?|months?|years? (?!old)|of us|men|people)\b)"
)
"""An age a story tells ("Rotterdam at sixteen", "aged seven", "when I was nine"), not a time of day."""
THE_X_SHORT = 7
"""A question about "the X" of the last reply goes on with it only when at most this many words long."""
_ASKS_WHICH = re.compile(_LEAD + r"(?:what|which|who|whose|where|when|how)\b.*\?\s*$")
"""A question word and a question mark: "do you miss the sea?" asks afresh, "which exam?" after it."""
_THE_X = re.compile(r"\b(?:the|that|which|this)\s+([^\W\d_][\w'-]*)(?:\s+([^\W\d_][\w'-]*))?")
_YOU_DO = re.compile(r"\b(?:do|does|did|would|will|can|could|should|have|had)\s+you\b")
"""A question of what the NPC does with X ("what do you play on the cello?") asks something new of
X, not which X was meant or what it was."""
_ASKS_NAME = re.compile(r"\b(?:called|named|name|names)\b")
""""What was the café called?" wants a name: a ``more`` that says none does not answer it."""
_ITS_NAME = re.compile(
    _LEAD + r"(?:what(?:'s| is| was) (?:its|his|her|their) names?"
    r"|what(?:'s| is| was| were) (?:it|he|she|they) called|what did (?:you|they) call (?:it|him|her|them))"
    r"(?: again| then)?\s*[?!.]*$"
)
_NAME_GIVEN = re.compile(
    r"\b(?:called|named|name is|name was)\s+(?P<name>[A-ZÀ-Þ][\w'-]*(?:\s+[A-ZÀ-Þ][\w'-]*)?)"
)
"""A name a story gives ("a canary called Amália", "a tortoise named Brunel")."""
FACT_PLAIN = 0.72
"""A fact naming the asked thing answers "the X" from this similarity up ("what was the ship called?")."""
NAMING_MIN = 0.40
"""Another reply naming the asked thing answers it from this similarity to the line up."""


@dataclass(frozen=True)
class Told:
    """What the NPC said last (a topic line, that line's ``more``, or a fact) and its unsaid ``more``."""

    text: str
    more: str
    topic: Topic | None = None
    fact: Fact | None = None


def last_told(turn: SkillInput, topics: TopicIndex) -> Told | None:
    """The story the NPC's last reply told, when it came from a topic line or a fact; else None."""
    focus = turn.context.focus
    name = topic_replies.ongoing(focus)
    last = topic_replies.last_entry(focus)
    topic = next((t for t in topics.topics if t.name == name), None) if name else None
    if topic is not None and last is not None and last[0] == name and last[1] < len(topic.say):
        _, i, more_told = last
        if more_told:  # its more was the last thing said: nothing more to add
            return Told(topic.more_after(i), "", topic)
        return Told(topic.say[i], topic.more_after(i), topic)
    fact = turn.persona.fact(focus.get(thread.FACT_BEFORE, ""))
    return Told(fact.answer, fact.more, fact=fact) if fact is not None else None


def asks_age_then(text: str) -> bool:
    """Whether the line asks how old the NPC was ("how old were you then?"), not how old it is."""
    return bool(_AGE_THEN.match(" ".join(text.lower().replace(",", " ").split())))


def age_said(text: str) -> str:
    """The first age a text tells ("Rotterdam at sixteen" → "sixteen"; "" when none)."""
    found = _AGE_SAID.search(text.lower().replace("\u2019", "'"))
    return found.group("age") if found is not None else ""


def asks_its_name(text: str) -> bool:
    """Whether the line asks the name of someone or something just told of ("what's its name?")."""
    return bool(_ITS_NAME.match(" ".join(text.lower().replace(",", " ").split())))


def name_given(text: str) -> str:
    """The first name a text gives to something ("a canary called Amália" → "Amália"; "" when none)."""
    found = _NAME_GIVEN.search(text.replace("\u2019", "'"))
    return found.group("name").removesuffix("'s") if found is not None else ""


def the_thing_asked(text: str, told: str) -> tuple[str, str]:
    """The noun of ``told`` a short question names with "the", "that" or "which", and its stem.

    "which exam?" after "…to study for an exam" names "exam"; "what was that like?" names nothing
    (("", "") when none).
    """
    if len(text.split()) > THE_X_SHORT or not _ASKS_WHICH.match(text.lower()) or _YOU_DO.search(text.lower()):
        return "", ""
    nouns = content_stems(told, ("noun",)) & content_stems(text, ("noun",))
    for found in _THE_X.finditer(text.lower()):
        words = [w for w in found.groups() if w]
        named = [(k, s) for k, w in enumerate(words) for s in content_stems(w) if s in nouns]
        if named:
            k, key = named[-1]
            return " ".join(words[: k + 1]), key
    return "", ""


def answer(
    turn: SkillInput, topics: TopicIndex, fact: Match | None, nearest: TopicMatch | None
) -> Answer | None:
    """The reply that stays with the story just told, for a line that asks after it; else None.

    ``nearest`` is the line's own nearest topic: another topic than the story's from
    :data:`~game.mind.thread.CHANGED` up has changed the subject.
    """
    told = last_told(turn, topics)
    if told is None:
        return None
    if asks_age_then(turn.text) and (told.fact is None or told.fact.key != "age"):
        return _age_then(turn, told)
    if asks_its_name(turn.text):
        return _its_name(turn, told)
    if nearest is not None and nearest.topic is not told.topic and nearest.score >= thread.CHANGED:
        return None
    thing, key = the_thing_asked(turn.text, told.text)
    return _the_thing(turn, topics, told, (thing, key), fact) if thing else None


def _more(turn: SkillInput, told: Told, why: str) -> Answer:
    """The ``more`` of the line just told, said once (a topic line's is marked said)."""
    if told.topic is not None:
        text = topic_replies.follow_on(turn, told.topic, asked_for_more=True) or told.more
        return Answer(text, evidence=[f"{why}: goes on with its last reply of {told.topic.name} (its more)"],
                      layer="topic")  # fmt: skip
    key = told.fact.key if told.fact is not None else ""
    return Answer(
        told.more, evidence=[f"{why}: goes on with its fact {key} (its more)"], layer="persona_fact"
    )


def _age_then(turn: SkillInput, told: Told) -> Answer:
    """How old the NPC was in the story: its more, the age it says, or "long ago"; never its age now."""
    why = "asks how old it was in the story just told, not its age now"
    if told.more and age_said(told.more):
        return _more(turn, told, why)
    age = age_said(told.text)
    if age:
        return Answer(
            turn.line("age_then", age=age), evidence=[f"{why}: the story says {age}"], layer="topic"
        )
    if told.more and told.topic is not None:  # a fact's more tells of now ("Bacon rolls, soup…")
        return _more(turn, told, why)
    return Answer(turn.line("long_ago"), evidence=[f"{why}: the story says no age"], layer="topic")


def _its_name(turn: SkillInput, told: Told) -> Answer | None:
    """The name the story just told gives, or its ``more`` when that gives one; else None (asked afresh)."""
    why = "asks the name of what it just told"
    name = name_given(told.text)
    if name:
        said = turn.line("its_name", called=name)
        return Answer(said, evidence=[f"{why}: the story says {name}"], layer="topic")
    if told.more and name_given(told.more):
        return _more(turn, told, why)
    return None


def _the_thing(
    turn: SkillInput, topics: TopicIndex, told: Told, asked: tuple[str, str], fact: Match | None
) -> Answer:
    """An answer about "the X" the NPC just named (``asked``: X and its stem), staying on it."""
    thing, last = asked
    why = f"asks after '{thing}' of what it just told"
    known = turn.persona.fact(fact.category) if fact is not None else None
    if (
        fact is not None
        and known is not None
        and fact.score >= FACT_PLAIN
        and last in content_stems(fact.answer)
    ):
        thread.fact_said(turn.context.focus, fact.category)
        return Answer(fact.answer, evidence=[f"{why}: its fact {fact.category} names it ({fact.score:.2f})"],
                      layer="persona_fact")  # fmt: skip
    kind = "who" if _ASKS_NAME.search(turn.text.lower()) else asked_kind(turn.text)  # a name, like a "who"
    if told.more and (not kind or gives_kind(told.more, kind)):
        return _more(turn, told, why)
    naming = _reply_naming(turn, topics, last, told.text, kind)
    if naming is not None:
        topic, index, score = naming
        text = topic_replies.say_this(turn, topic, index)
        return Answer(
            text, evidence=[f"{why}: a reply of {topic.name} names it ({score:.2f})"], layer="topic"
        )
    back = ask_back(turn)
    back.evidence.insert(0, f"{why}: nothing more told of it")
    back.layer = "fallback"
    return back


def _reply_naming(
    turn: SkillInput, topics: TopicIndex, word: str, told: str, kind: str
) -> tuple[Topic, int, float] | None:
    """Of the persona's replies naming ``word`` (and giving the ``kind`` asked, if any), the nearest.

    Not the one just told, nor one said lately.
    """
    said = set(turn.context.focus.get(topic_replies.SAID_KEY, "").split("|"))
    best: tuple[Topic, int, float] | None = None
    sims = topics.reply_sims(turn.vector)
    for n, (k, i) in enumerate(topics.replies):
        topic = topics.topics[k]
        spoken = topic.say[i] == told or f"{topic.name}:{i}" in said or "{user}" in topic.say[i]
        if word not in topics.reply_stems[n] or spoken or (kind and not gives_kind(topic.say[i], kind)):
            continue
        score = float(sims[n])
        if score >= NAMING_MIN and (best is None or score > best[2]):
            best = (topic, i, score)
    return best
