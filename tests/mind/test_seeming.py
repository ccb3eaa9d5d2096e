"""Remarks on how the NPC seems ("you look tired, Bo") are answered, never read as orders."""

from __future__ import annotations

import pytest

from game.mind.seeming import remarked
from game.mind.session import MindSession


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        ("you look tired", "seem_low"),
        ("You seem a bit quiet today, Ada.", "seem_low"),
        ("you're looking really stressed", "seem_low"),
        ("You seem cheerful today, Bo.", "seem_bright"),
        ("you sound happy", "seem_bright"),
        ("you look chuffed today", "seem_bright"),
        ("Cleo, you look lovely today", "compliment"),
        ("That's a lovely jumper, Ada.", "compliment"),
        ("I like your hat", "compliment"),
        ("nice shirt!", "compliment"),
        ("I love the way you describe things.", "compliment"),  # was stored as a like of "way you describe"
        ("Cleo, you're quiet today", "seem_low"),  # was an insult: nearest "be quiet"
        ("you're very cheerful this morning", "seem_bright"),
        ("you're boring", ""),  # no mood: left to the insult intent
        ("you're an architect", ""),
        ("you look like my uncle", ""),
        ("you seem to like Bo", ""),
        ("that's a lovely lamp", ""),
        ("look at me", ""),
        ("I like jazz", ""),
        ("Ada, is that a new haircut?", "new_look"),
        ("are those new glasses, Bo?", "new_look"),
        ("is that a new lamp?", ""),  # the room's, not the NPC's
        ("is that your hat?", ""),  # asks whose, not whether it is new
        ("Ada, your shoes are very smart", "compliment"),
        ("your lamp is lovely", ""),  # the room's
        ("Bo, you smell of onions", "teased"),  # was thanked for as a compliment
        ("your jokes are terrible, Bo", "teased"),
        ("you snore like a walrus", "teased"),
        ("Cleo, you smell of roses", "compliment"),
        ("you smell like the sea", "teased"),
        ("Bo, you're whistling again", "teased"),
        ("Bo, you've got flour on your nose", "teased"),  # was asked back: "My nose? Tell me more"
        ("Cleo, you've got ink on your fingers", "teased"),
    ],
)
def test_the_remark_is_read_by_its_shape(said: str, kind: str) -> None:
    assert remarked(said, frozenset({"ada", "bo", "cleo"})) == kind


@pytest.mark.parametrize(
    ("said", "npc", "line"),
    [
        ("You look tired, Bo.", "Bo", "seem_low"),
        ("Ada, you seem a bit quiet today.", "Ada", "seem_low"),
        ("Cleo, you seem cheerful today.", "Cleo", "seem_bright"),
        ("That's a lovely jumper, Ada.", "Ada", "compliment"),
        ("I like your hat, Bo.", "Bo", "compliment"),
    ],
)
def test_the_npc_answers_in_its_own_words_and_does_nothing_else(
    session: MindSession, said: str, npc: str, line: str
) -> None:
    exchange = session.say(said)
    assert exchange is not None and exchange.npc == npc
    reply = exchange.reply
    assert reply.intent == "seems", reply
    assert {a.name for a in reply.actions} <= {"nod"}, (
        reply
    )  # "you look tired" used to ask to look at something
    assert reply.text in session.context(npc).persona.lines[line], reply


def test_a_compliment_is_not_remembered_as_a_like(session: MindSession) -> None:
    session.say("I like your hat, Bo.")
    memory = session.context("Bo").memory
    assert memory is not None and not any("hat" in like for like in memory.likes), memory


def test_asked_if_something_it_wears_is_new_it_says_so_naming_it(session: MindSession) -> None:
    exchange = session.say("Bo, are those new glasses?")
    assert exchange is not None and exchange.reply.intent == "seems"
    said = exchange.reply.text.lower()
    assert "glasses" in said and "new" in said, exchange.reply.evidence


def test_its_own_line_about_the_thing_comes_first(session: MindSession) -> None:
    exchange = session.say("Cleo, is that a new scarf?")
    assert exchange is not None and exchange.reply.text.startswith("This scarf?"), exchange.reply.evidence


def test_a_tease_is_taken_in_good_part_naming_what_it_teased(session: MindSession) -> None:
    exchange = session.say("Bo, you smell of onions")
    assert exchange is not None and exchange.reply.intent == "seems"
    teased = session.context("Bo").persona.lines["teased"]
    assert exchange.reply.text.startswith("Onions? ") and exchange.reply.text[len("Onions? ") :] in teased
    jokes = session.say("Bo, your jokes are terrible")
    assert jokes is not None and jokes.reply.text.startswith("My jokes? "), jokes.reply
