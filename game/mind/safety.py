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


_INNOCENT_TOO = frozenset(
    codecs.decode(w, "rot13") for w in ("qvpx", "pbpx", "cevpx", "snt", "ovgpu", "fuvg", "shpx")
)
"""Blocked words with a plain meaning or use too (a novel's title, a cigarette, a dog, a curse at a lost
key): in the user's line they are abuse only when aimed at the listener. "I finally finished reading
Moby ___" was taken as an insult."""


def is_abusive(text: str) -> bool:
    """Return true when the *user's* utterance contains a slur or harassment (the NPC stays calm)."""
    words = _WORD.findall(text.lower())
    found = set(words) & BLOCKED
    if found - _INNOCENT_TOO or HARASSMENT.search(text):
        return True
    return any(_aimed(word, words) for word in found)


def _aimed(word: str, words: list[str]) -> bool:
    """Whether ``word`` is said at the listener.

    That is: after "you" (two words between at most), before "you" or "off", or alone in the line.
    """
    if set(words) <= _INNOCENT_TOO | {"you", "a", "oh", "what", "off"}:
        return True
    for i, w in enumerate(words):
        if w != word:
            continue
        before = words[max(0, i - 3) : i]
        after = words[i + 1 : i + 2]
        if {"you", "ur", "u"} & set(before) or {"you", "off"} & set(after):
            return True
    return False
