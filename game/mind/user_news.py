"""What the user tells about their life, read from plain sentences: news, plans, activities, people.

"I'm learning to paint", "my sister is visiting", "I just got back from Lisbon": each
becomes a :class:`~game.mind.memory.Note` with the user's own words turned to the NPC's
point of view and a question that brings it back later ("How is the painting going?").

Only statements count. Questions, requests to an NPC, hypotheticals and negations are
not news ("if I went to Lisbon…", "can you tell my sister…", "I'm not learning to
paint"), and neither is a move in the room ("I'm going to sit down"): a plan needs a
plan verb or a time ("next week"). Patterns, not embeddings, because a false memory is
worse than a missed one and every rule here can be read and tested on a table
(tests/mind/test_user_news.py). Nothing here stores anything: see :mod:`game.mind.recall`.
"""

from __future__ import annotations

import re
import time

from game.mind.note import Note

_I = re.IGNORECASE
_ASKS = (
    r"^(?:who|what|when|where|why|how|which|whose|do|does|did|are|is|was|were|can|could|would|will|"
    r"shall|should|have|has|may|might)\b"
)
_ASKS_RE = re.compile(_ASKS, _I)
_NOT_NEWS = re.compile(
    rf"{_ASKS}|^(?:please|tell|let's|let)\b"
    r"|\b(?:if|imagine|suppose|supposing|pretend|wish|would|could|might|maybe|perhaps|someday|"
    r"dream|dreamt|dreamed|not|never|no longer|don't|didn't|won't|isn't|aren't|wasn't|can't|haven't|"
    r"hasn't|i'd|want you|need you|you should)\b",
    _I,
)
_WHEN = (
    r"(?:today|tonight|yesterday|tomorrow|soon|this (?:morning|afternoon|evening|week|weekend|month|year|"
    r"summer|winter|spring|autumn)|(?:last|next) (?:night|week|weekend|month|year|summer|winter|spring|"
    r"autumn|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|on (?:monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)|in (?:january|february|march|april|may|june|july|august|september|"
    r"october|november|december|a (?:few days|week|month)|two weeks)|later this (?:week|month|year))"
)
WHEN_RE = re.compile(rf"\b{_WHEN}\b", _I)
"""A time the user gives ("tomorrow", "next week", "on Friday")."""
_TAIL = re.compile(
    rf"(?:\s*,?\s*(?:{_WHEN}|again|now|at last|finally|recently|for work|for a while))+\s*$", _I
)
_FRONT = re.compile(
    r"^(?:guess what|you know what|so|well|oh|hey|by the way|anyway|actually|good news)\W+", _I
)
_CLAUSES = re.compile(r"(?:[.!;]+\s*|,?\s+(?:and|but|so)\s+(?=i\b|i'|my\b|we\b))", _I)

KIN = (
    r"(?:best friend|friend|sister|brother|mum|mom|mother|dad|father|parents|wife|husband|partner|girlfriend|"
    r"boyfriend|son|daughter|kids|children|grandma|grandmother|granny|grandpa|grandfather|grandparents|aunt|"
    r"uncle|cousin|niece|nephew|boss|colleague|neighbour|neighbor|flatmate|roommate|dog|cat|puppy|kitten)"
)
"""The people (and pets) a user says "my …" of, as a regex group."""
_HER = {"sister", "mum", "mom", "mother", "wife", "girlfriend", "daughter", "grandma", "grandmother",
        "granny", "aunt", "niece"}  # fmt: skip
_HIS = {
    "brother",
    "dad",
    "father",
    "husband",
    "boyfriend",
    "son",
    "grandpa",
    "grandfather",
    "uncle",
    "nephew",
}
_PLURAL = {"parents", "kids", "children", "grandparents"}
_ADVERBS = {
    "just",
    "really",
    "also",
    "finally",
    "recently",
    "actually",
    "still",
    "always",
    "sometimes",
    "is",
    "was",
}
_PREDICATE = (
    r"(?:is|was|'s|has|had|just|got|gets|came|comes|moved|started|lives|works|visited|called|phoned|rang|"
    r"turned|bought|found|broke|won|lost|graduated|finished|arrived|arrives|left|will|are|were|have)"
)
_COMMON_PLACES = {"school", "work", "college", "university", "uni", "church", "bed", "town", "class",
                  "practice", "gym", "training", "court", "hospital", "sleep", "lunch", "dinner",
                  "breakfast"}  # fmt: skip
_TRIP_WORDS = {"holiday", "vacation", "trip", "honeymoon", "camping", "work trip", "holidays", "a trip"}
_SWAP = {"i": "you", "i'm": "you're", "im": "you're", "am": "are", "i've": "you've", "i'll": "you'll",
         "my": "your", "me": "you", "mine": "yours", "myself": "yourself", "we": "you", "we're": "you're",
         "we've": "you've", "our": "your", "us": "you"}  # fmt: skip

_NOT_NAME = rf"(?!(?:{'|'.join(_ADVERBS)}|{_PREDICATE[3:-1]}|{_WHEN})\b)"
_PERSON = re.compile(
    rf"\bmy (?P<rel>{KIN})(?:,? {_NOT_NAME}(?P<name>[a-z][a-z'-]+),?)? (?P<pred>{_PREDICATE}\b.*)", _I
)
_HAVE_PERSON = re.compile(
    rf"\bi(?: have|'ve got| have got) an? (?P<rel>{KIN}) (?:called|named) (?P<name>[a-z'-]+)", _I
)
_SEE_PERSON = re.compile(
    rf"\bi(?:'m| am) (?:visiting|seeing|meeting|calling) my (?P<rel>{KIN})"
    rf"(?: {_NOT_NAME}(?P<name>[a-z'-]+))?",
    _I,
)
_TRIP = re.compile(
    r"\bi(?:'ve| have)? (?:just |recently )?(?:got|gotten|came|come|flew|returned) (?:back|home) from "
    r"(?P<place>.+)"
    r"|\bi(?:'m| am) (?:just )?back from (?P<place2>.+)"
    r"|\bi(?:'ve| have) (?:just |recently )?(?:been|returned) (?:to|from) (?P<place3>.+)"
    r"|\bi (?:just |recently )?(?:went|flew|travelled|traveled) to (?P<place4>.+)",
    _I,
)
_ACTIVITY = re.compile(
    r"\bi(?:'m| am|'ve been| have been) (?:learning|studying|practising|practicing) (?:how )?(?P<what>.+)"
    r"|\bi(?:'ve| have)? (?:just |recently )?(?:started|began|begun|taken up|took up)"
    r" (?:learning |doing )?(?P<what2>.+)"
    r"|\bi(?:'m| am) taking (?P<lessons>[a-z ]+?) (?:lessons|classes|a course)"
    r"|\bi(?:'m| am|'ve been) (?P<mverb>training for|writing|building|knitting|making) (?P<made>an? .+)"
    r"|\bi(?:'ve| have)? (?:just )?joined (?P<club>an? .+)",
    _I,
)
_PLAN = re.compile(
    r"\bi(?:'m| am) (?:planning|hoping) to (?P<plan>.+)|\bi plan to (?P<plan2>.+)"
    r"|\b(?:i(?:'m| am)|we(?:'re| are)) "
    r"(?P<big>moving(?= to| house| out| abroad| home| in with)|getting married|having a baby|retiring|"
    r"emigrating)\b"
    r"(?P<rest>.*)"
    r"|\b(?:i(?:'m| am)|we(?:'re| are)) (?P<soon>going to .+|(?!(?:feeling|being|doing|getting|thinking|"
    r"talking|looking|standing|sitting|waiting|listening|asking|saying|trying|wondering|going|hoping|planning)\b)"
    r"[a-z]+ing .+)",
    _I,
)
_EVENT = re.compile(
    r"\bi(?: have|'ve got| have got) (?:a|an|my|the) (?P<event>[a-z' ]{2,30}?) "
    rf"(?P<when>{_WHEN})\b",
    _I,
)
_NEWS = re.compile(
    r"^(?:i|i've|i have|we|we've)(?: just| finally| recently)? (?P<verb>got|passed|lost|won|finished|failed|"
    r"graduated|bought|sold|adopted|quit|broke|sprained|ran|sang|became|moved|met|found)\b(?P<rest>.*)",
    _I,
)
_GOOD = re.compile(
    r"\b(promotion|promoted|raise|new job|won|passed|engaged|married|graduated|baby|finished)\b", _I
)


def extract_news(text: str, now: float | None = None) -> list[Note]:
    """The notes in one line the user said (``[]`` for a question, request, hypothetical or negation)."""
    line = _FRONT.sub("", " ".join(text.replace("’", "'").split())).strip()
    if not line or line.endswith("?") or _NOT_NEWS.search(line):
        return []
    when = time.time() if now is None else now
    found: list[Note] = []
    for clause in _CLAUSES.split(line):
        clause = clause.strip(" ,")
        note = _one(clause)
        if note is not None and not re.search(r"\byou(?:r|rs|rself)?\b", note.topic, _I):
            found.append(Note(note.kind, note.topic.lower(), note.about, note.ask, when))
    return found


def asks(text: str) -> bool:
    """Whether ``text`` reads as a question (a recogniser's transcript has no question mark)."""
    line = _FRONT.sub("", text.strip())
    return line.endswith("?") or bool(_ASKS_RE.match(line))


def _one(clause: str) -> Note | None:
    """The first pattern that reads ``clause`` as news, in order of how specific it is."""
    for reader in (_person, _trip, _activity, _event, _plan, _news):
        note = reader(clause)
        if note is not None:
            return note
    return None


def _person(clause: str) -> Note | None:
    have = _HAVE_PERSON.search(clause)
    if have:
        rel, name = have["rel"].lower(), have["name"].capitalize()
        return Note(
            "person", f"{rel} {name}", f"you have a {rel} called {name}", f"How is your {rel} {name}?"
        )
    see = _SEE_PERSON.search(clause)
    if see:
        who = f"your {see['rel'].lower()}" + (f" {see['name'].capitalize()}" if see["name"] else "")
        return Note(
            "person", see["rel"], you(_TAIL.sub("", clause[see.start() :])), f"How was your time with {who}?"
        )
    match = _PERSON.search(clause)
    if not match:
        return None
    rel, name, pred = match["rel"].lower(), (match["name"] or "").capitalize(), match["pred"].lower()
    if pred.startswith(("is going to", "will")) and "visit" not in pred:
        return None  # a plan of theirs, not news
    who = f"your {rel}" + (f" {name}" if name else "")
    plural = rel in _PLURAL
    be = "are" if plural else "is"
    their = "their" if plural or rel not in _HER | _HIS else "her" if rel in _HER else "his"
    if re.search(r"\b(visit|visiting|coming|staying|stay|arriving|arrives|arrived)\b", pred):
        ask = f"Did {who} enjoy {their} visit?"
    elif re.search(r"\b(sick|ill|hospital|hurt|injured|surgery|operation|broke|unwell)\b", pred):
        ask = f"How {be} {who} feeling now?"
    else:
        ask = f"How {be} {who} doing?"
    about = you(_TAIL.sub("", clause[match.start() :]))
    return Note("person", f"{rel} {name}".strip(), about, ask)


def _trip(clause: str) -> Note | None:
    match = _TRIP.search(clause)
    if not match:
        return None
    raw = next(p for p in (match["place"], match["place2"], match["place3"], match["place4"]) if p)
    place = _TAIL.sub("", raw).strip()
    if not place or len(place.split()) > 5:
        return None
    timed = bool(WHEN_RE.search(raw)) or "holiday" in place.lower()
    owned = re.match(r"(?:the|a|an|my|our|to)\b", place, _I)
    common = place.lower() in _COMMON_PLACES
    if match["place4"] and (owned or common) and not timed:
        return None  # "I went to the kitchen", "I went to work": not a trip
    if common:
        shown = place.lower()
    elif place.lower() in _TRIP_WORDS:
        shown = "the " + place.lower().removeprefix("a ")
    elif owned:
        shown = you(place)
    else:
        shown = place.title() if place.islower() else place  # typed "Lisbon" stays; heard "lisbon" → "Lisbon"
    about = you(_TAIL.sub("", clause[match.start() :])).replace(you(place), shown)
    return Note("trip", _plain(place), about, f"How was {shown}?")


def _activity(clause: str) -> Note | None:
    match = _ACTIVITY.search(clause)
    if not match:
        return None
    about = you(_TAIL.sub("", clause[match.start() :]))
    if match["lessons"]:
        thing = _plain(match["lessons"])
        return Note("activity", thing, about, f"How are the {thing} lessons going?")
    if match["made"] or match["club"]:
        thing = _TAIL.sub("", match["made"] or match["club"]).strip()
        the = you(re.sub(r"^an? ", "the ", thing, flags=_I))
        training = (match["mverb"] or "").lower() == "training for"
        return Note("activity", _plain(thing), about, f"How is the training for {the} going?" if training
                    else f"How is {the} going?")  # fmt: skip
    what = _TAIL.sub("", match["what"] or match["what2"] or "").strip()
    if not what or len(what.split()) > (6 if what.split()[0].lower().endswith("ing") else 4):
        return None  # "volunteering at the food bank" is one doing; "a course in …" five words is a clause
    if what.lower().startswith("to "):
        verb, *rest = what[3:].split()
        what = " ".join([gerund(verb.lower()), *rest])
    first = what.split()[0].lower()
    if first.endswith("ing") and len(what.split()) == 1:
        return Note("activity", first, about, f"How is the {first} going?")
    if first.endswith("ing"):
        return Note("activity", _plain(what), about, f"How is {you(what)} going?")
    noun = _plain(what)
    return Note("activity", noun, about, f"How is your {noun} coming along?")


def _event(clause: str) -> Note | None:
    match = _EVENT.search(clause)
    if not match:
        return None
    event = match["event"].strip()
    about = you(_TAIL.sub("", clause[match.start() :]))
    return Note("plan", _plain(event), about, f"How did the {event} go?")


def _plan(clause: str) -> Note | None:
    match = _PLAN.search(clause)
    if not match:
        return None
    soon = match["soon"] or ""
    if soon and not WHEN_RE.search(clause):
        return None  # "I'm going to sit down", "I'm reading": the room or the moment, not a plan
    if re.match(r"going to (?:sit|stand|go|look|move|ask|say|tell|try|put|make|walk|be|do)\b", soon, _I):
        return None
    body = f"{match['big']}{match['rest']}" if match["big"] else match["plan"] or match["plan2"] or soon
    body = _TAIL.sub("", body).strip()
    if not body or len(body.split()) > 8:
        return None
    topic = _plain(" ".join(w for w in body.split() if w.lower() not in ("going", "to")) or body)
    said = f"you were planning to {you(body)}" if match["plan"] or match["plan2"] else f"you were {you(body)}"
    about = you(_TAIL.sub("", clause[match.start() :]))
    return Note("plan", topic, about, f"You said {said}. How did it go?")


def _news(clause: str) -> Note | None:
    match = _NEWS.search(clause)
    if not match:
        return None
    rest = _TAIL.sub("", match["rest"]).strip()
    if not rest or len(rest.split()) > 6:
        return None
    said = you(_TAIL.sub("", clause[match.start() :]))
    how = "How have things been" if _GOOD.search(clause) else "How have you been"
    since = re.sub(r"\b(?:just|finally|recently) ", "", said)  # "since you got…", not "since you just got…"
    return Note("news", _plain(rest), said, f"{how} since {since}?")


_ING_VERBS = frozenset(
    {"sing", "ring", "bring", "swing", "sting", "fling", "cling", "spring", "string", "wring"}
)
"""Verbs that end in "ing" before any "-ing" is added."""


def gerund(verb: str) -> str:
    """``paint`` → ``painting``, ``dance`` → ``dancing``, ``swim`` → ``swimming``, ``sing`` → ``singing``."""
    if verb.endswith("ing") and verb not in _ING_VERBS:
        return verb
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")) and len(verb) > 2:
        return verb[:-1] + "ing"
    vowels = re.findall(r"[aeiou]+", verb)
    if len(vowels) == 1 and re.search(r"[^aeiou][aeiou][^aeiouwxy]$", verb):
        return verb + verb[-1] + "ing"
    return verb + "ing"


def you(words: str) -> str:
    """The user's words from the NPC's side: "I'm learning" → "you're learning", "my" → "your".

    "Was" turns to "were" only after "I" or "we": "my first bowl was lopsided" stays "was".
    """
    said = words.split()
    return " ".join(
        "were" if w.lower() == "was" and k and said[k - 1].lower() in ("i", "we") else _SWAP.get(w.lower(), w)
        for k, w in enumerate(said)
    )


def _plain(phrase: str) -> str:
    """A topic without its article or possessive: "my sister" → "sister", "the guitar" → "guitar"."""
    return re.sub(r"^(?:the|a|an|my|our|your|some) ", "", phrase.strip(), flags=_I).strip()


_STOP = frozenset({"the", "a", "an", "my", "your", "to", "of", "for", "and", "in", "on", "with", "new"})


def stem(word: str) -> str:
    """A crude stem so "painting", "paints" and "paint" meet (enough to match a topic in a line)."""
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return re.sub(r"(.)\1$", r"\1", word)


def topic_words(phrase: str) -> set[str]:
    """The stems a line must mention for ``phrase`` to count as its topic."""
    return {stem(w) for w in re.findall(r"[a-z]+", phrase.lower()) if w not in _STOP}
