"""The last layer: when nothing else answers, ask back about what the user said, in character.

A bare "I didn't get that" ends a conversation; "A million pounds? What would you buy
first?" keeps it going. The phrase echoed back is found by shape, not by a parser: a
noun phrase opened by a determiner ("a million pounds", "my sister's car"), else a
proper name ("War and Peace"), else the last run of content words ending on a thing
(:mod:`game.mind.echo_words`), with I/my and you/your swapped so it reads from the NPC's
side. The persona's ``ask_back`` lines (``{thing}``) carry the character; a question to
the NPC gets ``ask_back_question`` (the question turned back), and a line with nothing
worth echoing gets ``ask_back_open`` (``ask_back_open_question`` for a question): quoting a
verb or an adjective back ("Big? Tell me more.") is worse than quoting nothing. A choice the
user cannot make gets ``ask_back_choices``, and a line right after the user's news gets
``ask_back_news_good`` or ``ask_back_news_bad``, or ``ask_back_news_snag`` when it tells the catch
in good news ("it needs a lot of work though" after "I bought my first flat!"), or
``ask_back_news_when`` when it tells when the good thing comes ("it's due in May"), or
``ask_back_news_nerves`` after nerves about something to come ("it's on Friday").
"""

from __future__ import annotations

import re

from game.mind.echo_words import can_head, word_class
from game.mind.everyday import NEWS_BEFORE, NEWS_ON, NEWS_TOLD, TOLD_BEFORE, is_bad, is_worry, misses, news_of
from game.mind.nuisance import NUISANCE
from game.mind.reply_fit import content_stems, set_aside
from game.mind.skill_io import Answer, SkillInput
from game.sim.colours import NAMED

_DETERMINERS = frozenset(
    {"a", "an", "the", "my", "your", "his", "her", "their", "our", "some", "this", "that", "these", "those"}
)
_SWAP = {"my": "your", "your": "my", "mine": "yours", "yours": "mine", "our": "your", "i": "you", "me": "you"}
_SELF = frozenset(
    {"myself", "yourself", "ourselves", "yourselves", "himself", "herself", "themselves", "itself"}
)
"""Closes a phrase ("an architect | myself"): echoed, it would be said from the wrong side."""
_CONNECTORS = frozenset({"of", "about"})
"""Glue a determiner phrase may run through ("a cup of tea", "a book about whales")."""
_BREAKS = frozenset({"function", "verb", "adverb", "time", "interjection"})
"""Word classes that end a phrase (see :mod:`game.mind.echo_words`)."""
_QUESTION = re.compile(
    r"^(what|why|how|who|where|when|which|do|does|did|are|is|have|has|can|could|would|will|should)\b"
)
MAX_WORDS = 5
_IS_SO = re.compile(
    r"\b(\w+)'s (?=(?:all|always|been|so|too|not|really|very|gone|got|just|still|completely|totally"
    r"|finally|now|already|actually|definitely|probably|never)\b)"
)
"""'s before "all", "so", "been" … is "is" or "has" too: "my body clock's all over the place"."""
_IS_DOING = re.compile(
    r"\b(\w+)'s (?!(?:wedding|building|painting|drawing|morning|evening|meeting|ceiling|feeling|pudding|"
    r"sibling|darling|earring|clothing|ring|thing|king|spring|string|swing|wing)\b)(\w+ing)\b(?=\s+\w)"
)
"""'s before a doing word is "is" ("my sister's getting married"), not whose ("my sister's wedding");
a doing word that ends the line is a thing ("I miss my mum's cooking")."""
_SNAG = re.compile(
    r"\b(?:but|though|only|sadly|unfortunately|shame|except|lopsided|wonky|crooked|chewed|expensive|"
    r"a lot of work|loads of work|needs work|a mess|messy|disaster|leaks|damp|"
    r"aching|aches|ache|sore|stiff|blisters|exhausted|knackered|shattered|worn out|brutal|hates? me|tangled|"
    r"keeps? (?:getting|going) (?:stuck|lost|wrong|mixed up)|"
    r"like a brick|rock hard|rock solid|flat as a pancake|burnt|raw in the middle|didn't rise|sank|"
    r"drooping|droopy|wilting|wilted|dying|swearing|took (?:ages|forever))\b"
)
"""The catch in good news: "it was only tiny though", "he chewed my slippers already", "my legs
are still aching" (after a marathon), "it came out like a brick" (a first loaf), "it's already
drooping" (a first house plant), "it took three of us and a lot of swearing" (a sofa in at last)."""
_NERVES = re.compile(
    r"^(?:[a-z]+,\s*)?(?:and |but |oh |honestly,? )?i(?:'m| am| feel| get)\b[^.?!]*"
    r"\b(?:nervous|terrified|scared|anxious|petrified|daunted)\b"
    r"(?! (?:about|for) (?:him|her|them|my|his|their)\b)"
    r"|^(?:[a-z]+,\s*)?(?:and |but |oh |honestly,? )?i (?:really |just )?"
    r"(?:hate|dread|can't stand|can't bear)\b"
)
"""Nerves right after good news ("I'm a bit terrified, honestly" after a promotion; "I hate public speaking"
after being asked to give a speech): courage, not sorrow, and not "Not a fan of that, then"."""
_WHEN_TOLD = re.compile(
    r"\b(?:in|on|by|from|until|(?P<near>next|this))\s+(?P<when>january|february|march|april|may|june|july|"
    r"august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"spring|summer|autumn|winter|week|month)\b"
)
"""When the good thing comes ("it's due in May", "we move next week"): a date, not a thing to echo."""


def _when_told(text: str) -> str:
    """The date the line gives, as said back ("May", "Next week"), or ""."""
    found = _WHEN_TOLD.search(text.lower())
    if found is None:
        return ""
    when = found["when"] if found["when"] in ("week", "month") or found["near"] else found["when"].title()
    said = f"{found['near']} {when}" if found["near"] else when
    return said[:1].upper() + said[1:]


def _tokens(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:'[^\W_]+)?", text.replace("\u2019", "'"))  # "café", not "caf"


def _reflect(words: list[str]) -> str:
    return " ".join(_SWAP.get(w.lower(), w) for w in words)


def _trimmed(words: list[str], low: list[str], run: list[int]) -> list[int]:
    """The run without the words after its last possible head ("the chair | sturdy", "the | best")."""
    while len(run) > 1 and not can_head(words[run[-1]], low[run[-2]]):
        run = run[:-1]
    return run


def _determiner_phrase(words: list[str], low: list[str]) -> list[int]:
    """The longest phrase opened by a determiner and headed by a thing ("a million pounds")."""
    best: list[int] = []
    for i, word in enumerate(low):
        if word not in _DETERMINERS:
            continue
        run = [i]
        for k in range(i + 1, min(len(words), i + 1 + MAX_WORDS)):
            before = low[k - 1]
            if low[k] in _CONNECTORS and len(run) >= 2:
                run.append(k)
                continue
            if low[k] in _SELF or word_class(words[k], before) in _BREAKS:
                break
            run.append(k)
        run = _trimmed(words, low, run)
        if len(run) >= 2 and len(run) > len(best):
            best = run
    return best


def _proper_names(words: list[str]) -> list[int]:
    """The first run of capitalised words past the first word ("War and Peace", "Peru")."""
    run: list[int] = []
    for k in range(1, len(words)):
        word = words[k]
        joins = run and word.lower() in ("and", "of", "the") and words[k + 1 : k + 2] != []
        if (word[:1].isupper() and word != "I") or (joins and words[k + 1][:1].isupper()):
            run.append(k)
        elif run:
            break
    return run


def _content_run(words: list[str], low: list[str]) -> list[int]:
    """The last run of content words that ends on a thing ("quantum flux"), never a lone verb or quality."""
    runs: list[list[int]] = [[]]
    for k, word in enumerate(words):
        before = low[k - 1] if k else ""
        if low[k] in _SELF or word_class(word, before) in _BREAKS or (word.isdigit() and len(word) > 4):
            runs.append([])
        else:
            runs[-1].append(k)
    found = [r for r in (_trimmed(words, low, r) for r in runs if r) if _heads(words, low, r)]
    return found[-1][-MAX_WORDS:] if found else []


def _heads(words: list[str], low: list[str], run: list[int]) -> bool:
    last = run[-1]
    return can_head(words[last], low[last - 1] if last else "")


def phrase_of(text: str) -> str:
    """The phrase worth echoing back ("a million pounds"), pronouns reflected; "" when none.

    A determiner phrase first, then a proper name, then the last run of content words; each
    must end on a thing, so "how big was it?" and "what helps?" echo nothing.
    """
    text = _IS_DOING.sub(r"\1 is \2", text)  # "my sister's getting married": the sister
    words = _tokens(_IS_SO.sub(r"\1 is ", text))  # "my body clock's all over the place": the clock
    low = [w.lower() for w in words]
    for run in (_determiner_phrase(words, low), _proper_names(words), _content_run(words, low)):
        if run and _heads(words, low, run):
            return _reflect([words[k] for k in run])
    return ""


_UNDECIDED = re.compile(
    r"\b(?:can't|cannot|can not|couldn't) (?:decide|choose|make up my mind)"
    r"|\b(?:not sure|unsure|don't know) (?:(?:whether|if) (?:to|i should|we should|i want|i'll|we'll)"
    r"|which|what to|where to)\b|\btorn between\b"
)
"""A choice the user can't make; "we don't know if it's a boy or a girl yet" waits, it chooses nothing."""


def _special_kind(turn: SkillInput, question: bool) -> str:
    """A statement that needs its own kind of ask-back: a choice the user can't make, or more of their news.

    "I can't decide what colour to paint my bedroom" asks for the choices, not "how did that
    come about?"; "I start on Monday", right after the user's new job, goes on with the news.
    """
    if question:
        return ""
    if _UNDECIDED.search(turn.text.lower()):
        return "ask_back_choices"
    mood = turn.context.focus.get(NEWS_BEFORE, "")
    low = turn.text.lower()
    if mood == "good" and _NERVES.search(low):
        return "ask_back_news_nerves"  # "I'm a bit terrified, honestly" after a promotion
    if mood == "good" and (_SNAG.search(low) or is_bad(low)):
        return "ask_back_news_snag"
    if mood == "good" and _when_told(low):
        return "ask_back_news_when"
    if mood == "bad" and is_worry(turn.context.focus.get(TOLD_BEFORE, "")):
        return "ask_back_news_nerves"  # "it's on Friday" after "I'm nervous about my driving test"
    if mood == NUISANCE:  # "it feels like a cupboard" after "our kitchen has no window": more of the trouble
        mood = "bad"
    return f"ask_back_news_{mood}" if mood in ("good", "bad") else ""


_DETAIL = re.compile(
    r"^(?:and |oh |well |yeah |so )?(?:it|she|he|they|that)(?:'s| is|'re| are| was| were)"
    r" (?P<what>[a-z ]{3,40}?)\s*[.!]*$"
)
_DEGREE = frozenset({"really", "so", "very", "quite", "all", "absolutely", "super", "pretty"})


def _detail(text: str) -> str:
    """What a detail of the user's news is like ("bright orange" in "it's bright orange"), or "".

    Right after "my daughter just bought her first car", "it's bright orange" echoed no thing
    and was met with "Tell me more. What's on your mind?"; the quality is the thing to take up.
    """
    found = _DETAIL.match(" ".join(text.lower().split()))
    if found is None:
        return ""
    kept = [w for w in found["what"].split() if w not in _DEGREE]
    if not 0 < len(kept) <= 3 or not all(w in NAMED or word_class(w) == "adjective" for w in kept):
        return ""
    return " ".join(kept)


def is_question(text: str) -> bool:
    """A question to the NPC: ends with '?' or opens with a question word."""
    low = text.strip().lower()
    return low.endswith("?") or bool(_QUESTION.match(low))


def ask_back(turn: SkillInput) -> Answer:
    """An in-character question back about the user's own words, or an open one when none fit."""
    thing = phrase_of(turn.text)
    if thing and content_stems(thing) & set_aside(turn.text):
        thing = ""  # "any team besides Hull City?" is not asked back as "Hull City?"
    question = is_question(turn.text)
    kind = _special_kind(turn, question)
    said_before = turn.context.focus.get(TOLD_BEFORE, "")
    told = phrase_of(said_before) or "news"
    news = re.sub(r"^(?:an? |(?!the |your |his |her |their |our ))", "your ", told)
    if re.search(rf"\b(?:be|become|being) {re.escape(told)}\b", said_before, re.IGNORECASE):
        news = f"you being {told}"  # "asked to be a bridesmaid": not "your bridesmaid"
    if kind == "ask_back_news_when":
        thing = _when_told(turn.text)  # "May! Not long to wait then, mate."
    if kind == "ask_back_news_good" and not thing:
        thing = _detail(turn.text)  # "Bright orange! Good for you." after "she bought her first car"
    if kind == "ask_back_news_bad" and not thing:
        thing = news  # "he used to sing to me" after "my grandad died": "Your grandad... I'm sorry."
    if kind in ("ask_back_news_snag", "ask_back_news_nerves"):
        text = turn.line(kind, news=news)  # "There's always a catch, mate. Still, your first flat!"
        return Answer(text, evidence=[f"fallback: {kind} about {news}"], focus="")
    if thing and kind:
        text = turn.line(kind, thing=thing, news=news)  # "Monday! … I'm still smiling about your new job."
        return Answer(text[:1].upper() + text[1:], evidence=[f"fallback: {kind} about '{thing}'"], focus="")
    if not thing:
        kind = "ask_back_open_question" if question else "ask_back_open"
        return Answer(turn.line(kind), evidence=[f"fallback: nothing to echo; asked for more ({kind})"])
    kind = "ask_back_question" if question else "ask_back"
    text = turn.line(kind, thing=thing)
    text = text[:1].upper() + text[1:]
    return Answer(text, evidence=[f"fallback: asked back about '{thing}' ({kind})"], focus="")


def more_news(turn: SkillInput) -> Answer | None:
    """More bad news right after the user's bad news: the news follow-up, not a second "Oh no".

    "my boss keeps talking over me" after "nobody listens to me at work" was met with the same
    "Oh no, I'm sorry to hear that. Do you want to talk about it?" twice running; the user is
    already talking about it, so the NPC takes the new part in ("Your boss... Oh dear, I am
    sorry."). Good news after good news is left to the news skill: "my sister's getting married"
    after "I ran my first 10k" is news of its own and wants its own congratulations.
    """
    mood = turn.context.focus.get(NEWS_BEFORE, "")
    nerves = is_worry(turn.text) or is_worry(turn.context.focus.get(TOLD_BEFORE, "")) or misses(turn.text)
    glad_then_nervous = mood == "good" and bool(_NERVES.search(turn.text.lower()))
    if not glad_then_nervous and (mood != "bad" or news_of(turn.text) != mood or nerves):
        return None  # nerves and missing are news of their own
    answer = ask_back(turn)
    turn.context.focus[NEWS_ON] = mood
    turn.context.focus[NEWS_TOLD] = turn.context.focus.get(TOLD_BEFORE, "")
    why = (
        "nerves right after the user's good news"
        if glad_then_nervous
        else f"more {mood} news right after the user's news"
    )
    answer.evidence.insert(0, why)
    answer.layer = "skill"
    return answer
