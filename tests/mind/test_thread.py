"""Follow-ups that lean on the conversation: going on with a topic, faith in the user's plan.

Each case is a phrasing written for this file, said to the real default brain (real embedder,
real personas): a threshold or a persona edit that breaks the reading shows here.
"""

from __future__ import annotations

import re

import pytest

from game.mind.coping import asked as asks_coping
from game.mind.persona import load_persona
from game.mind.prospects import asked, feared, to_weigh
from game.mind.session import MindSession
from game.mind.thread import asks_for_more
from tests.support.talk import reply_to


@pytest.mark.parametrize(
    ("line", "more"),
    [("like what?", True), ("How so?", True), ("and why?", True), ("for instance?", True),
     ("what do you like about them?", True), ("what do you like about Lisbon?", False),
     ("why is the lamp on?", False), ("what do you mean by blue?", False),
     ("can you give me the recipe?", True), ("how do you make it?", True),
     ("how do you make pastry?", False), ("not even once?", True), ("never?", True),
     ("never been to Paris?", False), ("were you scared?", True), ("was it dangerous?", True),
     ("were you scared of the dark?", False), ("what surprised you most?", True),
     ("what was the hardest part?", True), ("what was the hardest part of your job?", False),
     ("can I do anything about it?", True), ("what can I do about the noise?", False),
     ("what did you learn from it?", True), ("what did you learn at school?", False),
     ("what can I do?", True), ("what can I do with leftover rice?", False)],
)  # fmt: skip
def test_a_request_for_more_is_told_from_a_question_of_its_own(line: str, more: bool) -> None:
    assert asks_for_more(line) is more


def test_asking_for_more_goes_on_with_the_topic_of_the_last_reply(session: MindSession) -> None:
    first = reply_to(session, "Cleo, how do you come up with the ideas for your poems?")
    assert first.layer == "topic", first.evidence
    topic = next(m.group(1) for e in first.evidence if (m := re.match(r"topic (\w+) \(", e)))
    more = reply_to(session, "Cleo, like what?")
    went_on = (
        f"goes on with the ongoing topic {topic}",
        f"goes on with its last reply of {topic} (its more)",
    )
    assert any(w in " ".join(more.evidence) for w in went_on), more.evidence
    assert more.text != first.text


def test_a_line_that_points_back_stays_on_the_topic(session: MindSession) -> None:
    reply_to(session, "Bo, what was your childhood like?")
    reply = reply_to(session, "Bo, was it fun?")
    went_on = (
        "goes on with the ongoing topic childhood",
        "goes on with its last reply of childhood (its more)",
    )
    assert any(w in " ".join(reply.evidence) for w in went_on), reply.evidence


def test_which_one_points_back_at_the_things_just_told(session: MindSession) -> None:
    reply_to(session, "Cleo, do you keep old photographs?")
    reply = reply_to(session, "which one is your favourite?")
    assert "Nazaré" in reply.text and "film" not in reply.text, reply


def test_a_their_that_means_the_lines_own_plural_points_nowhere_back(session: MindSession) -> None:
    reply_to(session, "Ada, why are new houses so small?")
    reply = reply_to(session, "Ada, should guests take their shoes off indoors?")
    assert "(points back)" not in " ".join(reply.evidence), reply.evidence


def test_going_back_points_back_at_the_place_just_told(session: MindSession) -> None:
    reply_to(session, "Ada, where did you go on your last holiday?")
    reply = reply_to(session, "would you go back?")
    assert "travel" in " ".join(reply.evidence), reply.evidence  # not the city or the country


def test_a_sad_turn_to_good_news_is_met_as_its_catch(session: MindSession) -> None:
    reply_to(session, "Bo, my daughter just started school")
    reply = reply_to(session, "she cried at the gate")
    assert "ask_back_news_snag" in " ".join(reply.evidence), reply.evidence  # not "Good on you"


def test_not_knowing_yet_is_no_choice_to_weigh(session: MindSession) -> None:
    reply_to(session, "Ada, we're having a baby in March")
    waiting = reply_to(session, "we don't know if it's a boy or a girl yet")
    assert "ask_back_choices" not in " ".join(waiting.evidence), waiting.evidence
    torn = reply_to(session, "Ada, I don't know whether to move to London")
    assert "ask_back_choices" in " ".join(torn.evidence), torn.evidence


def test_any_advice_after_the_users_news_asks_about_that_news(session: MindSession) -> None:
    reply_to(session, "Bo, I'm learning to sail")
    tip = reply_to(session, "any advice?")
    assert tip.intent != "compliment" and "Sailing" in tip.text, tip.evidence  # not "you'll make me blush"
    praise = reply_to(session, "Bo, you always give good advice")
    assert "advice asked" not in " ".join(praise.evidence), praise.evidence


def test_nerves_about_doing_something_get_courage(session: MindSession) -> None:
    nerves = reply_to(session, "Bo, I'm a bit nervous about cooking for my in-laws")
    assert "sorry to hear" not in nerves.text, nerves.evidence


def test_the_empty_it_of_the_time_or_weather_points_at_nothing(session: MindSession) -> None:
    reply_to(session, "Bo, what was your childhood like?")
    reply = reply_to(session, "Bo, is it raining?")
    assert "ongoing topic" not in " ".join(reply.evidence), reply.evidence


@pytest.mark.parametrize(
    ("line", "before", "thing"),
    [
        ("will I pass?", "I've got my piano exam tomorrow.", "your piano exam"),
        ("do you think I'll manage it?", "I'm climbing a mountain next month.", "a mountain"),
        ("should I go?", "I've been invited to a wedding.", ""),  # advice, not faith
        ("will I pass?", "What's your favourite exam?", ""),  # the line before asked, told nothing
    ],
)
def test_faith_is_asked_in_the_thing_the_users_own_line_named(line: str, before: str, thing: str) -> None:
    assert asked(line, before) == thing


def test_the_npc_reassures_in_its_own_voice(session: MindSession) -> None:
    reply_to(session, "Ada, I've got my piano exam tomorrow.")
    reply = reply_to(session, "Ada, will I pass?")
    assert reply.layer == "skill" and reply.text.startswith("Your piano exam?"), (reply.text, reply.evidence)
    assert "reassures" in " ".join(reply.evidence)


def test_a_shared_like_said_with_too_is_agreed_not_echoed(session: MindSession) -> None:
    reply = reply_to(session, "Ada, I love jazz as well.")
    assert reply.text.startswith("Jazz too?"), reply.text
    assert "too too" not in reply.text


def test_a_line_naming_a_thing_of_the_npcs_own_life_is_not_asked_back(session: MindSession) -> None:
    reply = reply_to(session, "Bo, was the work hard on a cargo ship?")  # no "you": Bo cooked on cargo ships
    assert reply.layer == "topic", reply.evidence


@pytest.mark.parametrize(
    ("line", "coping"),
    [("How do you handle that?", True), ("and what gets you through?", True), ("what helps you?", True),
     ("what do you do when it gets bad?", True), ("what do you do when you're lonely?", True),
     ("what helps plants grow?", False), ("how do you handle a boat?", False),
     ("what do you do when it rains?", False), ("how do you manage it?", True),
     ("how do you cope with it?", True), ("how do you manage a team?", False)],
)  # fmt: skip
def test_a_question_on_coping_is_told_from_one_on_something_else(line: str, coping: bool) -> None:
    assert asks_coping(line) is coping


def test_the_npc_tells_its_own_way_with_hard_days(session: MindSession) -> None:
    reply_to(session, "Bo, do you ever miss the ships?")
    reply = reply_to(session, "Bo, how do you cope?")
    assert reply.layer == "skill" and "copes" in " ".join(reply.evidence), reply.evidence


def test_a_choice_of_the_users_own_is_weighed_in_the_personas_words(session: MindSession) -> None:
    assert to_weigh("what would you do in my shoes?", "I might sell my old bike.") == "your old bike"
    assert to_weigh("what would you do?", "What's the best bike?") == ""  # nothing of the user's to weigh
    assert to_weigh("should I let him?", "my son wants to leave school at sixteen") == "your son"
    reply_to(session, "Cleo, I might move to another city.")
    reply = reply_to(session, "Cleo, what should I do?")
    assert reply.layer == "skill" and reply.text.startswith("City?"), (reply.text, reply.evidence)


@pytest.mark.parametrize(
    ("line", "thing"),
    [
        ("is it worth buying an old house?", "an old house"),
        ("Should I sell my car?", "your car"),
        ("do you think I should get a dog?", "a dog"),
        ("would you buy a cello online?", ""),  # asks the NPC's own habit
        ("should I move the sofa", "the sofa"),
        ("should I let him borrow my car?", "your car"),
        ("should I put a window in the door?", "a window"),
        ("should I invite my brother?", "your brother"),
    ],
)
def test_a_choice_asked_in_one_line_is_weighed(line: str, thing: str) -> None:
    assert to_weigh(line, "") == thing


def test_should_i_take_it_after_an_offer_weighs_the_offer(session: MindSession) -> None:
    reply_to(session, "Ada, I've been offered a job in London")
    take = reply_to(session, "should I take it?")  # had been "no, leave it": "Of course."
    assert take.intent != "deny" and take.text.startswith("A job?"), (take.text, take.evidence)


def test_is_it_worth_it_gets_the_personas_way_of_deciding(session: MindSession) -> None:
    # was "I haven't drawn up an answer"
    reply = reply_to(session, "Ada, is it worth buying a second-hand car?")
    assert reply.text.startswith("A second hand car?") and "weigh" in " ".join(reply.evidence), reply.evidence


@pytest.mark.parametrize(
    ("line", "before", "thing"),
    [
        ("but what if I don't get in?", "I've applied to art school.", "art school"),
        ("what if I freeze?", "I'm giving a speech at my brother's wedding.", "wedding"),
        ("what if it snows?", "I'm giving a speech at my brother's wedding.", ""),  # not the user's failing
        ("what if I win?", "I've entered a baking contest.", ""),
        ("what if nobody turns up?", "I'm throwing a party on Saturday.", "a party"),  # what others might do
        ("what if they laugh at me?", "I'm singing at the open mic tonight.", "the open mic"),
        ("what if they love it?", "I'm singing at the open mic tonight.", ""),
        ("what if I fail?", "Did you ever fail an exam?", ""),  # the line before asked, told nothing
    ],
)
def test_the_worst_case_is_feared_for_the_thing_the_users_own_line_named(
    line: str, before: str, thing: str
) -> None:
    assert thing in feared(line, before) if thing else feared(line, before) == ""


def test_the_npc_steadies_the_user_against_the_worst_case(session: MindSession) -> None:
    reply_to(session, "Bo, I've got a job interview on Monday.")
    reply = reply_to(session, "what if I mess it up?")
    assert reply.layer == "skill" and "steadies" in " ".join(reply.evidence), reply.evidence
    assert reply.text in session.personas["Bo"].lines["worst_case"]


def test_a_name_asked_after_someone_else_is_not_the_npcs_own(session: MindSession) -> None:
    reply_to(session, "Bo, do you have brothers?")
    reply = reply_to(session, "what are their names?")
    assert reply.intent != "identity" and "I'm Bo" not in reply.text, (reply.text, reply.evidence)
    assert reply_to(session, "Bo, what's your name?").intent == "identity"


def test_the_nearest_reply_is_not_said_twice_running(session: MindSession) -> None:
    first = reply_to(session, "Bo, how do I stop my frying pan sticking?")
    assert reply_to(session, "even a new one?").text != first.text


def test_a_request_for_more_gets_what_the_character_adds_to_that_very_line(session: MindSession) -> None:
    work = next(t for t in load_persona("ada").talk_topics if t.name == "work")
    first = reply_to(session, "Ada, do you like your job?")
    said = next(i for i, line in enumerate(work.say) if first.text.startswith(line))
    assert work.more_after(said), "every line of Ada's work topic has a more"
    deeper = reply_to(session, "Ada, why?")
    assert deeper.text == work.more_after(said), deeper.evidence
    again = reply_to(session, "Ada, why?")  # the more is said once; then another line of the topic
    assert again.text != deeper.text and "goes on with the ongoing topic work" in " ".join(again.evidence)


def test_a_fact_followed_up_goes_on_once_and_really_is_not_a_yes(session: MindSession) -> None:
    book = load_persona("ada").fact("favourite_book")
    assert book is not None and book.more
    assert reply_to(session, "Ada, what is your favourite book?").text == book.answer
    assert reply_to(session, "Ada, is it any good?").text == book.more
    assert reply_to(session, "Ada, what is your favourite book?").text == book.answer
    really = reply_to(session, "Ada, really?")
    assert really.text == book.more and really.intent not in ("affirm", "deny"), really.evidence


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("Ada, where did you grow up?", "Ada, does it have a good football team?"),  # after a fact
        ("Cleo, what's the best thing about Lisbon?", "Cleo, does it have good bookshops?"),  # a topic line
    ],
)
def test_a_follow_up_asking_something_new_is_not_answered_with_the_more(
    session: MindSession, first: str, then: str
) -> None:
    reply_to(session, first)
    reply = reply_to(session, then)
    assert "its more" not in " ".join(reply.evidence), reply.evidence


def test_a_short_why_about_what_the_more_tells_gets_the_more(session: MindSession) -> None:
    music = next(t for t in load_persona("ada").talk_topics if t.name == "music")
    first = reply_to(session, "Ada, can you still play the piano?")
    said = next(i for i, line in enumerate(music.say) if first.text.startswith(line))
    assert "stopped" in music.more_after(said)
    assert reply_to(session, "Ada, why did you stop?").text == music.more_after(said)


def test_a_question_about_him_or_her_goes_on_with_the_topic(session: MindSession) -> None:
    reply_to(session, "Bo, did the ship have a cat?")
    named = reply_to(session, "what was her name?")
    assert "Skipper" in named.text, named  # was asked back: "Her name? Never thought about it."
    reply_to(session, "Bo, did you ever cook for anyone famous?")
    thought = reply_to(session, "what did they think?")  # "they": the footballer just told of
    assert "goes on with" in " ".join(thought.evidence), thought.evidence


def test_a_longer_question_that_ends_pointing_back_goes_on_with_the_topic(session: MindSession) -> None:
    reply_to(session, "Bo, what's the biggest fish you've ever landed?")
    went_on = reply_to(session, "so what did you do with it?")
    assert "goes on with" in " ".join(went_on.evidence), went_on.evidence
    reply_to(session, "Bo, what's the biggest fish you've ever landed?")
    named = reply_to(session, "what did you do with the old sofa?")  # names a thing of its own
    assert "goes on with" not in " ".join(named.evidence), named.evidence


def test_a_short_line_pointing_back_asks_after_the_story_not_the_room(session: MindSession) -> None:
    reply_to(session, "Ada, have you ever won a prize for your work?")
    kept = reply_to(session, "where do you keep it now?")
    assert kept.layer != "room", kept.evidence
    assert "points back at what was just told" in " ".join(kept.evidence), kept.evidence
    reply_to(session, "Bo, what did you get up to at the weekend?")
    how = reply_to(session, "and how was it?")
    assert how.intent != "wellbeing", how.evidence
    reply_to(session, "Bo, where is the lamp?")  # a room answer: "it" is the lamp
    assert reply_to(session, "what colour is it?").layer == "room"


def test_a_line_opening_with_a_greeting_starts_afresh(session: MindSession) -> None:
    """ "hey Bo, how's it going?" after the café's story asks after Bo, not after "it"."""
    reply_to(session, "Bo, tell me about your café")
    again = reply_to(session, "hey Bo, how's it going?")
    assert not any(e.startswith("goes on with") for e in again.evidence), again.evidence


def test_a_pronoun_whose_someone_the_line_names_does_not_point_back(session: MindSession) -> None:
    reply_to(session, "Ada, what do you think of tiny houses?")
    asked = reply_to(session, "Ada, does Brunel know his name?")  # "his" is Brunel's, not the houses'
    assert "goes on with" not in " ".join(asked.evidence), asked.evidence


def test_how_many_after_a_reply_whose_more_tells_it_gets_that_more(session: MindSession) -> None:
    first = reply_to(session, "Bo, we're thinking of getting chickens")
    assert first.layer == "topic", first.evidence
    then = reply_to(session, "how many should we start with?")
    assert "three or four" in then.text, then.evidence
    assert any("its more" in e for e in then.evidence), then.evidence


def test_a_short_question_on_what_only_the_last_more_tells_gets_that_more(session: MindSession) -> None:
    reply_to(session, "Ada, I've just painted my kitchen yellow")
    then = reply_to(session, "too bright, you reckon?")
    assert "white ceilings" in then.text, then.evidence


def test_a_question_the_last_reply_answers_gets_its_more_not_another_reply(session: MindSession) -> None:
    reply_to(session, "Ada, do you ever doodle in meetings?")
    then = reply_to(session, "what do you doodle?")
    assert "Spiral staircases" in then.text, then.evidence


def test_the_npcs_own_things_are_said_back_as_its_own(session: MindSession) -> None:
    told = reply_to(session, "Cleo, I read one of your poems at my gran's funeral")
    assert told.text.startswith("You read one of my poems at your gran's funeral?"), told.text
    assert "sorry" in told.text


def test_news_of_a_role_is_kept_as_the_users_role(session: MindSession) -> None:
    reply_to(session, "Cleo, I've been asked to be a bridesmaid")
    then = reply_to(session, "I have to give a speech too")
    assert "your bridesmaid" not in then.text and "you being a bridesmaid" in then.text, then.text


def test_the_users_answer_to_the_npcs_own_question_is_no_cue_for_its_next_line(session: MindSession) -> None:
    first = reply_to(session, "Bo, I found a message in a bottle on the beach")
    assert first.text.endswith("What did yours say?"), first.evidence
    reply = reply_to(session, "it was in French", "Bo")
    assert "goes on with the ongoing topic" not in " ".join(reply.evidence), (
        reply.evidence
    )  # was "I miss the sea"
