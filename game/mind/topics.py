"""Retrieval of a persona's authored topics (``[topics.*]``) and their replies by meaning.

The user-side phrasings of every topic are embedded once per persona content (as
:class:`~game.mind.retrieval.FactIndex` does for facts), so a turn costs one matrix
product. A topic's score is mostly its closest phrasing, with a little of the second
closest, so one odd phrasing cannot win alone. A topic about a person (``about``) only
counts when the line names them: "what do you think of Bo?" must not get the Cleo topic.

The replies are embedded too. Within a topic the reply closest to the line is said ("have
you been abroad?" gets the ports, not the trip still to come), so a topic's replies can
answer different questions; and a line no phrasing is close to can still find the one
reply that plainly answers it ("did you ever have a ship's cat?"). A reply may name the
questions it answers (its own ``ask``): the line that is one of them finds it. Saying the
chosen reply is :mod:`game.mind.topic_replies`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from game.mind.embedder import DIM, Embedder, Matrix
from game.mind.extremes import extremes
from game.mind.persona import Persona
from game.mind.persona_topics import Topic
from game.mind.reply_fit import (
    answers_yes_or_no,
    content_stems,
    echo_heard,
    first_sentence,
    is_advice,
    set_aside,
)
from game.mind.room_words import ROOM_NOUNS
from game.mind.stems import stem

TOP_WEIGHT = 0.8
CLOSE_TOPICS = 0.05
"""Two topics this close by their phrasings are told apart by their replies: the one whose reply says
more of the line's own words answers ("what do you do when you can't sleep?": sleep, not hobbies)."""
TOLD_AS_A_FORM = frozenset({"jokes"})
"""A joke answers "tell me a joke about buildings" without saying "buildings" back, so a topic that
does say it does not take the line from it."""

ANSWERED = 0.8
"""A reply this near the line answers it as it stands: in practice the line is one of the questions
the reply says it answers (its own ``ask``), so the tense and shared-word narrowing is skipped."""


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


def _opening_nouns(reply: str) -> set[str]:
    opening = first_sentence(reply)
    return set() if "{" in reply or "?" in opening else content_stems(opening, ("noun",))


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
        answers = [(n, q) for n, (k, i) in enumerate(self.replies) for q in self._answers(k, i)]
        self._answer_owner = np.array([n for n, _ in answers], dtype=np.int64)
        self._answer_texts = [q for _, q in answers]
        self._answer_matrix: Matrix = (
            embedder.embed_many([q for _, q in answers]) if answers else np.zeros((0, DIM), np.float32)
        )
        self._first_reply = {k: n for n, (k, i) in reversed(list(enumerate(self.replies)))}
        self.reply_stems = [content_stems(self.topics[k].say[i]) for k, i in self.replies]
        self.topic_stems: dict[str, set[str]] = {topic.name: set() for topic in self.topics}
        """Every telling word of each topic's replies, by topic name."""
        for (k, _), stems in zip(self.replies, self.reply_stems, strict=True):
            self.topic_stems[self.topics[k].name] |= stems
        self.opening_nouns = [_opening_nouns(self.topics[k].say[i]) for k, i in self.replies]
        """The things each reply's first sentence names (none when it opens on a question or a blank)."""
        self.tips = [n for n, (k, i) in enumerate(self.replies) if is_advice(self.topics[k].say[i])]
        """The replies that tell the listener what to do (:func:`~game.mind.reply_fit.is_advice`)."""
        self.yes_or_no = [answers_yes_or_no(self.topics[k].say[i]) for k, i in self.replies]
        """Per reply: it answers a yes/no question ("More trees? Yes, …"), so it answers no statement."""
        own = [persona.role, persona.backstory, *persona.likes, *persona.dislikes]
        own += [f.value for f in persona.facts] + [f.answer for f in persona.facts]
        own += [line for topic in self.topics for line in topic.follow]
        self.life_stems: set[str] = set().union(content_stems(" ".join(own)), *self.reply_stems)
        """Every telling word the persona says of itself (what a "no, never" must not deny)."""

    def _answers(self, k: int, i: int) -> tuple[str, ...]:
        answers = self.topics[k].answers
        return answers[i] if i < len(answers) else ()

    def reply_sims(self, vector: Matrix) -> Matrix:
        """How close every reply is to the line, by its own words or by a question it answers.

        The question counts only when the line is that question (``ANSWERED``): a line merely near
        it may ask something else ("what's Lisbon like now?" is not "what was it like when you were
        little?").
        """
        sims = self.reply_matrix @ vector
        if len(self._answer_owner):
            asked = self._answer_matrix @ vector
            np.maximum.at(sims, self._answer_owner, np.where(asked >= ANSWERED, asked, -1.0))
        return sims

    def reply_scores(self, vector: Matrix, topic: Topic) -> list[float]:
        """How close each of the topic's replies is to the line (in the topic's order)."""
        k = self.topics.index(topic)
        first = self._first_reply.get(k, 0)
        return [float(x) for x in self.reply_sims(vector)[first : first + len(topic.say)]]

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

    def best_advice(self, vector: Matrix, text: str) -> TopicMatch | None:
        """The persona's piece of advice (a reply telling the listener what to do) nearest the line.

        A tip for one thing ("For your book club, …") is only for a line naming it (``echo_heard``).
        """
        fits = [
            n for n in self.tips if echo_heard(text, self.topics[self.replies[n][0]].say[self.replies[n][1]])
        ]
        return self._nearest(fits, vector)

    def _nearest(self, among: list[int], vector: Matrix) -> TopicMatch | None:
        """Of the replies numbered ``among``, the one nearest the line (None for none)."""
        if not among:
            return None
        sims = self.reply_sims(vector)[among]
        k, i = self.replies[among[int(np.argmax(sims))]]
        return TopicMatch(self.topics[k], float(np.max(sims)), self.topics[k].say[i])

    def best_reply(self, vector: Matrix, text: str) -> tuple[TopicMatch, int] | None:
        """The single reply closest to the line, over every topic the line may be about."""
        if not self.replies:
            return None
        sims = self.reply_sims(vector)
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
        heard = _names_in(text)
        answered = self._answered(vector, text, heard)
        if answered is not None:
            return answered
        sims = self.matrix @ vector
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

    def answered(self, vector: Matrix, text: str) -> TopicMatch | None:
        """The topic of a reply that says it answers the line (its own ``ask``, ``ANSWERED``), or None."""
        return self._answered(vector, text, _names_in(text)) if self.texts else None

    def said_to_answer(self, match: TopicMatch) -> bool:
        """Whether ``match`` is a reply's own ``ask`` that the line is (``ANSWERED``): no rule moves it."""
        return match.score >= ANSWERED and match.matched in self._answer_texts

    def _answered(self, vector: Matrix, text: str, heard: set[str]) -> TopicMatch | None:
        """The topic of the reply that says it answers the line (``ANSWERED``), or None."""
        if not len(self._answer_owner):
            return None
        asked = self._answer_matrix @ vector
        line_ends = extremes(text)
        for a in np.argsort(asked)[::-1]:
            if asked[a] < ANSWERED:
                return None
            topic = self.topics[self.replies[int(self._answer_owner[a])][0]]
            ends = extremes(self._answer_texts[int(a)])
            if ends and line_ends and not ends & line_ends:
                continue  # "the worst thing you ever cooked" is not "the fanciest thing you've cooked"
            if _counts_for(topic, text, heard):
                return TopicMatch(topic, float(asked[a]), self._answer_texts[int(a)])
        return None

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
