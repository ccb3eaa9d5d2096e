"""Remarks near a command in meaning change nothing; the commands they resemble still work."""

from __future__ import annotations

import pytest

from game.bench.understanding import room_state
from game.mind.not_asked import why_not_asked
from game.mind.session import MindSession


@pytest.mark.parametrize(
    "line",
    ["Ada, I need a bigger table at home", "Ada, it's so bright outside today",
     "Ada, it's a bit dark outside already", "Ada, this room is lovely and bright",
     "Ada, I'd love a plant like that", "Ada, I want a lamp like yours", "Ada, it's too warm in here",
     "Ada, can I sit on the sofa?", "Ada, is the plant real?", "Ada, that chair looks old",
     "Ada, the light in here is nice", "Ada, I painted my kitchen yellow last week",
     "Ada, it's so quiet in here", "Ada, the plant needs water", "Ada, that box looks heavy",
     "Ada, the sofa looks comfy", "Ada, the chair is comfier than it looks",
     "Ada, you should come to my house", "Ada, sit tight, I'll be right back",
     "Ada, walk me through your day", "Ada, that lamp is a bit much", "Ada, green is such a calming colour",
     "Ada, if it were my room I'd paint it blue", "Ada, maybe a bigger table would be better",
     "Ada, may I move the chair?", "Ada, do you mind if I open the window?",
     "Ada, mind if I sit on the sofa?", "Ada, forget about the sofa",
     "Ada, no, keep it red", "Ada, red suits the box", "Ada, the chair's seen better days",
     "Ada, let's talk about the lamp", "Ada, where did you get the lamp?",
     "Ada, could do with a bigger table", "Ada, this room could use a bit more light",
     "Ada, I wish the walls were blue", "Ada, it's tiny but it's mine", "Ada, it keeps falling apart",
     "Ada, should I paint my ceiling white?", "Ada, should I sit on the sofa?",
     "Ada, you've got paint on your sleeve"],
)  # fmt: skip
def test_a_remark_changes_nothing_and_moves_no_one(session: MindSession, line: str) -> None:
    before = room_state(session.world)
    exchange = session.say(line)
    assert exchange is not None, line
    assert not exchange.applied and room_state(session.world) == before, (line, exchange.reply.evidence)
    moves = {"sit", "walk_to", "point_at", "follow"}
    assert not moves & {a.name for a in exchange.reply.actions}, (line, exchange.reply.evidence)
    assert exchange.reply.intent != "insult", line


@pytest.mark.parametrize(
    ("line", "intent"),
    [("Ada, it's too dark in here", "lights"), ("Ada, can you dim the lights?", "lights"),
     ("Ada, make the table bigger", "resize"), ("Ada, add a plant next to the sofa", "add_prop"),
     ("Ada, sit on the sofa", "sit"), ("Ada, where is the plant?", "where_is"),
     ("Ada, the lamp is too bright", "lights")],
)  # fmt: skip
def test_the_commands_those_remarks_resemble_are_still_done(
    session: MindSession, line: str, intent: str
) -> None:
    exchange = session.say(line)
    assert exchange is not None and exchange.reply.intent == intent, (line, exchange.reply.evidence)
    assert exchange.reply.actions, (line, exchange.reply.evidence)


@pytest.mark.parametrize(
    ("line", "intent", "asked"),
    [("I need a bigger table at home", "resize", False), ("make the table bigger", "resize", True),
     ("I want a lamp like yours", "add_prop", False), ("add a lamp like that one", "add_prop", True),
     ("it's so bright outside", "lights", False), ("more light please", "lights", True),
     ("can I sit down?", "sit", False), ("can you sit down?", "sit", True),
     ("is the plant real?", "where_is", False), ("which way is the door?", "where_is", True),
     ("is the lamp in here ada", "where_is", True), ("the light in here is nice", "where_is", False),
     ("where does Bo live?", "where_is", False), ("where is Bo from?", "where_is", False),
     ("which chair is the comfiest?", "what_on", False), ("what's on the table?", "what_on", True),
     ("I'm going to lie on the sofa", "what_on", False), ("my sofa at home is blue", "what_colour", False),
     ("what colour would you paint this room?", "what_colour", False),
     ("what colour is the sofa?", "what_colour", True), ("may I move the chair?", "move_prop", False),
     ("can I have a bigger table?", "resize", True), ("five of them, all grey", "recolour", False),
     ("two of them blue, please", "recolour", True), ("which green though?", "what_colour", False),
     ("is the sofa green?", "what_colour", True), ("you've got paint on your sleeve", "recolour", False),
     ("paint the sofa red", "recolour", True)],
)  # fmt: skip
def test_what_a_line_asks_for_is_read_from_its_words(line: str, intent: str, asked: bool) -> None:
    assert (why_not_asked(line, intent) == "") is asked


@pytest.mark.parametrize(
    "line", ["Ada, could do with a bigger table", "Ada, I wish the walls were blue",
             "Ada, it would be nice if the lamp was brighter"],
)  # fmt: skip
def test_a_wish_is_asked_about_plainly_not_as_a_mishearing(session: MindSession, line: str) -> None:
    exchange = session.say(line)
    assert exchange is not None and exchange.reply.text.startswith("Do you want me to"), exchange.reply.text
    yes = session.say("Ada, yes please")
    assert yes is not None and yes.applied, yes.reply.evidence
