"""Retrieval of a persona's authored topics (``[topics.*]``) by meaning, and saying one of its replies.

The user-side phrasings of every topic are embedded once per persona content (as
:class:`~game.mind.retrieval.FactIndex` does for facts), so a turn costs one matrix
product. A topic's score is mostly its closest phrasing, with a little of the second
closest, so one odd phrasing cannot win alone. A topic about a person (``about``) only
counts when the line names them: "what do you think of Bo?" must not get the Cleo topic.

The replies are embedded too. Within a topic the reply closest to the line is said ("have
you been abroad?" gets the ports, not the trip still to come), so a topic's replies can
answer different questions; and a line no phrasing is close to can still find the one
reply that plainly answers it ("did you ever have a ship's cat?"). Replies said recently
are skipped while others remain.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass

import numpy as np

from game.mind.answer_kind import asked_kind, gives_kind
from game.mind.embedder import DIM, Embedder, Matrix
from game.mind.persona import Persona
from game.mind.persona_topics import Topic
from game.mind.reply_fit import content_stems, first_sentence, is_advice, narrow, set_aside, stem
from game.mind.room_words import ROOM_NOUNS
from game.mind.skill_io import SkillInput

TOP_WEIGHT = 0.8
CLOSE_TOPICS = 0.05
"""Two topics this close by their phrasings are told apart by their replies: the one whose reply says
more of the line's own words answers ("what do you do when you can't sleep?": sleep, not hobbies)."""
TOLD_AS_A_FORM = frozenset({"jokes"})
"""A joke answers "tell me a joke about buildings" without saying "buildings" back, so a topic that
does say it does not take the line from it."""
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


@dataclass(frozen=True)
class TopicMatch:
    """The best topic for a line, its score, the phrasing that matched, and the runner-up (for F3)."""

    topic: Topic
    score: float
    matched: str
    runner_up: str = ""
    runner_score: float = 0.0

    @property
    def margin(self) -> float:
        """How far the winner is ahead of the next topic."""
        return self.score - self.runner_score


_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


ROOM_TOPIC = "room"
"""The topic about the room the characters are in: only for a line that names it or a kind of thing in it."""
_NAMES_THE_ROOM = re.compile(r"\b(?:room|place|here|lounge|furniture|decor|this|these|cosy|comfy)\b")


def _counts_for(topic: Topic, text: str, heard: set[str]) -> bool:
    """Whether ``topic`` may answer the line: one about a person or the room needs the line to name it.

    "What's your favourite pub?" is not "what's your favourite spot in here?".
    """
    if topic.name == ROOM_TOPIC and not (_NAMES_THE_ROOM.search(text.lower()) or heard & ROOM_NOUNS):
        return False
    return not topic.about or topic.about.lower() in heard


def _names_in(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


class TopicIndex:
    """A persona's topic phrasings, embedded once; :meth:`best` finds the topic a line is about."""

    def __init__(self, persona: Persona, embedder: Embedder) -> None:
        self.topics = persona.talk_topics
        self.embedder = embedder
        self.texts: list[str] = []
        owners: list[int] = []
        for k, topic in enumerate(self.topics):
            for phrase in topic.ask:
                self.texts.append(phrase)
                owners.append(k)
        index = np.array(owners, dtype=np.int64)
        self.members = [np.nonzero(index == k)[0] for k in range(len(self.topics))]
        self.matrix: Matrix = (
            embedder.embed_many(self.texts) if self.texts else np.zeros((0, DIM), np.float32)
        )
        self.replies = [(k, i) for k, topic in enumerate(self.topics) for i in range(len(topic.say))]
        plain = [_PLACEHOLDER.sub("", self.topics[k].say[i]) for k, i in self.replies]
        self.reply_matrix: Matrix = embedder.embed_many(plain) if plain else np.zeros((0, DIM), np.float32)
        self._first_reply = {k: n for n, (k, i) in reversed(list(enumerate(self.replies)))}
        self.reply_stems = [content_stems(self.topics[k].say[i]) for k, i in self.replies]
        self.topic_stems: dict[str, set[str]] = {topic.name: set() for topic in self.topics}
        """Every telling word of each topic's replies, by topic name."""
        for (k, _), stems in zip(self.replies, self.reply_stems, strict=True):
            self.topic_stems[self.topics[k].name] |= stems
        self.tips = [n for n, (k, i) in enumerate(self.replies) if is_advice(self.topics[k].say[i])]
        """The replies that tell the listener what to do (:func:`~game.mind.reply_fit.is_advice`)."""
        own = [persona.role, persona.backstory, *persona.likes, *persona.dislikes]
        own += [f.value for f in persona.facts] + [f.answer for f in persona.facts]
        own += [line for topic in self.topics for line in topic.follow]
        self.life_stems: set[str] = set().union(content_stems(" ".join(own)), *self.reply_stems)
        """Every telling word the persona says of itself (what a "no, never" must not deny)."""

    def reply_scores(self, vector: Matrix, topic: Topic) -> list[float]:
        """How close each of the topic's replies is to the line (in the topic's order)."""
        k = self.topics.index(topic)
        first = self._first_reply.get(k, 0)
        return [float(x) for x in self.reply_matrix[first : first + len(topic.say)] @ vector]

    def closest_said(self, words: str) -> float:
        """How near ``words`` come to anything the persona's topics say (0 when they say nothing)."""
        if not self.replies:
            return 0.0
        return float(np.max(self.reply_matrix @ self.embedder.embed(words)))

    def reply_naming(self, word: str, vector: Matrix, pattern: str = "") -> TopicMatch | None:
        """Of the replies that say ``word`` ("daughter"), the one nearest the line; None when none does.

        With ``pattern``, the reply must also match it as written ("first poem", which no stem keeps).
        """
        said = re.compile(pattern, re.IGNORECASE)
        return self._nearest(
            [
                n
                for n, (stems, (k, i)) in enumerate(zip(self.reply_stems, self.replies, strict=True))
                if stem(word) in stems and (not pattern or said.search(self.topics[k].say[i]))
            ],
            vector,
        )

    def first_line_naming(self, word: str, vector: Matrix, max_words: int) -> TopicMatch | None:
        """Of the replies whose first sentence says ``word`` plainly, the one nearest the line.

        Plainly: no question, at most ``max_words`` words ("I prefer the sea to the mountains",
        not "Move anywhere in the world? … by the sea").
        """
        among = []
        for n, (k, i) in enumerate(self.replies):
            first = first_sentence(self.topics[k].say[i])
            if "?" not in first and len(first.split()) <= max_words and stem(word) in content_stems(first):
                among.append(n)
        return self._nearest(among, vector)

    def best_advice(self, vector: Matrix) -> TopicMatch | None:
        """The persona's piece of advice (a reply telling the listener what to do) nearest the line."""
        return self._nearest(self.tips, vector)

    def _nearest(self, among: list[int], vector: Matrix) -> TopicMatch | None:
        """Of the replies numbered ``among``, the one nearest the line (None for none)."""
        if not among:
            return None
        sims = self.reply_matrix[among] @ vector
        k, i = self.replies[among[int(np.argmax(sims))]]
        return TopicMatch(self.topics[k], float(np.max(sims)), self.topics[k].say[i])

    def best_reply(self, vector: Matrix, text: str) -> tuple[TopicMatch, int] | None:
        """The single reply closest to the line, over every topic the line may be about."""
        if not self.replies:
            return None
        sims = self.reply_matrix @ vector
        heard = _names_in(text)
        aside = set_aside(text)
        for n in np.argsort(sims)[::-1]:
            k, i = self.replies[int(n)]
            topic = self.topics[k]
            if _counts_for(topic, text, heard) and not aside & self.reply_stems[int(n)]:
                return TopicMatch(topic, float(sims[n]), topic.say[i]), i
        return None

    def best(self, vector: Matrix, text: str) -> TopicMatch | None:
        """The topic whose phrasings are closest to the line (None when the persona has none)."""
        if not self.texts:
            return None
        sims = self.matrix @ vector
        heard = _names_in(text)
        scored = [
            self._scored(sims, k) for k, topic in enumerate(self.topics) if _counts_for(topic, text, heard)
        ]
        if not scored:
            return None
        scored.sort(reverse=True)
        told = self.topics[scored[0][1]].name in TOLD_AS_A_FORM
        if len(scored) > 1 and scored[0][0] - scored[1][0] < CLOSE_TOPICS and not told:
            said = content_stems(text)
            if self._most_said(scored[1][1], said) > self._most_said(scored[0][1], said):
                scored[0], scored[1] = scored[1], scored[0]
        score, k, i = scored[0]
        runner = scored[1] if len(scored) > 1 else (0.0, k, i)
        return TopicMatch(self.topics[k], score, self.texts[i], self.topics[runner[1]].name, runner[0])

    def _most_said(self, k: int, said: set[str]) -> int:
        """How many of the line's telling words the reply of topic ``k`` that says most of them says."""
        return max(
            (len(said & self.reply_stems[n]) for n, (t, _) in enumerate(self.replies) if t == k), default=0
        )

    def named(self, vector: Matrix, name: str) -> TopicMatch | None:
        """The topic called ``name``, scored against the line as :meth:`best` scores it (None: none)."""
        k = next((k for k, topic in enumerate(self.topics) if topic.name == name), None)
        if k is None or not len(self.members[k]):
            return None
        score, _, i = self._scored(self.matrix @ vector, k)
        return TopicMatch(self.topics[k], score, self.texts[i])

    def _scored(self, sims: Matrix, k: int) -> tuple[float, int, int]:
        """Topic ``k``'s score (mostly its closest phrasing, a little of the second), ``k``, that phrasing."""
        idx = self.members[k]
        local = sims[idx]
        order = np.argsort(local)[::-1]
        top = float(local[order[0]])
        second = float(local[order[1]]) if len(order) > 1 else top
        return TOP_WEIGHT * top + (1 - TOP_WEIGHT) * second, k, int(idx[order[0]])


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
    (:func:`~game.mind.reply_fit.narrow`). Maybe followed by the topic's question back.
    Without scores any fresh reply may be said.
    """
    focus = turn.context.focus
    said = [s for s in focus.get(SAID_KEY, "").split("|") if s]
    user = turn.memory.user_name if turn.memory is not None else ""
    everything = list(range(len(topic.say)))
    options = [i for i in everything if user or "{user}" not in topic.say[i]] or everything
    fresh = [i for i in options if f"{topic.name}:{i}" not in said] or options
    if text:
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
