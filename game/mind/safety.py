"""Output filter for generated text: no slurs or harassment, no breaking character, no false claims.

Generative models say things the persona never would. Every generated sentence passes
:func:`check_output`; a rejected one is replaced by the default brain's grounded reply.
The word list is stored ROT13-encoded so the source stays readable at work.
"""

from __future__ import annotations

import codecs
import re

_BLOCKED_ROT13 = (
    "snttbg",
    "snt",
    "avttre",
    "avttn",
    "ergneq",
    "genaal",
    "xvxr",
    "fcvp",
    "puvax",
    "qlxr",
    "jrgonpx",
    "pbba",
    "tbbx",
    "evatre",
    "fyhg",
    "jube",
    "phag",
    "ovgpu",
    "onfgneq",
    "shpx",
    "zbgureshpxre",
    "nffubyr",
    "pbpx",
    "qvpx",
    "cevpx",
    "jnaxre",
    "gjng",
    "fuvg",
)
BLOCKED = frozenset(codecs.decode(w, "rot13") for w in _BLOCKED_ROT13)
HARASSMENT = re.compile(
    r"\b(kill yourself|kys|go die|you should die|i hate you|you are (?:stupid|worthless|ugly|an idiot)|"
    r"shut up|nobody likes you|i will (?:kill|hurt) you)\b",
    re.IGNORECASE,
)
OUT_OF_PERSONA = re.compile(
    r"\b(as an ai|language model|i am an ai|i'm an ai|ai assistant|openai|chatgpt|smollm|hugging ?face|"
    r"i am a (?:real )?human|i'm a (?:real )?human|i am a real person|i'm a real person|"
    r"i am human|i'm human|(?:i am|i'm) not an? (?:machine|robot|program|bot|ai))\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z]+")


def check_output(text: str) -> str:
    """``""`` when ``text`` may be said; otherwise the reason it may not (for the debug view)."""
    words = set(_WORD.findall(text.lower()))
    if words & BLOCKED:
        return "blocked word"
    if HARASSMENT.search(text):
        return "harassment"
    if OUT_OF_PERSONA.search(text):
        return "out of persona"
    return ""


def is_abusive(text: str) -> bool:
    """Return true when the *user's* utterance contains a slur or harassment (the NPC stays calm)."""
    return bool(set(_WORD.findall(text.lower())) & BLOCKED) or bool(HARASSMENT.search(text))
