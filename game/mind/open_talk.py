"""Open talk: a line that is not a command, a room question or a skill's, answered by layers.

The first confident layer answers, in this order, and :class:`~game.mind.protocols.Reply`
says which one (``layer``) and why (``evidence``):

0. ``skill``: a bare "any tips?" after the user's news is advice on the thing it named, and
   "do you think I'll manage it?" or "what would you do?" after it is the persona's faith in
   it or way of weighing it (:mod:`game.mind.prospects`); "how do you cope?" is the persona's
   own way with hard days (:mod:`game.mind.coping`);
   ``topic``: a short follow-up that asks for more or points back goes on with the topic of the
   last reply (:mod:`game.mind.thread`).
1. ``persona_fact``: the persona's own fact, only when the fact match is strong; a
   favourite-colour question must not get the favourite drink because both are favourites.
2. ``topic``: the persona's authored topics (:mod:`game.mind.topics`), in its own voice.
3. ``skill``: advice the user asks on a thing of their own is the persona's
   (:mod:`game.mind.advice`), and a choice between two things ("rent or buy?") is the
   persona's pick (:mod:`game.mind.either_or`), not a question back; failing those, the one authored reply
   that plainly answers the line.
4. ``corpus``: the small-talk corpus, only on the persona's corpus topics and only when the
   prompt matched closely (its replies are generic, so they come after the authored ones).
5. ``topic`` again, for a question to the NPC about itself, or a line naming a thing of its own
   life (its role, backstory or facts): its nearest topic from :data:`ASKED_MIN`, since a
   character dodging a question about its own life is no answer.
6. ``fallback``: ask back about the user's own words (:mod:`game.mind.ask_back`).

Thresholds: the development table in ``tests/mind/test_open_talk.py`` (docs/mind.md, "Open talk").
"""

from __future__ import annotations

import re

from game.mind import (
    advice,
    asked_thing,
    coping,
    either_or,
    fact_fit,
    free_time,
    how_it_was,
    how_to_use,
    judgement,
    own_side,
    prospects,
    recommend,
    story_asks,
    thread,
    topic_replies,
    untried,
    user_plans,
    user_ways,
    weather_talk,
)
from game.mind.apology import apologises, forgive
from game.mind.ask_back import ask_back, is_question
from game.mind.asked_thing import answered_or_denied, topic_answer
from game.mind.compose import Request
from game.mind.everyday import NEWS_BEFORE, news_of
from game.mind.intents import QUESTION_INTENTS
from game.mind.nuisance import NUISANCE, trouble
from game.mind.reply_fit import answers_yes_or_no, asks_advice, content_stems, echo_heard
from game.mind.retrieval import FACT_MIN, FactIndex, SmallTalk
from game.mind.room_words import ROOM_NOUNS
from game.mind.skill_io import Answer, SkillInput
from game.mind.topics import TopicIndex, TopicMatch
from game.mind.whose_line import about_the_user, asks_the_npc, of_its_life

FACT_ASKED = 0.62
"""A fact answers a line classified as a fact question from this similarity up."""
FACT_UNASKED = 0.72
"""A fact answers any other open line only from this similarity up (the old small-talk rule)."""
TOPIC_MIN = 0.50
"""An authored topic answers from this similarity up."""
TOPIC_OVER_FACT = 0.04
"""A topic beats a strong fact only by this much: "do you have a pet" is Ada's fact, not her pets topic."""
ONGOING_MIN = 0.40
"""A short line stays on the topic of the last reply from this similarity up ("what do you miss most?")."""
ONGOING_WORDS = 5
"""How short a line must be to stay on the ongoing topic (a new subject is usually said in full)."""
REPLY_MIN = 0.55
"""With no topic close enough, one authored reply answers a line from this similarity up."""
CORPUS_MIN = 0.70
"""The corpus answers from this prompt similarity up (it was 0.62: "Unhandled exceptions." from a cook)."""
ASKED_MIN = 0.42
"""A question to the NPC itself takes its nearest topic from this similarity up rather than be asked back."""
ASKED_REPLY_MIN = 0.45
"""Else its single nearest reply from this similarity up ("would you play for me?": "I rarely play for
other people…"): a question to the NPC asked back is a dodge, never an answer."""
SOFT_INTENTS = ("wellbeing", "identity", "compliment", "tell_fact", "ask_memory")
"""Skill intents an authored topic may take a line from, when it clearly fits the line better."""
SOFT_OVERRIDE = 0.06
"""A topic takes a line from a soft skill intent (wellbeing, …) when it leads it by this much."""


def confident_topic(turn: SkillInput, topics: TopicIndex) -> TopicMatch | None:
    """The persona's topic for this line, when the match clears :data:`TOPIC_MIN`."""
    match = topics.best(turn.vector, turn.text)
    return match if match is not None and match.score >= TOPIC_MIN else None


def stays_on(turn: SkillInput, match: TopicMatch) -> bool:
    """A short line nearest the topic just talked about continues it, on weaker evidence than a new one.

    People do not name the topic again: after "Do you miss the sea?" comes "what do you miss
    most?", which alone sits a little under :data:`TOPIC_MIN` from the sea.
    """
    short = len(turn.text.split()) <= ONGOING_WORDS
    on = topic_replies.ongoing(turn.context.focus) == match.topic.name
    return short and on and match.score >= ONGOING_MIN


def names_the_room(turn: SkillInput) -> bool:
    """Whether the line names a prop, a kind of prop, a surface or a person in the room."""
    heard = set(re.findall(r"[a-z]+", turn.text.lower()))
    snap = turn.snap
    known = {n.name.lower() for n in snap.npcs} | {p.type for p in snap.props}
    known |= {w for p in snap.props for w in re.findall(r"[a-z]+", p.name.lower())}
    return bool(heard & (known | ROOM_NOUNS))


def takes_over(turn: SkillInput, topics: TopicIndex) -> Answer | None:
    """A topic's answer for a line an intent only loosely claimed, else None.

    "How's your mood today?" came out as wellbeing, "is it sunny outside?" as a colour
    question, "are you a cat person?" as the user telling a fact. A line whose intent came
    from nearest examples goes to a topic that fits it better: by :data:`SOFT_OVERRIDE` for
    a soft skill (or "what are your hobbies?", a likes question naming nothing), by any lead
    for a room question that names nothing in the room. A line about the user stays put.
    """
    intent = turn.intent
    if intent.reason != "nearest examples" or about_the_user(turn.text):
        return None
    if advice.tips_on(turn.text, turn.context.focus.get("line_before", "")):
        return None  # "any advice?" after "I'm learning to sail" asks about sailing, not the advice topic
    if intent.intent in SOFT_INTENTS or (intent.intent == "likes_question" and not turn.slots.topic):
        margin = SOFT_OVERRIDE
    elif intent.intent in QUESTION_INTENTS and not names_the_room(turn):
        margin = 0.0
    else:
        return None
    topic = confident_topic(turn, topics)
    if topic is None or topic.score <= intent.score + margin:
        return None
    taken = topic_answer(turn, topic, topics)
    taken.evidence.insert(0, f"topic leads {intent.intent} by {topic.score - intent.score:.2f}")
    taken.intent = "chat"
    return taken


def authored_view(turn: SkillInput, topics: TopicIndex, prop: str) -> Answer | None:
    """The persona's own reply about this prop, when one answers the line ("Comfiest sofa in town")."""
    found = topics.best_reply(turn.vector, turn.text)
    if found is None or found[0].score < TOPIC_MIN or not prop:
        return None
    match, _ = found
    kind = turn.snap.prop(prop)
    words = {prop.lower(), kind.type if kind is not None else prop.lower()}
    if not any(re.search(rf"\b{re.escape(w)}\b", match.matched.lower()) for w in words):
        return None
    answer = topic_answer(turn, match, topics)
    answer.evidence.insert(0, f"the persona's own words about the {prop} ({match.score:.2f})")
    return answer


def own_story(turn: SkillInput, topics: TopicIndex, request: Request) -> Answer | None:
    """One of the persona's own stories for "tell me a story" that names nothing of the room.

    "Bo, tell me a sea story" got a story made from the room (a red box that wanted to look out
    of the window) on one of his likes; his own tale of a whale following the Northern Star is
    the answer a person gives. A subject the room has, or one no story of the persona names ("a
    story about a dragon"), is still composed.
    """
    told = next((t for t in topics.topics if t.name == "stories"), None)
    subject = request.subject
    if request.kind != "story" or told is None or subject in ("me", "room") or turn.snap.npc(subject):
        return None
    if subject and (
        turn.snap.prop(subject) or not content_stems(subject) & content_stems(" ".join(told.say))
    ):
        return None
    found = topic_answer(turn, TopicMatch(told, 1.0, "(asked for a story)"), topics)
    found.evidence = [
        f"tells one of {turn.persona.name}'s own stories" + (f" about {subject}" if subject else "")
    ]
    return found


def answer(
    turn: SkillInput, facts: FactIndex, topics: TopicIndex, small_talk: SmallTalk | None, asked_fact: bool
) -> Answer:
    """Answer an open line by the first confident layer (see the module docstring)."""
    if how_to_use.asked(turn.text):
        return how_to_use.answer(turn)  # "what can I do here?"
    if apologises(turn.text):
        return forgive(turn)  # "sorry I'm late"
    how = how_it_was.told(turn.text, turn.context.focus.get("line_before", ""))
    if how:
        return how_it_was.answer(turn, how)  # "it was freezing" after "I went sea swimming"
    weather = weather_talk.remark(turn)  # "lovely weather for ducks today"
    if weather is not None:
        return weather
    suggested = recommend.recommended(turn)  # "which poet should I start with?": its favourite poet
    if suggested is not None:
        return suggested
    before = turn.context.focus.get(NEWS_BEFORE, "")
    if coping.stuck(turn.text, before):  # "what now?" after "I lost my job"
        return coping.steady(turn, before == NUISANCE)
    if coping.rest(turn.text, before, turn.context.focus.get("line_before", "")):  # "should I lie down?"
        return coping.rest_up(turn)
    if coping.amends(turn.text, turn.context.focus.get("line_before", "")):  # after "I upset my sister"
        return coping.make_amends(turn)
    plan = user_plans.plan_ahead(turn) if turn.context.focus.get(NEWS_BEFORE) else None
    if plan is not None:  # "yeah, I might look for something else" after "I'm so tired of my job"
        return plan
    if turn.context.focus.get(NEWS_BEFORE) and not is_question(turn.text):  # "she used to read me poems"
        goes_on = (turn.context.focus[NEWS_BEFORE] != "bad" and trouble(turn)) or ask_back(turn)  # more news
        goes_on.evidence.insert(0, "the line after the user's news goes on with it")
        goes_on.layer = goes_on.layer or "fallback"
        return goes_on
    line_before = turn.context.focus.get("line_before", "")
    earlier = advice.tips_on(turn.text, line_before)
    tip_before = advice.own_tip(turn, topics, f"{line_before} {turn.text}") if earlier else None
    if tip_before is not None or (earlier and advice.learnable(earlier, turn.text)):
        return tip_before or advice.advise(turn, earlier)
    first, request = advice.split_request(turn.text)  # "I burnt the rice again. Any tips?"
    thing = advice.tips_on(request, first) if request else ""
    if request and news_of(first) == "bad" and len(thing.split()) < 2:
        return coping.answer(turn)  # "I feel stuck lately. Any advice?": how the character gets through
    if thing:
        return advice.own_tip(turn, topics, turn.text) or advice.advise(turn, thing)
    answered = topics.answered(turn.vector, turn.text)  # a reply says it answers this very line: it
    hopes = prospects.asked(turn.text, line_before) if answered is None else ""  # beats the rules below
    if hopes:
        return prospects.reassure(turn, hopes)
    habit = advice.habit(turn.text) if answered is None else ""  # Bo's own seasickness tip says it answers
    if habit:  # "how do I stop procrastinating?"
        return advice.own_tip(turn, topics, turn.text, on=habit) or advice.break_habit(turn, habit)
    fear = prospects.feared(turn.text, line_before) if answered is None else ""
    if fear:
        return prospects.steady(turn, fear)
    choice = prospects.to_weigh(turn.text, line_before) if answered is None else ""
    if choice:  # "is it worth buying an old house?" is Ada's own view on old houses
        return prospects.weigh_up(turn, choice)
    hard_time = (line_before and coping.asked(turn.text)) or coping.asked_for_own(turn.text)
    if hard_time and answered is None:  # "what helps?" out of the blue asks nothing; "how do I get over
        return coping.answer(turn)  # a breakup?" does ("… seasickness?" is Bo's own tip on it)
    fact = facts.best(turn.vector)
    nearest = topics.best(turn.vector, turn.text)
    on_story = story_asks.answer(turn, topics, fact, nearest) if not about_the_user(turn.text) else None
    if on_story is not None:  # "how old were you?", "which exam?" after a story: it stays with the story
        return on_story
    going_on = thread.continues(turn, topics.topics, nearest, about_the_user(turn.text))
    told = thread.fact_goes_on(turn, about_the_user(turn.text))
    if told is not None:
        return told
    asked = thread.asks_for_more(turn.text)
    more = topic_replies.follow_on(turn, going_on.topic, asked) if going_on is not None else ""
    if going_on is not None and more:
        return Answer(
            more, evidence=[f"goes on with its last reply of {going_on.topic.name} (its more)"], layer="topic"
        )
    if going_on is not None:
        found = topic_answer(turn, going_on, topics)
        found.evidence = [f"goes on with the ongoing topic {going_on.topic.name}: {going_on.matched}"]
        return found
    nearest = asked_thing.imagined_rather(turn, nearest, topics)
    topic = nearest if nearest is not None and nearest.score >= TOPIC_MIN else None
    notes: list[str] = []
    if nearest is not None and topic is None and stays_on(turn, nearest):
        notes.append(f"stays on the ongoing topic {nearest.topic.name} ({nearest.score:.2f})")
        topic = nearest
    if nearest is not None and topic is None:
        notes.append(f"topic {nearest.topic.name} ({nearest.score:.2f}) below {TOPIC_MIN:.2f}")
    fitted = fact_fit.fit(turn.text, fact, facts, turn.vector) if fact is not None else None
    if fitted is not None and fitted.reason:
        notes.append(fitted.reason)
    fact = fitted.match if fitted is not None else None
    if fact is not None and fitted is not None:
        need = FACT_MIN if fitted.named else FACT_ASKED if asked_fact else FACT_UNASKED
        beaten = topic is not None and topic.score > fact.score + TOPIC_OVER_FACT and not fitted.named
        if fact.score >= need and not beaten:
            persona_fact = turn.persona.fact(fact.category)
            value = persona_fact.value if persona_fact else ""
            thread.fact_said(turn.context.focus, fact.category)
            return Answer(
                fact.answer,
                evidence=[f"persona fact {fact.category}={value} ({fact.score:.2f}, '{fact.matched}')"],
                layer="persona_fact",
            )
        why = "a topic matched better" if beaten else f"below {need:.2f}"
        notes.append(f"persona fact {fact.category} ({fact.score:.2f}) passed over: {why}")
    pastime = free_time.suggest(turn, topics)  # "what should I do this afternoon?"
    if pastime is not None:
        pastime.evidence[:0] = notes
        return pastime
    if topic is not None and topic != answered and about_the_user(turn.text):
        notes.append(f"topic {topic.topic.name} ({topic.score:.2f}) passed over: the line is about the user")
        topic = None
    pair = either_or.options(turn.text, frozenset(n.name.lower() for n in turn.snap.npcs))
    if topic is not None:
        found = answered_or_denied(turn, topics, topic_answer(turn, topic, topics), topic)
        if pair is None or either_or.names_a_side(found.text, pair, turn.text):
            found.evidence[:0] = notes
            return found
        notes.append(f"topic {topic.topic.name} ({topic.score:.2f}) passed over: its reply takes no side")
    judged = judgement.verdict(turn)  # "is it rude to send food back?"
    if judged is not None:
        judged.evidence[:0] = notes
        return judged
    named = asked_thing.named_fact(turn, topics)
    if named is not None:
        named.evidence[:0] = notes
        return named
    tip = topics.best_advice(turn.vector, turn.text) if asks_advice(turn.text.lower()) else None
    if tip is not None and tip.score >= advice.ADVICE_MIN:
        found = topic_answer(turn, tip, topics)
        found.evidence[:0] = [
            *notes,
            f"asks advice: the persona's own tip from {tip.topic.name} ({tip.score:.2f})",
        ]
        return found
    wanted = advice.request(turn.text)
    if wanted:
        advised = advice.advise(turn, wanted)
        advised.evidence[:0] = notes
        return advised
    direct = topics.best_reply(turn.vector, turn.text) if not about_the_user(turn.text) else None
    if pair is not None and not (direct and either_or.picked_in(direct[0].matched, pair, turn.text)):
        chosen = either_or.choose(turn, pair)
        chosen.evidence[:0] = notes
        return chosen
    fits = direct is not None and (is_question(turn.text) or not answers_yes_or_no(direct[0].matched))
    if direct is not None and direct[0].score >= REPLY_MIN and fits:  # no "Yes, …" answers a statement
        reply, _ = direct
        found = answered_or_denied(turn, topics, topic_answer(turn, reply, topics), reply)
        found.evidence[:0] = [*notes, f"a reply of topic {reply.topic.name} answers it ({reply.score:.2f})"]
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
    if nearest is not None and nearest.score >= ASKED_MIN and (asks_the_npc(turn.text) or of_its_life(turn)):
        found = answered_or_denied(turn, topics, topic_answer(turn, nearest, topics), nearest)
        found.evidence[:0] = [
            *notes,
            f"a question to {turn.persona.name} or about its life: the nearest topic answers it",
        ]
        return found
    naming = asked_thing.named_by_a_reply(turn, topics)
    if naming is not None:
        found = asked_thing.naming_answer(turn, naming[1], topics)
        found.evidence[:0] = [
            *notes,
            f"asks {turn.persona.name} about '{naming[0]}': a reply of its own names it",
        ]
        return found
    denied = untried.never_done(turn, topics)
    if denied is not None:
        denied.evidence[:0] = notes
        return denied
    plan = user_plans.plan_ahead(turn)
    if plan is not None:
        plan.evidence[:0] = notes
        return plan
    if direct is not None and direct[0].score >= ASKED_REPLY_MIN and is_question(turn.text):
        nearest_reply, index = direct  # that very reply, its closeness being why it answers
        fresh = not topic_replies.said_lately(turn.context.focus, nearest_reply.topic, index)
        if fresh and echo_heard(turn.text, nearest_reply.topic.say[index]):
            said = Answer(topic_replies.say_this(turn, nearest_reply.topic, index), layer="topic")
        else:  # "Shopping? …" answers no line naming no shopping, nor one just said: the topic's best
            said = topic_answer(turn, nearest_reply, topics)
        found = answered_or_denied(turn, topics, said, nearest_reply)
        found.evidence[:0] = [
            *notes,
            f"a question to {turn.persona.name}: its nearest reply, of {nearest_reply.topic.name} "
            f"({nearest_reply.score:.2f})",
        ]
        return found
    denied = untried.never_done(turn, topics, near_enough=False)  # nothing answered: no near word either
    if denied is not None:
        denied.evidence[:0] = notes
        return denied
    # "I'm going fishing with my grandad": Bo's own fishing; "I play the violin": how long for?
    own = own_side.relate(turn, topics) or user_ways.about_you(turn)
    if own is not None:
        own.evidence[:0] = notes
        return own
    place = advice.trip_place(turn.text, turn.context.focus.get("line_before", ""))
    fallback = advice.trip_tip(turn, place) if place else trouble(turn) or ask_back(turn)
    fallback.evidence[:0] = notes  # trip_tip: "what should I see first?" after "I'm off to Rome"
    fallback.layer = "skill" if place or fallback.layer else "fallback"
    return fallback
