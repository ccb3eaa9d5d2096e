"""The thing a question asks the character about, answered by the line of its own that names it.

"Can you still play the piano?", "what do you think of open-plan offices?", "what do you make of
takeaway coffee cups?": no topic's phrasings sit near such lines, so they were dodged ("Good
question. I haven't drawn up an answer yet."), though Ada has a line about the piano she played
as a girl and one about glass offices, and Bo one about fancy coffee. A question about a deed
("do/have/can you …", :func:`game.mind.untried.asked_deed`) or asking an opinion ("what do you
think of …", "how do you feel about …") names its thing; the persona's reply naming that thing,
its head noun first ("cups", then "coffee"), answers it.

Within a topic found by meaning the same holds: "tell me about your daughter" found Bo's
childhood ("I ran away to sea at sixteen") and "do you like gardening?" Ada's cooking, so a line
asking about one thing of the NPC's life gets the reply naming it when the topic never does
(:func:`named_rather`).
"""

from __future__ import annotations

import re

from game.mind import thread, topic_replies
from game.mind.extremes import superlatives
from game.mind.fact_fit import is_hypothetical
from game.mind.persona import Fact
from game.mind.reply_fit import content_stems, set_aside
from game.mind.skill_io import Answer, SkillInput
from game.mind.stems import stem
from game.mind.topics import TopicIndex, TopicMatch
from game.mind.untried import asked_deed, never_done

_OPINION = re.compile(
    r"\b(?:what do you (?:think|reckon|make) (?:of|about|to)|how do you feel about"
    r"|what's your (?:opinion|view|take) on|what are your thoughts on|are you (?:a fan of|into))"
    r"\s+(?P<thing>[a-z' -]+)"
)

_ABOUT_ONE = re.compile(
    r"\b(?:tell me (?:more |a bit |a little )?about|what(?:'s| is) (?=your [a-z]+ like\b)) ?(?:your|the) "
    r"(?P<thing>[a-z]+)\b"
    r"|\bwhat(?:'s| is) (?P<place>[a-z]+) like\b"
    r"|\b(?:do|did) you (?:still |ever |often )?(?:like|enjoy|love|miss|do any|go) (?:going to |to go to )?"
    r"(?:the |your |to )?"
    r"(?!(?:doing|being|going|having|getting|making|it|that|this|them|here|there)\b)(?P<liked>[a-z]+)\b"
)
"""A line asking about one thing of the NPC's life ("tell me about your daughter", "what's your
daughter like?", "what's Porto like?", "do you like gardening?", "do you still go fishing?", "do you
like going to the theatre?")."""


def asked_thing(text: str) -> tuple[str, list[str]]:
    """The thing a deed or opinion question names, and its nouns, head first ("", [] for none)."""
    deed = asked_deed(text)
    found = _OPINION.search(" ".join(text.lower().replace("\u2019", "'").split()))
    phrase = deed[2] if deed is not None else found["thing"].strip() if found is not None else ""
    words = re.findall(r"[a-z]+", phrase.lower())
    return phrase, [w for w in reversed(words) if content_stems(w, ("noun",))]


def named_by_a_reply(turn: SkillInput, topics: TopicIndex) -> tuple[str, TopicMatch] | None:
    """The thing asked about and the persona's reply naming it, or None when none does."""
    phrase, nouns = asked_thing(turn.text)
    aside = set_aside(turn.text)  # "anything apart from spirit levels?" is not about spirit levels
    for noun in (n for n in nouns if stem(n) not in aside):
        match = topics.reply_naming(noun, turn.vector)
        if match is not None:
            return phrase, match
    return None


def naming_answer(turn: SkillInput, match: TopicMatch, topics: TopicIndex) -> Answer:
    """Say the reply ``match`` found naming the asked thing, unless said lately (then the topic's best).

    "Do you ever make jam?" found Bo's birthday-cake line ("… with jam and too much cream") and then
    got "My daughter runs the café with me", the topic's best reply by meaning, which names no jam.
    """
    index = match.topic.say.index(match.matched) if match.matched in match.topic.say else -1
    if index < 0 or topic_replies.said_lately(turn.context.focus, match.topic, index):
        return topic_answer(turn, match, topics)
    return Answer(topic_replies.say_this(turn, match.topic, index), layer="topic")


IMAGINING = "what_if"
"""The stock topic of the persona's hypotheticals (docs/mind.md)."""
IMAGINED_MARGIN = 0.05
"""A hypothetical line takes the what-if topic when it scores this close to the nearest topic and one
of its replies is nearer the line than any of that topic's: "if you weren't a poet, what would you
be?" tied Cleo's poet's life (why she writes) with her what-ifs (the bookshop she would keep), and
only the what-if answers what the line imagines."""
IMAGINED_REPLY_MIN = 0.50
"""...and that what-if reply is this near the line ("what would you put there instead?", 0.42 from a
dinner guest, points back at Ada's design)."""

SUPERLATIVE_MIN = 0.40
"""How near the line a reply saying its superlative must be to answer it instead ("what's your
biggest wish?" is not answered by Bo's biggest fish, 0.22 from it; on the development half the
replies taken sat 0.46–0.58 from their lines)."""


_END_OF_SERIES = re.compile(r"\byour (?P<end>first|last) (?P<thing>[a-z]{3,})\b")
"""One end of a series asked after ("your first poem"): the reply telling that first poem answers."""


def named_rather(turn: SkillInput, match: TopicMatch, topics: TopicIndex) -> TopicMatch:
    """``match``, or the reply naming what the line asks about when ``match``'s topic never does.

    What it asks about is one thing of the NPC's life ("tell me about your daughter", "what's Porto
    like?"), a thing an opinion is asked on ("what do you reckon to vegetarian food?" is not asked
    after the favourite food), or an angle said in a superlative: "what's the hardest building you
    ever designed?" found Ada's favourite buildings, and her hardest house is told among her projects.
    An end of a series ("what was your first poem about?") is such an angle too, with its thing.
    """
    asked = _ABOUT_ONE.search(turn.text.lower())
    thing = (asked["thing"] or asked["liked"] or asked["place"]) if asked is not None else ""
    said = topics.topic_stems.get(match.topic.name, set())
    if content_stems(thing) and stem(thing) not in said:
        return topics.reply_naming(thing, turn.vector) or match
    end = _END_OF_SERIES.search(turn.text.lower())
    if end is not None:  # "what was your first poem about?"
        told = rf"\b{end['end']}\s+(?:[a-z]+\s+)?{re.escape(end['thing'][:4])}"  # "first ever poem", "poems"
        naming = topics.reply_naming(end["thing"], turn.vector, told)
        if naming is not None and naming.score >= SUPERLATIVE_MIN:
            return naming
    if topics.said_to_answer(match):  # a reply that says it answers this very line takes no other angle
        return match
    opinion = _OPINION.search(" ".join(turn.text.lower().replace("\u2019", "'").split()))
    opined = re.findall(r"[a-z][a-z'-]*", opinion["thing"]) if opinion is not None else []
    angles = [w for w in opined if "-" not in w and content_stems(w)] + superlatives(turn.text)
    for word in [w for w in angles if stem(w) not in said]:  # "open-plan" is one word, not a plan
        naming = topics.reply_naming(word, turn.vector)
        if naming is not None and naming.score >= SUPERLATIVE_MIN:
            return naming
    return match


def imagined_rather(turn: SkillInput, match: TopicMatch | None, topics: TopicIndex) -> TopicMatch | None:
    """``match``, or the persona's what-ifs when the line imagines and they score about as near."""
    if match is None or match.topic.name == IMAGINING or not is_hypothetical(turn.text):
        return match
    what_if = topics.named(turn.vector, IMAGINING)
    if what_if is None or what_if.score < match.score - IMAGINED_MARGIN:
        return match
    imagined = max(topics.reply_scores(turn.vector, what_if.topic))
    if imagined < IMAGINED_REPLY_MIN or imagined <= max(topics.reply_scores(turn.vector, match.topic)):
        return match  # "if you could sail anywhere again?" is answered by the ports, not a dinner guest
    return TopicMatch(what_if.topic, what_if.score, what_if.matched, match.topic.name, match.score)


def topic_answer(turn: SkillInput, match: TopicMatch, topics: TopicIndex) -> Answer:
    """Say the topic's reply that best answers the line (the one naming what it asks about, if any)."""
    match = named_rather(turn, match, topics)
    return Answer(
        topic_replies.say(turn, match.topic, topics.reply_scores(turn.vector, match.topic), text=turn.text),
        emotion="happy" if match.topic.name in ("dreams", "food", "music", "hobbies") else "neutral",
        evidence=[
            f"topic {match.topic.name} ({match.score:.2f}, '{match.matched}'; "
            f"2nd {match.runner_up} {match.runner_score:.2f})"
        ],
        layer="topic",
    )


def answered_or_denied(turn: SkillInput, topics: TopicIndex, found: Answer, match: TopicMatch) -> Answer:
    """The topic's answer, or the persona's "no, never" when it misses a deed the line asks about."""
    denied = never_done(turn, topics, found.text, match)
    if denied is None:
        return found
    denied.evidence.insert(0, f"topic {match.topic.name} ({match.score:.2f}) does not say it")
    return denied


def line_naming(turn: SkillInput, topics: TopicIndex, names: list[str], known: str) -> Answer | None:
    """The persona's topic line that names all of ``names`` and shares the most words with the line.

    A line naming a persona fact's proper name got the fact's own answer whatever it asked: "what
    does Brunel eat?" and "what does Brunel do all winter?" both heard "I have a tortoise called
    Brunel", though Ada has a line about his winter in a box of straw. When the line asks more
    than the name and than the fact's own questions ``known`` (a thing: "winter", "parents"), and
    one of the persona's lines naming it names that thing too, that line answers; otherwise None,
    and the fact's answer stands. Only things count: a shared verb took "did you always want to
    live in Bristol?" to "My mother still lives in Bristol", and another name is no thing asked ("is
    Bristol prettier than Bath?" is not about her train to Bath).
    """
    named = {stem(w.lower()) for w in re.findall(r"\b[A-Z][a-z]+", turn.text)} | {stem(n) for n in names}
    asked = content_stems(turn.text, ("noun",)) - named - content_stems(known)
    best: tuple[int, int, int, int] | None = None  # shared, -length, topic, line
    for t, topic in enumerate(topics.topics):
        for i, said in enumerate(topic.say):
            low = said.lower()
            if not all(re.search(rf"\b{re.escape(n)}\b", low) for n in names):
                continue
            shared = len(asked & content_stems(said))
            if shared and (best is None or (shared, -len(said)) > best[:2]):
                best = (shared, -len(said), t, i)
    if best is None:
        return None
    topic = topics.topics[best[2]]
    return Answer(
        topic_replies.say_this(turn, topic, best[3]),
        evidence=[f"the persona's line from {topic.name} naming {' '.join(names)} answers what is asked"],
        layer="topic",
    )


def named_fact(turn: SkillInput, topics: TopicIndex) -> Answer | None:
    """The persona's fact whose proper names the line says ("tell me about Lisbon" → home town).

    Of the facts whose every capitalised value word is in the line, the longest value wins, so
    "Hull" is Bo's home town and "Hull City" his team. A line asking more than the name ("what
    does Brunel eat?") gets the persona's own line about it, when one names it and shares a
    telling word (:func:`~game.mind.asked_thing.line_naming`).
    """
    aside = set_aside(turn.text)  # "any team besides Hull City?" names the team only to set it aside
    heard = {w for w in (w.lower() for w in re.findall(r"[A-Za-z]+", turn.text)) if stem(w) not in aside}
    best: tuple[int, Fact] | None = None
    for fact in turn.persona.facts:
        names = [w.lower() for w in re.findall(r"\b[A-Z][a-z]{2,}\b", fact.value)]
        if names and all(n in heard for n in names) and (best is None or len(names) > best[0]):
            best = (len(names), fact)
    if best is None:
        return None
    named = best[1]
    evidence = [f"persona fact {named.key}: the line names {named.value}"]
    names = [w.lower() for w in re.findall(r"\b[A-Z][a-z]{2,}\b", named.value)]
    own = line_naming(turn, topics, names, " ".join(named.ask))
    if own is not None:
        own.evidence[:0] = evidence
        return own
    thread.fact_said(turn.context.focus, named.key)
    return Answer(named.answer, evidence=evidence, layer="persona_fact")
