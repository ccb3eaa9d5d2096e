"""Turn detection: tell a finished sentence from a pause mid-sentence.

A fixed end-of-speech silence cuts people off when they pause after "and…" or
"I want the…". Looking at the last words of the running transcript tells these
apart cheaply: an utterance ending in a conjunction, article, preposition or
filler is clearly unfinished, so the endpointer waits longer before closing it.
The other way round, a question that has reached its object ("Bo, where is the
lamp") is waiting for an answer, so the endpointer may close it sooner.

Beside the learned end-of-turn model (:mod:`game.hearing.smart_turn`), which hears intonation
but not grammar, :func:`text_state` gives the words' side of the same question in one word.
"""

from __future__ import annotations

UNFINISHED_ENDINGS = frozenset(
    {
        "and",
        "or",
        "but",
        "because",
        "the",
        "a",
        "an",
        "to",
        "of",
        "on",
        "onto",
        "into",
        "in",
        "at",
        "with",
        "for",
        "from",
        "by",
        "about",
        "my",
        "your",
        "his",
        "her",
        "their",
        "our",
        "is",
        "are",
        "was",
        "were",
        "i",
        "we",
        "they",
        "he",
        "she",
        "want",
        "wanna",
        "um",
        "uh",
        "er",
        "erm",
        "where",
        "which",
    }
)
"""Words after which an English sentence almost never ends."""


QUESTION_WORDS = frozenset({"what", "where", "who", "how", "which", "why", "when", "whose"})
AUXILIARIES = frozenset(
    {"is", "are", "was", "were", "do", "does", "did", "can", "could", "will", "would", "should"}
)
SUBJECTS = frozenset({"you", "i", "we", "they", "he", "she", "it"})


def _words(text: str) -> list[str]:
    words = [w.strip(".,!?;:").lower() for w in text.split()]
    return [w for w in words if w and w != "[unk]"]


def is_unfinished(text: str) -> bool:
    """True when the words so far clearly continue (the last word cannot end a turn)."""
    words = _words(text)
    return bool(words) and words[-1] in UNFINISHED_ENDINGS


def is_complete_question(text: str) -> bool:
    """True for a wh-question that has reached its object.

    At least two words follow the question word and the last one can end a sentence:
    "hello ada what is your name", not "what is the" or "where is".
    """
    words = _words(text)
    asks = [i for i, w in enumerate(words) if w in QUESTION_WORDS]
    if not asks or len(words) - asks[0] < 3 or is_unfinished(text):
        return False
    # "what are you…", "what can you…": the object of "what" still needs its verb ("doing",
    # "do"); "who are you" and "how are you" are whole. (In the paused set's development half
    # a grammar recognizer heard "Cleo, can you | sit…" as "cleo what can you".)
    last3 = words[-3:]
    return not (last3[0] in ("what", "which") and last3[1] in AUXILIARIES and last3[2] in SUBJECTS)


CONJUNCTIONS = frozenset({"and", "or", "but", "because"})
"""The unfinished endings that the rough open words still hear reliably: a sentence that stops on
"and" goes on. Their other unfinished endings ("… the", "… to") were as often fluent ends misheard
("bo where is the them the") as real pauses on the paused set's development half."""


def open_words_state(text: str, names: frozenset[str] = frozenset()) -> str:
    """What the open words alone say: ``unfinished`` ("… and"), ``doubtful`` ("… the") or ``""``.

    Also doubtful: words ending on one of ``names`` (the NPCs'), a name said before the pause it
    is followed by ("Um, Cleo, … read me a poem" heard as "ah move cleo"), words ending on a
    question whose verb is still to come (:func:`_verb_to_come`: "… what are you", "Cleo, could
    you maybe …"), and words ending on thinking aloud ("Hmm, let me see, …"). On the paused set's
    development half the first two held three split turns each, for 14 ms more mean wait in all;
    the questions with a hedge or a modal and the thinking aloud held 9 more of 840 (session 29),
    and no fluent turn waited longer for them.
    """
    words = _words(text)
    if not words:
        return ""
    if words[-1] in UNFINISHED_ENDINGS:
        return "unfinished" if words[-1] in CONJUNCTIONS else "doubtful"
    if words[-1] in names or _verb_to_come(words) or _thinking_aloud(words):
        return "doubtful"
    return ""


HEDGES = frozenset({"maybe", "ever", "just", "really", "also", "all", "actually", "perhaps", "still", "even"})
"""Words that may stand between a question's subject and its verb: "could you maybe …", "have you
ever …", "what are you all …"."""
MODALS = frozenset({"can", "could", "would", "will", "should"})
_AUX_OR_HAVE = AUXILIARIES | {"have", "has", "had"}
THINKING_ALOUD = (
    ("me", "see"),
    ("me", "think"),
    ("let's", "see"),
    ("you", "know", "what"),
    ("i", "mean"),
    ("okay", "so"),
    ("ok", "so"),
    ("and", "so"),
)
"""Endings of someone still finding their words ("let me see", "you know what", "okay so"). "me
see" rather than "let me see": the open words hear "let's me see" and "went me see" there."""


def _verb_to_come(words: list[str]) -> bool:
    """Whether the words end on a question still missing its verb.

    A question word, an auxiliary and a subject (:func:`_asks_on`: "what are you"); a modal and
    its subject ("Cleo, could you"); and either, or any auxiliary with its subject, followed by a
    hedge ("could you maybe", "have you ever", "what are you all", but not "how are you all").
    """
    if len(words) >= 3 and words[-1] in HEDGES:
        core = words[:-1]
        asked = core[-1] in SUBJECTS and core[-2] in _AUX_OR_HAVE
        return asked and (_asks_on(core) or core[-3] not in QUESTION_WORDS)
    if _asks_on(words):
        return True
    return len(words) >= 2 and words[-2] in MODALS and words[-1] in SUBJECTS


def _thinking_aloud(words: list[str]) -> bool:
    return any(tuple(words[-len(ending) :]) == ending for ending in THINKING_ALOUD)


def _asks_on(words: list[str]) -> bool:
    """Whether the words end on a question still missing its verb: "what are you", "where did you".

    "who are you", "how are you" and "where is it" are whole: "be" is their verb.
    """
    if len(words) < 3 or words[-3] not in QUESTION_WORDS or words[-2] not in AUXILIARIES:
        return False
    return words[-1] in SUBJECTS and (words[-3] in ("what", "which") or words[-2] not in _BE)


_BE = frozenset({"is", "are", "was", "were"})


def readings_agree(grammar_words: str, open_words: str) -> float:
    """The share of the grammar's question, from its question word on, that the open words also heard.

    The two streaming readings err differently: the grammar forces any sound onto a room phrase
    ("hi ada what are you doing" at a comma of "Ada, I would like you to move the red chair…"),
    the open words are rough but follow the sound ("cleo to what is on the do you"). When both
    hear the same question, it was asked.

    The open words must have heard the question word itself, and the rest counts in the order
    said: "are you are you and what" does not agree with "bo who are you" ("Bo, have you ever |
    …"), nor "are you on what thinking" with "bo what are you doing" ("Bo, I was thinking | …").
    """
    words = _words(grammar_words)
    ask = next((i for i, w in enumerate(words) if w in QUESTION_WORDS), None)
    heard = _words(open_words)
    if ask is None or words[ask] not in heard:
        return 0.0
    question = words[ask:]
    at, got = heard.index(question[0]) + 1, 1
    for word in question[1:]:
        if word in heard[at:]:
            at, got = heard.index(word, at) + 1, got + 1
    return got / len(question)


TextState = str
"""``unfinished``, ``question`` (a complete wh-question) or ``open`` (nothing says either way)."""


def text_state(text: str) -> TextState:
    """What the words alone say about the turn: ``unfinished``, ``question`` or ``open``.

    The audio model gave "and then I" 0.77 and "make the walls blue" 0.02 on espeak-ng speech;
    the words veto the first and lower the bar for a finished question.
    """
    if is_unfinished(text):
        return "unfinished"
    if is_complete_question(text):
        return "question"
    return "open"


def reading_state(grammar_words: str, open_words: str, agree_share: float = 0.0) -> TextState:
    """The grammar's words' state, but ``open`` where they are unsure and the open words disagree.

    ``open`` for a whole question the open words heard less than ``agree_share`` of. A question
    only the grammar heard is often one it forced onto half a sentence ("bo how are you" for "Bo,
    how long | were you at sea?", "bo what is on the red" for "Bo, I was wondering | …"): as a
    question it ended after the short ``question_hold_ms``. Read as words that say nothing either
    way (the model then needs ``min_turn_ms`` of speech, else the turn waits ``hold_ms``), and with
    the open words' doubts of :func:`open_words_state`, split turns on the paused set went 6.5 →
    2.9 % on the development half and 9.7 → 7.7 % on the test half, for 40–50 ms more mean wait
    after fluent speech (p50 unchanged).

    And ``open`` where only the grammar's words end unfinished, not on a conjunction.

    At a fluent end the streaming grammar has often not caught up with the last word ("bo where
    is the" for "Bo, where is the lamp?") while the open words heard a finished line; such ends
    waited the full 1.5 s and made the wait's p95. They now wait as words that say nothing either
    way do: the model decides, else ``hold_ms``. On the paused set's development half: fluent
    wait p95 1,506 → 1,046 ms, mean 440 → 399 ms, split turns 2.0 → 2.6 % (trusting the open
    words' own state instead split 3.1 %; keeping the model out and waiting ``hold_ms`` gave
    2.0 % and a mean of 415 ms). On the test half it split 8.2 → 9.7 %, p95 1,505 → 1,041 ms.
    """
    state = text_state(grammar_words)
    words, heard = _words(grammar_words), open_words.strip()
    if state == "question" and heard and readings_agree(grammar_words, heard) < agree_share:
        return "open"
    if state != "unfinished" or not words or words[-1] in CONJUNCTIONS or not heard:
        return state
    return state if is_unfinished(heard) else "open"
