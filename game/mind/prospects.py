"""The user asks the NPC about their own plan: its faith in it, or what it would do.

After "I'm running a marathon on Sunday", that question is about the marathon, and a friend
answers it: "A marathon? Course you will, mate." Asked back ("Never thought about it. What
would you say?") the character dodges the one thing the user wanted from it. Each persona
reassures in its own voice (``reassure`` lines in the persona TOML, ``{thing}`` = what the
user's line before named). Only a question about the user's own prospects ("will I …",
"do you think I'll …") after a line of their own that names a thing gets it; "should I …?"
asks for advice, not faith, and is left to the other layers.

"What if I fail?" after the same line fears the worst; the friend says it would be survivable
(``worst_case`` lines): "Then you have another go, mate."

Likewise "what would you do?" after "I'm thinking of quitting my job" asks how the character
would weigh the user's choice (``weigh_up`` lines, ``{thing}`` = the same phrase): "Your job? I'd
sleep on it, mate."
"""

from __future__ import annotations

import re

from game.mind.ask_back import is_question, phrase_of
from game.mind.skill_io import Answer, SkillInput

_PROSPECT = re.compile(
    r"^(?:so\s+|and\s+|but\s+)?(?:(?:do|d'you) you (?:think|reckon) |you (?:think|reckon) )"
    r"(?:that )?i(?:'ll| will| can| could|'m going to| am going to|'m gonna)\s+\w+"
    r"|^(?:so\s+|and\s+|but\s+)?(?:will i|am i going to|am i gonna)\s+"
    r"(?:like|love|enjoy|manage|make|finish|pass|win|get|be|do|cope|survive|fit)\b"
)
_WORST_CASE = re.compile(
    r"^(?:so\s+|and\s+|but\s+|ok\s+|okay\s+)?(?:what if|what happens if|and if)\s+"
    r"(?:i\s+(?:(?:don't|do not|can't|cannot|won't|never|couldn't)\s+\w+"
    r"|(?:fail|flunk|lose|mess|muck|screw|blow|freeze|forget|panic|crash|choke|bomb"
    r"|break down|get it wrong|hate it)\w*"
    r"|(?:'m|am) (?:not|no) (?:good|ready|any good)\b)"
    r"|(?:nobody|no one)\s+\w+"
    r"|(?:they|he|she|it|everyone|people)\s+(?:\w+\s+){0,3}(?:ask me|laugh|say no|says no"
    r"|hate|don't like|doesn't like|go(?:es)? wrong|think i'm|fail|turn me down))"
)
"""The user's worst case: "what if I fail?", or what others might do ("what if they ask me something
I don't know?", "what if nobody comes?")."""
_WHAT_TO_DO = re.compile(
    r"^(?:so\s+|and\s+|well\s+)?(?:what would you do(?: if you were me| in my (?:place|shoes))?"
    r"|what (?:should|shall|do) i do(?: about it| then| now)?|what do you think i should do"
    r"|(?:do you think )?i should(?:n't)? (?:do it|go for it|take it|accept it)"
    r"|should i (?:do it|go for it|take it|accept it|say yes|let (?:him|her|them)(?: do it| go)?))\s*[?!.]*$"
)

_OWN_CHOICE = re.compile(
    r"^(?:so\s+|and\s+|but\s+|well\s+)?(?:is it worth|would it be worth|(?:do you think )?i should|should i"
    r")\s+(?P<what>(?:buy|get|sell|take|try|move|quit|leave|change|start|learn|join|book|adopt|keep|let"
    r"|put|build|add|knock|lend|invite|rent|replace|swap|dye|cut|throw|grow|have)"
    r"\w*\s+[^?.!]+)"
)
"""A choice of the user's own asked in one line: "is it worth buying an old house?", "should I sell my
car?", "should I let him borrow my car?", "should I put a window in the door?"."""


def _plain(text: str) -> str:
    return " ".join(text.lower().replace(",", " ").replace("do ya", "do you").split())


def _after_own_line(pattern: re.Pattern[str], text: str, before: str) -> str:
    """The thing the user's own line ``before`` named, when ``text`` has the pattern's form; else ""."""
    if not pattern.match(_plain(text)) or not before or is_question(before):
        return ""
    return phrase_of(before)


def _in_own_words(turn: SkillInput, kind: str, thing: str, why: str, emotion: str = "neutral") -> Answer:
    said = turn.line(kind, thing=thing)
    return Answer(said[:1].upper() + said[1:], emotion=emotion, evidence=[why], layer="skill")


def asked(text: str, before: str) -> str:
    """The user's own thing the line asks the NPC's faith in ("a marathon"), or "" when it asks none."""
    return _after_own_line(_PROSPECT, text, before)


def reassure(turn: SkillInput, thing: str) -> Answer:
    """The persona's faith in the user's plan, in its own words."""
    why = f"asked for faith in the user's own '{thing}': the persona reassures"
    return _in_own_words(turn, "reassure", thing, why, emotion="happy")


def feared(text: str, before: str) -> str:
    """The user's own thing the line fears for ("what if I fail?" after "my driving test tomorrow"), or ""."""
    return _after_own_line(_WORST_CASE, text, before)


def steady(turn: SkillInput, thing: str) -> Answer:
    """What the persona says to the user's worst case: it is survivable, in its own words."""
    why = f"asked what if the user's own '{thing}' goes wrong: the persona steadies them"
    return _in_own_words(turn, "worst_case", thing, why)


def to_weigh(text: str, before: str) -> str:
    """The user's own choice the line asks the NPC to weigh ("your job"), or "" when it asks none.

    The choice is the line before's ("what would you do?" after "I'm thinking of quitting my job"),
    or this line's own ("is it worth buying an old house?").
    """
    own = _OWN_CHOICE.match(_plain(text))
    named = phrase_of(own["what"]) if own is not None else ""
    return named or _after_own_line(_WHAT_TO_DO, text, before)  # "should I take it?": the job before


def weigh_up(turn: SkillInput, thing: str) -> Answer:
    """How the persona would go about the user's choice, in its own words."""
    return _in_own_words(
        turn, "weigh_up", thing, f"asked to weigh the user's own '{thing}': the persona's way of deciding"
    )
