"""Open talk: a line that is not a command, a room question or a skill's, answered by layers.

The first confident layer answers, in this order, and :class:`~game.mind.protocols.Reply`
says which one (``layer``) and why (``evidence``):

1. ``persona_fact``: the persona's own fact, only when the fact match is strong; a
   favourite-colour question must not get the favourite drink because both are favourites.
2. ``topic``: the persona's authored topics (:mod:`game.mind.topics`), in its own voice.
3. ``corpus``: the small-talk corpus, only on the persona's corpus topics and only when the
   prompt matched closely (its replies are generic, so they come after the authored ones).
4. ``fallback``: ask back about the user's own words (:mod:`game.mind.ask_back`).

Thresholds come from the development table in ``tests/mind/test_open_talk.py`` (lines
written for that table, never an evaluation set): see docs/mind.md, "Open talk".
"""

from __future__ import annotations

from game.mind import topics as topic_replies
from game.mind.ask_back import ask_back
from game.mind.retrieval import FactIndex, SmallTalk
from game.mind.skill_io import Answer, SkillInput
from game.mind.topics import TopicIndex, TopicMatch

FACT_ASKED = 0.62
"""A fact answers a line classified as a fact question from this similarity up."""
FACT_UNASKED = 0.72
"""A fact answers any other open line only from this similarity up (the old small-talk rule)."""
TOPIC_MIN = 0.55
"""An authored topic answers from this similarity up."""
TOPIC_OVER_FACT = 0.04
"""A topic beats a strong fact only by this much: "do you have a pet" is Ada's fact, not her pets topic."""
CORPUS_MIN = 0.70
"""The corpus answers from this prompt similarity up (it was 0.62: "Unhandled exceptions." from a cook)."""
SOFT_INTENTS = ("wellbeing", "identity", "compliment")
"""Skill intents an authored topic may take a line from, when it clearly fits the line better."""
SOFT_OVERRIDE = 0.06
"""A topic takes a line from a soft skill intent (wellbeing, likes, …) when it leads it by this much."""


def topic_answer(turn: SkillInput, match: TopicMatch) -> Answer:
    """Say one of the topic's replies."""
    return Answer(
        topic_replies.say(turn, match.topic),
        emotion="happy" if match.topic.name in ("dreams", "food", "music", "hobbies") else "neutral",
        evidence=[
            f"topic {match.topic.name} ({match.score:.2f}, '{match.matched}'; "
            f"2nd {match.runner_up} {match.runner_score:.2f})"
        ],
        layer="topic",
    )


def confident_topic(turn: SkillInput, topics: TopicIndex) -> TopicMatch | None:
    """The persona's topic for this line, when the match clears :data:`TOPIC_MIN`."""
    match = topics.best(turn.vector, turn.text)
    return match if match is not None and match.score >= TOPIC_MIN else None


def answer(
    turn: SkillInput, facts: FactIndex, topics: TopicIndex, small_talk: SmallTalk | None, asked_fact: bool
) -> Answer:
    """Answer an open line by the first confident layer (see the module docstring)."""
    fact = facts.best(turn.vector)
    topic = confident_topic(turn, topics)
    notes: list[str] = []
    if fact is not None:
        need = FACT_ASKED if asked_fact else FACT_UNASKED
        beaten = topic is not None and topic.score > fact.score + TOPIC_OVER_FACT
        if fact.score >= need and not beaten:
            persona_fact = turn.persona.fact(fact.category)
            value = persona_fact.value if persona_fact else ""
            return Answer(
                fact.answer,
                evidence=[f"persona fact {fact.category}={value} ({fact.score:.2f}, '{fact.matched}')"],
                layer="persona_fact",
            )
        why = "a topic matched better" if beaten else f"below {need:.2f}"
        notes.append(f"persona fact {fact.category} ({fact.score:.2f}) passed over: {why}")
    if topic is not None:
        found = topic_answer(turn, topic)
        found.evidence[:0] = notes
        return found
    match = small_talk.reply(turn.vector, turn.persona, turn.rng) if small_talk else None
    if match is not None and match.answer and match.score >= CORPUS_MIN:
        return Answer(
            match.answer,
            evidence=[*notes, f"corpus[{match.category}] '{match.matched}' ({match.score:.2f})"],
            layer="corpus",
        )
    if match is not None:
        notes.append(f"corpus[{match.category}] '{match.matched}' ({match.score:.2f}) passed over")
    fallback = ask_back(turn)
    fallback.evidence[:0] = notes
    fallback.layer = "fallback"
    return fallback
