"""Which of a topic's replies answers the line, beyond closeness of meaning.

Sentence embeddings place "do you have any brothers or sisters?" closer to "My father was a
joiner" than to "My sister teaches maths", and "what time does the café open?" near "Sundays
it's shut". A few cheap signals a person would use first narrow a topic's replies before
meaning picks among them:

1. the line's own words: the replies that say the most of the line's telling words
   (sister, open, retire, lonely; not "good", "best", "give" or "like") answer it, and of
   those, the ones giving the kind of answer the line asks for ("who…?": a name, "when…?":
   a time, "how long…?", "how many…?"; :mod:`game.mind.answer_kind`);
2. the tense: a reply telling of the other time than the line asks about is dropped, before
   the words are counted (a line asking about the past is not answered by "one day I'd love
   to…", even when it shares a word);
3. the side: a line asking for the worst is not answered by "the best meal of my life", nor
   the best by the worst;
4. the form, also before the words: advice ("Try it. Draw one building a week.") answers a
   line asking for advice ("how do I get better?", "any tips?"), and only such a line ("did
   you write poems as a kid?" wants the character's own answer, not "Read more than you write");
5. the time: a line asking what is new ("read anything good lately?", "what are you working on
   at the moment?") is answered by a reply telling of lately, this week or the last time, when
   the topic has one, not by a favourite of all time;
6. the mood: a line that takes one mood for granted ("what's got you smiling?", "what makes
   you angry?") is not answered by a reply in the other ("A little restless.", "happy as a
   gull"): a person answers the feeling they were asked about; and of the low ones, the kind
   it names (anger is not answered with loneliness, nor fear with tiredness).

Before all of these, a reply that opens by echoing a question ("Grandchildren? Not yet.") is
kept only for a line that says what it echoes.

Each step keeps every reply when none qualifies, so a topic always has something to say.
"""

from __future__ import annotations

import re

from game.mind.answer_kind import asked_kind, gives_kind
from game.mind.echo_words import FUNCTION, INTERJECTIONS, TIME, word_class, words
from game.mind.stems import stem

_COMMON = words(
    """have had get got go went make made think know say said want like love feel tell ever
    good bad best better worst worse great nice favourite favorite big small little old new
    real sure fine right wrong lot lots thing things way kind sort people give take put bring
    keep let come see look use try need find call much many long short high low hard easy"""
)
"""Words too common in questions and replies to say what a line is about."""

_PAST_LINE = re.compile(
    r"\b(did|were|was|used to|as an? (kid|child|boy|girl|teenager)|when you were|ago"
    r"|last (week|year|night|time)|have you ever|you've ever|have you (been|seen|done|had|met|read|tried))\b"
)
_ONGOING_LINE = re.compile(r"\b(how long|since when) (have|has)\b")
""""How long have you played the cello?" asks about what goes on still, not the past."""
_PLANNED_LINE = re.compile(
    r"\b(are you|you're) (going|heading|off|doing|planning)\b.*\b(this (year|summer|winter|weekend|evening)"
    r"|tomorrow|tonight|next)\b"
)
""""Where are you going on holiday this year?": the present tense of a plan, asking what is to come."""
_FUTURE_LINE = re.compile(r"\b(will|going to|gonna|next|one day|someday|plan(ning)? to)\b")
_PAST = re.compile(
    r"\b(was|were|had|did|used to|grew|wrote|went|ran|ago|once|got|came|taught|learnt|fell|saw)\b"
    r"|\b[a-z]{3,}ed\b"
)
_FUTURE_REPLY = re.compile(r"\b(will|going to|one day|someday|next|would)\b|'(ll|d love|d like)\b")
_WORST = re.compile(
    r"\b(worst|least|hate[sd]?|dislike[sd]?|can't stand|scariest|awful|terrible|ugl(y|iest)|hardest"
    r"|toughest)\b"
)
_WORST_WORD = re.compile(r"\b(worst|least favou?rite)\b")
_BEST = re.compile(
    r"\b(best|(?<!least )favou?rite|love[sd]?|greatest|nicest|finest|most beautiful|prettiest|loveliest)\b"
)
_RECENT_LINE = re.compile(
    r"\b(lately|recently|these days|this (week|month|year)|at the moment|right now|currently|the last)\b"
    r"|\bwhat are you (?!going\b)[a-z]+ing\b(?!.*\b(?:tomorrow|tonight|later|next|weekend|on [a-z]+day)\b)"
)
_RECENT_REPLY = re.compile(
    r"\b(lately|recently|these days|this (week|month|year|morning)|at the moment|right now|today|yesterday"
    r"|last (night|week|weekend|month|year|time)|the last)\b"
)
"""A line asking what is new, and a reply telling of it (all-time favourites are not news); "what are
you writing?" asks what is going on now, not what she writes about."""
_GLAD = re.compile(
    r"\b(happy|glad|cheerful|cheery|smil(e|es|ing)|laugh(s|ing)?|content|calm|joy(ful)?|excited|delighted"
    r"|pleased|relaxed|good mood|in love|proud)\b"
)
_LOW = re.compile(
    r"\b(sad|sadness|saddest|angry|anger|annoyed|annoying|upset|tired|grumpy|lonely|restless|homesick|worried"
    r"|anxious|nervous|cross|furious|stressed|miserable|bored|gloomy|cry|crying|mad|scared|afraid|down)\b"
)
_ASKS_ADVICE = re.compile(
    r"\b(should (?:i|we)|shall i|how (do|can|could|would) (?:i|we)|any (tips|advice|ideas)|tips\b"
    r"|(?:a|any|one|your|good|best|top) tip\b"
    r"|advice|advise|recommend|suggest|what would you do|what do i do|what can i do|help me|how to"
    r"|best way to|why (?:does|do|is|are|did|won't|doesn't|don't|can't|isn't) (?:my|our) "
    r"|where (do|should|would|can) i (start|begin)|the (secret|trick|key) (to|of|for)"
    r"|what(?:'s| is) a good (?:first |starter |beginner's )?[a-z]+)"
)
_ASKS_A_METHOD = re.compile(
    r"\bhow do you (?:make|cook|bake|boil|fry|roast|grill|fix|mend|clean|grow|keep|store|sharpen"
    r"|choose|pick)\b"
)
"""How the NPC does a thing ("how do you make gravy?"): its tip answers as well as its own way."""
_ADVICE_GIVEN_YOU = re.compile(
    r"\badvice (?:you(?:'ve| have)? (?:ever )?(?:got|received|had|heard|been given)"
    r"|(?:any|some)one (?:ever )?gave you|(?:you were|were you) (?:ever )?given)\b"
    r"|\bgave you (?:the |some |any )?(?:best |worst |good |bad )?advice\b"
)
"""The advice the NPC was once given ("what's the best advice you ever got?") asks about its life."""
_ADVICE = re.compile(r"^(?:(?:to|for|when|if|in) [^,.]{1,40}, )?(?:(?:just|so|well|first),? )?"
                     r"(?:don't|never|always|try|start|find|go|get|make|take|"
                     r"keep|stop|ask|tell|write|read|draw|cook|eat|drink|listen|look|put|give|buy|leave|"
                     r"sleep|walk|tie|learn|practise|practice|be|do|rinse|boil|fry|rest|salt|season|chop|"
                     r"stir|label|pack|water|check|use|add|hold|breathe|raise|let|hang|bring)\b")  # fmt: skip
"""An imperative, maybe after what it is for ("To put up a shelf, find the stud")."""


def content_stems(text: str, classes: tuple[str, ...] = ("noun", "verb", "adjective")) -> set[str]:
    """The stems of a text's telling words (no glue, adverbs, time words or common words).

    ``classes`` narrows them: ``("noun",)`` gives the things a line names.
    """
    tokens = re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower().replace("\u2019", "'"))
    stems = {
        stem(w)
        for k, w in enumerate(tokens)
        if len(w) >= 3 and w not in _SKIP and word_class(w, tokens[k - 1] if k else "") in classes
    }
    return stems - _SKIP_STEMS


_KIN = {
    "kid": "child children daughter son grandchild grandchildren",
    "child": "kid daughter son",
    "children": "kid daughter son",
    "sibling": "brother sister",
    "parent": "mother father mum mam dad",
    "folk": "mother father mum mam dad",
    "mum": "mother mam",
    "mom": "mother mum mam",
    "dad": "father",
    "grandparent": "grandmother grandfather grandma grandad",
}
"""Words for family that a reply says by another name ("do you have kids?" → "my daughter")."""


_SKIP = FUNCTION | INTERJECTIONS | TIME | _COMMON
_SKIP_STEMS = frozenset(stem(w) for w in _SKIP)
_KIN_STEMS = {word: content_stems(kin) for word, kin in _KIN.items()}


def _with_kin(stems: set[str]) -> set[str]:
    return stems.union(*(_KIN_STEMS[s] for s in stems if s in _KIN_STEMS))


def asked_tense(line: str) -> str:
    """The time a line asks about: "past", "future" or "" (any)."""
    low = line.lower().replace("\u2019", "'")
    if _FUTURE_LINE.search(low):
        return "future"
    if _ONGOING_LINE.search(low):
        return ""
    if _PAST_LINE.search(low) or _PAST.search(low):
        return "past"
    return "future" if _PLANNED_LINE.search(low) else ""


def told_tense(reply: str) -> str:
    """The time a reply tells of: "past", "future" or "" (looking ahead wins over a past verb)."""
    low = reply.lower().replace("\u2019", "'")
    if _FUTURE_REPLY.search(low):
        return "future"
    return "past" if _PAST.search(low) else ""


_APART_FROM = re.compile(
    r"\b(?:apart from|other than|besides|aside from|except(?: for)?)\s+"
    r"(?!(?:that|this|it)\b)(?P<thing>[a-z' -]+)"
)
"""What a line sets aside; "other than that, …" sets nothing aside, it means "otherwise"."""


def set_aside(line: str) -> set[str]:
    """The stems of what the line sets aside ("anything apart from spirit levels?" → spirit, level)."""
    found = _APART_FROM.search(line.lower().replace("\u2019", "'"))
    return content_stems(found["thing"]) if found is not None else set()


def narrow(line: str, replies: list[str], topic: str = "") -> list[int]:
    """The positions of the replies that answer the line best: its words, the kind asked, the tense.

    A reply telling of the other time than the line asks about is dropped first ("did you like
    being a cook?" is not answered by "one day I'd love to cook paella", whatever words they
    share), and so is advice to a line asking none, and the other way round, and any reply but the
    worst to a line asking the worst ("the worst thing you ever cooked" shares "cooked" with Bo's
    best meal, "and I've cooked thousands"). The topic's own
    name ("lisbon") says which topic, not which reply, so it is not one of the line's words.
    """
    keep = [i for i in range(len(replies)) if echo_heard(line, replies[i])] or list(range(len(replies)))
    aside = set_aside(line)  # "apart from spirit levels": not the reply about them
    keep = [i for i in keep if not aside & content_stems(replies[i])] or keep
    asked = asked_tense(line)
    if asked:
        other = "future" if asked == "past" else "past"
        in_tense = [i for i in keep if told_tense(replies[i]) != other]
        names = _names_inside(line)
        naming = [i for i in keep if names & _capitalised(replies[i])]
        keep = (in_tense if set(naming) & set(in_tense) or not naming else naming) or keep
    low = line.lower().replace("\u2019", "'")
    keep = _at_the_asked_time(low, keep, replies)
    wants_advice = asks_advice(low)
    if not _ASKS_A_METHOD.search(low):  # "how do you cook rice?": a tip or the NPC's own way both answer
        keep = [i for i in keep if is_advice(replies[i]) == wants_advice] or keep
    if _asks_the_worst(low):
        keep = [i for i in keep if _tells_the_worst(replies[i])] or keep
    keep = _on_the_asked_side(low, keep, replies, _WORST, _BEST)  # before shared words: "most beautiful"
    said = _with_kin(content_stems(line)) - content_stems(topic.replace("_", " "))
    shared = {i: len(said & content_stems(replies[i])) for i in keep}
    most = max(shared.values(), default=0)
    if most:
        keep = [i for i in keep if shared[i] == most]
    kind = asked_kind(line)
    keep = [i for i in keep if gives_kind(replies[i], kind)] or keep
    if _RECENT_LINE.search(low):
        keep = [i for i in keep if _RECENT_REPLY.search(replies[i].lower())] or keep
    keep = _on_the_asked_side(low, keep, replies, _LOW, _GLAD)
    return _same_feeling(low, keep, replies)


_TIMES = (
    re.compile(r"\b(tonight|this evening|later on)\b"),
    re.compile(r"\b(today|this morning|this afternoon)\b"),
    re.compile(r"\b(tomorrow)\b"),
    re.compile(r"\b(yesterday|last night)\b"),
    re.compile(r"\b(this weekend|at the weekend|on saturday|on sunday)\b"),
)
"""Times of day a line may ask about, each with its own words."""


def _at_the_asked_time(low: str, keep: list[int], replies: list[str]) -> list[int]:
    """Drop the replies that name another time than the one the line asks about.

    "What are you doing this evening?" is not answered by "Tomorrow? I'm meeting the builders",
    whatever else they share; a reply naming no time may still answer it.
    """
    asked = [t for t in _TIMES if t.search(low)]
    if len(asked) != 1:
        return keep
    other = [t for t in _TIMES if t is not asked[0]]
    fits = [
        i
        for i in keep
        if asked[0].search(replies[i].lower()) or not any(t.search(replies[i].lower()) for t in other)
    ]
    return fits or keep


_ECHO_OPENING = re.compile(r"^([^.!?]{1,40})\?\s+\S")
_FOR_YOUR = re.compile(r"^For (?:your|a|an) ([^,.!?]{1,30}),\s+\S")


def _names_inside(line: str) -> set[str]:
    """The capitalised names of a line after its first word ("Japan").

    When no reply in the asked tense names the place or person the line asks about, one naming it
    in the other tense answers: "have you ever been to Japan?" is answered by "Japan is next on my
    list", not by the best trip so far.
    """
    return _capitalised(line.split(maxsplit=1)[1] if len(line.split()) > 1 else "")


def _capitalised(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\b[A-Z][a-z]{2,}", text)}


def echo_heard(line: str, reply: str) -> bool:
    """Whether a reply opening with an echoed question ("Best port? Valparaíso…") echoes the line.

    A tip that opens with what it is for ("For your book club, start short") is such an echo too.

    Such a reply presupposes that the line named the thing it echoes: "Grandchildren? Not yet."
    cannot answer "do you have kids?", nor "Tomorrow?" a question about the weekend. A reply
    without an echo, or an echo of common words only, always fits.
    """
    purpose = _FOR_YOUR.match(reply)
    if purpose is not None:  # every word of what it is for: "a book for a train ride" is no book club
        return content_stems(purpose.group(1)) <= content_stems(line)
    opening = _ECHO_OPENING.match(reply)
    if opening is None or len(opening.group(1).split()) > 4:
        return True
    echoed = content_stems(opening.group(1))
    if not echoed:  # "Tomorrow? I'm meeting the builders" answers no question about the weekend
        times = {w for w in re.findall(r"[a-z]+", opening.group(1).lower()) if w in TIME}
        return not times or bool(times & set(re.findall(r"[a-z]+", line.lower())))
    return bool(echoed & content_stems(line))


def without_echo(reply: str) -> str:
    """The reply without its opening echo of the question it was written for ("Chips? Thick, mate…")."""
    opening = _ECHO_OPENING.match(reply)
    if opening is None or len(opening.group(1).split()) > 4:
        return reply
    return reply[opening.end() - 1 :]


_YES_OR_NO = re.compile(r"(?:^|[.;!?]\s+|\bso\s+)(?:yes|no|yeah|nope|aye)\b[,.!]", re.IGNORECASE)


def answers_yes_or_no(reply: str) -> bool:
    """Whether a reply answers a question ("More trees? Yes, every street."; "…So yes, it matters.").

    Such a reply is no answer to a statement ("mostly trees and houses", of the user's drawings).
    """
    return bool(_YES_OR_NO.search(reply))


def asks_advice(line: str) -> bool:
    """Whether the line asks what to do ("any tips?", "how do I…?", "where should I start?").

    One reading for both uses: the advice form of a topic's reply, and :mod:`game.mind.advice`.
    """
    low = line.lower().replace("\u2019", "'")
    return bool(_ASKS_ADVICE.search(low)) and not _ADVICE_GIVEN_YOU.search(low)


def _on_the_asked_side(
    low: str, keep: list[int], replies: list[str], one: re.Pattern[str], other: re.Pattern[str]
) -> list[int]:
    """Drop the replies that tell only of the side the line did not ask about (worst/best, low/glad)."""
    asked = [side for side in (one, other) if side.search(low)]
    if len(asked) != 1:
        return keep
    wrong = other if asked[0] is one else one
    return [i for i in keep if not _telling(wrong, replies[i]) or _telling(asked[0], replies[i])] or keep


_FEELINGS = (
    re.compile(
        r"\b(angry|anger|annoy\w*|cross|furious|mad|irritat\w*|gets? my goat|winds? me up|can't stand)\b"
    ),
    re.compile(r"\b(sad|sadness|lonely|loneliness|homesick|miserable|gloomy|cry|crying)\b"),
    re.compile(r"\b(scared|afraid|fear\w*|nervous|anxious|worried|worry|frighten\w*)\b"),
    re.compile(r"\b(tired|sleepy|exhausted|weary|worn out)\b"),
)
"""Kinds of low mood a line may ask about by name; "what makes you angry?" is not answered with loneliness."""


def _same_feeling(low: str, keep: list[int], replies: list[str]) -> list[int]:
    """Keep the replies that tell of the one kind of feeling the line names, when any do."""
    asked = [kind for kind in _FEELINGS if kind.search(low)]
    if len(asked) != 1:
        return keep
    return [i for i in keep if _telling(asked[0], replies[i])] or keep


def _asks_the_worst(line: str) -> bool:
    """Whether the line asks after the worst of something in so many words ("the worst thing you cooked").

    "The scariest moment" has its own replies, which need not say "worst".
    """
    return bool(_WORST_WORD.search(line.lower())) and not _telling(_BEST, line)


def _tells_the_worst(reply: str) -> bool:
    """Whether a reply tells of the worst of something (the side :func:`_asks_the_worst` asks)."""
    return _telling(_WORST, reply)


def _telling(pattern: re.Pattern[str], reply: str) -> bool:
    return bool(pattern.search(reply.lower().replace("\u2019", "'")))


def first_sentence(text: str) -> str:
    """The text up to its first sentence end ("Read more. Then write." → "Read more.")."""
    return re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]


def is_advice(reply: str) -> bool:
    """Whether a reply tells the listener what to do ("Try it, if you love…"), not about the speaker.

    An imperative start alone is not enough: characters drop the subject when they talk about
    themselves ("Read Moby Dick once.", "Sleep like a baby, me."), so advice must also speak to
    the listener in its first sentence.
    """
    first = first_sentence(reply.lower().replace("\u2019", "'"))
    return bool(_ADVICE.match(first)) and bool(re.search(r"\byou(?:r|rs|rself)?\b", first))
