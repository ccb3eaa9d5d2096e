"""A remark on the weather outside: the NPC agrees in its own voice, wet, fine or cold.

"Lovely weather for ducks today", "it's pouring out there" and "gorgeous day today" are the oldest
small talk there is, and they were met with "Ducks, eh? What's the story?", "Go on, spit it out" or
a thank-you for a compliment. A remark names the weather; it asks nothing, so the character takes it
up (``weather_wet``, ``weather_fine`` or ``weather_cold`` lines in the persona TOML;
``weather_autumn`` for the year turning, ``weather_sky`` for the stars or a sunset) rather than a
topic reply about what it likes. Questions ("what's the weather like?", "do you like the rain?")
stay with the weather topic, and the room ("it's cold in here") is not the weather: that is the
lights' and the room's business.
"""

from __future__ import annotations

import re

from game.mind.skill_io import Answer, SkillInput

_WET = re.compile(
    r"\b(?:rain|raining|rainy|pouring|pissing down|chucking it down|bucketing|drizzle|drizzly|downpour|"
    r"showers|weather for ducks|cats and dogs|storm|stormy|thunder|lightning)\b"
)
_FINE = re.compile(
    r"\b(?:sunny|sunshine|sun's out|sun is out|scorcher|heatwave|glorious|(?:gorgeous|lovely|beautiful|nice|"
    r"fine|great|perfect|cracking) (?:day|morning|afternoon|evening|weather))\b"
)
_COLD = re.compile(
    r"\b(?:snow|snowing|snowy|frost|frosty|icy|foggy|windy|blowing a gale|gale|grey day|miserable day|"
    r"dreary|gloomy day|(?:cold|chilly|freezing|nippy|parky|bitter|brass monkeys)\b.*\b(?:today|out|outside|"
    r"this morning|tonight|day))\b"
)
_AUTUMN = re.compile(
    r"\b(?:leaves (?:are |have )?(?:turning|falling|changing|coming down)|nights (?:are )?drawing in"
    r"|(?:getting|gets|going) dark (?:so |really )?early|dark by (?:four|five|half)|clocks go(?:ing)? back"
    r"|autumn(?:'s| is) (?:here|coming|on its way|in the air))\b"
)
"""The year turning ("the leaves are turning already", "the nights are drawing in")."""
_SKY = re.compile(
    r"\b(?:(?:the )?(?:stars|moon)(?:'s| is| are| look| looks)(?: so| really| very)? (?:bright|out|full|huge"
    r"|beautiful|lovely|gorgeous|amazing|clear|stunning)|full moon tonight|(?:what an?|lovely|gorgeous"
    r"|beautiful|stunning) (?:sunset|sunrise|sky)|a rainbow|shooting star)\b"
)
"""The sky at its best ("the stars are really bright tonight", "what a sunset")."""
_INDOORS = re.compile(r"\b(?:in here|this room|the room|the lounge|inside|my (?:tea|coffee|soup|food))\b")
_ASKS = re.compile(
    r"^(?:what(?! an? )|how(?! \w+ (?:it|the)\b)|do|does|did|is|are|will|would|should|can|could|why|when"
    r"|where|which)\b"
)
_ASKED_FOR = re.compile(
    r"^(?:please |can you |could you |will you |would you )?(?:tell|write|sing|give|make|draw|read|say"
    r"|describe|show|recite)\b|\b(?:about|a story|a poem|a song)\b"
)
"""A request with the weather in it ("tell me a story about a storm at sea") asks for a story."""
_OWN = re.compile(r"^(?:i|i'm|i've|i'd|my|we|we're|we've|our)\b")
"""The user's own day ("I had a lovely day") is their news, not a remark on the sky."""


def kind(text: str) -> str:
    """The persona line kind (``"weather_wet"`` …) for a remark on the weather or the sky, else ""."""
    low = re.sub(r"^[a-z]+,\s*", "", text.lower().strip())  # "Bo, it's pouring" → "it's pouring"
    if _ASKS.match(low) or _OWN.match(low) or _INDOORS.search(low) or _ASKED_FOR.search(low):
        return ""
    if low.endswith("?") and not re.search(r"\b(?:isn't|is|ain't|aren't) it\?$", low):
        return ""  # "is it raining?" asks; "lovely day, isn't it?" remarks
    remarks = ((_WET, "weather_wet"), (_COLD, "weather_cold"), (_FINE, "weather_fine"))
    for found, name in (*remarks, (_AUTUMN, "weather_autumn"), (_SKY, "weather_sky")):
        if found.search(low):
            return name
    return ""


def remark(turn: SkillInput) -> Answer | None:
    """The persona's word on the weather the user remarked on, or None when the line is no such remark."""
    said = kind(turn.text)
    if not said:
        return None
    return Answer(turn.line(said), evidence=[f"a remark on the weather outside ({said})"], layer="skill")
