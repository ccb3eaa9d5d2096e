"""Staying on the thread: a short follow-up goes on with the topic the NPC's last reply was on.

After "Cleo, where do your ideas come from?" → "Ideas come from small things…", a person asks
"can you give me an example?" or "how so?"; after Bo says where he grew up, "did you like it
there?". Those lines name no topic, so matched alone they land on whatever topic their few
words resemble ("an example" → jokes, "there" → the room) or on a dodge. Here such a line
continues the ongoing topic (:func:`game.mind.topic_replies.ongoing`) with another of its replies:

- **a request for more** ("how so?", "like what?", "for example?", "really?", "not even
  once?", "tell me more", a bare "why?" after a statement) always continues it: with the ``more`` of the very
  line just said, when the persona wrote one (``{ say = "…", more = "…" }``), else with
  another of the topic's replies;
- **a line that points back** (a short one with "it", "that", "there", …) continues it unless
  it plainly names another topic of the persona (:data:`CHANGED`), or is about the user;
- **a short "why …?" about what the last line's ``more`` tells** ("why did you stop?" after "I
  played the piano as a girl", whose more says she stopped at fourteen) continues it with that
  more.

"why?" after a yes/no question is left to :mod:`game.mind.follow_ups`, which asks the
question again with "why" in it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping, Sequence

from game.mind import follow_ups, topic_replies
from game.mind.answer_kind import asked_kind, gives_kind
from game.mind.grounding import WorldSnapshot
from game.mind.intents import IntentResult, as_chat
from game.mind.line_shape import SOMEONE_THERE, asks_to_receive_it
from game.mind.persona import Persona
from game.mind.persona_topics import Topic
from game.mind.reply_fit import content_stems
from game.mind.skill_io import Answer, SkillInput
from game.mind.topics import ANSWERED, TopicMatch

FACT_ON = "fact_on"
"""The persona fact the NPC's last reply told ("" when none)."""
FACT_BEFORE = "fact_before"
ONE_TURN = (FACT_ON, FACT_BEFORE)
"""The fact just told may be followed up by the next line only (``skill_io.carry_over``)."""
CHANGED = 0.60
"""A pointing line whose own nearest topic is another one from this similarity up has changed the subject."""
_MORE = re.compile(
    r"^(?:and\s+|so\s+)?(?:how so|in what way|how do you mean|what do you mean|like what|such as|"
    r"for example|for instance|(?:can you |could you )?give me an example|an example|"
    r"(?:can you |could you )?say more|tell me more|why|why not|how come|why is that|why's that|why so|"
    r"really|seriously|is that so|is that right|what happened|what happened (?:then|next)|and then|"
    r"never|never ever|not (?:even )?once|not ever|not even a (?:little|bit|taste)|"
    r"how did you (?:manage|cope|do it|do that|get through it|deal with it)|what did you do(?: then)?|"
    r"were you (?:not )?(?:scared|frightened|afraid|hurt|ok|okay|all right)|"
    r"was it (?:scary|frightening|dangerous|hard)|did it hurt|did you get hurt|"
    r"what surprised you(?: (?:the )?most)?|what did you learn(?: from (?:it|that))?|"
    r"(?:can|could|should) i do (?:anything|something) about it|what (?:can|could|should) i do(?: about it)?|"
    r"what was the (?:best|worst|hardest|funniest) (?:bit|part)(?: of it)?|"
    r"what do you (?:like|love) (?:most |best )?about (?:it|them|him|her|that)|"
    r"(?:can you |could you |will you )?(?:give me|tell me|share) (?:the |your )?recipe(?: please)?|"
    r"what's the recipe|how do you make (?:it|that|them)|what's in it)"
    r"(?: then)?\s*[?!.]*$"
)
_POINTS_BACK = re.compile(
    r"\bit\b"
    # "like that?", "was that true?", not "that person"
    r"|\b(?:that|those)\b(?=\s*(?:[?!.,]|$)|\s+(?:is|was|were|one|ones|again)\b)"
    r"|\b(?:there|them|then)\b"
    r"|\bwhich (?:one|ones)\b"  # "which one is your favourite?" after a shoebox of photographs
    r"|\b(?:go|going|went|come|coming) back\s*[?!.]*$"  # "would you go back?": to the place just told
)
_EMPTY_IT = re.compile(
    r"\b(?:rain|raining|snow|snowing|sunny|cloudy|windy|cold|hot|warm|chilly|late|early|morning|afternoon|"
    r"evening|night|noon|midnight|time|o'clock|today|tomorrow|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|weekend)\b"
)
"""Words of the time or the weather: with them "it" points at nothing ("is it raining?", "it's late")."""


POINTING_SHORT = 7
"""A question this short may go on with the topic if it ends pointing back ("what did you do with it?")."""
_ENDS_POINTING = re.compile(r"\b(?:it|them|him|her|there)\s*\?\s*$")


def _leans_back(text: str) -> bool:
    """A line short enough to point back, that does: "was it fun?", "how long were you on her?"."""
    words = len(text.split())
    if words <= follow_ups.SHORT:
        return _points_back(text)
    return _ends_pointing_back(text) or (words <= POINTING_SHORT and _asks_after_someone(text.lower()))


_PRONOUN = re.compile(r"\b(?:he|she|him|his|her|hers|it|its|they|them|their)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][a-z']*")


def _names_whom(text: str, npc_names: frozenset[str]) -> bool:
    """Whether the line names, before its pronoun, whom the pronoun means: "does Brunel know his name?".

    Such a line asks about what it names, not about the NPC's last reply. The name is a capitalised
    word past the first, or an NPC's name (a recognizer writes names in lower case); a name called
    at the start ("Ada, does he …") is the listener, not the pronoun's someone.
    """
    body = re.sub(r"^\s*[A-Za-z]+\s*,\s*", "", text)
    pronoun = _PRONOUN.search(body)
    if pronoun is None:
        return False
    before = _WORD.findall(body[: pronoun.start()])
    return any((w[0].isupper() and k and w != "I") or w.lower() in npc_names for k, w in enumerate(before))


def _ends_pointing_back(text: str) -> bool:
    """A question that names no thing and ends on what it points at ("did you ever go out with him?")."""
    return (
        len(text.split()) <= POINTING_SHORT
        and bool(_ENDS_POINTING.search(text.lower()))
        and not content_stems(text, ("noun",))
    )


_ASKS_AFTER_HIM = re.compile(rf"(?:\b(?:he|she|him|his|her|they|their)\b|{SOMEONE_THERE.pattern}).*\?\s*$")
"""A question about "him", "her", "they" or "that man" ("what was her name?" after Bo's ship's cat, "who was
that woman?" after Cleo's grandmother) points back; a statement about someone ("she cried a little")
is the user's own news."""
_THEIR_OWN = re.compile(
    r"\b(?!(?:is|was|has|does|this|its|his|yes|always|perhaps|thanks|unless|less)\b)[a-z]{3,}s"
    r"\s+(?:[a-z']+\s+){0,2}(?:they|their|them)\b"
)
"""A plural and the "they" or "their" that means it ("should guests take their shoes off?"): the
pronoun points at the line's own words, not back."""


def _asks_after_someone(low: str) -> bool:
    """A question about someone told before: a pronoun the line's own plural does not account for."""
    return _ASKS_AFTER_HIM.search(_THEIR_OWN.sub(" ", low)) is not None


def _points_back(text: str) -> bool:
    low = text.lower()
    if _asks_after_someone(low):
        return True
    found = [m.group(0) for m in _POINTS_BACK.finditer(low)]
    if found and all(w == "it" for w in found) and _EMPTY_IT.search(low):
        return False
    return bool(found)


_ROOM_READINGS = ("where_is", "what_on", "what_colour", "room_contents", "what_looking_at", "ask_memory",
                  "wellbeing", "identity")  # fmt: skip
"""Readings a short pointing line gets by its shape alone ("where do you keep it?" → where is it)."""


def at_the_talk(
    text: str, result: IntentResult, focus: Mapping[str, str], snap: WorldSnapshot
) -> IntentResult:
    """Open talk for a short line pointing back at what the NPC just told, not at the room or the NPC.

    After Ada's prize brick, "where do you keep it?" asks where the brick is kept, not where
    she stands; after Bo's weekend, "how was it?" asks about the weekend, not how Bo is. Asked
    before the turn begins, while the last reply's topic is still the one just said; a line
    naming a thing or person of the room keeps its reading.
    """
    told = focus.get(topic_replies.ON_KEY) or focus.get(FACT_ON)
    if not (result.reason == "nearest examples" and result.intent in _ROOM_READINGS and told):
        return result
    room = {n.name.lower() for n in snap.npcs} | {p.type for p in snap.props}
    if (
        len(text.split()) > POINTING_SHORT
        or not _points_back(text)
        or set(re.findall(r"[a-z]+", text.lower())) & room
    ):
        return result
    return as_chat(result, "points back at what was just told, not at the room")


def asks_for_more(text: str) -> bool:
    """Whether the line only asks the NPC to go on with what it said ("how so?", "like what?")."""
    return bool(_MORE.match(" ".join(text.lower().replace(",", " ").split()))) or asks_to_receive_it(text)


def goes_deeper(text: str, focus: Mapping[str, str], topics: Sequence[Topic], persona: Persona) -> bool:
    """Whether a request for more ("why?") follows a topic line or a fact with its own ``more``.

    Then the character goes on with that line, and "why?" is not read as the user's question
    before it asked again ("why do you enjoy being an architect?"). Asked before the turn begins.
    """
    fact = persona.fact(focus.get(FACT_ON, ""))
    return asks_for_more(text) and (topic_replies.has_follow_on(focus, topics) or bool(fact and fact.more))


def fact_said(focus: MutableMapping[str, str], key: str) -> None:
    """The NPC's reply is its fact ``key`` (its ``more`` may follow)."""
    focus[FACT_ON] = key


def fact_goes_on(turn: SkillInput, about_user: bool) -> Answer | None:
    """The ``more`` of the fact the NPC just told, when the line follows it up ("is it any good?").

    A request for more, or a short line pointing back (:func:`game.mind.topic_replies.more_answers`
    weighs it as for a topic line: "does it have a garden?" after the home town asks something
    new). It is said once.
    """
    fact = turn.persona.fact(turn.context.focus.get(FACT_BEFORE, ""))
    asked = asks_for_more(turn.text)
    if fact is None or not fact.more:
        return None
    if not topic_replies.more_answers(turn.text, f"{fact.value} {fact.answer}", fact.more, asked):
        return None
    if asked or (_leans_back(turn.text) and not about_user):
        return Answer(
            fact.more, evidence=[f"goes on with its fact {fact.key} (its more)"], layer="persona_fact"
        )
    return None


def ongoing_topic(turn: SkillInput, topics: Sequence[Topic]) -> Topic | None:
    """The persona's topic its previous reply came from, if any."""
    name = topic_replies.ongoing(turn.context.focus)
    return next((t for t in topics if t.name == name), None) if name else None


def continues(
    turn: SkillInput, topics: Sequence[Topic], nearest: TopicMatch | None, about_user: bool
) -> TopicMatch | None:
    """The ongoing topic, as the match to answer from, when the line goes on with it; else None."""
    topic = ongoing_topic(turn, topics)
    if topic is None or _OPENS_AFRESH.match(turn.text.lower()):
        return None
    if asks_for_more(turn.text):
        return TopicMatch(topic, 0.0, "(asked for more)")
    short = len(turn.text.split()) <= follow_ups.SHORT
    elsewhere = nearest is not None and nearest.topic is not topic and nearest.score >= CHANGED
    names = frozenset(n.name.lower() for n in turn.snap.npcs)
    said, more = _last_told(turn, topic)
    answers_it = said.rstrip().endswith("?") and not turn.text.rstrip().endswith("?")
    if _leans_back(turn.text) and not elsewhere and not about_user and not _names_whom(turn.text, names):
        # "it was in French" answers "What did yours say?": the user's answer is no cue for its next line
        return None if answers_it else TopicMatch(topic, 0.0, "(points back)")
    if short and _WHY.match(turn.text.lower()) and content_stems(turn.text) & content_stems(more):
        return TopicMatch(topic, 0.0, "(asks why of what its last line's more tells)")  # "why did you stop?"
    named = content_stems(turn.text, ("noun", "adjective"))  # "too bright, you reckon?": the more says it
    asks_it = short and not elsewhere and turn.text.rstrip().endswith("?")
    if asks_it and named and named <= content_stems(more) - content_stems(said):
        return TopicMatch(topic, 0.0, "(asks what only its last line's more tells)")
    if _asks_what_more_tells(turn, more) and not elsewhere:
        return TopicMatch(topic, 0.0, "(asks the number or length its last line's more tells)")
    if more and _asks_its_own_question(turn, topic, nearest):
        return TopicMatch(topic, 0.0, "(asks a question its last line answers: it goes on)")
    return None


def _asks_its_own_question(turn: SkillInput, topic: Topic, nearest: TopicMatch | None) -> bool:
    """Whether the line is a question the NPC's last line says it answers ("what do you doodle?").

    That line was just said, so it is not said again; its ``more`` goes on with the same answer.
    """
    last = topic_replies.last_said(turn.context.focus)
    if nearest is None or nearest.topic is not topic or last is None or last[0] != topic.name:
        return False
    own = topic.answers[last[1]] if last[1] < len(topic.answers) else ()
    return nearest.score >= ANSWERED and nearest.matched in own


_OPENS_AFRESH = re.compile(
    r"^\s*(?:hey|hi|hiya|hello|howdy|good (?:morning|afternoon|evening)|morning|evening)\b"
)
"""A line that opens with a greeting starts afresh: "hey Bo, how's it going?" asks after no "it" told."""
_WHY = re.compile(r"^(?:and |so |but )?(?:why|how come)\b")


def _asks_what_more_tells(turn: SkillInput, more: str) -> bool:
    """A short question naming nothing that asks a number or a length the last line's ``more`` tells.

    After Bo's chickens, "how many should we start with?" asks how many, and his more says "three or four".
    """
    kind = asked_kind(turn.text)
    if kind not in ("how_many", "how_long") or "how old" in turn.text.lower() or not more:
        return False
    short = len(turn.text.split()) <= POINTING_SHORT and not content_stems(turn.text, ("noun", "adjective"))
    return short and gives_kind(more, kind)


def _last_told(turn: SkillInput, topic: Topic) -> tuple[str, str]:
    """The NPC's last line and its ``more`` when that line was of ``topic``, else ``("", "")``."""
    last = topic_replies.last_said(turn.context.focus)
    if last is None or last[0] != topic.name:
        return "", ""
    return topic.say[last[1]], topic.more_after(last[1])
