"""Advice the user asks for on something of their own: "how do I get better at writing?".

Asked back ("Writing? I don't know yet. Tell me what you'd say.") a character dodges the one
thing the user asked of it, and the rubric counts a dodge as no answer. Every persona says how
to go about learning or making a thing in its own voice (``how_to`` lines in the persona TOML,
``{thing}`` = what the user named), so the reply names the user's own thing and stays in
character. Only a line that both asks how (or for tips) and names what it is about gets it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from game.mind import asked_thing
from game.mind.ask_back import is_question, phrase_of
from game.mind.follow_ups import asks_what_for
from game.mind.reply_fit import asks_advice, content_stems
from game.mind.skill_io import Answer, SkillInput
from game.mind.topics import TopicIndex
from game.mind.user_news import you

ADVICE_MIN = 0.40
"""A line asking advice gets the persona's own tip from this similarity up ("how do I get better at
writing?" and Cleo's "Read more than you write…" 0.67; "how do I cook rice?" and Bo's
seasoning tip 0.34 is another matter), else the persona's general way of going about things."""
MAX_WORDS = 4
"""A longer "thing" is a clause the template would mangle; such a line is asked back instead."""
_TIPS = re.compile(
    r"^\s*(?:so,?\s+|ok,?\s+|and\s+)?(?:(?:(?:have )?you )?(?:got |have )?any (tips|advice)\b"
    r"|how (?:do|can|could|would|should) (?:i|you|we|one) (?:stop|avoid|prevent|fix|sort out)"
    r" (?:that|it|this)\b"
    r"|(?:where|how) (?:do|should|would|can) (?:i|we) (?:even )?(?:start|begin|get started)\b"
    r"|how (?:do|can|should|would) i (?:bring (?:it|this|that) up|raise (?:it|this|that)"
    r"|tell (?:him|her|them))\b"
    r"|what (?:should|do) (?:i|we) (?:do|read|cook|make|try|buy|get|use|pick|play|learn) first\b"
    r"|what (?:should|do|would) i (?:watch out|look out|be careful|need to watch) for\b"
    r"|what (?:should|do) i need to know\b|(?:is there )?anything i should know\b"
    r"|what would you (?:do|suggest|advise|recommend)\s*[?.!]*$)"
)
"""A bare request for advice on the thing the line before named ("any tips?", "what should I
watch out for?", "what would you suggest?", "how do I bring it up?")."""
_THING = re.compile(
    r"\b(?:learn(?:ing)?(?: how)?(?: to)?|get(?:ting)? better at|improve(?: at)?|make|cook|bake|"
    r"take up|pick up|practi[cs]e|grow|write|paint|draw|play|build|get into)\s+"
    r"(?!(?:it|this|that|them|things)\b)((?:an? |the |my |some )?[a-z' ]+?)"
    r"(?=[?.!,]|$| (?:where|how|but|and|when|if|without|properly|for|with)\b)"
)


_ACTIVITIES = frozenset(
    {"cook", "bake", "sing", "dance", "swim", "knit", "paint", "draw", "write", "sew", "ski", "skate", "surf",
     "sail", "fish", "garden", "drive", "code", "program", "climb", "run", "cycle", "row", "read", "box",
     "juggle", "sketch", "act", "fly", "ride", "dive", "rap", "fence", "meditate", "crochet"}
)  # fmt: skip
"""Things learned that are said as a verb ("learn to cook"), named as the activity ("cooking")."""


_UNTIL_WHEN = re.compile(r"\s+(?:this|next|last|every|on|in|at|by|tomorrow|tonight|today|soon|one day)\b")
"""Where the plan's thing ends and its time begins ("swim | this summer")."""


def request(text: str) -> str:
    """What the user asks advice about ("a decent soup"), or "" when the line asks none."""
    low = text.lower().strip()
    found = _THING.search(low) if asks_advice(low) else None
    if found is None:
        return ""
    thing = found.group(1).strip()
    if _MADE_TO_SEEM.search(thing):
        return ""  # "make my garden look bigger" is no thing to learn to make
    return thing if 0 < len(thing.split()) <= MAX_WORDS else ""


_MADE_TO_SEEM = re.compile(r"\S\s+(?:look|feel|seem|sound|smell|taste)\b")
"""A thing made to look or feel some way ("my garden look bigger"): a question of how, not of learning."""
_HABIT = re.compile(
    r"\bhow (?:do|can|could|should|would) (?:i|you|one) "
    r"(?:(?:stop|get out of the habit of|break the habit of)\s+"
    r"(?=[a-z']+ing\b)(?!thinking|missing|worrying|feeling)"
    r"|(?:quit|give up|kick|cut down on)\s+)"
    r"((?!(?:that|it|this|them)\b)[a-z' ]+?)(?:\s+(?:for good|once and for all))?\s*[?.!]*$"
)
"""A habit the user wants to be rid of: "how do I stop procrastinating?", "how can I quit smoking?".
After "stop" only a doing counts ("how do you stop the leak?" is no habit), and missing someone
or worrying is a hard time (:mod:`game.mind.coping`), not a habit."""


def habit(text: str) -> str:
    """What habit the line asks how to stop ("procrastinating"), or "" ("stop that" is ``tips_on``)."""
    found = _HABIT.search(text.lower().replace("\u2019", "'"))
    thing = found.group(1).strip() if found else ""
    return thing if 0 < len(thing.split()) <= MAX_WORDS else ""


def break_habit(turn: SkillInput, thing: str) -> Answer:
    """The persona's own way of dropping a habit, naming the user's ("Procrastinating? …").

    The ``how_to`` line is about learning a thing ("do a little every day"), which is the wrong
    advice for one to be rid of.
    """
    return _in_character(
        turn, "break_habit", f"asks how to stop '{thing}': the persona's own way with a habit", thing
    )


def _in_character(turn: SkillInput, kind: str, why: str, thing: str = "", place: str = "") -> Answer:
    """The persona's ``kind`` line as a skill's answer, the user's thing said from its side ("your …")."""
    said = turn.line(kind, thing=you(thing), place=place)
    return Answer(said[:1].upper() + said[1:], evidence=[why], layer="skill")


_GOING_TO = re.compile(
    r"\b(?:to|in|visit|visiting|around|for a (?:week|weekend|few days) in)\s+"
    r"(?P<place>[A-Z][a-z]+(?:\s+(?:de|del|di|la|le)?\s*[A-Z][a-z]+)?)"
)
"""The place of a trip the user told of ("I'm going to Rome next month", "a week in New York")."""


def trip_place(text: str, before: str) -> str:
    """The place of the user's trip that "what should I see first?" asks about, or "".

    The line must ask what to see, do or eat there (:func:`follow_ups.asks_what_for`) and the
    user's line before must name the place; an NPC's name is no place.
    """
    if not asks_what_for(text) or is_question(before):
        return ""
    found = _GOING_TO.search(before)
    place = found["place"].strip() if found else ""
    return "" if place.lower() in ("ada", "bo", "cleo", "i", "the") else place


def trip_tip(turn: SkillInput, place: str) -> Answer:
    """What the persona would do first in the user's place ("In Rome? Look up first…": ``trip_tip``)."""
    return _in_character(
        turn,
        "trip_tip",
        f"asks what to do on the trip to {place}: the persona's own way with a new place",
        place=place,
    )


def tips_on(text: str, before: str) -> str:
    """The thing a bare "any tips?" asks about: the one the user's line ``before`` named, or "".

    "How do you stop that happening?" and "where should I start?" ask the same.

    "I burned the rice again last night." … "any tips?" asks about the rice. The persona's
    general topic of advice ("Tie your knots properly") would answer a different question.
    """
    if not _TIPS.match(text.lower()) or not before or is_question(before):
        return ""
    learning = _THING.search(before.lower())
    if learning is None:
        return phrase_of(before)
    return _as_activity(_UNTIL_WHEN.split(learning.group(1).strip())[0])


def _as_activity(thing: str) -> str:
    """A bare verb as the activity ("cook" → "cooking"); anything longer as it is."""
    if thing not in _ACTIVITIES:
        return thing
    if thing.endswith("e") and not thing.endswith("ee"):
        return thing[:-1] + "ing"
    short = len(thing) <= 4 and re.fullmatch(r".*[^aeiou][aeiou][^aeiouwxy]", thing)
    return thing + (thing[-1] if short else "") + "ing"


def split_request(text: str) -> tuple[str, str]:
    """``(what was said first, the bare request)`` for "I burnt the rice again. Any tips?", else ("", "").

    A line can carry its own "line before": the request then asks about the sentences ahead of it.
    """
    parts = [p for p in re.split(r"(?<=[.!])\s+", text.strip()) if p]
    if len(parts) >= 2 and _TIPS.match(parts[-1].lower()):
        return " ".join(parts[:-1]), parts[-1]
    return "", ""


_PEOPLE = frozenset(
    {"flatmate", "roommate", "housemate", "neighbour", "neighbor", "boss", "manager", "colleague", "friend",
     "sister", "brother", "mum", "mam", "dad", "mother", "father", "son", "daughter", "partner", "husband",
     "wife", "boyfriend", "girlfriend", "kids", "children", "teacher", "landlord", "landlady", "cousin",
     "aunt", "uncle", "grandad", "grandma", "nan", "gran", "family", "parents", "in-laws"}
)  # fmt: skip
"""Someone the user has trouble with: "what would you do?" about a flatmate who drums at night asks
no way to learn a thing, so the ``how_to`` line ("Begin small, and a little badly") would not fit."""


def learnable(thing: str, asked: str) -> bool:
    """Whether ``thing`` can be gone about as the ``how_to`` lines do (a skill, a dish), not a person.

    Advice asked *for* the person ("any advice for her?" after "my daughter wants to become a
    chef") is advice on what they go about, so it counts.
    """
    words = thing.lower().split()
    if not words or re.search(r"\bfor (?:her|him|them)\b", asked.lower()):
        return bool(words)
    last = words[-1]
    return {last, last.removesuffix("'s"), last.removesuffix("s")}.isdisjoint(_PEOPLE)


def advise(turn: SkillInput, thing: str) -> Answer:
    """The persona's advice on the user's thing, in its own words ("my ceiling" said back as "your")."""
    return _in_character(
        turn, "how_to", f"advice asked on '{thing}': the persona's own way of going about it", thing
    )


def own_tip(turn: SkillInput, topics: TopicIndex, asked: str, on: str = "") -> Answer | None:
    """The persona's own tip on what "any tips?" asks about (the user's line before it), if one is near.

    "I've been asked to read a poem at a wedding." … "any tips?" is met by Cleo's tip on wedding
    poems. The tip must name a thing the user named: nearness alone gave burnt porridge Bo's tip
    on seasoning (0.48) and learning an instrument Cleo's on learning a language (0.40). Her
    general way of learning a thing ("be patient, a little every day") answers the rest.
    A habit (``on``: "being shy") is named by any telling word, so Cleo's tip "if you're shy" counts.
    """
    about = replace(turn, text=asked, vector=topics.embedder.embed(asked))
    tip = topics.best_advice(about.vector, asked)
    classes = ("noun", "verb", "adjective") if on else ("noun",)
    named = content_stems(on or asked, classes)
    if tip is None or tip.score < ADVICE_MIN or not named & content_stems(tip.matched, classes):
        return None
    found = asked_thing.topic_answer(about, tip, topics)
    found.evidence[:0] = [
        f"tips asked on the line before: the persona's own tip from {tip.topic.name} ({tip.score:.2f})"
    ]
    return found
