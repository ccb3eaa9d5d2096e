"""The sentence's shape keeps questions about the NPC from being taken as orders or as the user's facts."""

from __future__ import annotations

import pytest

from game.mind.line_shape import (
    asks_after_a_thing,
    asks_going_back,
    asks_not_orders,
    asks_opinion,
    asks_something_else,
    asks_taste,
    asks_to_receive_it,
    insults_the_listener,
    names_other_things,
    states_about_self,
    tells_not_orders,
    thing_not_here,
)
from game.mind.session import MindSession
from tests.support.talk import reply_to


@pytest.mark.parametrize(
    "line",
    [
        "Are you happy here?",
        "Is that sofa comfy?",
        "Do you go for walks?",
        "Where would you go next?",
        "Did you sit there yesterday?",
        "and do you ever dance?",
        "What colour would you paint it?",
        "Have you walked to the harbour today?",
        "how big was it?",
        "who comes in?",
        "Where did you sit last night?",
        "Would you ever go on a rollercoaster?",
    ],
)
def test_a_question_about_the_npc_asks_to_be_told(line: str) -> None:
    assert asks_not_orders(line)


@pytest.mark.parametrize(
    "line",
    [
        "Could you sit down?",
        "Can you walk to the door?",
        "Would you mind turning the lamp off?",
        "Why don't you sit on the sofa?",
        "Do you want to sit on the sofa?",
        "How about a dance?",
        "Sit down please.",
        "Make the walls blue.",
        "will you follow me",
        "what about moving the lamp to the table?",
    ],
)
def test_a_request_is_not_mistaken_for_a_question(line: str) -> None:
    assert not asks_not_orders(line)


def test_only_lines_about_taste_get_a_list_of_likes() -> None:
    assert asks_taste("What do you like?") and asks_taste("what are you into?")
    assert asks_taste("What annoys you?") and asks_taste("Which do you prefer?")
    assert not asks_taste("How do you write a poem?") and not asks_taste("What makes you angry?")


def test_a_question_to_the_npc_states_nothing_about_the_user() -> None:
    assert not states_about_self("Why do you hate early mornings?")
    assert states_about_self("I hate early mornings.") and states_about_self("Do you know I hate mornings?")
    assert states_about_self("Mornings are awful")


def test_a_statement_about_someones_life_orders_nothing() -> None:
    assert tells_not_orders("I'm thinking of repainting my bicycle.")
    assert tells_not_orders("My sister wants to move her sofa") and tells_not_orders(
        "we moved house last year"
    )
    assert tells_not_orders("I want to paint my kitchen yellow")  # the speaker's own plan
    assert not tells_not_orders("I want the ceiling pink") and not tells_not_orders(
        "I'd like you to sit down"
    )
    assert not tells_not_orders("Move the sofa") and not tells_not_orders("let's move the sofa")
    assert tells_not_orders("it was only small though")  # after "I caught my first fish": no resize


def test_a_question_about_a_feeling_is_not_asking_how_the_npc_is() -> None:
    assert asks_something_else("What makes you angry?") and asks_something_else("do you ever get lonely?")
    assert asks_something_else("ah cool, what have you been doing this week?")  # a reaction first
    assert asks_something_else("is it a hard life?")  # a thing's life, not how the NPC is
    for line in ("how are you?", "are you ok?", "what's up?", "you alright?"):
        assert not asks_something_else(line), line


def test_asking_after_a_thing_is_not_asking_how_the_npc_is() -> None:
    assert asks_after_a_thing("how's business these days?") and asks_after_a_thing("How is the café doing?")
    assert asks_after_a_thing("how's the garden coming along?")
    for line in (
        "How are you?",
        "how's life?",
        "how are things?",
        "how's your day going?",
        "how's it going?",
        "how's your day been?",
        "how has your week been?",
    ):
        assert not asks_after_a_thing(line), line


@pytest.mark.parametrize(
    "line",
    [
        "would you go back?",
        "would you ever go back",
        "Could you go back to sea?",
        "will you return one day?",
        "do you think you'll go back someday?",
        "would you go back there?",
        "if you could, would you go back to the shipyard?",
        "don't you want to return to Italy one day?",
        "are you going back to teaching?",
    ],
)
def test_going_back_asked_about_the_npcs_life_is_no_walk(line: str) -> None:
    assert asks_going_back(line)


@pytest.mark.parametrize(
    "line",
    [
        "go back to the door",
        "go back",  # an order, not a question: left to the classifier
        "could you go back to your chair?",
        "would you walk back to the window?",
        "can you go back over there?",
        "would you come back here?",
        "will you come back to me?",
        "would you return it?",  # a thing given back, not a going back
        "would you ever go to Paris?",  # no going back at all
    ],
)
def test_going_back_to_a_place_in_the_room_is_still_a_walk(line: str) -> None:
    assert not asks_going_back(line)


@pytest.mark.parametrize(
    ("line", "taste"),
    [
        ("what do you like?", True),
        ("do you hate mornings?", True),
        ("does Bo like your soup?", False),  # someone else's taste
        ("who's your favourite singer?", False),  # one favourite person, not the list
        ("what bugs you about tourists?", False),  # what irks it about one thing
    ],
)
def test_a_likes_list_answers_only_the_npcs_own_taste(line: str, taste: bool) -> None:
    assert asks_taste(line) is taste


def test_asking_for_what_was_told_of_is_a_request_for_more_and_no_offer() -> None:
    """One pattern read by both the thread and the offers, so neither takes the other's lines."""
    from game.mind.offers import offered
    from game.mind.thread import asks_for_more

    for line in ("Can I hear it?", "so, could I see that one please?", "may I watch it now?", "can I read",
                 "can I hear a line?", "could I read a bit of it?"):  # fmt: skip
        assert asks_to_receive_it(line) and asks_for_more(line) and offered(line) is None, line
    for line in ("can I see your drawings?", "can I hear you sing?", "shall I read it to you?"):
        assert not asks_to_receive_it(line) and not asks_for_more(line) and offered(line) is not None, line


@pytest.mark.parametrize(
    ("line", "asks"),
    [
        ("too bright, you reckon?", True),
        ("it's too bright in here, don't you think?", True),
        ("a bit much, do you think", True),
        ("dim the lights", False),
        ("can you dim the lights, do you think?", False),  # a request, however it ends
        ("I think it's too bright", False),
        ("Cleo, nod if you agree", False),  # a clause, not a tag: an order (a dev request the tag took)
        ("too bright you reckon", True),  # as heard: no comma, no question mark
    ],
)
def test_a_line_closed_by_a_question_for_the_npcs_view_asks_an_opinion(line: str, asks: bool) -> None:
    assert asks_opinion(line) == asks


def test_a_view_asked_for_changes_nothing_in_the_room(session: MindSession) -> None:
    """After the user's kitchen plan, "too bright, you reckon?" lay nearest "it's too bright in here"."""
    session.say("Ada, I'm thinking of painting my kitchen yellow")
    lights = session.world.scene.lights
    exchange = session.say("too bright, you reckon?", "Ada")
    assert exchange is not None and not exchange.reply.actions and not exchange.applied
    assert session.world.scene.lights == lights


def test_who_is_the_funniest_here_asks_an_opinion_not_who_is_here(session: MindSession) -> None:
    exchange = session.say("Bo, who's the funniest person in this room?")  # was the list of who is here
    assert exchange is not None and exchange.reply.intent != "room_contents", exchange.reply.evidence
    here = session.say("Bo, who is in this room?")
    assert here is not None and here.reply.intent == "room_contents"


@pytest.mark.parametrize(
    ("line", "insults"),
    [("be quiet", True), ("you're boring", True), ("it's so quiet in here", False),
     ("what do you do on quiet days at the café?", False), ("why are you so boring?", True)],
)  # fmt: skip
def test_an_insult_is_said_at_the_listener_not_asked_of_its_days(line: str, insults: bool) -> None:
    assert insults_the_listener(line) is insults


@pytest.mark.parametrize(
    ("line", "other"),
    [("what colour is it?", False), ("what colour is that one?", False), ("what's on it?", False),
     ("what's the ugliest colour for a front room?", True),
     ("what's pinned on the wall above your desk?", True)],
)  # fmt: skip
def test_a_room_question_naming_other_things_is_told_from_one_asking_about_it(line: str, other: bool) -> None:
    assert names_other_things(line) is other


def test_a_guessed_room_question_about_no_thing_here_is_talk_not_asked_back(session: MindSession) -> None:
    exchange = session.say("Ada, what's the ugliest colour for a front room?")
    assert exchange is not None and exchange.reply.text != "The colour of what?", exchange.reply
    assert "a guessed room question about no thing here: talk" in exchange.reply.evidence


@pytest.mark.parametrize(
    ("line", "reply"),
    [
        ("Ada, walk to the piano", "I don't see a piano here."),  # was "Do you want me to go to it?"
        ("Ada, point at the moon", "I don't see a moon here."),
        ("Ada, walk to the lamp", "Heading over to the lamp."),
        ("Ada, look at me", "Looking at you."),
    ],
)
def test_a_walk_or_look_at_a_thing_the_room_lacks_says_it_is_missing(
    session: MindSession, line: str, reply: str
) -> None:
    said = reply_to(session, line)
    assert said.text.endswith(reply) and "Say yes or no" not in said.text, said


@pytest.mark.parametrize("line", ["Bo, would you like to go?", "Bo, can you open a window?"])
def test_a_walk_guessed_at_nothing_here_is_not_repeated_back(session: MindSession, line: str) -> None:
    said = reply_to(session, line)
    assert "Say yes or no" not in said.text and not said.actions, said


def test_only_a_thing_named_after_to_or_at_is_missing() -> None:
    assert thing_not_here("go to the kitchen", "walk_to") == "kitchen"
    assert thing_not_here("walk to the far end", "walk_to") == ""
    assert thing_not_here("walk to the corner", "walk_to") == ""
    assert thing_not_here("go to the kitchen", "recolour") == ""
