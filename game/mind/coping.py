"""How the character gets through a hard day: "what helps?", "how do you deal with that?".

After Cleo says she is lonely sometimes, or Ada that the hardest part of her job is clients
who want a bigger room, people ask how they cope. Read alone, those few words match no topic
(or the wrong one: "deal" was asked back as "Deal? Good question."), and the rubric counts a
dodge as no answer. Each persona has its own way (``coping`` lines in the persona TOML), said
to a line that asks only that, once the user has said something before it (out of the blue,
"what helps?" asks about nothing yet and is asked back).
"""

from __future__ import annotations

import re

from game.mind.nuisance import NUISANCE
from game.mind.skill_io import Answer, SkillInput

_COPING = re.compile(
    r"^(?:so\s+|and\s+|but\s+)?(?:what helps(?: you)?"
    r"|what do you do(?: about it| about that| then| when that happens"
    r"| when (?:it|things) gets? (?:bad|hard|rough|worse|too much)"
    r"| when you(?:'re| are| feel| get) (?:like that|that way|low|down|sad|lonely|homesick|blue|fed up)"
    r"| when you miss (?:home|it|them|him|her|people|your family|your friends|the sea|lisbon))"
    r"|how do you (?:cope(?: with (?:it|that|this))?|manage(?: it| that)?|deal with (?:it|that|this)"
    r"|handle (?:it|that|this)"
    r"|get through (?:it|that|this|them)|get over (?:it|that))"
    r"|what gets you through(?: it| that| them)?|what do you do to feel better)"
    r"(?: then| now)?\s*[?!.]*$"
)


_MY_HARD_TIME = re.compile(
    r"\bhow (?:do|can|should|would) i (?:get over|cope with|deal with|get through|survive"
    r"|stop (?:thinking about|missing|worrying|feeling))\b"
)
"""The user's own hard time ("how do I get over a breakup?"): the character tells what gets it through."""


_OWN_WAY = re.compile(
    r"\bwhat (?:cheers|perks|picks|lifts|brightens) you up\b|\bhow do you (?:cheer|perk) yourself up\b"
    r"|\bwhat do you do (?:on|after) a (?:bad|rough|hard|tough|long) day\b"
    r"|\bwho do you (?:talk to|turn to|ring|call|go to) when you(?:'re| are| feel)"
    r" (?:down|low|sad|lonely|fed up)\b"
)
"""How the character gets over a bad day, asked out of the blue ("what cheers you up on a bad day?")."""


_AT_A_LOSS = re.compile(
    r"^(?:so\s+|and\s+|but\s+|well\s+|ok\s+|okay\s+)?"
    r"(?:what (?:should|shall|do|can) i do(?: now| next| about it)?"
    r"|what now|what do i do now|what am i (?:going to|gonna|supposed to) do(?: now)?"
    r"|where do i go from here|what would you do(?: if you were me)?"
    r"|i (?:don't|do not|just don't) know what (?:to do|i'm going to do|i'll do)(?: now| next)?"
    r"|i don't know where to start|i(?:'m| am) (?:so |a bit |completely )?lost)\s*[?!.]*$"
)
"""At a loss right after bad news ("I don't know what to do now"): steadiness, not a way of deciding."""


def at_a_loss(text: str) -> bool:
    """Whether the user says or asks that they don't know what to do (see :data:`_AT_A_LOSS`)."""
    return bool(_AT_A_LOSS.match(" ".join(text.lower().replace("\u2019", "'").replace(",", " ").split())))


_SPEAK_UP = re.compile(
    r"^(?:so\s+|and\s+|but\s+|well\s+)?should i (?:just |still |even )?(?:ask|tell|say|call|ring|phone|text"
    r"|talk|speak|have a word|complain|confront|mention|bring it up|report|write)\b"
    r"|^(?:so\s+|and\s+|but\s+)?what (?:would|should|do|shall) (?:you|i) say to (?:him|her|them)\b"
)
"""Whether to speak up about a nuisance ("should I call her?", "what would you say to him?")."""


_AMENDS = re.compile(
    r"^(?:so\s+|and\s+|but\s+|well\s+)?(?:how (?:do|can|should|could|would) i (?:make (?:it|this|that|things)"
    r" (?:right|up to (?:her|him|them))|put (?:it|this|that|things) right|fix (?:it|this|that|things)"
    r"|say sorry|apologi[sz]e|make amends)|should i (?:say sorry|apologi[sz]e)"
    r"|what (?:do|should|can) i do to (?:make|put) (?:it|things) right)\b"
)
_WRONGED = re.compile(
    r"\bi (?:think i |may have |might have |must have |really |accidentally |totally )?(?:upset|hurt|offended"
    r"|let down|snapped at|shouted at|was rude to|forgot)\b(?! me\b)"
    r"|\b(?:fell out|had a row|had an argument|had a fight|argued) with\b"
)
"""The user did someone a wrong ("I think I upset my sister yesterday", "I fell out with my mum")."""


def amends(text: str, line_before: str) -> bool:
    """Whether the line asks how to make right a wrong the user told just before ("how do I fix it?")."""
    low = text.lower().replace("\u2019", "'")
    return bool(_AMENDS.match(low)) and bool(_WRONGED.search(line_before.lower().replace("\u2019", "'")))


_REST = re.compile(
    r"^(?:so\s+|and\s+|but\s+|well\s+)?(?:should i|do you think i should|would it help to|is it ok to)\s+"
    r"(?:just\s+|maybe\s+|go\s+and\s+|go\s+)?(?:lie down|lay down|rest"
    r"|have a (?:rest|nap|lie down|lie-in|sleep)|get some (?:rest|sleep)|go to bed|go home"
    r"|stay (?:home|in|in bed|off)|take (?:the|a|some) (?:day|days|time) off|call in sick|phone in sick"
    r"|see a doctor|go to the doctor'?s?|skip|cancel|put my feet up)\b"
)
"""Whether to rest ("should I lie down for a bit?", "should I stay home tomorrow?")."""


_WHAT_TO_EAT = re.compile(
    r"^(?:so\s+|and\s+|but\s+|well\s+)?what (?:should|shall|can|do) i (?:eat|drink|have|take)"
    r"(?: for it| then| now)?\s*[?.!]*$"
)
"""What to eat or drink when unwell ("what should I eat?" after "I've got a stinking cold")."""
_UNWELL = re.compile(
    r"\b(?:cold|flu|cough|headache|migraine|sore throat|sick|poorly|unwell|temperature|fever|tummy"
    r"|stomach|under the weather|food poisoning)\b"
)


def rest(text: str, mood: str, before: str = "") -> bool:
    """Whether the line asks leave to rest, or what to eat, right after the user's bad news ("a cold")."""
    low = text.lower().replace("\u2019", "'")
    to_eat = _WHAT_TO_EAT.match(low) is not None and _UNWELL.search(before.lower()) is not None
    return mood == "bad" and (bool(_REST.match(low)) or to_eat)


def rest_up(turn: SkillInput) -> Answer:
    """The persona's yes to resting (``rest_up``), or what it gives the unwell (``get_well``)."""
    to_eat = _WHAT_TO_EAT.match(turn.text.lower().replace("\u2019", "'")) is not None
    return Answer(
        turn.line("get_well" if to_eat else "rest_up"),
        emotion="sad",
        evidence=[
            f"asked {'what to eat' if to_eat else 'whether to rest'} when unwell: the persona's own way"
        ],
        layer="skill",
    )


def make_amends(turn: SkillInput) -> Answer:
    """The persona's way of saying sorry (``make_amends`` lines), not advice on a thing called "it right"."""
    return Answer(
        turn.line("make_amends"),
        evidence=["asked how to make right a wrong the user did: the persona's way of saying sorry"],
        layer="skill",
    )


def stuck(text: str, mood: str) -> bool:
    """Whether the line asks what to do about the bad news or nuisance (``mood``) told just before."""
    if mood == NUISANCE and _SPEAK_UP.match(text.lower().replace("\u2019", "'")):
        return True
    return mood in ("bad", NUISANCE) and at_a_loss(text)


def steady(turn: SkillInput, nuisance: bool = False) -> Answer:
    """The persona's steadying word to someone at a loss after bad news (``after_bad_news`` lines).

    "What should I do?" after "my dog died" was weighed as a choice ("I'd sleep on it, mate. If
    it still feels right after breakfast, do it."); a friend says what to do with the next days.
    After a ``nuisance`` ("my neighbour's dog barks all night") nothing is lost, so the persona
    says how it would sort it out (``after_nuisance``) instead of "be gentle with yourself".
    """
    if nuisance:
        return Answer(
            turn.line("after_nuisance"),
            evidence=["at a loss over a nuisance: how the persona would sort it out"],
            layer="skill",
        )
    return Answer(
        turn.line("after_bad_news"),
        evidence=["at a loss after the user's bad news: a steadying word, not a way of deciding"],
        layer="skill",
    )


def asked_for_own(text: str) -> bool:
    """Whether the line asks how to get through a hard time, the user's or the character's own.

    The user's is :data:`_MY_HARD_TIME`; the character's own bad days (:data:`_OWN_WAY`) need no
    line before, unlike a bare "what helps?".
    """
    low = text.lower().replace("\u2019", "'")
    return bool(_MY_HARD_TIME.search(low) or _OWN_WAY.search(low))


def asked(text: str) -> bool:
    """Whether the line asks only how the character copes ("how do you deal with that?")."""
    return bool(_COPING.match(" ".join(text.lower().replace(",", " ").split())))


_WHO = re.compile(r"(?:^|,\s*)who\b")
_SOMEONE = re.compile(r"\b(?:ring|call|tell|talk to|phone)\b")
"""A coping line that turns to someone ("I ring my mum"), for "who do you talk to when you're down?"."""


def answer(turn: SkillInput) -> Answer:
    """The persona's own way with hard days (asked "who…?", one that turns to someone, if it has one)."""
    lines = turn.persona.lines.get("coping", ())
    someone = [line for line in lines if _SOMEONE.search(line.lower())]
    return Answer(
        turn.rng.choice(someone) if someone and _WHO.search(turn.text.lower()) else turn.line("coping"),
        evidence=["asked how the character copes: its own way with hard days"],
        layer="skill",
    )
