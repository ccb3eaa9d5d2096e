"""The user's news in the conversation: stored when told, brought back later when it fits.

Told: "I'm learning to paint" is read by :mod:`game.mind.user_news` into a note on this
NPC's memory (saved by the session with the turn, so a failed write withdraws the
promise like any other fact). Brought back: on a later visit, the greeting asks about
the newest note ("Welcome back, Sam! How is the painting going?"), and a line that
mentions a note's topic gets its question ("You told me you're learning to paint. How
is the painting going?"). Grounded by construction: only this NPC's memory of this user
is read (a shared room gives each user their own store), and each note is brought back
at most once per conversation (the discourse focus keeps which).
"""

from __future__ import annotations

import re

from game.mind import own_side, topic_replies
from game.mind.everyday import NEWS_ON, NEWS_TOLD
from game.mind.memory import NpcMemory
from game.mind.note import Note
from game.mind.protocols import Action
from game.mind.skill_io import Answer, SkillInput
from game.mind.topics import TopicIndex
from game.mind.user_news import asks, extract_news, stem, topic_words

_ASKED = "recalled"  # focus key: the notes already brought back in this conversation, by topic
_OPEN = "recall_open"  # focus key: the note the NPC just asked about ("How was Lisbon?")
_ANSWERING = "recall_answering"  # … which the line being answered may be the user's answer to
ONE_TURN = (_OPEN, _ANSWERING)
"""A line may answer the question asked last turn, and no later one (``skill_io.carry_over``)."""
_GOOD = re.compile(r"\b(good|great|lovely|wonderful|amazing|fantastic|fun|fine|well|brilliant|nice|better|"
                   r"awesome|beautiful|enjoyed|loved|perfect)\b")  # fmt: skip
_BAD = re.compile(r"\b(bad|awful|terrible|hard|difficult|not|worse|horrible|sad|tough|badly|rough|boring|"
                  r"sick|stressful|exhausting|disaster)\b")  # fmt: skip
_REACTION = {
    "activity": "Good for you!",
    "trip": "Welcome back! I'd love to hear about it.",
    "plan": "How exciting!",
    "person": "How lovely.",
    "news": "Thank you for telling me.",
}


def remember(turn: SkillInput) -> list[Note]:
    """Note what the user told about their life in this line (nothing when there is no memory)."""
    memory = turn.memory
    if memory is None:
        return []
    return [note for note in extract_news(turn.text) if memory.note(note)]


def tell_news(turn: SkillInput, promise: str, topics: TopicIndex) -> Answer:
    """Answer the user's news by naming it back, and promise to remember (or say it cannot).

    When the persona has a line of its own on the thing the news names, it says it before the
    promise: "my dad was a trawlerman too" is met with Bo's own trawlerman dad
    (:func:`~game.mind.own_side.relate`), not only "How lovely. Noted in the ship's log!".
    """
    notes = extract_news(turn.text)
    if not notes:
        return Answer(promise, (Action.make("nod"),))
    note = notes[-1]
    said = note.about[:1].upper() + note.about[1:]
    own = own_side.relate(turn, topics)
    side = own.text if own is not None else ""
    turn.context.focus.pop(topic_replies.ON_KEY, None)  # the user's news stays the thing talked about
    if note.kind == "activity":  # told gladly: "my knees hate me for it" after "I've started running" is
        # its catch, as after good news (:mod:`game.mind.everyday`)
        turn.context.focus[NEWS_ON] = "good"
        turn.context.focus[NEWS_TOLD] = f"my {note.topic}"  # "Still, your running!"
    return Answer(
        " ".join(f"{said}? {_REACTION.get(note.kind, '')} {side} {promise}".split()),
        (Action.make("nod"),),
        "happy",
        [f"news: {note.kind} '{note.topic}'", *(own.evidence if own is not None else [])],
    )


def _earlier(memory: NpcMemory) -> list[Note]:
    """Notes told before this visit began (nothing is "later" within the turn it was told)."""
    start = memory.visit_started
    return [n for n in memory.notes if start and n.t < start]


def _asked(turn: SkillInput) -> list[str]:
    return [t for t in turn.context.focus.get(_ASKED, "").split("|") if t]


def _mark(turn: SkillInput, note: Note) -> None:
    key = f"{note.kind}:{note.topic}"
    turn.context.focus[_ASKED] = "|".join([*_asked(turn), key])
    turn.context.focus[_OPEN] = key


def reaction(turn: SkillInput) -> Answer | None:
    """The NPC's response to the user's answer to its question ("Lisbon was lovely" → "Good to hear!")."""
    key = turn.context.focus.get(_ANSWERING, "")
    if not key or asks(turn.text):
        return None  # "where did you grow up?" asks something else; it is not the answer
    low = turn.text.lower()
    if _BAD.search(low):
        text, emotion = "Oh, I'm sorry. I hope it gets better.", "sad"
    elif _GOOD.search(low):
        text, emotion = "That's good to hear! Thank you for telling me.", "happy"
    else:
        text, emotion = "Thank you for telling me.", "neutral"
    return Answer(text, (Action.make("nod"),), emotion, [f"memory: the user's answer about {key}"])


def on_greeting(turn: SkillInput) -> Note | None:
    """The newest note from an earlier visit not yet brought back (the greeting asks about it)."""
    memory = turn.memory
    if memory is None:
        return None
    asked = _asked(turn)
    for note in reversed(_earlier(memory)):
        if f"{note.kind}:{note.topic}" not in asked:
            _mark(turn, note)
            return note
    return None


def related(turn: SkillInput) -> Note | None:
    """A note from an earlier visit whose topic this line mentions ("the painting is hard" → painting)."""
    memory = turn.memory
    if memory is None:
        return None
    heard = topic_words(turn.text)
    asked = _asked(turn)
    for note in reversed(_earlier(memory)):
        if _about(note, heard) and f"{note.kind}:{note.topic}" not in asked:
            _mark(turn, note)
            return note
    return None


def _about(note: Note, heard: set[str]) -> bool:
    """Whether a line with the stems ``heard`` is about ``note``.

    A person counts by any of their names, anything else by its head word ("berlin" in
    "moving berlin", "interview" in "job interview"), so "my new job" is not the interview.
    """
    words = [stem(w) for w in note.topic.split() if topic_words(w)]
    if not words:
        return False
    return bool(set(words) & heard) if note.kind == "person" else words[-1] in heard


def bring_back(note: Note) -> Answer:
    """Say what the user told, then ask about it."""
    return Answer(
        f"You told me {note.about}. {note.ask}",
        emotion="happy",
        evidence=[f"memory: {note.kind} '{note.topic}'"],
    )


def mentioned(turn: SkillInput) -> list[Note]:
    """The notes a question about the user's life names ("do you remember my sister?"), newest first."""
    memory = turn.memory
    if memory is None:
        return []
    heard = topic_words(turn.text)
    return [n for n in reversed(memory.notes) if _about(n, heard)]


def remind(turn: SkillInput, note: Note) -> Answer:
    """Yes, the NPC remembers: what the user told, and its question when it was told on an earlier visit."""
    fresh = (
        turn.memory is not None
        and note in _earlier(turn.memory)
        and f"{note.kind}:{note.topic}" not in _asked(turn)
    )
    ask = f" {note.ask}" if fresh else ""
    _mark(turn, note)  # the user may answer it next
    return Answer(f"Yes: you told me {note.about}.{ask}", (Action.make("nod"),), "happy",
                  [f"memory: {note.kind} '{note.topic}'"])  # fmt: skip
