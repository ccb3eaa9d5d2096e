"""Word classes for the ask-back echo: which words of a line can stand for what it was about.

The fallback repeats a phrase of the user's line back ("A million pounds? …"). Echoing a
verb or an adjective reads as a mistake ("Big? Tell me more.", "Helps… what do you think?"),
so before a word is echoed it is classed by a small lexicon and its spelling, not a parser:
Voxroom runs offline on two cores and ships no tagger, and a missed echo only costs a plainer
question back, while a wrong one costs the illusion. Only nouns (and proper names) head an echo.
"""

from __future__ import annotations

import re
from typing import Literal


def words(text: str) -> frozenset[str]:
    """A word list written as prose-width text, one space apart (easier to read and edit)."""
    return frozenset(text.split())


WordClass = Literal["function", "verb", "adjective", "adverb", "interjection", "time", "noun"]

FUNCTION = words(
    """a an the and or but so to of in on at for with by from into out up down over off about as
    i you he she it we they me him us them my your its our their his her mine yours ours theirs
    is are was were be been being am do does did have has had will would could should can may might
    must shall what why how who whom whose where when which whats what's how's who's where's when's why's
    i'm you're it's don't not no yes there here then than that this these those if also too all
    any some much many more most
    such each every either neither both few lots lot bit something anything nothing everything
    someone anyone everyone nobody somebody anybody everybody one ones other another same own else
    you've i've we've they've you'd i'd i'll you'll we're they're he's she's that's there's
    can't won't isn't aren't didn't doesn't haven't wasn't weren't couldn't wouldn't shouldn't dont
    cant wont im ive id youre thats theres let's lets whether while because since until till unless
    though although yet via per like above below behind beside beneath under opposite between across
    along around against among towards toward within without through"""
)
"""Glue: never the subject of an echo (a phrase may still pass through "of" or "and")."""

INTERJECTIONS = words(
    """hmm hm hmmm mm mmm uh um er erm ah aah oh ooh wow yeah yep yup nope nah ok okay hey hi hello
    well gosh blimey huh eh aha haha lol cool alright right sure thanks please sorry fine indeed
    ugh urgh argh meh phew oops whoa yikes"""
)

TIME = words(
    """yesterday tomorrow tonight today now later again ago soon last next before after morning
    afternoon evening night week weekend month year moment while time times day days"""
)
"""Time words close a phrase ("your sister | yesterday") and are never echoed alone."""

ADVERBS = words(
    """very really quite rather just still even ever never always often sometimes usually maybe
    perhaps probably actually honestly seriously finally already almost enough instead anyway
    anymore somehow somewhere everywhere anywhere nowhere away back home together alone first
    ago once twice kind sort pretty totally absolutely definitely literally basically"""
)
"""Adverbs and hedges; "home" is here because "go home" echoes badly as "Home?"."""

ADJECTIVES = words(
    """good bad big small little large tiny huge old new young best better worst worse great nice
    lovely amazing awesome terrible awful horrible weird strange funny interesting boring tired
    happy sad angry scared afraid lonely hard easy difficult expensive cheap beautiful pretty ugly
    cool hot cold warm long short tall high low fast slow early late right wrong true false real
    sure fine busy free full empty favourite favorite special important possible impossible
    different whole main only wonderful fantastic brilliant excellent perfect lucky unlucky proud
    glad upset worried nervous excited bored calm quiet loud rich poor smart clever stupid silly
    crazy mad wild safe dangerous serious normal odd rare common simple fun sick ill healthy fit
    dark light bright clean dirty tidy messy fresh sweet sour bitter salty spicy tasty delicious
    heavy soft strong weak deep wide narrow near far close open shut ready sorry grateful thankful
    jealous shy brave honest kind mean rude polite gentle comfy cosy cozy sturdy famous popular
    modern ancient local foreign favourite worth able likely certain clear obvious hungry thirsty
    sleepy awake alive dead married single pregnant retired red orange yellow green blue purple
    pink brown black white grey gray"""
)
"""Common adjectives; colours too, since "is it blue?" is about "it", not about blue."""

_VERB_BASES = words("""agree ask be become begin believe bring build buy call care carry catch change choose
clean come cook count cry cut decide describe die do draw dream drink drive eat enjoy explain fall
feel fight find finish fix fly forget forgive get give go grow guess hang happen hate have hear
help hide hit hold hope hurt imagine inspire keep kill know laugh lead learn leave lend let lie
like listen live look lose love make manage marry matter mean meet mind miss move need notice open
pay pick plan play prefer pretend promise put quit rain reach read realise realize reckon recommend
remember remind rest ride ring rise run save say see seem sell send set share shoot show sing sit
sleep smell smile sound speak spend stand start stay steal stop study suggest suppose swim take
talk taste teach tell tend think throw touch train travel try turn understand use visit wait wake
walk want wash watch wear win wish wonder work worry write""")

_IRREGULAR = words(
    """was were been am is are did done does had has went gone got gotten made said saw seen took
    taken came knew known thought told found gave given felt left kept began begun brought bought
    built caught chose chosen drew drawn drank drunk drove driven ate eaten fell fallen fought flew
    flown forgot forgotten grew grown hung heard held hid hidden hit hurt lay led lent lost meant
    met paid put quit ran rang rose sold sent set shot showed shown sang sung sat slept spoke spoken
    spent stood stole stolen swam taught thrown threw understood woke woken wore worn won wrote
    written ridden rode"""
)

_NOUN_LIKE = words(
    """family jelly belly holly july italy rally ally bully lily supply reply assembly melancholy
    bed red shed seed need speed feed weed hundred bred sled vegetable timetable constable table
    detective relative executive olive motive thing things ring king wing spring string evening
    morning ceiling building painting drawing wedding clothing feeling meeting pudding"""
)
"""Words whose spelling looks like a verb or an adverb but which are things."""

_AUXILIARY_BEFORE_VERB = words(
    """will would could should can may might must shall to do does did don't didn't doesn't won't
    can't i you we they he she it i'll you'll we'll they'll i'd you'd let's lets rather"""
)
"""A word right after one of these is a verb ("it will work out", "what did you do"), not a thing."""

_BE = words(
    """am is are was were be been being i'm you're we're they're he's she's it's isn't aren't
    wasn't weren't keep keeps kept"""
)
"""An -ing word after these is a verb in progress ("I'm learning"), not an activity ("knitting")."""


def _inflections(base: str) -> set[str]:
    stem = base[:-1] if base.endswith("e") and base not in ("be", "see") else base
    forms = {base, f"{base}s", f"{base}es", f"{stem}ed", f"{stem}ing", f"{base}d"}
    if re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwy]", base):  # stop → stopped, stopping
        forms |= {f"{base}{base[-1]}ed", f"{base}{base[-1]}ing"}
    if base.endswith("y") and base[-2:-1] not in ("a", "e", "o", "u"):
        forms |= {f"{base[:-1]}ies", f"{base[:-1]}ied"}
    return forms


VERBS = frozenset(form for base in _VERB_BASES for form in _inflections(base)) | _IRREGULAR
"""Common verbs in every form (the -ing forms are decided by context, see :func:`word_class`)."""

AMBIGUOUS = words(
    """work cook play love walk drink dream sleep swim run dance paint travel rain plan rest ride
    smile smell sound taste visit wish watch fight help call change hope talk guess show study
    train turn use wait worry wash mind laugh cry kill drive fly fall win"""
)
"""Verbs that are also things ("how's work?", "a long walk"): nouns unless a verb slot comes first."""


def word_class(word: str, before: str = "") -> WordClass:
    """The class of one word of a line, given the word said just before it (lower case)."""
    low = word.lower()
    if low in FUNCTION:
        return "function"
    if low in INTERJECTIONS:
        return "interjection"
    if low in TIME:
        return "time"
    if low in _NOUN_LIKE:
        return "noun"
    if low in ADVERBS or (len(low) >= 5 and low.endswith("ly")):
        return "adverb"
    if low in ADJECTIVES or re.search(r"..(ous|ful|less|ible|ive|ish)$", low) or re.search(r"....able$", low):
        return "adjective"
    verb_slot = before in _AUXILIARY_BEFORE_VERB
    if low.endswith("ing") and len(low) > 4:
        return "verb" if before in _BE or verb_slot else "noun"  # "I'm learning" / "I love knitting"
    if low in AMBIGUOUS:
        return "verb" if verb_slot else "noun"
    if low in VERBS or (len(low) > 4 and low.endswith("ed")):
        return "verb"
    return "noun"


NOUN_AFTER_DETERMINER = words("light dark cold past future present fun quiet dead")
"""Qualities that are things once a determiner opens them ("the light", "the past")."""


def can_head(word: str, before: str = "") -> bool:
    """Whether a word can end an echoed phrase: a thing or a name, never glue, a verb or a quality."""
    if (
        before in ("a", "an", "the", "my", "your", "his", "her", "our", "their")
        and word.lower() in NOUN_AFTER_DETERMINER
    ):
        return True
    return word_class(word, before) == "noun" and (len(word) >= 3 or word.isupper())
