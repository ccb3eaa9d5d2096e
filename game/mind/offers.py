"""The user offers something ("do you want to hear it?", "shall I show you my drawing?"): say yes to it.

Offers are questions, so without this they fell to the question fallback ("I don't know yet.
Tell me what you'd say."), which answers nothing. An offer needs no knowledge to take up, only
the thing offered said back from the NPC's side, so the reply is both sensible and about
this line. The shape decides, not the meaning: "do you want to go to the window?" is a
suggestion to the NPC and is left to the command intents.

An invitation is an offer too ("will you come?" after "I'm getting married!", "would you join
me for dinner?"): the NPC comes gladly. Only to an event of the user's ("to my party", "for
dinner") or with no place at all: "can you come here?" and "come with me" are requests to walk
or follow, and "come to the window" names a place in the room. An outing asked of the NPC
("fancy a walk later?") is taken up the same way.

Asking leave is taken up the same way ("can I come along?", "could I have some?"): the
persona's ``allow`` line, unless the line names a thing of the room ("could I have a lamp
by the sofa?" is a request for an edit).
"""

from __future__ import annotations

import re

from game.mind.line_shape import asks_to_receive_it
from game.mind.protocols import Action
from game.mind.room_words import ROOM_NOUNS
from game.mind.skill_io import Answer, SkillInput
from game.mind.user_news import KIN, you

_OFFER = re.compile(
    r"^\s*(?:so,?\s+|oh,?\s+|hey,?\s+)?"
    r"(?:(?P<npc_acts>(?:do|would) you (?:want|like|wanna) to|(?:want|wanna) to)"
    r"|(?:do|would) you (?:want|like|wanna) me to|(?P<should>shall|should) i|(?P<leave>can|may|could) i)"
    r"\s+(?P<verb>hear|see|read|try|taste|listen to|look at|watch|show|tell|sing|play|bring|share)\b"
    r"(?P<rest>[^?.!]*)",
    re.IGNORECASE,
)
_OFFERED_THING = re.compile(r"\b(?:you|my|our|mine|it|this|that|one|some)\b", re.IGNORECASE)
"""What a "shall I …?" offers to the NPC: "you", "my poem", "it"."""
_SOMEONE_ELSE = re.compile(
    rf"^\s*(?:(?:my|our) (?:[a-z]+ )?{KIN}|him|her|them|everyone|anyone|someone|somebody|people)\b",
    re.IGNORECASE,
)
"""Whom else "should I tell …?" may mean: "should I tell my friend her poem is bad?" asks advice."""
_INVITATION = re.compile(
    r"^\s*(?:so,?\s+|and\s+)?(?:will|would|can|could|do) you (?:want to |like to |wanna )?"
    r"(?:come|join (?:me|us))(?P<rest>\s+(?:to (?:my|our|a|an)|for)\s[^?.!]*)?\s*[?.!]*\s*$",
    re.IGNORECASE,
)
_OUTING = re.compile(
    r"^\s*(?:so,?\s+|hey,?\s+|oh,?\s+)?(?:(?:do you |d'you )?fancy(?: going for| coming for)?"
    r"|how about|what about|shall we(?: go for)?|let's(?: go for)?"
    r"|(?:do|would) you (?:want|like|wanna) to (?:go|come) for"
    r"|(?:want|wanna) to (?:go|come) for)\s+(?P<thing>(?:a|an|some)\s+(?:walk|stroll|wander|drink|pint|coffee"
    r"|cuppa|swim|dip|picnic|bike ride|ride|run|jog|dance|game of [a-z]+|bite to eat|meal|curry|ice cream"
    r"|paddle)\b[^?.!]*)\s*[?.!]*\s*$",
    re.IGNORECASE,
)
"""An outing asked of the NPC ("fancy a walk along the river later?", "shall we go for a drink?"): a
friend says yes, where the nearest command example took the walk for a walk to "it"."""
_PERMISSION = re.compile(
    r"^\s*(?:[^?.!]{0,30}[.!]\s+)?(?:so,?\s+|oh,?\s+|ok,?\s+|and\s+)?"
    r"(?:can|could|may|(?:do you )?mind if) i\s+"
    r"(?P<verb>have|come|join|sit|stay|borrow|ask|help|tag along|try)\b(?P<rest>[^?.!]*)",
    re.IGNORECASE,
)
"""The user asks leave ("can I come along?", "could I have some?", "may I join you?"): the NPC gives it."""
_SEEN_AS = {"show": "see", "tell": "hear", "read": "hear", "sing": "hear", "play": "hear", "share": "hear",
            "bring": "see", "listen to": "hear", "look at": "see", "watch": "see"}  # fmt: skip
"""The user's verb from the NPC's side: "shall I read it?" → "I'd love to hear it"."""
_LATER = re.compile(
    r"\s*\b(?:sometime|some time|one day|later|tomorrow|tonight|soon|next time|this evening|at the weekend"
    r"|next week)\b.*$",
    re.IGNORECASE,
)
"""When the offer is for ("can I read it to you sometime?"): not part of the thing, and not now."""
_TAKEN_IN = frozenset({"see", "read", "hear", "look at", "watch", "listen to", "taste", "try"})
"""Verbs by which a "can I …?" takes something of the NPC's in, unless it is to or for the NPC."""


_HELD_OUT = re.compile(
    r"^\s*(?:[a-z' ]{3,30},\s*)?"  # "you look cold, do you want a blanket?"
    r"(?:(?:(?:do you |d'you )?(?:want|fancy)|would you like) )?(?P<thing>(?:a |an |some )?(?:nice )?"
    r"(?:cup of tea|cuppa|brew|cup of coffee|coffee|tea|biscuit|slice of cake|piece of cake|sandwich"
    r"|glass of water|drink|bite to eat|custard cream|blanket|cushion|hot water bottle|cardigan))"
    r"(?: for you)?\s*\?\s*$",
    re.IGNORECASE,
)
"""Food, drink or a comfort held out to the NPC ("cup of tea?", "fancy a biscuit?", "you look cold, do
you want a blanket?"): a friend says yes. "Do you like tea?" asks a taste, and is no offer."""


def offered(text: str) -> tuple[str, str] | None:
    """``(verb, thing)`` from the NPC's side for an offer ("hear", "your poem"), else ``None``.

    Asking leave gives ``("allow", the user's own words)`` ("allow", "your drawings").
    """
    held = _HELD_OUT.match(text)
    if held is not None:
        thing = held["thing"].lower()
        bare = not thing.startswith(("a ", "an ", "some ")) and thing not in ("tea", "coffee")
        return "have", f"a {thing}" if bare else thing  # "cup of tea?": "I'd love a cup of tea"
    outing = _OUTING.match(text)
    if outing is not None:
        return "go", you(_LATER.sub("", outing["thing"]).strip())
    invitation = _INVITATION.match(text)
    if invitation is not None:
        return "come", you((invitation["rest"] or "").strip())
    leave = _PERMISSION.match(text)
    if leave is not None:  # "can I sit on the sofa?" asks leave; "could I have a lamp?" asks for a room edit
        names_a_thing = set(re.findall(r"[a-z]+", leave["rest"].lower())) & ROOM_NOUNS
        if not (names_a_thing and leave["verb"].lower() in ("have", "borrow")):
            return "allow", leave["rest"].strip()
    match = _OFFER.match(text)
    if match is None:
        return None
    if match["should"] and not _OFFERED_THING.search(match["rest"]):
        return None  # "should I read more poetry?" asks advice; "shall I read you my poem?" offers
    if match["should"] and (_SOMEONE_ELSE.match(match["rest"]) or re.match(r"\s*to\b", match["rest"])):
        return None  # "should I tell my friend …?", "should I try to find them?" ask advice
    verb = match["verb"].lower()
    if match["leave"] and asks_to_receive_it(text):
        return None  # "can I hear it?" after the NPC's poem asks it to go on (thread.asks_for_more)
    if match["leave"] and re.match(r"\s*(?:at\s+)?your\b", match["rest"], re.IGNORECASE):
        return "allow", match["rest"].strip()  # "can I see your drawings?" asks leave, offers nothing
    to_you = re.match(r"\s*(?:it\s+)?(?:to\s+)?you\b", match["rest"], re.IGNORECASE)
    if match["leave"] and verb in _TAKEN_IN and not to_you:
        return "allow", match["rest"].strip()  # "can I read it when it's done?": the NPC's, not given
    if not match["npc_acts"]:  # "shall I show you", "do you want me to read": the NPC will see or hear it
        verb = _SEEN_AS.get(verb, verb)
    rest = re.sub(r"^\s*(?:it\s+)?(?:to\s+)?you\b\s*", "", match["rest"].strip(), flags=re.IGNORECASE)
    rest = re.sub(r"\s+(?:to|for|with)\s+you\s*$", "", _LATER.sub("", rest), flags=re.IGNORECASE)
    return verb, you(rest).strip() or "it"


def _when(text: str, now: str = "Go on.") -> str:
    """How the offer's time is taken up: ``now``, "Tomorrow it is, then." or "Whenever you like."."""
    later = _LATER.search(text)
    if later is None:
        return now
    when = later.group(0).strip(" ?.!").split()
    if when and when[0].lower() in ("tomorrow", "tonight", "next", "this", "at"):
        return f"{' '.join(when)[:1].upper()}{' '.join(when)[1:].lower()} it is, then."
    return "Whenever you like."


def accept(turn: SkillInput) -> Answer:
    """Yes, gladly, naming what was offered ("Yes, please! I'd love to hear your poem.")."""
    found = offered(turn.text)
    verb, thing = found if found is not None else ("hear", "it")
    if verb == "allow":
        return Answer(
            turn.line("allow"), (Action.make("nod"),), "happy", [f"the user asks leave: '{turn.text}'"]
        )
    where = f" {thing}" if thing else ""  # "will you come?" names no event
    if verb == "come":
        said = f"I'd love to come{where}. Just tell me when."
    elif verb == "go":  # "fancy a walk along the river later?"
        said = f"I'd love {thing}. {_when(turn.text, now='Just say when.')}"
    elif verb == "have":  # "cup of tea?"
        said = f"I'd love{where}. Go on, then."
    else:
        said = f"I'd love to {verb}{where}. {_when(turn.text)}"
    return Answer(
        f"Yes, please! {said}",
        (Action.make("nod"),),
        "happy",
        [f"offer: the user offered to let the NPC {verb} {thing}"],
    )
