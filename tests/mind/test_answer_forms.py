"""Answers that fit the line's form: the fact it asks after, a choice it offers, advice it wants.

Each case is a phrasing written for this file, said to the real default brain (real embedder,
real personas), so a threshold or a persona edit that breaks the reading shows here.
"""

from __future__ import annotations

import pytest

from game.mind.advice import habit, learnable, request, tips_on
from game.mind.either_or import head, names_a_side, options
from game.mind.extremes import superlatives
from game.mind.fact_fit import asked_noun
from game.mind.session import MindSession
from tests.support.talk import reply_to

NAMES = frozenset({"ada", "bo", "cleo"})


@pytest.mark.parametrize(
    ("line", "noun"),
    [
        ("Bo, what's your favourite supper?", "supper"),
        ("What was your work at sea?", "work"),
        ("how old is your dog?", "dog"),
        ("tell me about your home town", "hom"),
        ("Which film changed your mind about love?", ""),  # the film is asked after, not the mind
        ("do you miss your ship?", ""),
        ("Bo, what do you eat for breakfast?", "breakfast"),  # not the favourite food
    ],
)
def test_the_thing_asked_after_is_read_from_what_follows_the_question(line: str, noun: str) -> None:
    assert asked_noun(line) == noun


def test_a_fact_about_another_thing_does_not_answer(session: MindSession) -> None:
    reply = reply_to(session, "Bo, what's your favourite supper?")
    assert "passed over: the line asks after 'supper'" in " ".join(reply.evidence)
    assert not reply.text.startswith("Fish pie!")


def test_the_fact_that_holds_the_asked_thing_answers_instead(session: MindSession) -> None:
    reply = reply_to(session, "Bo, what was your job back on the ship?")
    assert reply.layer == "persona_fact" and "cook" in reply.text, reply.evidence


def test_a_fact_telling_the_last_of_something_does_not_answer_the_first(session: MindSession) -> None:
    first = reply_to(session, "Bo, which was the first ship you sailed on?")
    assert "asks after the first, it tells the last" in " ".join(first.evidence), first.evidence
    assert not first.text.startswith("My last ship")
    assert reply_to(session, "Bo, what was the last ship you sailed on?").layer == "persona_fact"
    job = reply_to(session, "Cleo, what was the first job you ever had?")
    told = " ".join(job.evidence)
    assert "it tells no first" in told and not job.text.startswith("I'm a poet"), job.evidence


def test_a_reason_for_a_pick_names_the_pick_not_only_its_glue(session: MindSession) -> None:
    reply = reply_to(session, "Ada, is it better to work from home or in an office?")
    assert "Vote" not in reply.text and "work" in reply.text.lower(), reply.text


def test_the_first_of_a_thing_is_answered_by_the_reply_telling_that_first(session: MindSession) -> None:
    poem = reply_to(session, "Cleo, what was your first poem about?")
    assert "shoe" in poem.text, poem.evidence  # had got why she became a poet
    ship = reply_to(session, "Bo, what was the food like on your first ship?")
    assert "first day at sea" not in ship.text, ship.evidence  # "first" must go with "ship"


def test_the_first_does_not_answer_the_hardest_and_now_does_not_answer_the_past(session: MindSession) -> None:
    hardest = reply_to(session, "Ada, what was the trickiest building you ever designed?")
    assert "it tells the first" in " ".join(hardest.evidence) and "bike shed" not in hardest.text
    assert "bike shed" in reply_to(session, "Ada, what was the first building you designed?").text
    past = reply_to(session, "Cleo, which novel changed the way you see things?")
    assert "moss" not in past.text, past.evidence
    assert "moss" in reply_to(session, "Cleo, what are you reading these days?").text


@pytest.mark.parametrize(
    "line",
    [
        "Bo, if you were young again, what ship would you want?",
        "Cleo, I'd like to play an instrument. Where do I begin?",
    ],
)
def test_a_hypothetical_or_a_line_about_the_user_gets_no_fact(session: MindSession, line: str) -> None:
    reply = reply_to(session, line)
    assert reply.layer != "persona_fact", reply.evidence


@pytest.mark.parametrize(
    ("option", "word"), [("take the bus", "bus"), ("write by hand", "hand"), ("rent", "rent")]
)
def test_a_choice_turns_on_the_head_word_of_each_side(option: str, word: str) -> None:
    assert head(option) == word


@pytest.mark.parametrize(
    ("line", "pair"),
    [
        ("Is it better to walk or to cycle to work?", ("walk", "cycle to work")),
        ("Cleo, sunrise or sunset?", ("sunrise", "sunset")),
        ("Would you rather live by a lake or in the mountains?", ("live by a lake", "in the mountains")),
        ("Do you prefer jazz or rock more?", ("jazz", "rock")),
        ("Cleo, do you knit or sew at all?", ("knit", "sew")),  # was "Sew at all, I'd say."
        ("Bo, is tea better than coffee?", ("tea", "coffee")),  # a choice asked as a comparison
        ("do you prefer cats to dogs?", ("cats", "dogs")),
        ("is a gas hob better than an electric one?", ("a gas hob", "an electric hob")),  # "one" named
        ("do you prefer the red one or the blue one?", ("the red one", "the blue one")),
    ],
)
def test_a_choice_between_two_things_is_read(line: str, pair: tuple[str, str]) -> None:
    assert options(line, NAMES) == pair


@pytest.mark.parametrize(
    "line",
    [
        "Do you have any cousins or nephews?",
        "Is that true or not?",
        "Should I call her tonight or wait until I feel less angry?",
        "Who would you most like to meet, living or dead?",  # a person asked for, not a choice
        "Is walking better than nothing?",
        "What is better than a cup of tea?",
    ],
)
def test_lines_that_offer_no_choice_are_not_choices(line: str) -> None:
    assert options(line, NAMES) is None


def test_a_topic_reply_that_takes_no_side_gives_way_to_a_choice(session: MindSession) -> None:
    reply = reply_to(session, "Cleo, do you prefer reading on paper or on a screen?")
    assert names_a_side(reply.text, ("reading on paper", "on a screen"), ""), reply.text  # was her first book
    assert "letters" not in reply.text  # "we write letters, on paper" argues for no way of reading


def test_the_npc_picks_a_side_in_its_own_words(session: MindSession) -> None:
    reply = reply_to(session, "Bo, is it better to take the bus or a train?")
    assert reply.text.startswith(("Take the bus, I'd say.", "A train, I'd say.")), reply.text
    assert "a choice between" in " ".join(reply.evidence)
    again = reply_to(session, "Bo, is it better to take the bus or a train?")
    assert again.text.split(",")[0] == reply.text.split(",")[0]  # the same pick each time


def test_a_reason_said_after_the_pick_drops_the_question_it_was_written_for(session: MindSession) -> None:
    reply = reply_to(session, "Bo, are chips better thick or thin?")
    assert reply.text.startswith("Thick, mate"), (
        reply.text
    )  # not "… I'd say. Chips? Thick", nor "Thick" twice


def test_sides_that_share_their_head_are_told_apart_by_their_own_words(session: MindSession) -> None:
    reply = reply_to(session, "Bo, is a gas hob better than an electric one?")
    assert reply.text.startswith("A gas hob, mate"), reply.text  # was electric: his line on electric cars


@pytest.mark.parametrize(
    ("line", "thing"),
    [
        ("How do I get better at chess?", "chess"),
        ("I'd love to learn the piano. Where should I start?", "the piano"),
        ("Ada, how can I make a good bookshelf?", "a good bookshelf"),
        ("Ada, how do I make my garden look bigger?", ""),  # was "With your garden look bigger, …"
        ("how can I learn to taste wine?", "taste wine"),
        ("any tips?", ""),
        ("how do I get to the harbour?", ""),
    ],
)
def test_advice_is_read_with_what_it_is_about(line: str, thing: str) -> None:
    assert request(line) == thing


@pytest.mark.parametrize(
    ("line", "thing"),
    [
        ("Ada, how can I stop biting my nails?", "biting my nails"),
        ("how do I give up sugar for good?", "sugar"),
        ("how do you stop the leak?", ""),  # a thing, not a doing: no habit
        ("how do I stop that?", ""),  # about the line before (tips_on)
        ("how do I stop missing him?", ""),  # a hard time (coping), not a habit
    ],
)
def test_a_habit_to_be_rid_of_is_read_from_how_to_stop_it(line: str, thing: str) -> None:
    assert habit(line) == thing


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("Bo, how can I quit smoking?", "Smoking?"),  # his own way with a habit, naming it
        ("Cleo, how do I stop being shy?", "if you're shy"),  # their own tip on shyness comes first
    ],
)
def test_how_to_stop_a_habit_gets_the_personas_own_way(session: MindSession, line: str, said: str) -> None:
    reply = reply_to(session, line)
    assert reply.layer in ("skill", "topic") and said in reply.text, (reply.text, reply.evidence)
    assert "what do you think" not in reply.text.lower()


@pytest.mark.parametrize(
    ("npc", "trip", "said"),
    [
        ("Bo", "Bo, I'm spending a week in New York", "New York"),  # his own way with a new place
        ("Cleo", "Cleo, I'm going to Lisbon in May", "tram 28"),  # their own tip on their own city first
    ],
)
def test_what_to_see_on_the_users_trip_is_answered_for_that_place(
    session: MindSession, npc: str, trip: str, said: str
) -> None:
    reply_to(session, trip)
    reply = reply_to(session, "what should I see first?")
    assert said in reply.text, (npc, reply.text, reply.evidence)


@pytest.mark.parametrize(
    ("before", "thing"),
    [("I ruined the pancakes this morning.", "the pancakes"), ("do you bake?", ""), ("", "")],
)
def test_a_bare_request_for_tips_is_about_the_line_before(before: str, thing: str) -> None:
    assert tips_on("any tips?", before) == thing


@pytest.mark.parametrize(
    ("line", "asks"),
    [("how can I avoid that?", True), ("so how do you fix it?", True), ("how do you stop the leak?", False),
     ("how did that happen?", False), ("what should I watch out for?", True),
     ("anything I should know?", True), ("what would you suggest?", True),
     ("what would you do if you won?", False), ("how do I bring it up without a row?", True),
     ("how do I tell them?", True)],
)  # fmt: skip
def test_how_to_stop_it_asks_for_tips_on_the_line_before(line: str, asks: bool) -> None:
    assert (tips_on(line, "I locked my keys in the car again.") == "your keys") is asks


@pytest.mark.parametrize(
    ("line", "before", "thing"),
    [
        ("where should I start?", "I want to learn to cook properly.", "cooking"),
        ("how do I begin?", "I'm thinking of starting a podcast.", "a podcast"),
        ("what should I do first?", "I'd like to learn to swim this summer.", "swimming"),
        ("where should I start?", "where is the harbour?", ""),  # a question names no plan of the user's
        ("where do you start?", "I want to learn to cook.", ""),  # asks about the NPC
    ],
)
def test_where_to_start_is_advice_on_the_plan_before(line: str, before: str, thing: str) -> None:
    assert tips_on(line, before) == thing


@pytest.mark.parametrize(
    ("line", "npc", "said"),
    [
        # the line carries its own line before; Bo has a tip of his own on rice
        ("Bo, I burnt the rice again. Any tips?", "Bo", "rinse your rice"),
        ("Bo, I keep burning the porridge. Any tips?", "Bo", "the porridge"),  # no tip of his: his way
        ("Cleo, I feel stuck lately. Any advice?", "Cleo", ""),  # a low mood: her own way through one
    ],
)
def test_a_request_for_tips_after_a_statement_in_the_same_line(
    session: MindSession, line: str, npc: str, said: str
) -> None:
    exchange = session.say(line)
    assert exchange is not None and exchange.npc == npc
    reply = exchange.reply
    persona = session.context(npc).persona
    if said:
        assert said in reply.text.lower(), reply
    else:
        assert reply.text in persona.lines["coping"], reply


def test_tips_after_news_are_advice_on_what_it_named(session: MindSession) -> None:
    reply_to(session, "Ada, I keep ruining the pancakes.")
    reply = reply_to(session, "any tips?")
    assert reply.layer == "skill" and "pancakes" in reply.text.lower(), reply.evidence


def test_advice_is_given_in_character_not_asked_back(session: MindSession) -> None:
    reply = reply_to(session, "Cleo, how do I get better at chess?")
    assert reply.layer == "skill" and "chess" in reply.text.lower(), reply.evidence
    assert "what do you think" not in reply.text.lower()


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("Ada, which animal would you be, if you had to be one?", "beaver"),
        ("Bo, who would you most like to share a meal with, living or dead?", "captain"),
    ],
)
def test_a_what_if_gets_the_personas_own_pick(session: MindSession, line: str, said: str) -> None:
    reply = reply_to(session, line)
    assert reply.layer == "topic" and said in reply.text, (reply.text, reply.evidence)


@pytest.mark.parametrize(
    ("line", "npc", "named"),
    [
        ("Bo, tell me about your daughter.", "Bo", "daughter"),  # was his childhood: "I ran away to sea…"
        ("Ada, tell me about your tortoise.", "Ada", "tortoise"),
        ("Ada, tell me a bit about your sister.", "Ada", "sister"),
        ("Bo, do you still go fishing?", "Bo", "fishing"),  # was the sea: "I'd go back tomorrow…"
        ("Ada, what's the hardest building you ever designed?", "Ada", "hardest"),  # was her favourite
    ],
)
def test_asked_about_one_thing_the_npc_tells_of_that_thing(
    session: MindSession, line: str, npc: str, named: str
) -> None:
    exchange = session.say(line)
    assert exchange is not None and exchange.npc == npc
    assert named in exchange.reply.text.lower(), exchange.reply


def test_the_angle_a_superlative_asks_is_read() -> None:
    assert superlatives("What's the hardest building you ever designed?") == ["hardest"]
    assert superlatives("Who's the funniest sailor you knew?") == ["funniest"]
    assert superlatives("Be honest, what's your best dish?") == []  # "best" has its own side rule


def test_asked_how_to_get_over_a_hard_time_the_npc_tells_what_gets_it_through(session: MindSession) -> None:
    reply = reply_to(session, "Cleo, how do I get over a breakup?")
    assert "copes" in " ".join(reply.evidence), reply  # was asked back: "A breakup? I don't know yet."


def test_christmas_is_told_in_each_characters_own_way(session: MindSession) -> None:
    reply = reply_to(session, "Bo, what do you cook at Christmas?")
    assert "Christmas" in reply.text, reply.evidence  # was "a food I've never tried … paella"


@pytest.mark.parametrize(
    ("line", "imagined"),
    [
        ("Cleo, if you could have dinner with any poet, who would you pick?", True),  # Dickinson
        ("Bo, if you could sail anywhere again, where would you head?", False),  # the ports he knows
        ("Ada, what would you put on that shelf instead, if it were yours?", False),  # points back
    ],
)
def test_a_hypothetical_is_imagined_only_when_a_what_if_fits_it_better(
    session: MindSession, line: str, imagined: bool
) -> None:
    reply = reply_to(session, line)
    assert ("topic what_if" in " ".join(reply.evidence)) == imagined, reply.evidence


def test_a_taste_comes_with_the_characters_own_reason(session: MindSession) -> None:
    reply = reply_to(session, "Cleo, do you like old books?")
    assert reply.text.startswith("Yes, I love old books. ") and "pressing flowers" in reply.text, reply


@pytest.mark.parametrize(
    ("before", "tip"),
    [
        ("Cleo, my best friend wants me to read a poem at her wedding.", "wedding poem"),
        ("Ada, I'm moving house next month.", "label every box"),
    ],
)
def test_tips_on_the_users_news_are_the_characters_own_when_it_has_one(
    session: MindSession, before: str, tip: str
) -> None:
    reply_to(session, before)
    reply = reply_to(session, "got any tips?")
    assert tip in reply.text.lower(), reply.evidence


def test_how_did_you_manage_asks_for_more_not_how_the_npc_is(session: MindSession) -> None:
    reply_to(session, "Bo, what was the hardest dish you ever cooked?")
    reply = reply_to(session, "how did you manage?")
    assert reply.layer == "topic", reply.evidence  # was "Can't complain", the wellbeing line


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("Bo, what's your mam like?", "mam"),  # not his childhood home
        ("Bo, what do you reckon to vegetarian cooking?", "lentil"),  # not his favourite food
        ("Ada, what do you think of open-plan offices?", "open-plan"),  # its own reply names it
    ],
)
def test_the_one_thing_a_line_asks_after_is_answered_by_the_reply_naming_it(
    session: MindSession, line: str, named: str
) -> None:
    reply = reply_to(session, line)
    assert named in reply.text.lower(), reply.evidence


def test_asked_the_best_thing_the_hardest_is_not_said(session: MindSession) -> None:
    reply = reply_to(session, "Ada, what's the best bit of being an architect?")
    assert "hardest" not in reply.text.lower(), reply.evidence


def test_what_a_named_place_is_like_is_answered_by_the_reply_naming_it(session: MindSession) -> None:
    reply = reply_to(session, "Cleo, so what is Porto like?")
    assert "Porto" in reply.text, reply.evidence  # was Lisbon's June festival


def test_the_most_beautiful_is_the_best_side_whatever_words_the_worst_shares(session: MindSession) -> None:
    reply = reply_to(session, "Ada, which is the most beautiful city you know?")
    assert "worst" not in reply.text.lower(), reply.evidence  # was "The worst was Venice …"


def test_a_thing_set_aside_is_not_the_answer(session: MindSession) -> None:
    from game.mind.reply_fit import content_stems, set_aside

    assert set_aside("what do you cook other than fish pie?") == content_stems("fish pie")
    assert set_aside("what do you cook?") == set() == set_aside("other than that, how was your day?")
    reply = reply_to(session, "Bo, do you support any team besides Hull City?")
    assert "Hull City" not in reply.text, reply.evidence


def test_a_who_question_is_not_answered_by_a_fact_naming_no_one(session: MindSession) -> None:
    reply = reply_to(session, "Cleo, who got you into the cello?")
    assert "names no one" in " ".join(reply.evidence), reply.evidence
    assert reply_to(session, "Cleo, who's your favourite poet?").layer == "persona_fact"


def test_the_how_to_line_is_for_a_thing_to_go_about_not_a_person_to_put_up_with() -> None:
    assert not learnable("your flatmate", "what would you do?")  # drums at night: no "begin small"
    assert learnable("your flatmate", "any advice for her?")  # advice for her, on what she goes about
    assert learnable("the rice", "any tips?")


def test_a_bare_choice_is_about_the_users_line_before_not_the_room(session: MindSession) -> None:
    reply_to(session, "Ada, I'm thinking of painting my front door")
    reply = reply_to(session, "red or green?")  # was "The colour of what?"
    assert "a choice between" in " ".join(reply.evidence), reply.evidence
    assert "a house is allowed to raise its voice" in reply.text, reply.text  # the front door's reply
