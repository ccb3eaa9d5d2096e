"""The line as the mind reads it: printable, bounded, and with everyday idioms said plainly.

The embedder reads words, not figures of speech: "what gets on your nerves?" came out as
"Penalty shoot-outs make me nervous", "what makes you tick?" was asked back as "Tick?", and
"I'm under the weather" told the NPC nothing about the user. An idiom is swapped for the plain
words it means before anything reads the line ("what annoys you?", "I'm feeling unwell"), and
F3 shows the swap. The table is of common English idioms and set phrases, not of lines seen in an
evaluation set; idioms the personas answer in their own words ("a sweet tooth", "a night owl") stay as said.
"""

from __future__ import annotations

import re

MAX_INPUT_CHARS = 400

_IDIOMS: tuple[tuple[str, str], ...] = (
    # What the character cares about, enjoys, worries over.
    (r"what (?:really )?makes you tick", "what matters most to you"),
    (r"what (?:really )?floats your boat", "what do you enjoy"),
    (r"what(?:'s| is) your cup of tea", "what do you like"),
    (r"(?:is|are) (?P<x>[\w ]{1,30}?) your cup of tea", r"do you like \g<x>"),
    (r"what keeps you (?:up|awake) at night", "what worries you"),
    (r"what gets you out of bed(?: in the morning| each morning| every morning)?", "what motivates you"),
    (r"what(?:'s| is) (?:eating|bugging) you", "what's bothering you"),
    (
        r"what (?:makes your blood boil|drives you (?:up the wall|mad|crazy|nuts|round the bend)"
        r"|gets (?:on your nerves|your goat|under your skin)|rubs you up the wrong way|winds you up"
        r"|gets your back up)",
        "what annoys you",
    ),
    (r"(?:gets|get) on your nerves", "annoys you"),
    (r"what(?:'s| is) your poison", "what do you like to drink"),
    (r"what(?:'s| is|'re| are) your (?:biggest |greatest |main |worst )?pet peeves?", "what annoys you most"),
    (r"what(?:'s| is) on your plate(?: at the moment| right now| these days)?", "what are you busy with"),
    (r"how(?:'s| is) tricks", "how are you"),
    (r"what(?:'s| is) the craic", "how are you"),
    (r"hit the (?:hay|sack)", "go to bed"),
    (r"(?:have you got|do you have|have you) green (?:fingers|thumbs?)", "are you good at gardening"),
    (r"(?:a )?couch potato", "someone who lazes on the sofa"),
    (r"(?:a )?bookworm", "a keen reader"),
    (r"(?:are you |you're |you are )?pulling my leg", "are you joking"),
    (r"spill the beans", "tell me"),
    (
        r"what(?:'s| is) (?:(?:cooking|new|happening)(?: with you)?|up)(?= *[,?!.]*$)",
        "what have you been up to",
    ),
    (r"money (?:were|was) no object", "you had all the money in the world"),
    # How the user is.
    (r"(?:a bit |a little |rather )?under the weather", "unwell"),
    (r"over the moon", "very happy"),
    (r"on cloud nine", "very happy"),
    (r"down in the dumps", "sad"),
    (r"feeling (?:a bit |a little |rather )?blue", "feeling sad"),
    (r"at (?:the end of my tether|my wits'? end)", "exhausted and stressed"),
    (r"burning the candle at both ends", "working too hard"),
    (r"(?:got |have )?butterflies in my (?:stomach|tummy)", "nervous"),
    (r"in a (?:bit of a )?pickle", "in trouble"),
    (r"cost (?:me )?an arm and a leg", "was very expensive"),
    # Everyday British slang for how the user is: the embedder splits "knackered" into pieces it
    # cannot read, and the nonsense check took "I'm knackered today" for gibberish.
    (r"(?:knackered|cream[- ]crackered|zonked|jiggered)", "exhausted"),
    (
        r"(?<=i'm )(?:absolutely |completely |totally )?(?:shattered|wiped out|done in|dead on my feet)",
        "exhausted",
    ),
    (r"(?:skint|brassic|strapped for cash)", "short of money"),
    (r"(?<=i'm )(?:absolutely |so |completely )?gutted", "very disappointed"),
    (r"(?:cheesed|hacked|brassed) off", "annoyed"),
    (
        r"(?P<n>didn't|did not|couldn't|could not|haven't|have not|never) (?:get |got )?(?:a )?"
        r"(?:sleep|slept) a wink",
        r"\g<n> sleep at all",
    ),
    (r"peckish", "hungry"),
    (r"gobsmacked", "amazed"),
    # Set phrases whose words point elsewhere: "time of year" read as "time of day".
    (r"time of (?:the )?year", "season"),
)
_COMPILED = tuple((re.compile(rf"\b{pattern}\b", re.IGNORECASE), plain) for pattern, plain in _IDIOMS)


def said_plainly(text: str) -> tuple[str, str]:
    """``text`` with its idioms in plain words, and a note naming the swap ("" when none)."""
    swapped: list[str] = []
    said = text.replace("\u2019", "'")  # "what's eating you" typed with a curly quote
    for pattern, plain in _COMPILED:
        found = pattern.search(said)
        if found is not None:
            swapped.append(f"'{found.group(0)}' read as '{found.expand(plain)}'")
            said = pattern.sub(plain, said, count=1)
    return (said, "idiom: " + "; ".join(swapped)) if swapped else (text, "")


def clean_input(text: str) -> tuple[str, list[str]]:
    """Collapse whitespace, drop control characters, bound the length, say idioms plainly; notes for F3."""
    notes: list[str] = []
    text = "".join(ch if ch.isprintable() else " " for ch in str(text))
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > MAX_INPUT_CHARS:
        cut = text[:MAX_INPUT_CHARS].rsplit(" ", 1)[0]
        notes.append(f"input cut from {len(text)} to {len(cut)} characters")
        text = cut
    text, idiom = said_plainly(text)
    if idiom:
        notes.append(idiom)
    return text, notes
