"""Moods the news skill used to meet with the wrong words: boredom, feeling misunderstood, missing someone.

Each test has a conversation of its own (the ``session`` fixture), since news told earlier in a
shared one would colour these replies.
"""

from __future__ import annotations

import pytest

from game.mind.session import MindSession


def test_boredom_gets_an_idea_and_feeling_misunderstood_gets_sympathy(session: MindSession) -> None:
    bored = session.say("Bo, I'm bored")
    alone = session.say("Ada, I feel like nobody understands me")
    assert (
        bored is not None and "sorry" not in bored.reply.text and "pastime" in " ".join(bored.reply.evidence)
    )
    assert alone is not None and "sorry" in alone.reply.text and alone.reply.intent == "news", alone.reply


def test_missing_someone_is_met_warmly_even_right_after_low_news(session: MindSession) -> None:
    session.say("Bo, I'm feeling a bit homesick")
    missing = session.say("I miss my mum's cooking")
    assert missing is not None and "mends" not in missing.reply.text and "miss most" in missing.reply.text


def test_what_the_npc_does_when_it_misses_home_is_its_own_way_with_hard_days(session: MindSession) -> None:
    session.say("Bo, I'm a long way from my family this year")
    exchange = session.say("what do you do when you miss home?")
    assert exchange is not None and exchange.reply.text in session.personas["Bo"].lines["coping"]


@pytest.mark.parametrize(
    "line", ["Bo, what cheers you up on a bad day?", "Who do you talk to when you're down, Bo?"]
)
def test_what_cheers_the_npc_up_is_its_own_way_with_bad_days(session: MindSession, line: str) -> None:
    exchange = session.say(line)
    assert exchange is not None and exchange.reply.text in session.personas["Bo"].lines["coping"]


@pytest.mark.parametrize(
    ("npc", "line"),
    [("Bo", "Bo, who do you ring when you're fed up?"), ("Ada", "Who do you call when you're sad, Ada?"),
     ("Cleo", "Cleo, who do you turn to when you're lonely?")],
)  # fmt: skip
def test_who_the_npc_turns_to_is_a_way_with_bad_days_that_names_someone(
    session: MindSession, npc: str, line: str
) -> None:
    exchange = session.say(line)
    assert exchange is not None and exchange.reply.text in session.personas[npc].lines["coping"]
    assert " ring " in f" {exchange.reply.text} ".lower(), exchange.reply.text


@pytest.mark.parametrize(
    "line",
    [
        "Bo, I'm starving",
        "I'm a bit peckish, Cleo",
        "Ada, I'm so hungry now",
        "Bo, I'm so hungry I could eat a horse",
    ],
)
def test_a_hungry_user_is_offered_something_not_asked_to_say_more(session: MindSession, line: str) -> None:
    exchange = session.say(line)
    assert exchange is not None and exchange.reply.intent == "hungry", exchange and exchange.reply.evidence
    assert exchange.reply.text in session.personas[exchange.npc].lines["hungry"]


def test_hunger_for_something_else_is_no_hunger(session: MindSession) -> None:
    exchange = session.say("Ada, I'm hungry for success")
    assert exchange is not None and exchange.reply.intent != "hungry"


@pytest.mark.parametrize(
    "line", ["Cleo, my best friend is moving abroad", "Ada, my sister is emigrating to Canada"]
)
def test_someone_close_moving_far_off_is_missed_not_cheered(session: MindSession, line: str) -> None:
    told = session.say(line)
    assert told is not None and "lovely" not in told.reply.text.lower(), told.reply
    assert "miss them" in told.reply.text, told.reply.evidence


def test_someone_moving_told_gladly_or_moving_in_is_no_loss(session: MindSession) -> None:
    glad = session.say("Cleo, my sister is moving to Portugal!")
    near = session.say("Ada, my mum is moving in with us")
    assert glad is not None and "miss them" not in glad.reply.text, glad.reply
    assert near is not None and "miss them" not in near.reply.text and "sorry" not in near.reply.text


@pytest.mark.parametrize(
    "line", ["Cleo, I feel like everyone else has their life sorted", "Bo, I feel like such a failure"]
)
def test_feeling_behind_everyone_is_met_as_a_low_mood(session: MindSession, line: str) -> None:
    told = session.say(line)
    assert told is not None and told.reply.intent == "news" and "sorry" in told.reply.text, told.reply


def test_twins_are_good_news_and_no_sleep_after_them_is_taken_in(session: MindSession) -> None:
    twins = session.say("Ada, we've just had twins!")
    tired = session.say("we haven't slept in a week")
    assert twins is not None and "Congratulations" in twins.reply.text, twins.reply
    assert tired is not None and "slept" in tired.reply.text and "sorry" in tired.reply.text, tired.reply


def test_never_finishing_anything_is_a_low_mood_not_a_thing_to_hear_more_of(session: MindSession) -> None:
    told = session.say("Ada, I feel like I never finish anything")
    assert told is not None and "sorry" in told.reply.text, told.reply


@pytest.mark.parametrize(
    "line",
    ["Bo, my neighbour's dog barked all night", "Bo, I've had about two hours' sleep",
     "Bo, I can't stop thinking about something stupid I said", "Bo, I'm so embarrassed",
     "Bo, my back is killing me"],
)  # fmt: skip
def test_a_sleepless_night_or_a_blush_is_low_news(session: MindSession, line: str) -> None:
    told = session.say(line)
    assert told is not None and told.reply.intent == "news", told and told.reply.evidence


def test_nerves_right_after_good_news_get_courage_not_sorrow(session: MindSession) -> None:
    session.say("Ada, I've just been promoted to head of department")
    nervous = session.say("I'm a bit terrified, honestly")
    assert nervous is not None and "sorry" not in nervous.reply.text, nervous.reply
    assert "nerves right after the user's good news" in nervous.reply.evidence, nervous.reply.evidence


def test_dreading_the_good_news_is_met_with_courage_and_the_dislike_still_noted(session: MindSession) -> None:
    session.say("Ada, I've been asked to give a toast at my brother's wedding")
    dread = session.say("I hate public speaking")
    assert dread is not None and "Not a fan" not in dread.reply.text, dread.reply
    assert "nerves right after the user's good news" in dread.reply.evidence, dread.reply.evidence
    memory = session.context("Ada").memory
    assert memory is not None and any("public speaking" in d for d in memory.dislikes), memory


def test_worry_for_someone_else_after_good_news_is_not_the_users_nerves(session: MindSession) -> None:
    session.say("Bo, my son's joined the navy")
    worried = session.say("I'm a bit nervous about him")
    assert worried is not None and "nerves right after" not in " ".join(worried.reply.evidence)
