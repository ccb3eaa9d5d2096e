"""A yes/no question about a thing the character has never done gets "no, never", not a near topic."""

from __future__ import annotations

import pytest

from game.mind.session import MindSession
from game.mind.untried import asked_deed


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("Bo, do you play cards?", ("do", "play", "cards")),
        ("Have you ever been to Japan?", ("have", "been", "Japan")),
        ("do you still go fishing on Sundays?", ("do", "go", "Sundays")),
        ("Do you like animals?", None),  # a taste, not a deed
        ("Do you miss the sea?", None),
        ("Do you have any brothers or sisters?", None),
        ("Did you watch the match?", None),
        ("You play cards.", None),  # not a question
        ("Ada, can you still play the piano?", ("can", "play", "the piano")),
        ("Cleo, can you show me a good stretch for my back?", None),  # a request, not a deed asked
        ("can you find us a quiet table?", None),
        ("Bo, did you ever play golf?", ("did", "play", "golf")),
        ("Ada, would you ever wear a kilt?", ("would", "wear", "a kilt")),
        ("Ada, did you ever sleep in a tent?", ("did", "sleep", "a tent")),  # "ever" makes it a deed
        ("Ada, do you sleep in a tent?", None),  # her nights, not a deed
        ("would you play something for me?", None),  # a request: no "ever"
        ("did you see the match last night?", None),  # one event, not a life
    ],
)
def test_the_deed_asked_about(said: str, asked: tuple[str, str, str] | None) -> None:
    assert asked_deed(said) == asked


@pytest.mark.parametrize(
    ("said", "npc", "kind"),
    [
        ("Bo, do you play badminton?", "Bo", "never_done"),  # a sport, near his football by the embedder
        ("Ada, have you ever been to Peru?", "Ada", "never_been"),  # a place she never names
        ("Cleo, have you ever been to Iceland?", "Cleo", "never_been"),
        ("Cleo, do you play snooker?", "Cleo", "never_done"),
        ("Ada, have you ever tried pottery?", "Ada", "never_done"),  # near only by the embedder: red wine
        ("Cleo, did you ever ride camels?", "Cleo", "never_done"),
        ("Ada, would you ever wear kilts?", "Ada", "never_done"),
        ("Bo, would you ever try skydiving?", "Bo", "never_done"),
    ],
)
def test_a_deed_the_persona_never_mentions_is_denied_in_its_own_words(
    session: MindSession, said: str, npc: str, kind: str
) -> None:
    exchange = session.say(said)
    assert exchange is not None and exchange.npc == npc
    reply = exchange.reply
    thing = said.rstrip("?").split()[-1]
    lines = session.context(npc).persona.lines[kind]
    assert reply.text.startswith(thing[:1].upper() + thing[1:] + "?"), reply
    assert any(
        reply.text.startswith(line.split("{back}")[0].format(thing=thing.capitalize())) for line in lines
    )
    assert reply.text.endswith(("Do you?", "Have you?", "Did you?", "Would you?")), reply
    assert not reply.actions, reply


@pytest.mark.parametrize(
    ("said", "npc", "told"),
    [
        ("Ada, do you play an instrument?", "Ada", "piano"),  # near in meaning, though not the word
        ("Cleo, do you play the cello?", "Cleo", "cello"),
        ("Bo, have you ever been to Valparaíso?", "Bo", "Valpara"),
        ("Ada, can you still play the piano?", "Ada", "piano"),  # was "I'd want to think that through"
    ],
)
def test_what_the_persona_has_done_is_never_denied(
    session: MindSession, said: str, npc: str, told: str
) -> None:
    exchange = session.say(said)
    assert exchange is not None and exchange.npc == npc
    assert told in exchange.reply.text and "never" not in exchange.reply.text.lower(), exchange.reply


@pytest.mark.parametrize(
    ("said", "npc", "told"),
    [
        ("Ada, what do you think of open-plan offices?", "Ada", "offices"),  # was "Good question…"
        (
            "Bo, what do you think of takeaway coffee cups?",
            "Bo",
            "coffee",
        ),  # the head noun first, then the rest
    ],
)
def test_an_opinion_asked_on_a_thing_a_reply_names_gets_that_reply(
    session: MindSession, said: str, npc: str, told: str
) -> None:
    exchange = session.say(said)
    assert exchange is not None and exchange.npc == npc
    assert told in exchange.reply.text.lower(), exchange.reply.evidence


def test_the_reply_naming_the_thing_is_the_one_said(session: MindSession) -> None:
    reply = session.say("Bo, do you ever make jam?")
    assert reply is not None and "jam" in reply.reply.text, reply.reply.evidence  # was his daughter


def test_a_thing_set_aside_is_not_what_the_line_asks_about(session: MindSession) -> None:
    reply = session.say("Ada, do you collect anything apart from spirit levels?")
    assert reply is not None and "I collect old brass spirit levels" not in reply.reply.text
