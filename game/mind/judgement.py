"""The user asks the character to judge a deed ("is it rude to send food back?"): its verdict.

"Bo, is it rude to send food back in a restaurant?" found Bo's line about the rudest thing a
customer ever said to him; "Cleo, is it silly to talk to plants?" got "I'm still turning that
over". Asked to judge an everyday thing, a person gives a verdict, and a kind one: not rude,
not silly, fine, worth it. The persona says it in its own voice with the deed said back
("Sending food back in a restaurant? Not rude at all, mate…").

A deed that does harm (lying, stealing, cheating, reading someone's messages …) never gets
"not wrong at all": the persona is careful about it instead (``judge_careful``). Kinds:
``judge_not`` ({deed}, {word}: "not silly"), ``judge_fine`` ({deed}: "okay", "normal"),
``judge_worth`` ({deed}: "is it worth …", "are old churches worth keeping?"), ``judge_careful``.
"""

from __future__ import annotations

import re

from game.mind.skill_io import Answer, SkillInput
from game.mind.user_news import gerund, you

_NOT_SO = (
    "rude|silly|wrong|weird|strange|odd|bad|mad|crazy|selfish|lazy|childish|daft|stupid|embarrassing|"
    "unhealthy|boring|sad|pathetic|too late|too early"
)
_FINE = "normal|okay|ok|fine|alright|all right|acceptable|allowed"
_ASKS = re.compile(
    r"^(?:[a-z]+,\s*)?(?:so |and |but )?(?:(?:do you think|would you say|do you reckon|d'you reckon)\s+)?"
    r"(?:is it|it's|would it be|isn't it)\s+(?:a bit |really |too |very |kind of |a little )?"
    rf"(?P<word>{_NOT_SO}|{_FINE}|worth it|worth)\s+"
    r"(?:(?:to|for me to|if i|if you|that i|when i|if we|for us to)\s+)?(?P<deed>[^?.!]+?)\s*[?.!]*$"
)
_THINGS_WORTH = re.compile(
    r"^(?:[a-z]+,\s*)?(?:are|is)\s+(?P<thing>(?:[a-z']+\s+){0,4}?[a-z']+)\s+(?:really\s+)?worth\s+"
    r"(?:it|the money|[a-z]+ing)\b[^?]*\?\s*$"
)
_HARM = re.compile(
    r"\b(?:lie|lying|lied|steal|stealing|cheat|cheating|hit|hitting|hurt|hurting|ghost|ghosting|spy|spying"
    r"|snoop|snooping|gossip|gossiping|shout|shouting|yell|yelling|bully|bullying|drink and drive"
    r"|skip(?:ping)? (?:work|school)|break up by text|without (?:asking|paying|telling)"
    r"|behind (?:his|her|their) back|(?:be|being|turn up|turning up|arrive|arriving) late|interrupt(?:ing)?"
    r"|cancel(?:ling)? (?:at the )?last minute|(?:be|being) on (?:your|my|the) phone at (?:dinner|the table)"
    r"|read(?:ing)? (?:his|her|their|someone's|my \w+'s) (?:diary|messages|texts|phone|emails))\b"
)
MAX_DEED_WORDS = 8
"""A longer deed is a story, not a thing to judge: it is left to the other layers."""


def asked(text: str) -> tuple[str, str] | None:
    """``(kind, deed)`` when the line asks the character to judge a deed; None otherwise.

    The deed comes back as the user would hear it said back: "talking to plants", "your sister".
    """
    low = text.strip().lower().replace("\u2019", "'")
    found = _ASKS.match(low)
    if found is not None:
        word, deed = found["word"], found["deed"].strip()
        words = deed.split()
        if not words or len(words) > MAX_DEED_WORDS:
            return None
        if word not in ("worth", "worth it"):
            words[0] = gerund(words[0])
        said = you(" ".join(words))
        if _HARM.search(low):
            return "judge_careful", said
        if word.startswith("worth"):
            return "judge_worth", said
        return ("judge_fine" if re.fullmatch(_FINE, word) else f"judge_not:{word}"), said
    things = _THINGS_WORTH.match(low)
    if things is not None and len(things["thing"].split()) <= MAX_DEED_WORDS:
        return ("judge_careful" if _HARM.search(low) else "judge_worth"), you(things["thing"])
    return None


def verdict(turn: SkillInput) -> Answer | None:
    """The persona's verdict on the deed the line asks it to judge (None when it asks none)."""
    found = asked(turn.text)
    if found is None:
        return None
    kind, deed = found
    kind, _, word = kind.partition(":")
    text = turn.line(kind, deed=deed[:1].upper() + deed[1:], word=word)
    why = f"asks {turn.persona.name} to judge '{deed}': its verdict ({kind})"
    return Answer(text, evidence=[why], layer="skill")
