"""Within a topic, the reply that says the line's own words, in its tense, is the one said.

Lines here were written for this file, not taken from the open-talk set.
"""

from __future__ import annotations

import pytest

from game.mind.persona import load_persona
from game.mind.reply_fit import asked_tense, asks_advice, content_stems, is_advice, narrow, told_tense
from game.mind.session import MindSession
from game.mind.stems import stem


def test_telling_words_are_compared_by_stem_without_glue_or_common_words() -> None:
    assert content_stems("Have you got sisters?") == {"sister"}
    assert content_stems("Give me the best recipe") == {"recip"}
    assert "sister" in content_stems("My sister teaches maths")
    assert content_stems("no sitting till noon") == {"sit", "noon"}  # "till" is glue, not a shop till


def test_a_stem_keeps_words_apart_that_only_a_final_e_tells_apart() -> None:
    assert stem("hate") != stem("hat") and stem("care") != stem("car") and stem("mate") != stem("mat")
    assert stem("writing") == stem("write") and stem("cares") == stem("care")
    assert "hat" not in content_stems("Take care, mate, my shelves hate a slope")


@pytest.mark.parametrize(
    ("line", "tense"),
    [
        ("did you cook as a boy?", "past"),
        ("what was the worst storm?", "past"),
        ("will you ever go back?", "future"),
        ("what's next for you?", "future"),
        ("have you ever seen a whale?", "past"),  # an experience: the past, not a wish
        ("do you cook?", ""),
        ("how long have you played the cello?", ""),  # still going on: not the past
        ("where are you going on holiday this year?", "future"),  # a plan in the present tense
        ("what did you do this weekend?", "past"),
    ],
)
def test_the_time_a_line_asks_about(line: str, tense: str) -> None:
    assert asked_tense(line) == tense


def test_the_time_a_reply_tells_of() -> None:
    assert told_tense("One day I'd love to see Kyoto.") == "future"
    assert told_tense("I wrote my first poem at seven.") == "past"
    assert told_tense("I cook every day.") == ""


def test_a_shared_word_narrows_first_and_the_other_tense_is_dropped() -> None:
    replies = ["I'd love to sail to Chile one day.", "I sailed to Chile once.", "Chile is far."]
    assert narrow("did you ever sail to Chile?", replies) == [1]
    assert narrow("what do you think of Chile?", replies, topic="chile") == [0, 1, 2]  # the topic's name
    assert narrow("do you like jam?", replies) == [0, 1, 2]  # nothing shared: every reply stays


def test_a_persona_topic_answers_with_the_reply_that_names_what_was_asked(talk: MindSession) -> None:
    ada = load_persona("ada")
    family = next(t for t in ada.talk_topics if t.name == "family")
    sisters = [line for line in family.say if "sister" in line]
    exchange = talk.say("Ada, have you got a sister?")
    assert exchange is not None and exchange.reply.layer == "topic"
    assert any(exchange.reply.text.startswith(sister) for sister in sisters)


def test_a_reply_naming_the_place_asked_about_answers_in_any_tense() -> None:
    replies = ["The best trip I took was Barcelona.", "Japan is next on my list."]
    assert narrow("Ada, have you ever been to Japan?", replies) == [1]
    assert narrow("Ada, have you ever been abroad?", replies) == [0]  # no place named: the past


def test_the_worst_is_not_answered_by_the_best() -> None:
    replies = ["A bacon sandwich at sea. Best meal of my life.", "Burnt porridge for forty men.", "Fish pie."]
    assert narrow("what's the worst thing you ever cooked?", replies) == [1, 2]
    assert narrow("what's the best thing you ever cooked?", ["Burnt porridge, my worst.", "Fish pie."]) == [1]
    assert narrow("what did you cook today?", replies) == [0, 1, 2]  # neither side asked
    shared = ["A bacon sandwich at sea. Best meal, and I've cooked thousands.", "Worst meal: cold beans."]
    assert narrow("what's the worst thing you ever cooked?", shared) == [1]  # the side before shared words


def test_a_mood_taken_for_granted_is_not_answered_by_the_other_mood() -> None:
    replies = [
        "Grumpy, if I'm honest: the kettle broke.",
        "Cheerful. The sun found my desk.",
        "Busy, mostly.",
    ]
    assert narrow("what's put you in such a happy mood?", replies) == [1, 2]
    assert narrow("what makes you so cross?", replies) == [0, 2]
    assert narrow("how was your morning?", replies) == [0, 1, 2]  # no mood asked about


def test_of_the_low_moods_the_one_named_is_answered() -> None:
    replies = ["Lonely, now and then.", "Rude customers drive me mad.", "Content, mostly."]
    assert narrow("what makes you cross?", replies) == [1]
    assert narrow("are you ever sad?", replies) == [0]
    assert narrow("what's on your mind?", replies) == [0, 1, 2]


def test_advice_answers_only_a_line_that_asks_for_it() -> None:
    replies = ["Try it, if you love looking up. Draw one building a week.", "I love it. Every doorway."]
    assert narrow("do you enjoy being an architect?", replies) == [1]
    assert narrow("any tips for a young architect?", replies) == [0]
    assert narrow("how do I become an architect?", replies) == [0]
    assert narrow("what's the secret to a good drawing?", replies) == [0]


@pytest.mark.parametrize(
    ("reply", "advice"),
    [
        ("Try it, if you love looking up.", True),
        ("Tie your knots properly and say sorry quick.", True),
        ("Don't rush your poems. They come when you wait.", True),
        ("Read Moby Dick on the Northern Star once. Took me three voyages.", False),  # the subject dropped
        ("Sleep like a baby, me, as long as the bed rocks.", False),
        ("I love it. Try it yourself one day.", False),
    ],
)
def test_advice_is_an_imperative_that_speaks_to_the_listener(reply: str, advice: bool) -> None:
    assert is_advice(reply) is advice


def test_a_reply_echoing_a_question_answers_only_a_line_that_said_it() -> None:
    replies = ["Nephews? Four of them, all taller than me.", "My brother fixes boats in Whitby."]
    assert narrow("have you got siblings?", replies) == [1]
    assert 0 in narrow("any nephews?", replies)


def test_what_one_is_doing_asks_what_goes_on_now_unless_a_time_is_named() -> None:
    replies = ["Mostly I write about ordinary things: spoons and doors.", "Lately I'm writing about doors."]
    assert narrow("what are you writing?", replies) == [1]
    assert narrow("what are you writing tomorrow?", replies) == [0, 1]


def test_a_tip_for_one_thing_answers_only_a_line_naming_all_of_it() -> None:
    replies = ["For your book club, start with something short.", "Read it slowly, if you want a friend."]
    assert narrow("can you recommend a book for a train ride?", replies) == [1]
    assert 0 in narrow("what should our book club read?", replies)


@pytest.mark.parametrize(
    ("line", "asks"),
    [
        ("what should we read first?", True),
        ("how do we make it work?", True),
        ("shall we sit down?", False),
        ("why does my bread come out so dense?", True),
        ("why does Bo sing?", False),
        ("do you tip when you eat out?", False),
        ("got a tip for frying eggs?", True),
    ],
)
def test_advice_asked_for_us_is_advice_asked(line: str, asks: bool) -> None:
    assert asks_advice(line) is asks


def test_a_reply_echoing_a_day_answers_only_a_line_about_that_day() -> None:
    replies = ["Tonight? A bath and an early night.", "Saturday is for the market and a long lunch."]
    assert narrow("what are you up to at the weekend?", replies) == [1]
    assert 0 in narrow("what are you doing tonight?", replies)


def test_a_reply_naming_another_time_than_the_line_asks_about_is_dropped() -> None:
    replies = [
        "Tomorrow? I'm meeting the builders at eight.",
        "Tonight I'm gluing a model.",
        "I like quiet jazz.",
    ]
    assert 0 not in narrow("What are you doing this evening?", replies)
    assert 1 not in narrow("Any plans for tomorrow?", replies)
    assert 0 in narrow("Any plans for tomorrow?", replies)


@pytest.mark.parametrize(
    ("line", "asks"),
    [
        ("any advice for a beginner?", True),
        ("what would you do?", True),
        ("what's the best advice you ever got?", False),  # the NPC's life, not advice for the user
        ("who gave you the worst advice?", False),
        ("what advice were you given as a boy?", False),
    ],
)
def test_advice_once_given_to_the_npc_is_not_advice_asked(line: str, asks: bool) -> None:
    assert asks_advice(line) is asks


def test_how_the_npc_makes_a_thing_is_answered_by_its_tip_on_that_thing() -> None:
    replies = ["When I was small my mam made stew for nine.", "Rinse your rice till the water runs clear."]
    assert narrow("how do you cook rice?", replies) == [1]
    assert narrow("what did you cook as a boy?", replies) == [0]
