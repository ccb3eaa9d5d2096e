"""Remarks near a command in meaning that ask for nothing: the room stays as it is.

Said to Ada, who may edit the room, everyday remarks changed it: "I need a bigger table at home"
made the room's table bigger, "this room is lovely and bright" and "it's so bright outside today"
brightened the lights, "it's a bit dark outside already" dimmed them, and "I'd love a plant like
that" added a plant. "Can I sit on the sofa?" sat Ada down, and "is the plant real?" had her point
at it. Each lay nearest a command's examples, and none asks the NPC to do anything:

- a thing *elsewhere* ("at home", "outside", "in my kitchen") is not the room's;
- a *remark on a thing* ("the plant needs water", "that box looks heavy") asks nothing of it,
  unless it complains that the thing is too much of something;
- *one like that* ("I want a lamp like yours") is a wish for the user's own, not a thing to add here;
- the *lights* change only when the line asks a change ("too dark", "turn", "dim", "more light",
  "can you …"); a word on how bright a place is, is a remark;
- *"can I …?"* asks leave for the user's own act, not the NPC's, and a *saying* ("sit tight",
  "walk me through your day") asks no body to move;
- a *where* question names a way to find, or asks if a thing is here: "is the plant real?" and
  "that chair looks old" do neither, and "where does Bo live?" asks after his life, not his place
  in the room.
"""

from __future__ import annotations

import re

from game.mind.ask_back import is_question
from game.mind.intents import BODY_INTENTS, COMMAND_INTENTS
from game.mind.seeming import remarked
from game.sim.colours import NAMED

_ELSEWHERE = re.compile(
    r"\b(?:at home|at work|at school|outside|out there|at the (?:office|shop|café|cafe|pub)"
    r"|in (?:my|our) (?:flat|house|home|room|bedroom|kitchen|garden|office|car|living room)"
    r"|(?:my|our) (?:own )?(?:flat|house|home|room|kitchen|bedroom|garden|office|ceiling|walls?|floors?"
    r"|bathroom|hallway|front door|fence|shed|stairs))\b"
)
_ONE_LIKE_THAT = re.compile(
    r"^(?:[a-z]+,\s*)?i\b.*\b(?:a|an|one|some)\s+(?:[a-z]+\s+){0,2}like (?:that|this|yours|hers|his|theirs)\b"
)
"""Said of the user's own wish ("I'd love a plant like that"); "add a lamp like that one" asks."""
_LIGHTS_ASKED = re.compile(
    r"\b(?:too|more|less|turn|turned|make|dim|dimmer|brighten|brighter|darker|lower|raise|switch|put"
    r"|can|could|would|will|please|up|down|on|off)\b"
)
_SAYING = re.compile(
    r"\b(?:sit tight|walk (?:me|us) through|point taken|seen better days|(?:let's|let us) talk about"
    r"|tell me about|talk about"
    r"|follow (?:your|my|his|her|their) (?:dreams?|heart|nose|gut|instincts?)"
    r"|take it easy|hold on|hang on|give me a (?:minute|second|sec|moment))\b"
)
"""Sayings built of a body action's words: "sit tight" asks no one to sit, "walk me through your
day" asks no walk."""
_ASKS_WHAT_IT_IS = re.compile(r"\bwhat\b.*\b(?:this|that|looking|staring|thing)\b|\bdo you see\b")
_LEAVE_ASKED = re.compile(
    r"^(?:[a-z]+,\s*)?(?:can|may|could|shall|might) (?:i|we)\b|\b(?:do you )?mind if (?:i|we)\b"
)
_MY_OWN_ACT = re.compile(
    r"^(?:[a-z]+,\s*)?(?:may|can|could|might|should|shall) i (?!have\b|get\b|ask\b|please\b|see\b)"
    r"|\b(?:do you )?mind if i\b"
)
"""Leave for (or advice on) the user's own act ("may I move the chair?", "should I paint my ceiling
white?"); "can I have a bigger table?" asks the NPC."""
_LEAVE_IT = re.compile(
    r"^(?:[a-z]+,\s*)?(?:no,?\s*|oh,?\s*)?(?:forget (?:about )?(?:it|the|that)|never mind"
    r"|keep (?:it|them|the \w+)(?: as it is| like that)?\s*(?:red|blue|green|yellow|white|black|as it is|$)"
    r"|leave (?:it|them|the \w+) (?:as (?:it is|they are)|alone|be))\b"
)
"""Asks to leave a thing as it is ("forget about the sofa", "no, keep it red"): nothing to change."""
_ON_A_THING = re.compile(r"\b(?:on|on top of|upon)\b")
_WHICH_SHADE = re.compile(rf"\b(?:which|what kind of|what shade of|what sort of) (?:{'|'.join(NAMED)})\b")
_COLOUR_OPINION = re.compile(r"\b(?:would you|should|favourite|favorite|do you like|best|prefer)\b")
_WHERE_WORDS = re.compile(
    r"\b(?:where|where's|find|which way|show|point|see|is there|are there|gone|went|go)\b"
)

_WHERE_IN_LIFE = re.compile(
    r"\b(?:live|lives|lived|living|from|grew up|grow up|born|works?|worked)\b"
    r"|\bwhere did (?:you|she|he|they|ada|bo|cleo) (?:get|buy|find|pick up|come by)\b|\b(?:made|bought)\?*$"
)
"""Where someone lives, or where a thing came from ("where did you get the lamp?"): not its place here."""
_IS_IT_HERE = re.compile(r"^(?:[a-z]+,?\s+)?(?:is|are)\b.*\b(?:in here|here|around)\b")
"""A question whether a thing is here ("is the lamp in here?") asks where it is, as "is there …" does."""

_SAYS_HOW_A_THING_IS = re.compile(
    rf"^(?:[a-z]+,\s*)?(?:(?:the|that|this|these|those|your)\s+(?:[a-z]+\s+){{0,2}}?|(?:{'|'.join(NAMED)})\s+)"
    r"(?:looks?|is|are|seems?|needs?|feels?|was|were|smells?|suits?|matches|goes with)\b"
)
"""A remark on a thing ("the plant needs water", "that box looks heavy"); with "too" it is a
complaint that asks a change ("the lamp is too bright"), as "it's too dark in here" does."""
_SAYS_HOW_IT_IS = re.compile(
    r"^(?:[a-z]+,\s*)?(?:(?:and|but|oh|well|though)\s+)?it(?:'s|\s+(?:is|was|looks|feels|seems|keeps|kept))\b"
)
"""The same of "it", mostly the user's own thing of the line before: "it's tiny but it's mine"
after the keys to a first flat, "it keeps falling apart" after home-made pasta."""

_COUNTS_THEM = re.compile(
    r"^(?:[a-z]+,\s*)?(?:and\s+|oh\s+|well\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+|both|all"
    r"|some|most|half|a few|lots|loads|a couple)\s+(?:of them|of those|of us|of the\b"
    r"|(?:[a-z]+\s+)?(?:kittens|puppies|kids|children|babies|cats|dogs|people|friends|guests)\b)"
)
"""The user counting what they told of ("five of them, all grey" after the cat's kittens): news, not
an edit, though a colour is named ("two of them blue, please" asks one)."""
_ASKS_IT = re.compile(r"\b(?:please|make|paint|turn|colou?r|change|can you|could you)\b")


def why_not_asked(text: str, intent: str) -> str:
    """Why the line, guessed as ``intent``, asks the NPC for nothing ("" when it may ask it)."""
    low = " ".join(text.lower().replace("\u2019", "'").split())
    if intent in COMMAND_INTENTS and _ELSEWHERE.search(low):
        return "talks of a thing elsewhere, not in this room"
    remark = _SAYS_HOW_A_THING_IS.match(low) or _SAYS_HOW_IT_IS.match(low)
    if intent in COMMAND_INTENTS and remark and " too " not in f" {low} ":
        return "says how a thing is, asks no change"
    if intent == "add_prop" and _ONE_LIKE_THAT.search(low):
        return "wishes for one like it, asks none here"
    if intent == "lights" and not _LIGHTS_ASKED.search(low):
        return "says how bright it is, asks no change"
    if intent in BODY_INTENTS and _SAYING.search(low):
        return "a saying, not a request"
    if intent == "what_looking_at" and not _ASKS_WHAT_IT_IS.search(low):
        return "asks what no thing is"  # "that lamp is a bit much", "show me what you're drawing"
    if intent in BODY_INTENTS and _LEAVE_ASKED.search(low):
        return "asks leave for the user's own act"
    if intent in COMMAND_INTENTS and _MY_OWN_ACT.search(low):
        return "asks leave for the user's own act"  # "may I move the chair?"
    if intent in COMMAND_INTENTS and _LEAVE_IT.search(low):
        return "asks to leave it as it is"
    if intent in COMMAND_INTENTS and remarked(low) == "teased":  # "you've got paint on your sleeve"
        return "a remark on the NPC itself, not a request"
    if intent in COMMAND_INTENTS and _COUNTS_THEM.match(low) and not _ASKS_IT.search(low):
        return "counts what the user told of, asks no change"
    asked = is_question(re.sub(r"^[a-z]+,\s*", "", low))  # "Ada, what's on the table?"
    if intent == "what_on" and (not _ON_A_THING.search(low) or not asked):
        return "asks what is on no thing"  # "which chair is the comfiest?", "I'm going to lie on the sofa"
    if intent == "what_colour" and (_COLOUR_OPINION.search(low) or not asked):
        return "asks a view on colour or tells one, not what colour a thing is"  # "my sofa at home is blue"
    if intent == "what_colour" and _WHICH_SHADE.search(low):
        return "asks which shade of a colour, not what colour a thing is"  # "which green though?"
    if intent == "where_is" and _WHERE_IN_LIFE.search(low):
        return "asks where someone lives or a thing comes from, not where it is"  # "where does Bo live?"
    if intent == "where_is" and not (_WHERE_WORDS.search(low) or _IS_IT_HERE.match(low)):
        return "asks no way to find anything"
    return ""
