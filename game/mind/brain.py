"""The default brain: always available, offline, a few milliseconds per reply on 2 cores.

Pipeline for one utterance: clean and bound the input → strip the NPC's own name when
used as a vocative → structural rules that need no guessing (abuse, "my name is …") →
intent by nearest examples with a margin (:mod:`game.mind.intents`) → slots resolved
against the room (:mod:`game.mind.slots`) → one skill builds the answer from the room
snapshot, the persona file, the NPC's memory or the small-talk corpus. A command that
only narrowly beats another reading is confirmed first ("Do you want me to…?").
"""

from __future__ import annotations

import logging
import random
import re
import time
from dataclasses import replace

from game.memo import by_identity
from game.mind import (
    ask_back,
    compose,
    everyday,
    follow_ups,
    intent_rules,
    nuisance,
    open_talk,
    prop_opinions,
    recall,
    room_skills,
    say_again,
    talk_skills,
    thread,
)
from game.mind import topic_replies as topic_talk
from game.mind.action_words import GLUE_WORDS, action_words, place_said, says_how, suggested_only
from game.mind.command_words import describe_command, describe_pending
from game.mind.embedder import Embedder
from game.mind.grounding import PropInfo
from game.mind.intents import (
    COMMAND_INTENTS,
    EDIT_INTENTS,
    MIN_SCORE,
    QUESTION_INTENTS,
    IntentClassifier,
    IntentResult,
    as_chat,
)
from game.mind.line_shape import (
    AIMED,
    NOWHERE,
    aimed_at_nothing,
    asks_taste,
    names_other_things,
    thing_not_here,
)
from game.mind.paths import cache_dir
from game.mind.persona import Persona
from game.mind.plain_words import clean_input
from game.mind.protocols import MindContext, Reply
from game.mind.retrieval import FactIndex, SmallTalk
from game.mind.skill_io import Answer, SkillInput, carry_over
from game.mind.slots import extract, words
from game.mind.topics import TopicIndex
from game.mind.user_facts import extract_user_facts
from game.mind.vocatives import strip_vocative

log = logging.getLogger(__name__)
CONFIRM_BELOW = 0.56
CONFIRM_MARGIN = 0.015
CONFIRMED = "confirmed by the user"
LATER = re.compile(
    r"\b(tomorrow|tonight|later on|next (?:week|month|year|time)|this (?:evening|afternoon|weekend)|"
    r"in (?:an|a few|two|three) (?:hours?|days?|minutes?))\b"
)
"""A time ahead in a command: NPCs act only now, so "paint the walls blue tomorrow" is asked about,
not done at once (and a misheard "I'm nervous about tomorrow" as "lose the box tomorrow" removes
nothing)."""
ASIDE_INTENTS = ("where_is", "what_on", "what_colour", "room_contents", "what_looking_at", "ask_memory")
ASIDE_RATE = 0.5
NOTHING_TO_KEEP = "a fact guessed from its nearest examples tells nothing to keep: talk"
ANSWER_INTENTS = ("chat", "wellbeing", "compliment", "persona_fact", "thanks")
"""What a reply to the NPC's question about the user's news ("How was Lisbon?") may be taken for."""


@by_identity
def room_phrases(props: tuple[PropInfo, ...]) -> tuple[str, ...]:
    """Multi-word prop names ("red box"), masked as things by the intent classifier (per room state)."""
    return tuple(p.name.lower() for p in props if " " in p.name)


class EmbeddingBrain:
    """MiniLM sentence embeddings + grounded skills; see the module docstring."""

    name = "embed"

    def __init__(
        self, embedder: Embedder | None = None, seed: int | None = None, small_talk: bool = True
    ) -> None:
        started = time.perf_counter()
        self.embedder = embedder or Embedder(cache_dir() / "embeddings.npz")
        self.classifier = IntentClassifier(self.embedder)
        self.action_words = action_words(self.classifier.examples, COMMAND_INTENTS)
        self.small_talk = SmallTalk(self.embedder) if small_talk else None
        self._facts: dict[int, FactIndex] = {}
        self._topics: dict[int, TopicIndex] = {}
        self.rng = random.Random(seed)
        self.embedder.save_cache()
        self.startup_ms = (time.perf_counter() - started) * 1000.0

    def facts_for(self, persona: Persona) -> FactIndex:
        """Return the persona's fact index, built once per persona content."""
        key = hash((persona.id, persona.facts))
        if key not in self._facts:
            self._facts[key] = FactIndex(persona, self.embedder)
            self.embedder.save_cache()
        return self._facts[key]

    def topics_for(self, persona: Persona) -> TopicIndex:
        """Return the persona's authored-topic index, built once per persona content."""
        key = hash((persona.id, persona.talk_topics))
        if key not in self._topics:
            self._topics[key] = TopicIndex(persona, self.embedder)
            self.embedder.save_cache()
        return self._topics[key]

    def reply(self, utterance: str, context: MindContext) -> Reply:
        """Answer in character; bad input gets a clear in-character answer, never an exception."""
        started = time.perf_counter()
        try:
            reply = self._reply(utterance, context)
        except Exception as exc:  # a brain must never take the app down; F3 shows why
            log.exception("default brain failed on %r", utterance[:80])
            reply = Reply(
                text=context.persona.line("confused", self.rng),
                intent="error",
                brain=self.name,
                emotion="confused",
                evidence=(f"internal error: {type(exc).__name__}: {exc}",),
                layer="error",
            )
        latency = (time.perf_counter() - started) * 1000.0
        if context.memory is not None:
            context.memory.add_turn(utterance, reply.text, reply.intent)
        return Reply(**{**reply.__dict__, "latency_ms": latency})

    def _reply(self, utterance: str, context: MindContext) -> Reply:
        persona = context.persona
        text, notes = clean_input(utterance)
        if not words(text):
            return self._simple(context, "confused", "empty", "confused", [*notes, "no words in input"])
        text = strip_vocative(text, context.npc)
        pieces = [self.embedder.tokenizer.encode(w.split("'")[0] or w)[1:-1] for w in words(text)]  # i'm: i
        odd = sum(1 for p in pieces if len(p) >= 3 or p == [self.embedder.tokenizer.unk_id])
        if len(pieces) >= 2 and odd / len(pieces) > 0.6:
            return self._simple(
                context, "confused", "nonsense", "confused", [*notes, f"{odd}/{len(pieces)} words unknown"]
            )
        previous = context.focus.get("last_user", "")
        if say_again.asks_again(text):  # "sorry, what did you say?"
            again = say_again.last_line(context.memory, bool(previous))
            if again is None:  # nothing said yet: not "of course I remember you"
                return self._simple(context, "unknown", "say_again", "confused", [say_again.NOTHING_YET])
            return Reply(again, intent="say_again", brain=self.name, evidence=(say_again.WHY,), layer="skill")
        snap = context.snapshot
        names = frozenset(n.name.lower() for n in snap.npcs) | {persona.name.lower()}
        deeper = thread.goes_deeper(text, context.focus, self.topics_for(persona).topics, persona)
        whole = None if deeper else follow_ups.resolve(text, previous, names, context.focus.get("thing", ""))
        if whole is not None:
            notes.append(f"follow-up: read as '{whole}'")
            text = whole
        context.focus["last_user"] = text
        context.focus["line_before"] = previous  # "any tips?" is about the line before it
        result = self.classifier.classify(text, names, room_phrases(snap.props))
        vector = result.vector if result.vector is not None else self.embedder.embed(text)
        leaning = follow_ups.context_text(text, previous) if whole is None else None
        alone = self.topics_for(persona).best(vector, text) if leaning is not None else None
        if (
            leaning is not None
            and (result.intent == "chat" or result.score < MIN_SCORE or follow_ups.asks_what_for(text))
            and (alone is None or alone.score < open_talk.TOPIC_MIN)  # "got any brothers?" stands alone
        ):
            # "what helps?" after "are you ever sad?": its meaning is looked up with the line before
            joined = self.classifier.classify(leaning, names, room_phrases(snap.props))
            if joined.intent in ANSWER_INTENTS and joined.vector is not None:
                notes.append(f"follow-up: read with the line before as '{leaning}'")
                vector = joined.vector
                result = joined
        result = intent_rules.apply(text, result)
        result = thread.at_the_talk(text, result, context.focus, snap)
        slots = extract(text, snap, context.focus, context.npc)
        in_room = bool(slots.target) and snap.prop(slots.target) is not None
        result = intent_rules.placed_not_added(text, result, in_room, slots.new_type)
        if not (slots.target or slots.dest or slots.unresolved):
            slots.unresolved = thing_not_here(text, result.intent)  # "walk to the piano"
        if aimed_at_nothing(
            text, result.intent, result.reason, bool(slots.target or slots.dest or slots.unresolved)
        ):
            result = as_chat(result, NOWHERE)
        turn = SkillInput(text, vector, slots, result, context, self.rng)
        carry_over(context.focus, recall.ONE_TURN, topic_talk.ONE_TURN, thread.ONE_TURN, *everyday.TURNS)
        answer = self._dispatch(turn)
        if (
            result.intent in ASIDE_INTENTS
            and answer.layer in ("", "room")
            and persona.lines.get("aside")
            and self.rng.random() < ASIDE_RATE
        ):
            # A touch of the character before a plain grounded answer; the fact itself is untouched.
            answer.text = f"{persona.line('aside', self.rng)} {answer.text}"
        if answer.focus:
            context.focus["thing"] = answer.focus
        evidence = [
            f"intent {result.intent} {result.score:.2f} (2nd {result.runner_up} {result.runner_score:.2f}); "
            f"nearest '{result.nearest}'; {result.reason}",
            *notes,
            *slots.notes,
            *answer.evidence,
        ]
        return Reply(
            text=answer.text,
            actions=answer.actions,
            emotion=answer.emotion,
            intent=answer.intent or result.intent,
            score=result.score,
            brain=self.name,
            evidence=tuple(evidence),
            slots=slots.as_pairs(),
            layer=answer.layer or "skill",
        )

    def _doubt(self, turn: SkillInput, unsure: list[str]) -> tuple[str, str]:
        """Why a command is repeated back before it is done ("" if not), and how that question opens."""
        intent = turn.intent.intent
        if intent not in COMMAND_INTENTS:
            return "", ""
        misheard = "Did I hear that right? "
        if unsure:
            return f"{intent} rests on words heard unclearly: {', '.join(unsure)}", misheard
        nearest = turn.intent.reason == "nearest examples"
        if nearest and suggested_only(turn.text):
            return f"{intent} only suggested", ""  # a wish was heard, only not asked for
        if nearest and not says_how(turn.text, self.action_words[intent], on_a_thing=intent in EDIT_INTENTS):
            return f"no word of the line says how to {intent}", misheard  # "bo to the sofa"
        if nearest and intent == "walk_to" and not place_said(turn.slots, self.action_words[intent]):
            after = f"'{turn.slots.target_after}'" if turn.slots.target_after else "nothing"
            return f"'{turn.slots.target}' follows {after}, not a way to go there", misheard
        return "", ""

    def _dispatch(self, turn: SkillInput) -> Answer:
        intent = turn.intent.intent
        focus = turn.context.focus
        unsure = sorted(set(words(turn.text)) & turn.context.doubtful - GLUE_WORDS)
        if intent == "affirm" and focus.get("pending_intent") and unsure:
            # a "yes" the recognizer was unsure of (forced onto other words) confirms nothing
            return Answer(
                f"Sorry, was that a yes? Do you want me to {describe_pending(turn)}? Say yes or no.",
                emotion="confused",
                evidence=[f"confirm again: the answer was heard unclearly: {', '.join(unsure)}"],
                layer="command",
            )
        if intent == "affirm" and focus.get("pending_intent"):
            pending = focus.pop("pending_intent")
            old_text = focus.pop("pending_text", "")
            replay = SkillInput(
                old_text,
                self.embedder.embed(old_text),
                extract(old_text, turn.snap, focus, turn.context.npc),
                IntentResult(pending, 1.0, "affirm", turn.intent.score, "", CONFIRMED),
                turn.context,
                turn.rng,
            )
            confirmed = self._dispatch(replay)
            confirmed.layer = confirmed.layer or "command"
            return confirmed
        if intent in ("affirm", "deny"):
            had = focus.pop("pending_intent", None)
            focus.pop("pending_text", None)
            if intent == "deny" and had:
                return Answer(f"{turn.line('ok')} I'll leave it.", evidence=[f"cancelled {had}"])
            if intent == "deny" and turn.intent.reason == intent_rules.NOT_TO_DO:
                why = f"asked not to {turn.intent.runner_up}"
                return Answer(f"{turn.line('ok')} I'll leave it.", evidence=[why])
            return Answer(turn.line("ok"))
        aimed = turn.slots.target or turn.slots.dest
        if turn.slots.unresolved and not aimed and intent in AIMED:
            return self._skill(turn)  # "I don't see a piano here.", not "Do you want me to go to it?"
        if (
            intent in COMMAND_INTENTS
            and turn.intent.reason == "nearest examples"
            and (turn.intent.score < CONFIRM_BELOW or turn.intent.margin < CONFIRM_MARGIN)
            and turn.persona.allows(intent)
        ):
            focus["pending_intent"], focus["pending_text"] = intent, turn.text
            what = describe_command(turn)
            return Answer(
                f"Do you want me to {what}? Say yes or no.",
                emotion="confused",
                evidence=[f"confirm: {intent} score {turn.intent.score:.2f} margin {turn.intent.margin:.3f}"],
                layer="command",
            )
        said_yes = turn.intent.reason == CONFIRMED
        later = LATER.search(turn.text.lower()) if intent in COMMAND_INTENTS and not said_yes else None
        if later and turn.persona.allows(intent):
            focus["pending_intent"], focus["pending_text"] = intent, turn.text
            return Answer(
                f"I can only do things right now, not {later.group(0)}. "
                f"Do you want me to {describe_command(turn)} now? Say yes or no.",
                emotion="confused",
                evidence=[f"confirm: {intent} asked for {later.group(0)}"],
                layer="command",
            )
        doubt, opener = self._doubt(turn, unsure)
        if doubt and turn.persona.allows(intent):
            focus["pending_intent"], focus["pending_text"] = intent, turn.text
            return Answer(
                f"{opener}Do you want me to {describe_command(turn)}? Say yes or no.",
                emotion="confused",
                evidence=[f"confirm: {doubt}"],
                layer="command",
            )
        noted = recall.remember(turn) if intent in ("tell_fact", "news", "tell_news") else []
        if intent == "tell_fact" and not noted and not extract_user_facts(turn.text):
            # "for my mum's cooking mostly" read near "I enjoy cooking": nothing kept, so no "I'll remember"
            turn = replace(turn, intent=as_chat(turn.intent, NOTHING_TO_KEEP))
        answer = self._skill(turn)
        if noted:
            answer.evidence.append("memory: noted " + "; ".join(f"{n.kind} '{n.topic}'" for n in noted))
        return answer

    def _skill(self, turn: SkillInput) -> Answer:
        """The skill for the intent, once confirmations are dealt with; open talk goes by layers."""
        intent = turn.intent.intent
        if intent in ANSWER_INTENTS:
            earlier = recall.related(turn)  # open talk about something told on an earlier visit
            answered = recall.bring_back(earlier) if earlier is not None else recall.reaction(turn)
            if answered is not None:  # … or the user's answer to "How was Lisbon?"
                answered.layer = answered.layer or "memory"
                return answered
        facts, topics = self.facts_for(turn.persona), self.topics_for(turn.persona)
        viewed = prop_opinions.opinion(turn) if intent not in COMMAND_INTENTS else None
        if viewed is not None:  # "what's your opinion of the lamp?": a view, not where it is
            authored = open_talk.authored_view(turn, topics, viewed.focus)
            return authored or viewed
        taken = open_talk.takes_over(turn, topics)
        if taken is not None:
            return taken
        troubled = nuisance.trouble(turn) if intent in ("tell_fact", "tell_news") else None
        if troubled is not None:  # "my daughter says my cooking is boring" is a trouble, not a fact to keep
            return troubled
        if intent in room_skills.SKILLS:
            answer = room_skills.SKILLS[intent](turn)
            guessed_question = intent in QUESTION_INTENTS and turn.intent.score < 1  # a rule's stays one
            if (
                guessed_question
                and room_skills.SLOT_MISSING in answer.evidence
                and names_other_things(turn.text)
            ):
                answer = open_talk.answer(turn, facts, topics, self.small_talk, asked_fact=False)
                answer.evidence.insert(0, "a guessed room question about no thing here: talk")
            answer.layer = answer.layer or ("command" if intent in COMMAND_INTENTS else "room")
            return answer
        if intent == "clock":
            return everyday.clock(turn)
        request = compose.creative_request(turn.text) if intent == "compose" else None
        told = open_talk.own_story(turn, topics, request) if request else None
        if request is not None:
            return told or compose.compose(turn, request, compose.memory_of(turn, topics, request))
        if intent == "news":
            return ask_back.more_news(turn) or everyday.news(turn)
        if intent == "tell_news":
            return recall.tell_news(turn, talk_skills.promise(turn), topics)
        if intent in ("persona_fact", "chat"):
            return open_talk.answer(turn, facts, topics, self.small_talk, asked_fact=intent == "persona_fact")
        if intent == "likes_question" and (
            (turn.slots.topic and not talk_skills.knows_taste(turn)) or not asks_taste(turn.text)
        ):
            # "do you like dogs?": the persona's likes don't say; its topics may ("pets").
            return open_talk.answer(turn, facts, topics, self.small_talk, asked_fact=False)
        if intent == "likes_question":
            return talk_skills.likes(turn, topics)
        if intent in talk_skills.SIMPLE:
            return talk_skills.SIMPLE[intent](turn)
        return open_talk.answer(turn, facts, topics, self.small_talk, asked_fact=False)

    def _simple(
        self, context: MindContext, kind: str, intent: str, emotion: str, evidence: list[str]
    ) -> Reply:
        return Reply(
            text=context.persona.line(kind, self.rng),
            intent=intent,
            emotion=emotion,
            brain=self.name,
            evidence=tuple(evidence),
            layer="confused",
        )
