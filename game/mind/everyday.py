"""Everyday talk the intents missed: the time and date, the user's news, opinions about the room.

"What time is it?", "I got a promotion today!" and "do you like the lamp?" used to fall
into the nearest intent or a bare "I'm not sure I follow". Each is recognised here by its
shape (:data:`ASKS_CLOCK`, :func:`news_of`), answered from something real — the clock, the
user's own words, the room as it is — and never by inventing facts about the world.
"""

from __future__ import annotations

import re
import time

from game.mind.grounding import landmark, with_article
from game.mind.protocols import Action
from game.mind.skill_io import Answer, SkillInput
from game.mind.user_news import WHEN_RE, you

ASKS_CLOCK = re.compile(
    r"\b(what(?:'s| is)? the time|what time is it|what day is (?:it|today)|"
    r"what(?:'s| is) (?:the date|today'?s date)|what(?:'s| is) the day today)\b"
)
_GLAD = ("feeling great", "feel great", "feeling good", "feel good", "feeling happy", "so happy",
         "really happy", "very happy", "thrilled", "delighted", "great day", "good day", "lovely day",
         "brilliant day", "wonderful day", "fantastic day", "amazing day", "perfect day")  # fmt: skip
"""Good words that tell a mood, not a deed: "I had a really good day" wants "what's put you in such
a good mood?", not "Congratulations!"."""
_GOOD = ("promotion", "promoted", "raise", "new job", "won", "passed", "engaged", "married",
         "graduated", "baby", "twins", "triplets", "got the job", "finished", "birthday", "holiday",
         "vacation", "first",
         "got into", "proud", "new house", "kittens", "puppy", *_GLAD, "published",
         "my own flat", "my own place", "my own house", "been asked to", "been invited", "been chosen",
         "been picked", "been selected", "got accepted", "been accepted", "been made", "been elected",
         "been voted", "finally", "signed up", "taught me",
         "joined", "pay rise", "a rise", "offered", "excited", "can't wait", "starts school",
         "starting school", "started school", "starts university", "starting university",
         "started university", "new school",
         "got a place", "adopted", "pregnant", "moved house", "new car", "new kitten", "kitten", "proposed",
         "anniversary", "learned to", "learnt to", "came first", "came second", "in love", "met someone",
         "new girlfriend", "new boyfriend", "new partner", "moved into", "new flat", "new home",
         "wrote a poem", "wrote a song", "wrote a story", "wrote a haiku", "wrote a book", "painted a",
         "knitted a", "baked a", "mended", "in one sitting", "in one go", "moving in together",
         "move in together", "moved in together", "printed in", "was in the paper", "been in the paper",
         "was on the radio", "been on the radio", "a bargain", "found a lovely",
         "found a gorgeous", "booked a trip", "booked a holiday", "booked a flight", "booked flights",
         "booked tickets", "got tickets", "booked a weekend")  # fmt: skip
_BAD = ("lost", "failed", "sick", "ill", "fired", "broke up", "died", "passed away", "hurt",
        "sad", "tired", "stressed", "lonely", "injured", "rejected", "rough", "not well", "isn't well",
        "burnt", "burned", "awful", "terrible", "bad day", "worried", "moving away", "moved away",
        "in hospital", "in the hospital", "to hospital", "to the hospital", "upset", "nervous", "anxious",
        "funeral", "miserable", "a failure", "not good enough", "falling behind", "everyone else has",
        "everybody else has", "all over the place", "haven't slept", "not slept", "no sleep",
        "scared", "exhausted", "fed up", "homesick", "never finish", "can't finish", "half-done",
        "half-finished", "get anything done", "barked all night", "kept me up", "kept me awake",
        "an hour's sleep", "two hours' sleep", "three hours' sleep", "two hours sleep", "three hours sleep",
        "can't stop thinking about", "embarrassed", "embarrassing", "so stupid", "killing me",
        "unhappy", "depressed", "heartbroken", "frustrated", "overwhelmed", "feeling down", "feel down",
        "bit down", "so down", "really down", "feeling low", "under the weather", "stuck", "laid off",
        "redundant", "evicted", "dumped", "crashed", "stolen", "robbed", "burgled", "flooded", "broke down",
        "broken down", "cancelled", "rent up", "rent is going up", "can't sleep", "cannot sleep", "rotten",
        "going wrong", "gone wrong", "nothing's going right", "nothing is going right", "i miss", "rubbish",
        "horrible", "dreadful", "nightmare", "tough week", "tough day", "hard week", "hard day", "spilled",
        "spilt", "knocked over", "knocked my", "smashed", "dropped my", "locked out", "locked myself out",
        "missed my", "missed the", "all over my", "ruined", "forgot", "forgotten", "bored", "pay cut",
        "broke my", "broken my", "delayed", "towed", "shouted at", "didn't get", "a cold",
        "the flu", "unwell", "in trouble", "working too hard", "nobody listens", "no one listens",
        "nobody cares", "no one cares", "ignored", "ignores me", "ignoring me", "talks over me",
        "talking over me", "left out", "taken for granted", "unappreciated", "invisible", "terrified",
        "petrified", "dreading", "parking ticket", "speeding ticket", "got fined", "got a fine",
        "library fine", "late fee", "clamped", "power cut", "power went off", "killing my",
        "headache", "migraine", "toothache", "earache", "stomach ache", "sore throat", "a fever",
        "a temperature", "pulled a muscle", "sprained", "twisted my", "food poisoning", "stalled",
        "takes me seriously", "take me seriously", "takes me for granted", "walks all over me",
        "came last", "bill has doubled", "bills have doubled", "ate all my", "eaten all my",
        "sunday blues", "fell on my", "blew down", "blown down",
        "nobody understands", "no one understands",
        "doesn't understand me", "don't understand me",
        "misunderstood", "cried", "in tears", "went badly", "went wrong", "went horribly",
        "badly wrong", "leaking", "leaks", "leaky", "ate my", "chewed my", "won't fix",
        "won't help", "won't listen", "won't pay", "won't answer", "won't reply", "won't give",
        "let me go", "been let go", "laid me off", "puncture", "flat tyre", "flat tire", "dented",
        "scratched my", "keyed my", "reversed into", "backed into", "vandalised", "vandalized",
        "nicked my", "pinched my", "being sold", "been sold", "closing down", "shutting down",
        "knocked down", "pulled down", "demolished", "put down", "put to sleep", "had a row",
        "fell out with", "had an argument", "had a fight", "meant for my", "to the wrong", "stinking cold",
        "streaming cold", "horrible cold", "heavy cold", "bad cold", "a cough", "chest infection",
        "accidentally")  # fmt: skip
"""Bad news, and the user's own low feelings: "I'm feeling a bit down today" is met like bad news."""
_MILESTONE = re.compile(
    r"\bturn(?:s|ed|ing)? (?:\d+|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    r"|a hundred|one hundred)\b"
)
"""A birthday told by the age reached ("my grandad turned ninety yesterday") is good news."""
_CHILD_DID = re.compile(
    r"^(?:\w+,\s*)?(?:guess what\W*)?my (?:little )?(?:son|daughter|boy|girl|kids?|children|grandson"
    r"|granddaughter|grandkids|nephew|niece)\b (?:just |finally |has |have )?(?:built|made|drew|painted"
    r"|wrote|scored|baked|cooked|sang|learned|learnt|read|rode|swam|walked|knitted|sewed|tied)"
    r" (?:me |us )?(?:a|an|the|his|her|their|some|to|all|every)\b"
)
"""A child's first bridge, poem or goal, told by a proud parent ("my son built a bridge out of
spaghetti at school"): good news, though no word of it says so."""
_NEGATED = re.compile(r"\b(?:not|never|no|isn't|wasn't|don't|didn't|n't)(?:\s+\w+)?\s*$")
"""A good word right after a "not" ("not feeling great", "not a good day") tells low news."""
ECHO_WORDS = 10
"""News this short is said back ("You got a promotion?"), so the reply is about it; longer is not."""
_NEWS = re.compile(
    r"^\s*(?:guess what\W*)?(?:i|i've|i'm|i am|i have|we|we've|my|nothing's|nothing is|everything's|"
    r"it's my|it is my|someone|somebody|a friend|a colleague|a neighbour|our)\b",
    re.IGNORECASE,
)
_WORRY = re.compile(
    r"\b(?:nervous|anxious|worried|scared|terrified|petrified|dreading|butterflies)\b.*\b(?:test|exam|exams|"
    r"interview|speech|presentation|audition|recital|concert|gig|match|race|marathon|first day|flight|"
    r"operation|surgery|appointment|date|results|meeting|performance|talk|wedding|trial|dentist)\b"
    r"|\b(?:nervous|anxious|worried|scared|dreading) (?:about|of) (?!losing\b)[a-z]+ing\b"
)
"""Nerves about something still to come ("I'm nervous about my driving test"): met with
courage, not with "sorry to hear that", since nothing has gone wrong."""
_WEARY = re.compile(
    r"\b(?:need|could (?:really |so )?(?:do with|use)|dying for|desperate for) (?:a |an |some )?"
    r"(?:proper |good |long |little |real )?"
    r"(?:holiday|break|rest|day off|week off|lie-in|nap|getaway|change of scene(?:ry)?|time off)\b"
)
"""Needing a rest ("I think I really need a holiday"): weariness to meet kindly, not news to cheer."""
_MISSING = re.compile(r"^(?:[a-z]+,\s*)?(?:and |but )?i (?:really |just |so |still )?miss\b")
"""Missing someone or somewhere: met with warmth and a question, not "I hope it mends soon"."""
_HOURS = ("twelve", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven")
_STOP = frozenset({"the", "a", "an", "that", "this", "your", "my", "of", "in", "here", "there"})


def spoken_time(now: time.struct_time) -> str:
    """``"twenty past three in the afternoon"``: the way a person says the time."""
    minutes = round(now.tm_min / 5) * 5
    hour = (now.tm_hour + (1 if minutes > 30 else 0)) % 24
    name = _HOURS[hour % 12]
    if minutes in (0, 60) and hour in (0, 12):
        return "midnight" if hour == 0 else "twelve noon"
    said = hour if minutes in (0, 60) else now.tm_hour  # "quarter to twelve" at 11:45 is still morning
    part = (
        "at night" if said < 5 or said >= 21
        else "in the morning" if said < 12
        else "in the afternoon" if said < 18
        else "in the evening"
    )  # fmt: skip
    if minutes in (0, 60):
        return f"{name} o'clock {part}"
    words = {5: "five", 10: "ten", 15: "quarter", 20: "twenty", 25: "twenty-five", 30: "half"}
    before, side = (minutes, "past") if minutes <= 30 else (60 - minutes, "to")
    return f"{words[before]} {side} {name} {part}"


def clock(turn: SkillInput) -> Answer:
    """The time or the date, from the characters' clock (this computer's unless the session pins it)."""
    now = turn.context.now
    if re.search(r"\b(day|date)\b", turn.text.lower()):
        day = now.tm_mday
        suffix = "th" if 10 < day % 100 < 14 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
        text = time.strftime(f"It's %A, the {day}{suffix} of %B.", now)
    else:
        text = f"It's about {spoken_time(now)}."
    return Answer(text, evidence=[f"clock: {time.strftime('%Y-%m-%d %H:%M', now)}"])


def tells_of_own_life(low: str) -> bool:
    """Whether a lower-cased line opens as the user's news does ("I …", "my …", "someone …")."""
    return _NEWS.search(low) is not None


def news_of(text: str) -> str:
    """``"good"`` or ``"bad"`` when the user tells news about themself ("I got a promotion!"), else ``""``."""
    low = text.lower()
    if low.rstrip().endswith("?") or not _NEWS.search(low) or _A_SAD_STORY.search(low):
        return ""  # a story's mood is talk about the story, not the user's news
    low = _MENDED.sub(" mended ", low)
    if is_bad(low) or _WEARY.search(low):
        return "bad"
    if _A_WISH.search(low):
        return ""  # "I want to build my own house one day" is a plan to talk over, not news to cheer
    good = [m for w in _GOOD for m in re.finditer(rf"\b{re.escape(w)}{_WORD_END}", low)]
    if any(_NEGATED.search(low[: m.start()]) for m in good):
        return "bad"  # "I'm not feeling great"
    if good or _MILESTONE.search(low) or _CHILD_DID.search(low):
        return "good"
    return ""


_MENDED = re.compile(
    r"\b(?:fixed|mended|repaired|patched up|patched|unblocked|sorted out|sorted)\b"
    r"(?: (?!(?:but|and|then|so|because|until)\b)[\w'-]+){0,4}"
)
"""A mend the user did, with the thing it mended: "I finally fixed my leaky tap" is good news, so
the broken thing's bad word ("leaky") is read as mended."""
_WORD_END = r"\b(?!'t)"
"""A good word must end there: "won't fix" holds no "won"."""
_A_WISH = re.compile(
    r"^(?:[a-z]+,\s*)?i(?: (?:want|hope|plan|wish|intend) to|'d (?:like|love) to| would (?:like|love) to)\b"
    r"|\b(?:one day|someday|some day)\b"
)
"""A wish or a plan of the user's ("I'd love to run a marathon one day"): nothing has happened yet."""
_BAD_WORDS = re.compile(r"\b(?:" + "|".join(map(re.escape, _BAD)) + r")\b")
_A_SAD_STORY = re.compile(
    r"\b(?:sad|scary|terrifying|depressing|heartbreaking|miserable|awful|terrible|horrible|dreadful|rubbish)"
    r"\s+(?:book|novel|film|movie|song|story|ending|show|series|play|poem|documentary|episode)s?\b"
)
"""The mood of a story, not of the user: "I just finished a really sad novel" is no news at all."""


_SOMEONE_LEAVES = re.compile(
    r"\bmy (?:[a-z]+ )?(?:friend|friends|sister|brother|mum|mom|dad|parents|son|daughter|kids|neighbour|"
    r"neighbours|partner|girlfriend|boyfriend|cousin|gran|grandma|grandad|grandparents|aunt|uncle)"
    r" (?:is|are) (?:moving|emigrating|relocating)(?! in\b| back\b| closer| nearer| nearby| here)"
)
"""Someone close moving far off ("my best friend is moving abroad"): a loss to the user, unless told
with a "!"."""


_NO_GOOD_AT = re.compile(
    r"\b(?:terrible|awful|rubbish|hopeless|useless|bad|dreadful|horrible) at [a-z]+ing\b"
)
"""Owning up to a knack one lacks ("I'm terrible at keeping secrets"): no news of anything gone wrong."""


def is_bad(low: str) -> bool:
    """Whether the lower-cased line says something went wrong or the user feels low."""
    low = _NO_GOOD_AT.sub(" ", _A_SAD_STORY.sub(" ", low))
    glad = low.rstrip().endswith("!")  # "my sister is moving to Portugal!" is told gladly
    return _BAD_WORDS.search(low) is not None or (not glad and _SOMEONE_LEAVES.search(low) is not None)


NEWS_ON = "news_on"
"""Focus key: the mood of the news the NPC just answered ("good" or "bad")."""
NEWS_BEFORE = "news_before"
"""Focus key: that mood, for the one line after it ("I start on Monday", "she had a fall")."""
ONE_TURN = (NEWS_ON, NEWS_BEFORE)
NEWS_TOLD = "news_told"
"""Focus key: the user's words of the news the NPC just answered ("I got a new job!")."""
TOLD_BEFORE = "news_told_before"
"""That line, for the one line after it: "I start on Monday" is met with the new job in mind."""
TOLD_TURN = (NEWS_TOLD, TOLD_BEFORE)
TURNS = (ONE_TURN, TOLD_TURN)
"""What the news leaves for the next line only (``skill_io.carry_over``)."""


def misses(text: str) -> bool:
    """Whether the user says they miss someone or something ("I miss my mum's cooking")."""
    return _MISSING.search(text.lower()) is not None


def is_worry(text: str) -> bool:
    """Whether the line tells nerves about something still to come (see :data:`_WORRY`)."""
    return _WORRY.search(text.lower()) is not None


def news(turn: SkillInput) -> Answer:
    """The user's good or bad news: a matching face, gesture and words that name the news."""
    low = turn.text.lower()
    echo = said_back(turn.text)
    mood = news_of(turn.text) or "good"
    turn.context.focus[NEWS_ON] = mood
    turn.context.focus[NEWS_TOLD] = turn.text
    if mood == "bad":
        what = next((w for w in _BAD if re.search(rf"\b{re.escape(w)}\b", low)), "")
        if misses(low):
            return Answer(
                f"{echo}That's hard. Missing something is a kind of love, really. What do you miss most?",
                (Action.make("nod"),),
                "sad",
                [f"news: the user misses something ({what})"],
            )
        if _SOMEONE_LEAVES.search(low) and not what:
            return Answer(
                f"{echo}You'll miss them, I expect. Far away isn't gone, though. When do they leave?",
                (Action.make("nod"),),
                "sad",
                ["news: someone close moving far off"],
            )
        if _WEARY.search(low) and not what:
            turn.context.focus[NEWS_ON] = "weary"  # the next line is where they'd go, not more bad news
            return Answer(
                f"{echo}Sounds like you've earned one. Where would you go, if you could leave tomorrow?",
                (Action.make("nod"),),
                "neutral",
                ["news: the user needs a rest"],
            )
        if is_worry(low):
            when = "" if WHEN_RE.search(low) else " When is it?"  # "… tomorrow" has told it
            return Answer(
                f"{echo}That's only natural; nerves just mean it matters to you.{when}",
                (Action.make("nod"),),
                "neutral",
                [f"news: nerves before something ({what})"],
            )
        return Answer(
            f"{echo}Oh no, I'm sorry to hear that. Do you want to talk about it?",
            (Action.make("nod"),),
            "sad",
            [f"news: bad ({what})"],
        )
    age = _MILESTONE.search(low)
    good = [w for w in _GOOD if re.search(rf"\b{re.escape(w)}{_WORD_END}", low)]
    what = next(iter(good), age[0] if age else "")
    if good and set(_GLAD).issuperset(good):
        return Answer(
            f"{echo}I'm glad! What's put you in such a good mood?",
            (Action.make("nod"),),
            "happy",
            [f"news: a good mood ({what})"],
        )
    named = f" A {what}!" if what in ("promotion", "raise", "new job", "baby") and not echo else ""
    return Answer(
        f"{echo}That's wonderful news!{named} Congratulations!",
        (Action.make("nod"),),
        "happy",
        [f"news: good ({what})"],
    )


_CLAUSE_END = re.compile(
    r"\s+(?:at|in|on|with|from|after|before|because|and|but|so|while|when|yesterday|today|all over)\s"
)
"""Where a long piece of news may be cut to say it back: "I've been asked to read a poem | at …".
Not "for", "this" or "last": "the job you applied | for", "since | last spring" would end mid-phrase."""


def said_back(text: str) -> str:
    """The user's news from the NPC's side as a question ("You got a promotion? "), or "" if long.

    Longer news is said back up to where its first clause ends ("You've been asked to read a
    poem?" for "… at my friend's wedding"), so the reply still names what it answers. The NPC's
    own things turn to "my" ("I read one of your poems" → "You read one of my poems?").
    """
    first = re.split(r"[.!?;]", re.sub(r"^\s*guess what\W*", "", text, flags=re.IGNORECASE))[0].strip(" ,")
    if len(first.split()) > ECHO_WORDS:
        cuts = [
            m.start()
            for m in _CLAUSE_END.finditer(first)
            if 3 <= len(first[: m.start()].split()) <= ECHO_WORDS
        ]
        first = first[: cuts[-1]] if cuts else ""
    if not first:
        return ""
    back = " my ".join(you(part) for part in re.split(r"\byour\b", first, flags=re.IGNORECASE)).strip()
    return f"{back[0].upper()}{back[1:]}? "


def room_opinion(turn: SkillInput, topic: str) -> Answer | None:
    """What the NPC thinks of something in the room, from what it is and where (None: not in the room)."""
    words = [w for w in re.findall(r"[a-z]+", topic.lower()) if w not in _STOP]
    name = " ".join(words)
    npc = turn.snap.npc(name) if name else None
    if npc is not None and npc.name != turn.context.npc:
        return Answer(
            f"{npc.name}? Good company, most days. Over there, {landmark(turn.snap, npc.name)}.",
            evidence=[f"opinion of {npc.name}: room"],
            focus=npc.name,
        )
    prop = turn.snap.prop(name) if name else None
    if prop is None:
        return None
    place = landmark(turn.snap, prop.name)
    thing = with_article(prop.name).capitalize()
    return Answer(
        f"{thing}? I like it: a {prop.colour} {prop.type}, {place}. It suits the room.",
        (Action.make("look_at", target=prop.name),),
        evidence=[f"opinion of {prop.name}: {prop.colour}, {place}"],
        focus=prop.name,
    )
