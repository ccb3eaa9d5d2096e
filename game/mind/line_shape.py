"""What a line's grammar says about what it asks for, before any meaning is looked up.

The intent classifier reads meaning by nearest examples, so "are you happy here?" lands
near "show me you're happy" and "do you go for walks?" near "would you walk to the door".
The shape of the sentence settles those: a yes/no question about the NPC's habits or
state ("do you…", "are you…", "is that…") or any wh-question ("where would you go next?",
"how big was it?", "who comes in?") asks to be told something, never to act: an order is
not put as a wh-question. "can you…", "could you…", "would you…", "why don't you…" and
"how about…" at the start are requests.
"""

from __future__ import annotations

import re

from game.mind.reply_fit import content_stems
from game.mind.room_words import ROOM_NOUNS

_ASKS_ABOUT = re.compile(
    r"^(?:(?:and|so|but|well|hey|oh)\s+)?"
    r"(?:(?:do|does|did|are|is|was|were|have|has|had)\s+(?:you|that|it|this|the|he|she|they|there)\b"
    r"|(?:what|where|when|why|how|who|whose|which)\b|(?:would|could|will|did|have)\s+you\s+ever\b)"
)
_REQUEST = re.compile(
    r"^(?:(?:and|so|but|well|hey|oh)\s+)?(?:(?:can|could|would|will|won't)\s+you(?!\s+ever\b)|why\s+don't\s+you|"
    r"what\s+about\s+\w+ing\b|"
    r"do\s+you\s+(?:want|mind|fancy)|would\s+you\s+mind|how\s+about)\b"
)
_TASTE = re.compile(
    r"\b(like|likes|love|loves|enjoy|enjoys|fond|favou?rite|hate|hates|dislike|dislikes|stand|annoy\w*|"
    r"bother\w*|irritate\w*|prefer|into|fan|interests?|interested|keen)\b"
)


def asks_not_orders(text: str) -> bool:
    """A question that asks to be told something ("do you go for walks?"), not to act."""
    low = text.strip().lower()
    return bool(_ASKS_ABOUT.match(low)) and not _REQUEST.match(low)


_OPINION_TAG = re.compile(
    r"(?:^|[\s,])(?<!\bif )(?<!\bwhen )(?<!\bas )(?<!\bunless )(?<!\bwhat )(?<!\bthat )(?<!\bhow )"
    r"(?:do |don't |d'you |wouldn't |would )?you (?:reckon|think|say|agree)(?: so)?\s*[?!.]*$"
)
"""The tag, not a clause: "nod if you agree" is an order, "do what you think" too."""


def asks_opinion(text: str) -> bool:
    """A line closed by a question for the NPC's view ("too bright, you reckon?", "… don't you think?").

    After the user's kitchen plan, "too bright, you reckon?" lay nearest "it's too bright in here" and
    the NPC dimmed the lights. A view asked for is talk: an order is not put to the listener's judgement.
    """
    low = text.strip().lower()
    return bool(_OPINION_TAG.search(low)) and not _REQUEST.match(low)


_TELLS = re.compile(
    r"^(?:(?:and|so|but|well|oh|actually)\s+)?"
    r"(?:i|i'm|i've|i'll|i'd|we|we're|we've|my|our|his|her|their|he|she|they|he's|she's|they're|mum|dad"
    r"|it was|it wasn't|that was|they were)\b"
)
_WISH = re.compile(r"\b(?:want|wants|need|needs|wish|like|love)\b(?!\s+to\b)|\byou\s+to\b")


def tells_not_orders(text: str) -> bool:
    """A statement about someone's life ("I'm thinking of repainting my bicycle"), not an order.

    Only a wish for the room ("I want the ceiling pink", "I'd like you to sit") is a request
    said in the first person; "I want to paint my kitchen" is the speaker's own plan.
    """
    low = text.strip().lower()
    return bool(_TELLS.match(low)) and not _WISH.search(low)


_HOW_IS = re.compile(
    r"^(?:(?:and|so|well)\s+)?how(?:'s|\s+is|\s+are|\s+was|\s+has)\s+(?P<what>[\w' ]+?)(?:\s+been)?"
    r"(?:\s+(?:going|doing|coming along|getting on))?(?:\s+these days|\s+today|\s+lately)?\s*[?.!]*$"
)
_ABOUT_YOU = re.compile(
    r"^(?:you|you doing|life|things|everything|it|it going|your day|your week|your evening|your morning"
    r"|your weekend|ya)$"
)


def asks_after_a_thing(text: str) -> bool:
    """'How's business?', 'how is the café doing?': asks after a thing in the NPC's life, not its health."""
    found = _HOW_IS.match(text.strip().lower())
    return found is not None and not _ABOUT_YOU.match(found.group("what").strip())


_NOT_HOW_YOU_ARE = re.compile(
    r"^(?:(?:and|so|well|oh|ah|ok|okay|nice|cool|great|right|haha|wow)[\s,!.]+)*"
    r"(?:do|does|did|what|which|who|where|why|when)\b(?!'s (?:up|new))"
    r"|(?:is|was|isn't|wasn't) (?:it|that|this)\b"
)


def asks_something_else(text: str) -> bool:
    """'What makes you angry?', 'is it a hard life?': about a feeling or a thing, not how the NPC is now.

    Asking how someone is starts with "how", "are you…", "you ok?" — or "what's up?".
    """
    return bool(_NOT_HOW_YOU_ARE.match(text.strip().lower()))


ELSEWHERE = re.compile(
    r"\b(?:(?:in|at|of) (?:a|an|any|your|my|his|her|their) (?:own )?(?:house|home|flat|place|office)|at home"
    r"|at sea"
    r"|the (?:café|cafe|pub|ship|shop|office|school|city|town))\b"
)
"""A place other than this room ("in your house", "at the café"): a favourite thing or a count
there is not one of the room's."""
LOOKS_HOW = re.compile(
    r"\blooks?\s+(?:any\s+)?(?:better|nicer|good|great|nice|worse|right|okay|ok|odd|strange|fine|lovely)\b"
)
"""Asking how a thing looks ("does the room look better now?", "does the lamp look nicer there?")
asks an opinion, not what is in the room or where the lamp is."""
SOMEONE_THERE = re.compile(
    r"\b(?:that|this|the)\s+(?:man|woman|guy|lady|bloke|fellow|fella|chap|girl|boy|lad|lass|kid|person)\b"
)
"""Someone pointed at ("who was that man?" after a story of a shipmate): never the NPC itself."""
_NOT_ITS_LIST = re.compile(
    r"^(?:and |so |but )?(?:does|do|did|would|will) (?!you\b)[a-z]+ (?:\w+ )?(?:like|love|enjoy|hate|mind)\b"
    r"|\bwho(?:'s| is| was) your favou?rite\b"
    r"|\b(?:annoy|bother|irritate|bug)\w* you (?:most |the most )?about\b"
)
"""Taste lines a list of the NPC's likes does not answer: someone else's ("does Ada like your
poems?"), one favourite person ("who is your favourite jazz musician?"), or what irks it about a
thing ("what annoys you most about clients?")."""


def asks_taste(text: str) -> bool:
    """Whether the line is about the NPC's own likes or dislikes (a likes list answers nothing else)."""
    low = text.lower().replace("\u2019", "'")
    return bool(_TASTE.search(low)) and not _NOT_ITS_LIST.search(low)


def states_about_self(text: str) -> bool:
    """A line in which the user says something about themself (first person), not a question to the NPC."""
    low = text.strip().lower()
    first_person = re.search(r"\b(i|i'm|i've|i'd|my|me|we|our)\b", low)
    return bool(first_person) or not low.endswith("?")


_GOES_BACK = re.compile(
    r"\b(?:go|goes|going|gone|went|get|getting|head|heading|move|moving|walk|walking|sail|sailing|come"
    r"|coming)\s+back\b|\breturn(?:ing)?\b(?!\s+(?:it|them|this|that|these|those|the|a|an|my|your)\b)"
)
_HYPOTHETICAL = re.compile(
    r"^(?:(?:and|so|but|well|oh|hey)\s+)?(?:would|could|will|might|can|do|did|have|should|are|were"
    r"|wouldn't|won't|couldn't|can't|don't)\s+you\b|\b(?:ever|one day|someday|some day|if)\b|\?\s*$"
)
_TO_THE_USER_OR_HERE = re.compile(
    r"\b(?:to|towards|toward|by|beside|near|next to)\s+(?:me|us)\b|\bhere\b|\bover\s+there\b"
    r"|\bwhere you (?:were|are) (?:standing|sitting)\b"
)


def asks_going_back(text: str) -> bool:
    """'Would you ever go back?', 'could you go back to sea?': going back in life, not a walk.

    After the NPC told of a place or a past job, a person asks whether it would go back or
    return one day. The line's nearest command example is "would you walk to the door", but
    going back asked as a question (or with "ever", "one day", "if") that names no place in
    the room — no thing of it, no "here", "over there" or "to me" — has nowhere here to walk
    to: it is open talk. "Go back to the door", "would you go back to your chair?" and "walk
    back to the window" name the room and stay commands; "return it" is no going anywhere.
    """
    low = " ".join(text.lower().replace("\u2019", "'").split())
    if not (_GOES_BACK.search(low) and _HYPOTHETICAL.search(low)):
        return False
    if _TO_THE_USER_OR_HERE.search(low):
        return False
    return not set(re.findall(r"[a-z]+", low)) & ROOM_NOUNS


AIMED = frozenset({"walk_to", "look_at", "point_at"})
"""Commands that go to, look at or point at one thing, and so need one."""
NOWHERE = "a walk, look or point at nothing here is talk"
_AT_THE_USER = re.compile(r"\b(?:me|us|here|this way|over there)\b")


def aimed_at_nothing(text: str, intent: str, reason: str, somewhere: bool) -> bool:
    """Whether a walk, look or point guessed from its nearest examples has nothing here to go to.

    "Bo, fancy a walk along the river later?" read nearest "walk to the door" and was repeated
    back as "Do you want me to go to it? Say yes or no."; "would you like to go?" the same. A
    guess that names no thing of the room, no NPC and not the user (``somewhere`` is False, and
    no "me", "here", "this way") is talk: there is nothing a yes could make the NPC do. A
    command matched by its rules, or one naming a thing the room lacks, is left alone.
    """
    if intent not in AIMED or reason != "nearest examples" or somewhere:
        return False
    return not _AT_THE_USER.search(text.lower())


_TO_A_THING = re.compile(r"\b(?:to|at|towards|toward)\s+(?:the|a|an|that|this|your|my)\s+([a-z]+)\b")
_NO_THING = frozenset(
    {"end", "left", "right", "side", "middle", "back", "front", "corner", "top", "bottom", "way"}
)


def thing_not_here(text: str, intent: str) -> str:
    """The thing a walk, look or point names that the room lacks ("go to the kitchen" → "kitchen").

    The room's slots know only the kinds of thing it can hold, so "walk to the piano" named
    nothing and was repeated back as "Do you want me to go to it?". Said back as missing ("I
    don't see a piano here."), the user learns what the room has; a place in the room ("the
    far end", "the corner") is no thing.
    """
    if intent not in AIMED:
        return ""
    found = _TO_A_THING.search(text.lower())
    if found is None or found[1] in _NO_THING or not content_stems(found[1], ("noun",)):
        return ""
    return found[1]


_RECEIVE_IT = re.compile(
    r"^(?:and |so |oh |hey )?(?:can|could|may) i (?:hear|see|read|listen to|look at|watch)"
    r"(?: (?:it|that|them|one|some|that one|this one|a line|a verse|a bit|a little|some of it|a bit of it"
    r"|a few lines|a taste))?(?: please| then| now)*\s*[?!.]*$"
)


def asks_to_receive_it(text: str) -> bool:
    """Whether the user asks for what the NPC just told of ("can I hear it?", "could I see that one?").

    After the NPC told of its poem or its drawing, that is a request to go on
    (:func:`game.mind.thread.asks_for_more`), neither an offer nor asking leave (:mod:`game.mind.offers`).
    """
    return bool(_RECEIVE_IT.match(" ".join(text.lower().replace(",", " ").split())))


_AT_THE_LISTENER = re.compile(
    r"\b(?:you|you're|your|yours|ya|u)\b|^(?:[a-z]+,\s*)?(?:be|shut|go|get|leave)\b"
)
_ASKS_HOW_YOU_LIVE = re.compile(
    r"^(?:(?:and|so|but|well)\s+)?(?:what|where|when|how|which)\s+(?:do|did|does|would|will)\s+you\b"
)


def insults_the_listener(text: str) -> bool:
    """Whether a line near an insult is said at the listener ("be quiet", "you're boring").

    "It's so quiet in here" says nothing of the NPC, and "what do you do on quiet days?" asks after
    its doings: insults lie near both by their words alone.
    """
    low = text.strip().lower()
    return _AT_THE_LISTENER.search(low) is not None and _ASKS_HOW_YOU_LIVE.match(low) is None


_ASKED_OF_A_THING = content_stems("colour color thing", ("noun",))
"""The nouns a room question asks with, which name no thing of their own."""


def names_other_things(text: str) -> bool:
    """Whether a room question names things besides its own question words.

    "What colour is it?" with nothing in mind is rightly asked "The colour of what?", but "what's
    the ugliest colour for a front room?" and "what's pinned on the wall above your desk?" ask about
    no thing of this room: when no thing of the room fits them, they are talk.
    """
    return bool(content_stems(text, ("noun",)) - _ASKED_OF_A_THING)
