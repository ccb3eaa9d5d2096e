"""Offers are taken up, loose formula matches become open talk, and a friend leaving is sad news."""

from __future__ import annotations

import pytest

from game.mind.offers import offered
from game.mind.session import MindSession
from tests.support.talk import reply_to

OFFERS = [
    ("do you want to hear it?", ("hear", "it")),
    ("shall I show you my drawing?", ("see", "your drawing")),
    ("can I tell you a secret?", ("hear", "a secret")),
    ("want to hear a joke?", ("hear", "a joke")),
    ("Do you want me to read you my poem?", ("hear", "your poem")),
    ("would you like to see my photos from Spain?", ("see", "your photos from Spain")),
    ("could I play you a song?", ("hear", "a song")),
    ("can I show it to you?", ("see", "it")),
    ("Do you want to see a film with me tomorrow?", ("see", "a film with you")),  # "Tomorrow it is, then."
    ("will you come?", ("come", "")),
    ("Would you come to my graduation?", ("come", "to your graduation")),
    ("could you join us for lunch on Sunday?", ("come", "for lunch on Sunday")),
    ("sounds nice. can I come along?", ("allow", "along")),
    ("could I have some?", ("allow", "some")),
    ("may I join you?", ("allow", "you")),
    ("can I see your drawings?", ("allow", "your drawings")),
    ("shall I sing it?", ("hear", "it")),  # leave to see the NPC's own, not an offer
    ("can I read it when it's done?", ("allow", "it when it's done")),  # the NPC's poem, not the user's
    ("can I read it to you?", ("hear", "it")),
    ("can I read it to you sometime?", ("hear", "it")),  # when is not what is offered
    ("cup of tea?", ("have", "a cup of tea")),
    ("fancy a biscuit?", ("have", "a biscuit")),
    ("you look cold, do you want a blanket?", ("have", "a blanket")),  # was "Do I? I was far away"
    ("fancy a walk along the river later?", ("go", "a walk along the river")),  # was "go to it?"
    ("shall we go for a drink after work?", ("go", "a drink after work")),
    ("how about a game of cards?", ("go", "a game of cards")),
]

NOT_OFFERS = [
    "do you want to go to the window?",
    "should I tell my friend her poem is bad?",
    "should I try to find who wrote it?",
    "can you show me the lamp?",
    "what do you want to hear?",
    "I want to hear a story",
    "shall we dance?",
    "can you come here?",
    "will you come with me?",
    "do you want to come to the sofa?",
    "could I have a lamp by the sofa?",  # a wish for the room, left to the edit intents
    "can I have the walls blue?",
    "should I watch more films?",  # asks advice; "shall I show you?" offers
    "could I see that one?",  # asks for what the NPC told of: it goes on (thread.asks_for_more)
    "may I listen to it please?",
    "do you like tea?",  # a taste asked, nothing held out
    "you look cold",
]


@pytest.mark.parametrize(("line", "expected"), OFFERS)
def test_an_offer_is_read_from_the_npcs_side(line: str, expected: tuple[str, str]) -> None:
    assert offered(line) == expected


@pytest.mark.parametrize("line", NOT_OFFERS)
def test_requests_and_questions_are_not_offers(line: str) -> None:
    assert offered(line) is None


def test_an_offer_after_news_is_accepted_not_dodged(session: MindSession) -> None:
    reply_to(session, "Cleo, I wrote my first poem yesterday.")
    reply = reply_to(session, "do you want to hear it?")
    assert reply.intent == "offer" and reply.text.startswith("Yes") and "hear it" in reply.text
    assert reply.emotion == "happy" and [a.name for a in reply.actions] == ["nod"]


def test_an_offer_for_later_is_welcomed_for_later(session: MindSession) -> None:
    reply_to(session, "Cleo, I finally finished my short story.")
    reply = reply_to(session, "can I read it to you sometime?")
    assert reply.text == "Yes, please! I'd love to hear it. Whenever you like.", reply.evidence


@pytest.mark.parametrize(
    "line",
    ["Ada, ugh, I have nothing to do this afternoon.", "Cleo, is it silly to talk to plants?"],
)
def test_a_loose_match_to_a_formula_line_is_open_talk(session: MindSession, line: str) -> None:
    reply = reply_to(session, line)
    assert reply.intent == "chat", reply.evidence
    assert "below its" in " ".join(reply.evidence)
    assert not reply.text.lower().startswith(("ugh", "hello", "no. i'm a character"))


@pytest.mark.parametrize("line", ["Hi there Cleo", "good afternoon", "Are you a human being?"])
def test_real_formula_lines_keep_their_intent(session: MindSession, line: str) -> None:
    assert reply_to(session, line).intent in ("greet", "are_you_human")


def test_an_invitation_after_news_is_accepted(session: MindSession) -> None:
    reply_to(session, "Bo, we're having a barbecue on Saturday!")
    reply = reply_to(session, "will you come?")
    assert reply.intent == "offer" and "love to come" in reply.text, reply.evidence
    assert [a.name for a in reply.actions] == ["nod"]  # a nod, never a walk


def test_a_friend_moving_away_is_met_with_sympathy(session: MindSession) -> None:
    reply = reply_to(session, "Cleo, my best friend is moving away next month.")
    assert reply.emotion == "sad" and "sorry" in reply.text.lower() and "lovely" not in reply.text.lower()


def test_asking_leave_is_granted_in_character_and_sets_off_nothing(session: MindSession) -> None:
    reply_to(session, "Bo, what do you do on a Sunday?")
    reply = reply_to(session, "sounds nice. can I come along?")  # was "Do you want me to follow you?"
    assert reply.intent == "offer" and reply.text == "Course you can, mate! The more the merrier.", reply
    assert {a.name for a in reply.actions} == {"nod"}


def test_asking_to_hear_what_the_npc_told_of_gets_more_of_it(session: MindSession) -> None:
    from game.mind.thread import asks_for_more

    assert asks_for_more("could I see that one?") and not asks_for_more("can I see your notebook?")
    reply_to(session, "Cleo, tell me about a poem you wrote in a café.")
    more = reply_to(session, "can I read it?")
    assert more.intent != "offer" and not more.text.startswith("Yes, please"), more.evidence
