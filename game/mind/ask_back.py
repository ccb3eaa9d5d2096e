"""The last layer: when nothing else answers, ask back about what the user said, in character.

A bare "I didn't get that" ends a conversation; "A million pounds? What would you buy
first?" keeps it going. The phrase echoed back is found by shape, not by a parser: a
noun phrase opened by a determiner ("a million pounds", "my sister's car"), else the
last run of content words, with I/my and you/your swapped so it reads from the NPC's
side. The persona's ``ask_back`` lines (``{thing}``) carry the character; a question to
the NPC gets ``ask_back_question`` (the question turned back), and a line with nothing
worth echoing gets ``ask_back_open``.
"""

from __future__ import annotations

import re

from game.mind.skill_io import Answer, SkillInput

_DETERMINERS = frozenset(
    {"a", "an", "the", "my", "your", "his", "her", "their", "our", "some", "this", "that", "these", "those"}
)
_SWAP = {"my": "your", "your": "my", "mine": "yours", "yours": "mine", "our": "your", "i": "you", "me": "you"}
_SELF = frozenset(
    {"myself", "yourself", "ourselves", "yourselves", "himself", "herself", "themselves", "itself"}
)
"""Closes a phrase ("an architect | myself"): echoed, it would be said from the wrong side."""
_STOP = frozenset(
    {
        *("a", "an", "the", "and", "or", "but", "so", "to", "of", "in", "on", "at", "for", "with", "by"),
        *("from", "into", "out", "up", "down", "over", "off"),
        *("i", "you", "he", "she", "it", "we", "they", "me", "him", "us", "them", "my", "your", "its"),
        *("is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "have", "has", "had", "will"),
        *("would", "could", "should", "can", "may", "might", "must", "shall", "what", "why", "how", "who"),
        *("where", "when", "which", "whats", "what's", "i'm", "you're", "it's", "don't", "do", "not", "no"),
        *("yes", "just", "really", "very", "about", "think", "know", "like", "get", "got", "go", "going"),
        *("there", "here", "then", "than", "that", "this", "if", "ever", "also", "too", "all", "any"),
        *("some", "much", "many", "more", "most", "tell", "say", "said", "let", "make", "thing", "things"),
        *("today", "now", "well", "oh", "hey", "hi", "okay", "ok", "please", "um", "uh", "mean", "want"),
        *("feel", "feels", "ask", "asking", "wonder", "guess", "suppose", "reckon", "heard"),
        *("you've", "i've", "we've", "they've", "you'd", "i'd", "i'll", "you'll", "we're", "they're"),
        *("can't", "won't", "isn't", "aren't", "didn't", "doesn't", "haven't", "wasn't", "there's"),
    }
)
_ENDS_PHRASE = frozenset(
    {"yesterday", "tomorrow", "tonight", "today", "now", "later", "again", "ago", "soon", "last", "next"}
)
"""Words that close a noun phrase ("your sister | yesterday") but may be echoed alone."""
_QUESTION = re.compile(
    r"^(what|why|how|who|where|when|which|do|does|did|are|is|have|has|can|could|would|will|should)\b"
)
MAX_WORDS = 5


def _tokens(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:'[^\W_]+)?", text.replace("\u2019", "'"))  # "café", not "caf"


def _reflect(words: list[str]) -> str:
    return " ".join(_SWAP.get(w.lower(), w) for w in words)


def phrase_of(text: str) -> str:
    """The noun phrase worth echoing back ("a million pounds"), pronouns reflected; "" when none."""
    words = _tokens(text)
    low = [w.lower() for w in words]
    best: list[str] = []
    best_at = 0
    for i, word in enumerate(low):
        if word not in _DETERMINERS or i + 1 >= len(words):
            continue
        run = [word]
        for k in range(i + 1, min(len(words), i + 1 + MAX_WORDS)):
            if (low[k] in _STOP and low[k] not in ("of", "about")) or low[k] in _ENDS_PHRASE | _SELF:
                break
            if len(run) >= 2 and low[k].endswith(("ed", "ing")):  # "the office | jammed": a verb
                break
            run.append(words[k])
        while run and run[-1].lower() in _STOP:
            run.pop()
        if len(run) >= 2 and len(run) > len(best):
            best, best_at = run, i
    if best and len(best) >= 3 and best_at == 1 and re.match(r"(is|are|was|were)\b", low[0]):
        best = best[:-1]  # "is the chair | sturdy?": the last word is what is asked about it
    if best:
        return _reflect(best)
    runs: list[list[str]] = [[]]
    for word in words:
        if word.lower() in _STOP | _SELF or (word.isdigit() and len(word) > 4):
            runs.append([])
        else:
            runs[-1].append(word)
    content = [r for r in runs if r]
    return _reflect(content[-1][-MAX_WORDS:]) if content else ""


def is_question(text: str) -> bool:
    """A question to the NPC: ends with '?' or opens with a question word."""
    low = text.strip().lower()
    return low.endswith("?") or bool(_QUESTION.match(low))


def ask_back(turn: SkillInput) -> Answer:
    """An in-character question back about the user's own words."""
    thing = phrase_of(turn.text)
    question = is_question(turn.text)
    if not thing:
        return Answer(turn.line("ask_back_open"), evidence=["fallback: nothing to echo; asked for more"])
    kind = "ask_back_question" if question else "ask_back"
    text = turn.line(kind, thing=thing)
    text = text[:1].upper() + text[1:]
    return Answer(text, evidence=[f"fallback: asked back about '{thing}' ({kind})"], focus="")
