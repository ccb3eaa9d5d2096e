"""Skills about talk: greetings, the persona's tastes, memory of the user.

Memories come from the NPC's memory store and every other reply from the persona's own
lines, so the character stays in character. Open talk (facts, authored topics, small
talk, the ask-back fallback) is answered by layers in :mod:`game.mind.open_talk`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from game.mind import ask_back, gifts, reactions, recall, seeming
from game.mind.everyday import room_opinion
from game.mind.memory import could_not_save
from game.mind.offers import accept
from game.mind.protocols import Action
from game.mind.skill_io import Answer, SkillInput
from game.mind.topics import TopicIndex
from game.mind.user_facts import extract_user_facts

_NEGATIVE = re.compile(
    r"\b(hate|dislike|don't like|do not like|can't stand|cannot stand|annoy\w*|bother\w*|irritate\w*)\b"
)


def _wave(turn: SkillInput) -> tuple[Action, ...]:
    return (Action.make("wave"),) if turn.persona.allows("wave") else ()


def greet(turn: SkillInput) -> Answer:
    """Hello, or "welcome back, Sam" when the NPC remembers the user from an earlier visit.

    Either way, news the user told on an earlier visit is asked about ("How is the painting going?").
    """
    answer = _hello(turn)
    note = recall.on_greeting(turn)
    if note is not None:
        answer.text = f"{answer.text} {note.ask}"
        answer.evidence.append(f"memory: {note.kind} '{note.topic}' from an earlier visit")
    return answer


_AGAIN = re.compile(r"\b(?:see|seeing|meet|meeting) you again\b|\byou(?:'re| are) back\b|\bhello again\b")


def _hello(turn: SkillInput) -> Answer:
    memory = turn.memory
    if (
        memory is not None
        and memory.user_name
        and memory.sessions > 1
        and not turn.context.focus.get("greeted")
    ):
        turn.context.focus["greeted"] = "1"
        return Answer(
            turn.line("welcome_back", user=memory.user_name),
            _wave(turn),
            "happy",
            [f"memory: user name {memory.user_name}, visit {memory.sessions}"],
        )
    turn.context.focus["greeted"] = "1"
    if _AGAIN.search(turn.text.lower()):  # "nice to see you again": "you too", not a first hello
        return Answer(
            turn.line("greet_again"), _wave(turn), "happy", ["a greeting said as to someone met before"]
        )
    return Answer(turn.line("greet"), _wave(turn), "happy")


def farewell(turn: SkillInput) -> Answer:
    """Goodbye, with the user's name when known."""
    text = turn.line("farewell")
    if turn.memory is not None and turn.memory.user_name:
        text = f"{text} Bye, {turn.memory.user_name}."
    return Answer(text, _wave(turn), "happy")


def simple(kind: str, emotion: str = "neutral", action: str = "") -> Callable[[SkillInput], Answer]:
    """Make a skill that says a persona line of ``kind`` (and maybe nods)."""

    def skill(turn: SkillInput) -> Answer:
        actions = (Action.make(action),) if action and turn.persona.allows(action) else ()
        return Answer(turn.line(kind), actions, emotion)

    skill.__doc__ = f"Say a '{kind}' line."
    return skill


def identity(turn: SkillInput) -> Answer:
    """Who the NPC is: its identity line, plus its backstory when asked to tell about itself."""
    text = turn.line("identity")
    if re.search(r"\b(about yourself|about you)\b", turn.text.lower()) and turn.persona.backstory:
        text = f"{text} {turn.persona.backstory.split('. ')[0].rstrip('.')}."
    return Answer(text, evidence=[f"persona: {turn.persona.name}, {turn.persona.role}"])


def are_you_human(turn: SkillInput) -> Answer:
    """Never claim to be human when sincerely asked."""
    return Answer(turn.line("not_human"), evidence=["policy: honest about being a program"])


_FILLER = frozenset({"the", "a", "an", "of", "my", "your", "that", "this", "some", "in", "and"})


def _likes_words(text: str) -> bool:
    return bool(re.search(r"\b(like|love|enjoy|hate|into|fancy|stand)\b", text.lower()))


def _overlaps(topic: str, things: tuple[str, ...]) -> str:
    words = set(re.findall(r"[a-z]+", topic.lower())) - _FILLER  # "the lamp" is not "the cello"
    return next((t for t in things if words & set(re.findall(r"[a-z]+", t.lower()))), "")


def knows_taste(turn: SkillInput) -> bool:
    """Whether the persona's likes, dislikes or the room answer "do you like X?" (X named)."""
    topic = turn.slots.topic
    if not topic:
        return False
    persona = turn.persona
    return bool(_overlaps(topic, persona.likes) or _overlaps(topic, persona.dislikes)) or (
        room_opinion(turn, topic) is not None
    )


REASON_MIN = 0.45
"""A reply of the persona's own naming the liked thing says why from this similarity to the line up."""


def _why(turn: SkillInput, topics: TopicIndex | None, thing: str) -> str:
    """The persona's own reply naming ``thing`` ("" when none is near the line): the reason for a taste.

    "Do you like the rain?" answered "Yes, I love rain." alone is true and tells nothing; Cleo's
    weather talk says what rain is to her.
    """
    nouns = [w for w in re.findall(r"[a-z]+", thing.lower()) if w not in _FILLER]
    found = topics.reply_naming(nouns[-1], turn.vector) if topics is not None and nouns else None
    if found is None or found.score < REASON_MIN or found.matched.lower().startswith(nouns[-1]):
        return ""  # "Noise. Sudden noise." answers "what are you afraid of?", and repeats the taste
    if "?" in found.matched:
        return ""  # "I walk. Does walking count?" answers another question
    return f" {found.matched}"


def likes(turn: SkillInput, topics: TopicIndex | None = None) -> Answer:
    """Likes and dislikes: "do you like rain?" → yes/no from the persona; "what do you like?" → a list."""
    persona = turn.persona
    topic = turn.slots.topic
    if topic:
        words = set(re.findall(r"[a-z]+", topic.lower())) - _FILLER  # "the lamp" is not "the cello"
        for thing in persona.likes:
            if words & set(re.findall(r"[a-z]+", thing.lower())):
                return Answer(
                    f"Yes, I love {thing}.{_why(turn, topics, thing)}",
                    (Action.make("nod"),),
                    "happy",
                    [f"persona likes {thing}"],
                )
        for thing in persona.dislikes:
            if words & set(re.findall(r"[a-z]+", thing.lower())):
                return Answer(
                    f"No, I can't stand {thing}.{_why(turn, topics, thing)}",
                    (Action.make("shake_head"),),
                    "sad",
                    [f"persona dislikes {thing}"],
                )
        in_room = room_opinion(turn, topic)
        if in_room is not None:
            return in_room
        return Answer(
            f"{topic.capitalize()}? I've never really thought about it.", evidence=["topic not in likes"]
        )
    if _NEGATIVE.search(turn.text.lower()) or re.search(r"\bcan't you\b|\bnot like\b", turn.text.lower()):
        listed = (
            ", ".join(persona.dislikes[:-1]) + f" and {persona.dislikes[-1]}"
            if len(persona.dislikes) > 1
            else ""
        )
        text = f"I can't stand {listed or (persona.dislikes[0] if persona.dislikes else 'much, really')}."
        return Answer(text, evidence=["persona dislikes: " + ", ".join(persona.dislikes)])
    listed = ", ".join(persona.likes[:-1]) + f" and {persona.likes[-1]}" if len(persona.likes) > 1 else ""
    text = f"I like {listed or (persona.likes[0] if persona.likes else 'a quiet room')}."
    return Answer(text, emotion="happy", evidence=["persona likes: " + ", ".join(persona.likes)])


def promise(turn: SkillInput) -> str:
    """The persona's "I'll remember", unless the memory is known to be unwritable: then say so.

    (A write that fails only after this reply is caught by the session, which
    withdraws the promise; see :meth:`game.mind.session.MindSession.finish`.)
    """
    memory = turn.memory
    if memory is not None and memory.save_error:
        return could_not_save(memory.save_error)
    return turn.line("remember")


def tell_fact(turn: SkillInput) -> Answer:
    """Remember what the user tells about themself."""
    facts = extract_user_facts(turn.text)
    memory = turn.memory
    changed = memory.learn(facts) if memory is not None else []
    unsaved = f" {could_not_save(memory.save_error)}" if memory is not None and memory.save_error else ""
    if "name" in facts:
        return Answer(
            f"Nice to meet you, {facts['name']}. {promise(turn)}",
            (Action.make("nod"),),
            "happy",
            [f"memory: learned {', '.join(changed) or 'nothing new'}"],
        )
    if facts.get("likes"):
        thing = facts["likes"][0]
        shared = any(thing in like.lower() or like.lower() in thing for like in turn.persona.likes)
        agreeing = re.search(r"\b(too|as well)\W*$", turn.text.lower())  # "I like jazz too": it is agreed
        if shared and agreeing:
            liked = re.sub(r"\s+(too|as well)$", "", thing)
            text = f"{liked.capitalize()} too? Then we'll get on, you and I.{unsaved}"
        elif shared:
            text = f"Me too, I love {thing}!{unsaved}"
        else:
            text = f"{thing.capitalize()}, good to know. {promise(turn)}"
        return Answer(
            text, (Action.make("nod"),), "happy", [f"memory: learned {', '.join(changed) or 'nothing new'}"]
        )
    if facts.get("dislikes"):
        nerves = ask_back.more_news(turn)
        if nerves is not None:  # "I hate public speaking" right after "I've been asked to give a speech"
            return nerves
        thing = facts["dislikes"][0]
        return Answer(
            f"Not a fan of {thing}, then. {promise(turn)}",
            (Action.make("nod"),),
            evidence=[f"memory: learned {', '.join(changed) or 'nothing new'}"],
        )
    return Answer(promise(turn), (Action.make("nod"),))


def ask_memory(turn: SkillInput) -> Answer:
    """Tell what the NPC remembers about the user."""
    memory = turn.memory
    low = turn.text.lower()
    name = memory.user_name if memory else ""
    evidence = [f"memory: name={name or '?'}, likes={', '.join(memory.likes) if memory else ''}"]
    if re.search(r"\b(like|love|enjoy|into|music|food|favourite|favorite)\b", low):
        if memory and memory.likes:
            return Answer(f"You told me you like {', '.join(memory.likes[-3:])}.", evidence=evidence)
        return Answer("You haven't told me what you like yet.", evidence=evidence)
    named = recall.mentioned(turn)
    if named:  # "do you remember my sister?"
        return recall.remind(turn, named[0])
    if re.search(r"\bname\b|\bwho am i\b", low):
        if name:
            return Answer(f"You're {name}, of course.", (Action.make("nod"),), "happy", evidence)
        return Answer("You haven't told me your name yet. What is it?", evidence=evidence)
    met = bool(memory and (memory.sessions > 1 or memory.user_name or len(memory.turns) > 1))
    told = [n.about for n in reversed(memory.notes[-2:])] if memory else []
    news = f" You told me {' and '.join(told)}." if told else ""
    if (
        not told
        and not name
        and re.search(r"\bwhat (?:did|have) i (?:tell|told|say|said)\b|\bknow about me\b", low)
    ):
        return Answer(
            "You haven't told me anything about yourself yet. I'd like to hear it.", evidence=evidence
        )
    if met or told:
        return Answer(
            f"Of course I remember you{', ' + name if name else ''}!{news}",
            (Action.make("nod"),),
            "happy",
            evidence,
        )
    return Answer("I don't think we've met before. I'm " + turn.persona.name + ".", evidence=evidence)


SIMPLE: dict[str, Callable[[SkillInput], Answer]] = {
    "greet": greet,
    "farewell": farewell,
    "thanks": simple("thanks", "happy", "nod"),
    "wellbeing": simple("wellbeing", "happy"),
    "identity": identity,
    "room_origin": simple("made_room"),
    "are_you_human": are_you_human,
    "tell_fact": tell_fact,
    "ask_memory": ask_memory,
    "compliment": simple("compliment", "happy"),
    "seems": seeming.answer,
    "hungry": simple("hungry", "happy"),
    "gift": gifts.answer,
    "reaction": reactions.answer,
    "insult": simple("insult", "sad", "shake_head"),
    "likes_question": likes,
    "offer": accept,
}
