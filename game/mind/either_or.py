"""A question between two things ("rent or buy?", "by hand or on a computer?"): the NPC picks one.

Asked back ("A computer? I don't know yet. Tell me what you'd say.") a character dodges a
question anyone can answer, and the rubric counts that as no answer. The choice is the persona's
own, read from what it has written: its likes and dislikes weigh most, then how often its
authored replies name each side's head word ("bus" in "take the bus"). The reason given is
one of those replies when it names the chosen side; otherwise the NPC says its choice and asks
the user's, which is still an answer. A tie is broken by the persona's name, so a character
chooses the same way each time.
"""

from __future__ import annotations

import re
import zlib

from game.mind import topic_replies
from game.mind.echo_words import words
from game.mind.persona import Persona
from game.mind.reply_fit import content_stems, echo_heard, without_echo
from game.mind.skill_io import Answer, SkillInput
from game.mind.user_news import stem

MAX_WORDS = 4
"""An option longer than this is a clause, not a thing to choose ("or should I just stay home and …")."""
_NOT_CHOICES = re.compile(
    r"\bor (not|so|something|anything|what|two|else|whatever)\b|\b(any|either)\s+\w+ or\b"
    r"|\b(living or dead|dead or alive|alive or dead)\b"
)
_LEFT_STOP = words(
    """prefer like rather better choose pick is are do does you it which would should be to for into
    more go what's whats what i"""
)
_RIGHT_DROP = frozenset({"better", "more", "most", "best", "instead", "then", "though", "anyway", "really"})
_STOP = words(
    "a an the to by on in of at from for into with my your some it them this that one me you him her us"
)
"""Glue and pronouns: "spend it" turns on spending, and "it" is in half of any persona's lines."""


_SIDES = {"your": "my", "my": "your"}
"""A side said back from the character's side: the user's "your mum" is its own."""
_ASKS_WHO = re.compile(r"\b(?:who|who's|who'd|whose|which)\b", re.IGNORECASE)
"""A choice of two people asks who ("who'd catch more, Ada or Cleo?")."""


_COMPARED = re.compile(
    r"(?:^|, )(?:is|are|do you think|would you say|d'you reckon) (?P<a>[a-z' ]+?) (?:is |are )?"
    r"(?:better|nicer|tastier|healthier|more fun) than (?P<b>[a-z' ]+?)\s*\?"
    r"|\bdo you prefer (?P<c>[a-z' ]+?) to (?P<d>[a-z' ]+?)\s*\?"
)
"""A choice asked as a comparison ("is tea better than coffee?", "do you prefer cats to dogs?")."""


_NO_SIDE = frozenset(
    {"it", "that", "this", "nothing", "before", "ever", "usual", "expected", "average", "mine"}
)
""""Is walking better than nothing?" weighs no two things."""


def _compared(low: str, names: frozenset[str]) -> tuple[str, str] | None:
    found = _COMPARED.search(re.sub(r"^(?:[a-z]+, )", lambda m: "" if m[0][:-2] in names else m[0], low))
    if found is None:
        return None
    sides = (found["a"] or found["c"], found["b"] or found["d"])
    pair = tuple(" ".join(w for w in side.split() if w not in _RIGHT_DROP) for side in sides)
    if any(not side or len(side.split()) > MAX_WORDS or side in _NO_SIDE for side in pair):
        return None
    return _one_named(pair[0], pair[1])


def options(text: str, names: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """The two things a question asks the NPC to choose between, or None when it asks no such choice."""
    low = text.lower().strip()
    if " or " not in low:
        return _compared(low, names)
    if "?" not in low or " or " not in low or _NOT_CHOICES.search(low):
        return None
    clause = re.split(r"[.!;]\s", low.split("?")[0])[-1]
    people = re.search(r"\b([a-z]+),? or ([a-z]+)\b", clause)
    asks_who = _ASKS_WHO.search(clause) is not None
    if people is not None and people[1] in names and people[2] in names and asks_who:
        return people[1].title(), people[2].title()  # "who'd catch more, Ada or Cleo?": a pick of the two
    tokens = [w for w in re.findall(r"[a-z']+|,", clause) if w not in names]
    if tokens.count("or") != 1:
        return None
    at = tokens.index("or")
    right = [w for w in tokens[at + 1 :] if w != ","][: MAX_WORDS + 1]
    while right and right[-1] in _RIGHT_DROP:
        right.pop()
    if right[-2:] in (["at", "all"], ["these", "days"]) and len(right) > 2:
        del right[-2:]  # "do you knit or sew at all?": the choice is knitting or sewing
    if right and right[0] == "to":
        right.pop(0)
    left: list[str] = []
    for word in reversed(tokens[:at]):
        if word == "," or word in _LEFT_STOP or len(left) > len(right):
            break
        left.insert(0, word)
    if not left or not right or len(right) > MAX_WORDS:
        return None
    return _one_named(" ".join(left), " ".join(right))


def _one_named(left: str, right: str) -> tuple[str, str]:
    """The sides with the right's "one" named: "a gas hob or an electric one" is an electric hob."""
    words, said = right.split(), left.split()
    if len(words) > 1 and words[-1] in ("one", "ones") and said[-1] not in ("one", "ones"):
        words[-1] = said[-1]
    return left, " ".join(words)


def head(option: str) -> str:
    """The option's head word, stemmed: the last word that is not glue ("take the bus" → "bus").

    The choice turns on it. Leading verbs are shared context ("take", "travel", "write"), and
    counting them would let "take everyone out" argue for the bus.
    """
    kept = [w for w in re.findall(r"[a-z']+", option.lower()) if w not in _STOP]
    return stem(kept[-1]) if kept else ""


def names_a_side(reply: str, pair: tuple[str, str], asked: str) -> bool:
    """Whether a reply found another way (a topic's) takes up either side of the choice.

    "Do you prefer reading on paper or on a screen?" found Cleo's books, and the first book she
    loved answers neither. Between two people, naming one is not enough: "What I like best about Cleo
    …" does not say who dances better (:func:`picked_in`).
    """
    if of_people(pair):
        return picked_in(reply, pair, asked)
    return any(_says(reply, head(option)) for option in pair)


def of_people(pair: tuple[str, str]) -> bool:
    """Whether the choice is between two of the characters (:func:`options` gives their names as said)."""
    return pair[0][:1].isupper() and pair[1][:1].isupper()


def picked_in(reply: str, pair: tuple[str, str], asked: str) -> bool:
    """Whether a persona's reply found for the line already says who of two people it picks.

    It names one of them and says a word of the question's own clause: "Better singer? Cleo, mate,
    no contest" answers "who's the better singer, Ada or Cleo?"; Ada's fish pie does not answer
    "who'd catch more?", and neither does "What I like best about Cleo …" who dances better.
    """
    question = next((part for part in asked.split(",") if _ASKS_WHO.search(part)), asked)
    named = any(_says(reply, head(side)) for side in pair)
    return of_people(pair) and named and bool(content_stems(question) & content_stems(reply))


def _says(line: str, word: str) -> bool:
    return word in {stem(w) for w in re.findall(r"[a-z']+", line.lower())}


def _telling(option: str, other: str) -> str:
    """The word that tells the option from the other: its head, or its own last word where both share it.

    "A gas hob or an electric one?" turns on "gas" and "electric", not on "hob".
    """
    word = head(option)
    if word != head(other):
        return word
    own = [stem(w) for w in re.findall(r"[a-z']+", option.lower()) if w not in _STOP]
    theirs = {stem(w) for w in re.findall(r"[a-z']+", other.lower())}
    return next((w for w in reversed(own) if w not in theirs), word)


def _leaning(persona: Persona, option: str, other: str) -> float:
    """How much the persona's own words lean to an option: likes +2, dislikes −2, replies +1 each."""
    word = _telling(option, other)
    shared = head(option) if word != head(option) else ""  # "gas": only a line about hobs counts
    score = 2.0 * sum(_says(like, word) for like in persona.likes)
    score -= 2.0 * sum(_says(dislike, word) for dislike in persona.dislikes)
    return score + sum(
        _says(line, word)
        and (not shared or _says(line, shared))
        and _first_named(line, (option, other)) != other
        for topic in persona.talk_topics
        for line in topic.say
    )


_LEANS_ON_BEFORE = re.compile(r"^(they|them|he|she|those|these)\b", re.IGNORECASE)
"""A reply opening on a pronoun answered the line before it ("They're far away. I write them letters
on paper…" is about Cleo's family): as the reason for a choice, it names no one."""


_BARE = re.compile(r"(?:[a-z]+,\s*)?(?:so |and )?[a-z]+ or [a-z]+\s*\?+")


def is_bare(text: str) -> bool:
    """A choice of two words alone ("red or green?"): what it is about is in the line before."""
    return _BARE.fullmatch(text.lower().strip()) is not None


def reason(persona: Persona, option: str, asked: str = "", other: str = "") -> str:
    """The persona's authored reply that names the option and stands alone, or "".

    An option of two words or more needs two of them named: "reading on paper" is not argued for by
    "we write letters, real ones, on paper". Of those, the one saying most of the other words of the
    line ``asked`` (the sides and the words of any choice left out), then the shortest: "thick or
    thin chips?" is argued by the chips, not by Hull City "through thick and thin". A reply opening
    on a question echoes that line or the option ("Mistake? … I paid for a new one" argues for no
    new building). A reply naming the ``other`` side before the option comes last: "Dream? In
    Portuguese, mostly. But … English" argues for Portuguese, not English.
    """
    word = head(option)
    kept = {stem(w) for w in re.findall(r"[a-z']+", option.lower()) if w not in _STOP}
    need = min(2, len(kept))
    said = [
        reply
        for topic in persona.talk_topics
        for reply in topic.say
        if "{" not in reply
        and _says(reply, word)
        and sum(_says(reply, w) for w in kept) >= need
        and not _LEANS_ON_BEFORE.match(reply)
        and echo_heard(f"{asked} {option}", reply)
    ]
    words = content_stems(asked) - content_stems(f"{option} {other} {_CHOOSING}")

    def fit(reply: str) -> tuple[bool, int, int]:  # for the option first, most of the line, shortest
        return _first_named(reply, (option, other)) == other, -len(words & content_stems(reply)), len(reply)

    return min(said, key=fit) if said else ""


_CHOOSING = "prefer like better rather choose pick think love best favourite"
"""Words of any choice question: a reason saying "prefer" is no nearer the question asked."""


def _first_named(reply: str, pair: tuple[str, str]) -> str:
    """The side whose head word the reply says first ("" when it says neither)."""
    low = reply.lower()
    words = {side: _telling(side, other) for side, other in (pair, pair[::-1])}
    at = {side: m.start() for side in pair if (m := re.search(rf"\b{re.escape(words[side])}", low))}
    return min(at, key=lambda side: at[side]) if at else ""


def _mark_said(turn: SkillInput, line: str) -> None:
    """Mark the reason's topic line as said, so "why's that?" gets its ``more``, not the pick again."""
    for topic in turn.persona.talk_topics:
        if line and line in topic.say:
            topic_replies.say_this(turn, topic, topic.say.index(line))
            return


def choose(turn: SkillInput, pair: tuple[str, str]) -> Answer:
    """The persona's pick between the two sides, with its reason when it has written one."""
    persona = turn.persona
    leanings = [_leaning(persona, side, pair[1 - i]) for i, side in enumerate(pair)]
    if leanings[0] != leanings[1]:
        pick = 0 if leanings[0] > leanings[1] else 1
        why = f"its own words lean {leanings[0]:g} to {leanings[1]:g}"
    else:
        pick = zlib.crc32(f"{persona.name}:{pair[0]}:{pair[1]}".encode()) % 2
        why = "its own words don't lean: a steady coin for this persona"
    chosen = pair[pick]
    asked = turn.text
    if is_bare(asked):  # "red or green?" of the front door before
        asked = f"{turn.context.focus.get('line_before', '')} {asked}"
    because = "" if of_people(pair) else reason(persona, chosen, asked, pair[1 - pick])
    _mark_said(turn, because)
    told = re.sub(r"\b(your|my)\b", lambda m: _SIDES[m[1]], chosen)  # "your mum or your dad?": "My mum"
    said = f"{told[0].upper()}{told[1:]}, I'd say. "
    if not because.lower().startswith(chosen.lower()):
        because = without_echo(because)  # not "Brown sauce, I'd say. A bacon sandwich? …"
    if because.lower().startswith(chosen.lower()):
        said = ""  # "Cities, but small ones." says the pick itself; "Cities, I'd say." before it is an echo
    # a line about Ada is no reason she'd catch more fish than Cleo: the pick is said as a confidence
    other = f"But don't tell {pair[1 - pick]} I said so." if of_people(pair) else ""
    text = said + (because or other or f"Not {pair[1 - pick]}. Which would you pick?")
    return Answer(
        text.strip(),
        evidence=[f"a choice between '{pair[0]}' and '{pair[1]}': {chosen} ({why})"],
        layer="skill",
    )
