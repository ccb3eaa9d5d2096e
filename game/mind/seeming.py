"""Remarks about the NPC itself: "you look tired, Bo", "that's a lovely jumper", "I love how you talk".

Said to a character, these are neither orders nor questions, yet the classifier read "you look
tired" as *look at* ("Do you want me to look at it? Say yes or no.") and "that's a lovely
jumper" as an emote. Their shape is plain, so a rule reads them: a remark on the NPC's looks
or clothes is a compliment (its ``compliment`` line), a remark on its mood gets the persona's
``seem_low`` or ``seem_bright`` line, in which the character says how it really is, and a friendly
tease ("you smell of onions") its ``teased`` line.
"""

from __future__ import annotations

import re

from game.mind import topic_replies
from game.mind.protocols import Action
from game.mind.skill_io import Answer, SkillInput

_SEEMS = re.compile(
    r"^(?:you|you're|you are)\s+(?:look|looking|seem|seeming|sound|sounding)\s+"
    r"(?:a bit |a little |a lot |very |really |so |quite |rather |pretty |awfully |ever so )?"
    r"(?P<how>[a-z]+)\b(?! (?:to|like|as if|as though)\b)"
)
_IS_NOW = re.compile(
    r"^(?:you're|you are)\s+(?:a bit |a little |very |really |so |quite |rather |awfully |ever so )?"
    r"(?P<how>[a-z]+)(?:\s+(?:today|tonight|this morning|this evening|lately|again))?$"
)
""""You're quiet today": the same remark without "seem", taken only for a mood (:data:`LOW`,
:data:`BRIGHT`): "you're boring" is an insult, "you're an architect" a fact."""
LOW = frozenset(
    {"quiet", "tired", "sleepy", "down", "sad", "glum", "thoughtful", "pensive", "distracted", "grumpy",
     "worried", "nervous", "stressed", "upset", "low", "subdued", "preoccupied", "pale", "busy"}
)  # fmt: skip
_ADMIRED = re.compile(
    r"^(?:that's|that is|what)\s+(?:a |an |such a )?(?:really |very )?"
    r"(?:lovely|nice|great|beautiful|cool|smart|fine|pretty|gorgeous|fancy|stylish)\s+(?P<thing>[a-z]+)\b"
    r"|^i (?:really )?(?:like|love|admire|enjoy) (?P<manner>the way you|how you)\b"
    r"|^(?:i (?:really )?(?:like|love)|nice|lovely|great)\s+(?:your )?(?P<yours>[a-z]+)\b"
    r"|^your (?P<owned>[a-z]+) (?:is|are|looks?) (?:very |really |so |quite )?"
    r"(?:lovely|nice|great|beautiful|cool|smart|fine|pretty|gorgeous|fancy|stylish|sharp|elegant)\b"
)
WORN = frozenset(
    {"jumper", "sweater", "shirt", "hat", "scarf", "dress", "coat", "jacket", "shoes", "boots", "glasses",
     "hair", "haircut", "beard", "smile", "voice", "earrings", "necklace", "tie", "apron", "cardigan",
     "outfit", "top", "trousers", "socks", "ring", "cap", "laugh", "accent", "style", "look"}
)  # fmt: skip
"""What a remark may admire on the NPC itself; "that's a lovely lamp" is about the room."""
LOOKS_GOOD = frozenset(
    {"nice", "lovely", "great", "smart", "well", "good", "beautiful", "pretty", "sharp", "handsome", "young",
     "fit", "elegant", "stylish", "fantastic", "wonderful", "gorgeous", "amazing", "fine", "healthy"}
)  # fmt: skip
BRIGHT = frozenset(
    {"happy", "cheerful", "chirpy", "cheery", "relaxed", "excited", "pleased", "bright", "jolly", "upbeat",
     "content", "calm", "rested", "glowing", "thrilled", "chuffed", "smiley", "perky", "sunny"}
)  # fmt: skip
_NEW_ON_YOU = re.compile(
    r"^(?:is that|is this|are those|are these|did you (?:get|buy|have)|have you (?:got|had))\s+"
    r"(?:a |an |some |your )?(?:new )?(?P<thing>[a-z]+)\b"
)
"""A question whether something the NPC wears is new ("is that a new haircut?", "are those new
glasses?"): small talk about its looks, answered by the persona's own line about it if it has one."""
OPENING_WORDS = 4
"""A topic line is about the worn thing when it names it this early ("This scarf? …")."""
_TEASED = re.compile(
    r"^you (?:smell|stink|reek) (?:of|like) (?P<smell>(?:an? |the )?[a-z]+(?: [a-z]+)?)$"
    r"|^you (?:snore|slurp|hum|mumble|fidget)\b"
    r"|^you're (?:whistling|humming|snoring|fidgeting|slurping) again\b"
    r"|^you(?:'ve| have)? got (?:some |a bit of |a little |a )?(?P<smudge>[a-z]+) (?:on|in) your "
    r"(?:sleeve|face|nose|chin|cheek|hands?|fingers?|shirt|jumper|coat|apron|hair|collar|trousers|shoes?)\b"
    r"|^your (?P<yours>jokes|puns|cooking|singing|poems|poetry|coffee|tea|drawings|handwriting|dancing|"
    r"whistling|playing|taste in [a-z]+) (?:is|are) (?:so |really |pretty |a bit |very |truly )?"
    r"(?:terrible|awful|rubbish|dreadful|bad|cheesy|corny|the worst|lame|boring|weird|strange)\b"
)
"""A friendly tease about the NPC itself ("you smell of onions", "your jokes are terrible", "you've got
flour on your nose"): taken in good part (the persona's ``teased`` line), neither thanked for as a
compliment nor met as an insult."""
_SWEET = frozenset({"nice", "lovely", "good", "great", "roses", "fresh", "amazing", "wonderful"})
_NOT_A_MOOD = frozenset({"like", "to", "at", "as", "for", "different", "familiar", "older", "younger"})


def remarked(text: str, names: frozenset[str] = frozenset()) -> str:
    """``compliment``, ``seem_low``, ``seem_bright``, ``new_look``, ``teased`` or "" (no remark on it)."""
    low = _unnamed(text.lower(), names)
    teased = _TEASED.match(low)
    if teased is not None:
        return "compliment" if set((teased.group("smell") or "").split()) & _SWEET else "teased"
    seems = _SEEMS.match(low)
    if seems is not None:
        how = seems.group("how")
        if how in _NOT_A_MOOD:
            return ""
        if how in LOOKS_GOOD:
            return "compliment"
        return "seem_bright" if how in BRIGHT else "seem_low"
    now = _IS_NOW.match(low)
    if now is not None and now.group("how") in LOW | BRIGHT:
        return "seem_bright" if now.group("how") in BRIGHT else "seem_low"
    asked_new = _NEW_ON_YOU.match(low)
    if asked_new is not None and asked_new.group("thing") in WORN and "new" in low.split():
        return "new_look"
    admired = _ADMIRED.match(low)
    if admired is not None and (
        admired.group("manner")
        or (admired.group("thing") or admired.group("yours") or admired.group("owned")) in WORN
    ):
        return "compliment"  # "that's a lovely jumper", "I love the way you describe things"
    return ""


def answer(turn: SkillInput) -> Answer:
    """The persona's reply to how it seems: a thank-you, how it really is today, or what is new on it."""
    names = frozenset(n.name.lower() for n in turn.snap.npcs)
    kind = remarked(turn.text, names) or "seem_low"
    emotion = "sad" if kind == "seem_low" else "happy"
    actions = (Action.make("nod"),) if turn.persona.allows("nod") else ()
    why = f"a remark on how {turn.persona.name} seems: {kind}"
    if kind == "teased":
        return Answer(
            _teased_back(turn.text.lower(), names) + turn.line(kind), actions, "happy", evidence=[why]
        )
    if kind != "new_look":
        return Answer(turn.line(kind), actions, emotion, evidence=[why])
    thing = _NEW_ON_YOU.match(_unnamed(turn.text.lower(), names))
    worn = thing.group("thing") if thing else "look"
    own = _own_line_on(turn, worn)  # Cleo's grandmother's scarf says more than any stock line
    return Answer(own or turn.line(kind, thing=worn), actions, emotion, evidence=[f"{why} ({worn})"])


def _teased_back(low: str, names: frozenset[str]) -> str:
    """What the tease named, said back ("Onions? ", "My jokes? "), or "" when it named nothing."""
    teased = _TEASED.match(_unnamed(low, names))
    if teased is None:
        return ""
    said = teased.group("smell") or teased.group("smudge") or ""
    said = said or (f"my {teased.group('yours')}" if teased.group("yours") else "")
    said = re.sub(r"^(?:an? |the )", "", said)
    return f"{said[:1].upper()}{said[1:]}? " if said else ""


def _own_line_on(turn: SkillInput, worn: str) -> str:
    """The persona's shortest topic line opening on the worn thing ("This scarf? My grandmother…"), or "".

    Only a line that starts on it is about it: "…before I hang up my apron" is about football.
    """
    found = [
        (len(said), topic, i)
        for topic in turn.persona.talk_topics
        for i, said in enumerate(topic.say)
        if worn in re.findall(r"[a-z]+", said.lower())[:OPENING_WORDS]
    ]
    if not found:
        return ""
    _, topic, i = min(found, key=lambda f: f[0])
    return topic_replies.say_this(turn, topic, i)


def _unnamed(low: str, names: frozenset[str]) -> str:
    """The line without a leading or trailing name or greeting ("bo, you look tired" → "you look tired")."""
    low = re.sub(r"^(?:hey|hi|oh|wow|gosh)\b[\s,!]*", "", low.strip())
    for name in names:
        low = re.sub(rf"^{re.escape(name)}\b[\s,!]*|[\s,]+{re.escape(name)}\b", "", low)
    return low.strip(" ,.!?")
