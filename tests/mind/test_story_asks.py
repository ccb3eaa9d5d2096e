"""Questions about the story the NPC just told: how old it was then, who someone was, "the X", its name.

Each case is a phrasing written for this file, said to the real default brain (real embedder,
real personas), with cases that must keep their old answers.
"""

from __future__ import annotations

import pytest

from game.mind import follow_ups
from game.mind.intent_rules import about_someone_else
from game.mind.persona import load_persona
from game.mind.session import MindSession
from game.mind.story_asks import age_said, asks_age_then, asks_its_name, name_given, the_thing_asked
from tests.support.talk import reply_to


@pytest.mark.parametrize(
    ("line", "then"),
    [("how old were you?", True), ("How old were you then?", True),
     ("and what age were you at the time?", True), ("so how young were you back then?", True),
     ("how old are you?", False), ("how old was he?", False),
     ("how old were you when you got married?", False)],
)  # fmt: skip
def test_how_old_it_was_then_is_told_from_how_old_it_is(line: str, then: bool) -> None:
    assert asks_age_then(line) is then


@pytest.mark.parametrize(
    ("told", "age"),
    [("Went to sea at seventeen with one bag.", "seventeen"), ("I was nine and scared of the dark.", "nine"),
     ("Started at twenty-two, badly.", "twenty-two"), ("Dinner at six in the evening, always.", ""),
     ("Up at half five for the bread.", ""), ("Forty pots of tea a day.", ""),
     ("aged 8, in a red coat", "8")],
)  # fmt: skip
def test_an_age_a_story_tells_is_found_not_a_time_of_day(told: str, age: str) -> None:
    assert age_said(told) == age


@pytest.mark.parametrize(
    ("line", "told", "thing"),
    [
        ("which garage?", "My uncle fixed bikes in a garage behind the church.", "garage"),
        ("what was the bakery called?", "Every morning I queued at the bakery on our street.", "bakery"),
        ("who was that teacher?", "A teacher of mine read us Neruda on Fridays.", "teacher"),
        ("was the teacher strict?", "A teacher of mine read us Neruda on Fridays.", ""),  # yes/no: afresh
        ("what was that like?", "A teacher of mine read us Neruda on Fridays.", ""),  # names no noun
        ("what was the weather like?", "A teacher of mine read us Neruda on Fridays.", ""),  # not told
        ("did you ever go back to the garage with him?", "My uncle fixed bikes in a garage.", ""),  # long
        ("the garage was nice.", "My uncle fixed bikes in a garage.", ""),  # no question
        ("what did you fix at the garage?", "My uncle fixed bikes in a garage.", ""),  # asks something new
    ],
)
def test_the_thing_asked_must_be_named_with_the_and_be_of_the_last_reply(
    line: str, told: str, thing: str
) -> None:
    assert the_thing_asked(line, told)[0] == thing


def test_how_old_it_was_in_a_story_is_not_its_age_now(session: MindSession) -> None:
    age = load_persona("bo").fact("age")
    assert age is not None
    first = reply_to(session, "Bo, when did you first go abroad?")
    told = age_said(first.text)
    then = reply_to(session, "how old were you then?")
    assert then.text != age.answer and "sixty-one" not in then.text.lower(), then.evidence
    assert "not its age now" in " ".join(then.evidence), then.evidence
    if told:  # the story said an age: the character says it again in its own words
        assert told in then.text.lower(), (first.text, then.text)


def test_how_old_after_a_story_with_no_age_stays_with_the_story(session: MindSession) -> None:
    cleo = load_persona("cleo")
    age = cleo.fact("age")
    assert age is not None
    reply_to(session, "Cleo, how did you get your start as a poet?")
    then = reply_to(session, "what age were you?")
    assert then.text != age.answer and "twenty-seven" not in then.text.lower(), then.evidence
    assert "not its age now" in " ".join(then.evidence), then.evidence


def test_how_old_are_you_is_still_the_age_now(session: MindSession) -> None:
    age = load_persona("ada").fact("age")
    assert age is not None
    assert reply_to(session, "Ada, how old are you?").text == age.answer  # no story before it
    reply_to(session, "Ada, what was school like for you?")
    assert reply_to(session, "Ada, how old are you?").text == age.answer  # asks about now
    assert reply_to(session, "Ada, how old were you?").text == age.answer  # no story just told: her age


@pytest.mark.parametrize(
    ("story", "who"),
    [
        ("Cleo, what's your earliest memory?", "who was that woman?"),
        ("Bo, who was your best friend at sea?", "who was that bloke?"),
        ("Ada, who taught you to draw?", "who's that man?"),
    ],
)
def test_someone_pointed_at_after_a_story_is_not_the_npc_itself(
    session: MindSession, story: str, who: str
) -> None:
    npc = story.split(",")[0]
    reply_to(session, story)
    reply = reply_to(session, who)
    assert reply.intent != "identity" and f"I'm {npc}" not in reply.text, (reply.text, reply.evidence)
    assert "goes on with" in " ".join(reply.evidence), reply.evidence


def test_who_the_npc_is_is_still_its_identity(session: MindSession) -> None:
    assert reply_to(session, "Bo, who are you?").intent == "identity"
    assert about_someone_else("who was that lady?") and not about_someone_else("who are you, that man?")


@pytest.mark.parametrize(
    ("line", "whole"),
    [("and who was that?", None), ("and where was that?", None), ("and Cleo?", "what do you think of cleo?")],
)
def test_and_a_question_word_is_not_a_new_subject(line: str, whole: str | None) -> None:
    assert follow_ups.resolve(line, "what do you think of Bo?", ["bo", "cleo"]) == whole


def test_which_x_of_the_story_gets_the_more_of_that_line(session: MindSession) -> None:
    regrets = next(t for t in load_persona("cleo").talk_topics if t.name == "regrets")
    first = reply_to(session, "Cleo, what is the biggest mistake you've made?")
    said = next((i for i, line in enumerate(regrets.say) if first.text.startswith(line)), None)
    assert said is not None and "exam" in regrets.say[said], first.text
    which = reply_to(session, "Cleo, which exam was it?")
    assert which.text == regrets.more_after(said), which.evidence
    assert "asks after 'exam'" in " ".join(which.evidence)


def test_what_the_x_was_called_stays_on_it(session: MindSession) -> None:
    reply_to(session, "Bo, did you have a first job?")
    shop = reply_to(session, "what was that chip shop called?")
    assert "asks after 'chip shop'" in " ".join(shop.evidence), shop.evidence
    reply_to(session, "Bo, what's your job?")
    called = reply_to(session, "and what's the café called?")
    assert "Bo's" in called.text and "asks after 'café'" in " ".join(called.evidence), called.evidence


def test_a_question_not_naming_the_last_replys_thing_is_read_as_before(session: MindSession) -> None:
    reply_to(session, "Bo, did you have a first job?")
    fresh = reply_to(session, "what's the best football team?")  # names no thing of the chip shop
    assert "asks after" not in " ".join(fresh.evidence), fresh.evidence
    reply_to(session, "Bo, did you have a first job?")
    long = reply_to(session, "do you still ever eat at the chip shop these days?")  # more than 7 words
    assert "asks after" not in " ".join(long.evidence), long.evidence


def test_a_yes_no_question_naming_the_thing_again_is_asked_afresh(session: MindSession) -> None:
    reply_to(session, "Bo, what do you miss most?")
    again = reply_to(session, "Bo, do you miss the sea?")  # a fresh question on the topic, as before
    assert "asks after" not in " ".join(again.evidence), again.evidence


@pytest.mark.parametrize(
    ("line", "asks"),
    [("what's its name?", True), ("and what was his name again?", True), ("what were they called?", True),
     ("what did you call her?", True), ("what's my name?", False), ("what's your name?", False),
     ("what's the name of your street?", False)],
)  # fmt: skip
def test_its_name_is_asked_of_what_was_told_not_of_the_user(line: str, asks: bool) -> None:
    assert asks_its_name(line) is asks


@pytest.mark.parametrize(
    ("told", "name"),
    [("We had a goat called Pimento, who ate a hat.", "Pimento"), ("a boat named Sea Holly", "Sea Holly"),
     ("my uncle's dog, whose name was Rufus", "Rufus"), ("It was called the old mill.", ""),
     ("I called my mother every Sunday.", "")],
)  # fmt: skip
def test_a_name_a_story_gives_is_found(told: str, name: str) -> None:
    assert name_given(told) == name


def test_its_name_after_a_named_pet_is_that_name_not_the_users(session: MindSession) -> None:
    first = reply_to(session, "Ada, tell me about your tortoise.")
    name = name_given(first.text)
    assert name, first.text
    then = reply_to(session, "what's his name?")
    assert then.text.startswith(name), then.evidence
    assert "your name" not in then.text.lower()
