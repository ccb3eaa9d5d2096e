"""Everyday lines the intents used to miss: the time, the user's news, opinions about the room."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from game.mind.brain import EmbeddingBrain
from game.mind.everyday import news_of, spoken_time
from game.mind.memory import MemoryStore
from game.mind.session import MindSession
from game.sim.scene import load_scene


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> MindSession:
    store = MemoryStore(Path(tmp_path_factory.mktemp("memory")))
    return MindSession(load_scene("default"), EmbeddingBrain(seed=1), store, remember=False)


def _at(hour: int, minute: int) -> time.struct_time:
    return time.struct_time((2026, 12, 2, hour, minute, 0, 2, 336, 0))


def test_the_time_is_said_as_a_person_says_it() -> None:
    assert spoken_time(_at(14, 19)) == "twenty past two in the afternoon"
    assert spoken_time(_at(9, 58)) == "ten o'clock in the morning"
    assert spoken_time(_at(23, 45)) == "quarter to twelve at night"
    assert spoken_time(_at(11, 45)) == "quarter to twelve in the morning"  # not the afternoon yet
    assert spoken_time(_at(17, 40)) == "twenty to six in the afternoon"
    assert spoken_time(_at(11, 58)) == "twelve noon"
    assert spoken_time(_at(0, 1)) == "midnight"


def test_asked_the_time_or_the_day_an_npc_reads_the_clock(session: MindSession) -> None:
    hour = session.say("Ada, what time is it?")
    day = session.say("Bo, what day is it today?")
    assert hour is not None and hour.reply.intent == "clock" and hour.reply.text.startswith("It's about ")
    assert day is not None and time.strftime("%A") in day.reply.text


@pytest.mark.parametrize(
    ("line", "kind"),
    [("I got a promotion today!", "good"), ("guess what, I passed my exam", "good"),
     ("I lost my job", "bad"), ("my cat is sick", "bad"), ("I like tea", ""), ("did I win?", ""),
     ("I'm feeling a bit down today", "bad"), ("I'm so nervous about my exam", "bad"),
     ("I'm sitting down now", ""), ("are you feeling down?", ""),
     ("My landlord is putting the rent up again.", "bad"), ("my car broke down on the way here", "bad"),
     ("I can't sleep lately.", "bad"), ("I feel stuck lately", "bad"),
     ("I got a parking ticket today", "bad"),
     ("I'm feeling great today", "good"), ("I'm not feeling great", "bad"), ("I have a happy dog", ""),
     ("Nothing's going right for me this week.", "bad"), ("I've had a rotten week.", "bad"),
     ("I miss my sister so much.", "bad"), ("I got a story published!", "good"),
     ("I'm moving into my own place next week.", "good"), ("I've had such a rubbish week.", "bad"),
     ("My cat knocked my tea all over the sofa.", "bad"), ("My sister finally found a flat!", "good"),
     ("I've been asked to sing at the village fete.", "good"), ("I just signed up for a choir!", "good"),
     ("My manager gave me a pay rise today!", "good"), ("My son starts school next week.", "good"),
     ("I've been offered a place at art college!", "good"), ("I'm so bored this afternoon.", "bad"),
     ("it's my birthday tomorrow", "good"), ("my train was delayed two hours", "bad"),
     ("we adopted a rescue dog", "good"), ("I didn't get the part in the play", "bad"),
     ("we've just moved into a cottage by the river", "good"), ("I've got a new home at last", "good"),
     ("I wrote a song for my mum's birthday", "good"), ("I baked a lemon cake this morning", "good"),
     ("my job interview went badly today", "bad"), ("I just finished a really sad novel", ""),
     ("we watched a scary film last night", ""), ("my roof is leaking again", "bad"),
     ("my dog ate my sandwich", "bad"), ("I want to build my own house one day", ""),
     ("I'd love to run a marathon someday", ""), ("I want to cry, I failed my exam", "bad"),
     ("I've been made captain of the darts team", "good"),
     ("I've been elected to the parish council", "good"), ("I think I really need a holiday", "bad"),
     ("I locked myself out of my flat this morning", "bad"), ("my landlord won't fix the boiler", "bad"),
     ("I've just been let go from the bakery", "bad"),
     ("I got a puncture on the way here", "bad"), ("I finally fixed my leaky tap myself", "good"),
     ("I mended my bike but then it broke down again", "bad"),
     ("I read a whole book in one sitting yesterday", "good"),
     ("I'm planning a surprise party and I'm terrible at keeping secrets", ""),
     ("I got a library fine for a book I swear I returned", "bad"),
     ("my partner and I are moving in together", "good"), ("we had a power cut all evening", "bad"),
     ("my aunt's old house is being sold", "bad"), ("the corner shop is closing down", ""),
     ("our old school is being knocked down", "bad"), ("I had a letter printed in the paper", "good"),
     ("I heard a song on the radio this morning", ""), ("my daughter was on the radio today", "good"),
     ("my daughter made a kite out of bin bags", "good"), ("I made a lasagne for the exam", ""),
     ("my son made me late again", ""), ("I've had a headache since lunch", "bad"),
     ("our pub quiz team came last again", "bad"), ("my heating bill has doubled", "bad"),
     ("I found a lovely coat in a charity shop", "good"), ("I feel like nobody takes me seriously", "bad")],
)  # fmt: skip
def test_news_is_told_apart_from_facts_and_questions(line: str, kind: str) -> None:
    assert news_of(line) == kind


def test_good_and_bad_news_get_a_matching_face_and_words(session: MindSession) -> None:
    good = session.say("Ada, I got a promotion today!")
    bad = session.say("Bo, I lost my job")
    assert good is not None and good.reply.emotion == "happy" and "promotion" in good.reply.text.lower()
    assert bad is not None and bad.reply.emotion == "sad" and "sorry" in bad.reply.text


def test_a_good_mood_is_asked_about_and_not_congratulated(session: MindSession) -> None:
    exchange = session.say("Cleo, I had a really good day today")
    assert exchange is not None and "Congratulations" not in exchange.reply.text
    assert "good mood" in exchange.reply.text and exchange.reply.emotion == "happy"


def test_nerves_before_something_to_come_get_courage_and_the_next_line_keeps_it(session: MindSession) -> None:
    nervous = session.say("Bo, I'm nervous about my driving test")
    then = session.say("it's on Friday")
    assert nervous is not None and "sorry" not in nervous.reply.text and "matters" in nervous.reply.text
    assert then is not None and "your driving test" in then.reply.text and "sorry" not in then.reply.text


def test_needing_a_rest_is_met_kindly_and_the_next_line_is_not_more_bad_news(session: MindSession) -> None:
    weary = session.say("Ada, I think I could really do with a break")
    then = session.say("somewhere by the sea, maybe")
    assert weary is not None and "Congratulations" not in weary.reply.text and "earned" in weary.reply.text
    assert then is not None and "sorry" not in then.reply.text.lower()


def test_worry_about_someone_unwell_is_still_met_as_bad_news(session: MindSession) -> None:
    exchange = session.say("Ada, I'm worried about my mum, she's ill")
    assert exchange is not None and "sorry" in exchange.reply.text and exchange.reply.emotion == "sad"


@pytest.mark.parametrize(
    ("line", "back"),
    [("Bo, guess what, I passed my exam!", "You passed your exam? "),
     ("Ada, my sister had a baby girl.", "Your sister had a baby girl? "),
     ("Cleo, I've had a rough week", "You've had a rough week? ")],
)  # fmt: skip
def test_short_news_is_said_back_so_the_reply_is_about_it(session: MindSession, line: str, back: str) -> None:
    exchange = session.say(line)
    assert exchange is not None and exchange.reply.text.startswith(back)


def test_long_news_is_said_back_up_to_where_its_first_clause_ends(session: MindSession) -> None:
    exchange = session.say(
        "Cleo, my brother has been asked to play the organ at the cathedral on Easter Sunday"
    )
    back = "Your brother has been asked to play the organ? "
    assert exchange is not None and exchange.reply.text.startswith(back), exchange.reply


def test_long_news_is_not_said_back_word_for_word(session: MindSession) -> None:
    line = "Ada, I passed the exam I have been studying for since last spring with my friends"
    exchange = session.say(line)
    assert exchange is not None and exchange.reply.text.startswith("That's wonderful news!")


def test_an_opinion_about_something_in_the_room_is_about_that_thing(session: MindSession) -> None:
    lamp = session.say("Cleo, do you like the lamp?")
    ada = session.say("Cleo, do you like Ada?")
    assert lamp is not None and lamp.reply.text.startswith("The lamp?") and "cello" not in lamp.reply.text
    assert ada is not None and ada.reply.text.startswith("Ada?")


def test_the_characters_tell_the_time_of_the_sessions_clock(session: MindSession) -> None:
    """The open-talk bench pins the clock so a judged reply does not change with the hour."""
    session.wall_clock = lambda: _at(15, 21)
    try:
        exchange = session.say("Ada, what time is it?")
        assert exchange is not None and "twenty past three in the afternoon" in exchange.reply.text
    finally:
        session.wall_clock = time.localtime


def test_how_the_user_is_is_not_a_question_about_how_the_npc_is(session: MindSession) -> None:
    exchange = session.say("Ada, nothing's going right for me this week.")
    assert exchange is not None and exchange.reply.intent == "news"
    assert "sorry" in exchange.reply.text.lower(), exchange.reply


def test_news_about_someone_doing_something_is_kept_in_mind_by_who(session: MindSession) -> None:
    session.say("Bo, my brother's getting married!")
    after = session.say("I'll have to buy a suit")
    assert after is not None and after.reply.text.rstrip(".!").endswith("your brother"), after.reply


def test_the_line_after_good_news_keeps_the_news_in_mind(session: MindSession) -> None:
    session.say("Bo, I got a new job!")
    after = session.say("I start on Friday.")
    assert after is not None and "your new job" in after.reply.text, after.reply


@pytest.mark.parametrize(
    "snag",
    [
        "it's rather old though",
        "but it rained all week",
        "the dog chewed it",
        "the bonnet came out like a brick",
    ],
)
def test_the_catch_in_good_news_is_met_as_a_catch(session: MindSession, snag: str) -> None:
    session.say("Ada, I bought my first car!")
    after = session.say(snag)
    assert after is not None and "snag" in after.reply.text and "your car" in after.reply.text, after.reply


@pytest.mark.parametrize(
    ("started", "snag", "news"),
    [("Bo, I've started running in the mornings", "my knees hate me for it", "your running"),
     ("Cleo, I've started learning the piano", "my fingers keep getting tangled", "your piano")],
)  # fmt: skip
def test_the_catch_in_a_new_activity_is_met_as_a_catch(
    session: MindSession, started: str, snag: str, news: str
) -> None:
    session.say(started)
    after = session.say(snag)
    assert after is not None and after.reply.layer == "fallback" and news in after.reply.text, after.reply


@pytest.mark.parametrize(
    ("when", "said"), [("I start in March", "March!"), ("they want me from next week", "Next week!")]
)
def test_when_the_good_news_comes_is_met_as_something_to_wait_for(
    session: MindSession, when: str, said: str
) -> None:
    session.say("Bo, I got a new job!")
    after = session.say(when)
    assert after is not None and after.reply.text.startswith(said), after.reply
    assert "Not long to wait" in after.reply.text and "your new job" in after.reply.text, after.reply


def test_a_date_without_good_news_before_it_is_no_wait(session: MindSession) -> None:
    session.say("Bo, my cat is ill.")
    after = session.say("the vet can see her on Monday")
    assert after is not None and "Not long to wait" not in after.reply.text, after.reply


@pytest.mark.parametrize(
    "lost", ["what do I do now?", "I just don't know what to do", "what now?", "where do I go from here?"]
)
def test_at_a_loss_after_bad_news_gets_a_steadying_word(session: MindSession, lost: str) -> None:
    session.say("Bo, my flat got flooded.")
    after = session.say(lost)
    assert after is not None and "let it sink in" in after.reply.text, after.reply  # not "I'd sleep on it"


def test_what_to_do_without_bad_news_before_it_is_no_comfort(session: MindSession) -> None:
    session.say("Bo, I might buy a van.")
    after = session.say("what should I do?")
    assert after is not None and "let it sink in" not in after.reply.text, after.reply


@pytest.mark.parametrize("line", ["I'm terrified of the dentist tomorrow", "I'm dreading Monday"])
def test_dread_is_low_news(session: MindSession, line: str) -> None:
    reply = session.say(f"Ada, {line}.")
    assert reply is not None and reply.reply.emotion != "happy", reply.reply
    assert "sorry" in reply.reply.text.lower() or "nerves" in reply.reply.text, reply.reply


@pytest.mark.parametrize("line", ["I think I'm in love", "I met someone at the library"])
def test_love_is_good_news(session: MindSession, line: str) -> None:
    reply = session.say(f"Bo, {line}!")
    assert reply is not None and "wonderful" in reply.reply.text.lower(), reply.reply


@pytest.mark.parametrize("line", ["I feel like no one cares what I think", "I always get left out at school"])
def test_feeling_unheard_or_left_out_is_low_news(session: MindSession, line: str) -> None:
    reply = session.say(f"Cleo, {line}")
    assert reply is not None and "sorry" in reply.reply.text.lower(), reply.reply


def test_more_bad_news_after_bad_news_is_taken_in_not_met_with_the_same_words(session: MindSession) -> None:
    first = session.say("Bo, my van broke down this morning.")
    after = session.say("and then my phone got stolen")
    assert first is not None and after is not None
    assert after.reply.text != first.reply.text and "Do you want to talk about it" not in after.reply.text
    assert after.reply.text.startswith("Your phone"), after.reply


def test_good_news_after_good_news_still_gets_its_own_congratulations(session: MindSession) -> None:
    session.say("Ada, I passed my driving test!")
    after = session.say("and my sister got engaged!")
    assert after is not None and after.reply.text.startswith("Your sister got engaged?"), after.reply


def test_a_statement_after_the_users_news_goes_on_with_the_news(session: MindSession) -> None:
    session.say("Cleo, my grandad died last week.")
    after = session.say("he used to sing to me")
    assert after is not None and "sorry" in after.reply.text.lower(), after.reply  # not a topic of Cleo's


@pytest.mark.parametrize(
    ("line", "back"),
    [("Bo, my flatmate never washes up", "Your flatmate never washes up? "),
     ("Ada, my neighbour's dog barks all night", "Your neighbour's dog barks all night? "),
     ("Bo, my milk always goes off before I finish it", "Your milk always goes off before you finish it? "),
     ("Ada, I can never parallel park", "You can never parallel park? "),
     ("Bo, my daughter says my cooking is boring", "Your daughter says your cooking is boring? "),
     ("Cleo, I can't stop checking my phone", "You can't stop checking your phone? "),
     ("Cleo, my neighbour practises the trumpet every evening",
      "Your neighbour practises the trumpet every evening? ")],
)  # fmt: skip
def test_a_nuisance_is_said_back_and_met_as_a_trouble_not_asked_back(
    session: MindSession, line: str, back: str
) -> None:
    exchange = session.say(line)
    assert exchange is not None and exchange.reply.text.startswith(back), exchange.reply
    assert "tried" in exchange.reply.text and "Congratulations" not in exchange.reply.text


def test_what_to_do_about_a_nuisance_gets_the_personas_way_with_it_not_comfort(session: MindSession) -> None:
    session.say("Bo, my neighbour keeps parking across my drive")
    after = session.say("what would you do?")
    assert after is not None and "quiet word" in after.reply.text and "sink in" not in after.reply.text


@pytest.mark.parametrize(
    "line",
    [
        "Bo, my dad keeps chickens",
        "Ada, my son doesn't mind",
        "Cleo, we keep talking about moving",
        "Bo, my sister plays tennis every morning",  # a habit, not a noise next door
    ],
)
def test_a_plain_fact_with_a_never_or_keeps_is_no_nuisance(session: MindSession, line: str) -> None:
    exchange = session.say(line)
    assert exchange is not None and "wear anyone down" not in exchange.reply.text, exchange.reply


def test_a_persona_reply_to_the_nuisance_comes_before_the_plain_reading(session: MindSession) -> None:
    exchange = session.say("Ada, my flat has no natural light at all")
    assert exchange is not None and "mirror" in exchange.reply.text, exchange.reply


def test_a_dent_someone_left_is_bad_news(session: MindSession) -> None:
    exchange = session.say("Ada, someone dented my car in the car park")
    assert exchange is not None and "sorry" in exchange.reply.text and exchange.reply.emotion == "sad"


@pytest.mark.parametrize("ask", ["should I say something?", "what would you say to her?"])
def test_whether_to_speak_up_about_a_nuisance_gets_the_personas_way_with_it(
    session: MindSession, ask: str
) -> None:
    session.say("Cleo, my flatmate never washes up")
    after = session.say(ask)
    assert after is not None and "gently, once" in after.reply.text, after.reply


def test_whether_to_speak_up_with_no_nuisance_before_is_no_such_advice(session: MindSession) -> None:
    session.say("Cleo, I'm reading a lovely book")
    after = session.say("should I tell my friend about it?")
    assert after is not None and "gently, once" not in after.reply.text, after.reply


def test_what_to_do_about_a_thing_that_keeps_going_wrong_is_not_how_to_raise_it(session: MindSession) -> None:
    told = session.say("Cleo, my phone keeps dying halfway through the day")
    after = session.say("what should I do?")
    assert told is not None and told.reply.text.startswith("Your phone keeps dying halfway through the day? ")
    assert after is not None and "gently, once" not in after.reply.text, after.reply


def test_how_to_make_it_right_after_a_wrong_gets_a_way_to_say_sorry(session: MindSession) -> None:
    session.say("Ada, I think I upset my sister yesterday")
    after = session.say("how do I make it right?")
    lines = session.context("Ada").persona.lines["make_amends"]
    assert after is not None and after.reply.text in lines, after.reply  # was advice on "it right"


def test_how_to_make_it_right_after_being_wronged_is_no_apology(session: MindSession) -> None:
    session.say("Ada, I think my boss upset me")
    after = session.say("how do I make it right?")
    lines = session.context("Ada").persona.lines["make_amends"]
    assert after is not None and after.reply.text not in lines, after.reply


def test_a_new_doing_of_several_words_is_news_to_remember(session: MindSession) -> None:
    told = session.say("Bo, I've started volunteering at the food bank")
    assert told is not None and told.reply.text.startswith("You've started volunteering"), told.reply


def test_not_being_able_to_stop_smiling_is_no_trouble(session: MindSession) -> None:
    told = session.say("Cleo, I can't stop smiling today")
    assert told is not None and "tried" not in told.reply.text, told.reply


def test_a_headache_is_bad_news_and_whether_to_rest_gets_a_yes(session: MindSession) -> None:
    told = session.say("Ada, I've had a headache since lunch")
    after = session.say("should I lie down for a bit?")
    lines = session.context("Ada").persona.lines["rest_up"]
    assert told is not None and told.reply.text.startswith("You've had a headache since lunch? "), told.reply
    assert after is not None and after.reply.text in lines, after.reply  # was "What's yours?"


def test_whether_to_rest_after_good_news_is_no_rest_up(session: MindSession) -> None:
    session.say("Ada, I got the job!")
    after = session.say("should I take the day off?")
    lines = session.context("Ada").persona.lines["rest_up"]
    assert after is not None and after.reply.text not in lines, after.reply


def test_a_fact_guessed_with_nothing_to_keep_promises_no_remembering(session: MindSession) -> None:
    session.say("Cleo, I've been feeling a bit homesick lately")
    after = session.say("for my mum's cooking mostly")
    lines = session.context("Cleo").persona.lines["remember"]
    assert after is not None and not any(line in after.reply.text for line in lines), after.reply


def test_a_fact_the_user_tells_is_still_promised_and_kept(session: MindSession) -> None:
    told = session.say("Bo, I enjoy cooking")
    lines = session.context("Bo").persona.lines["remember"]
    assert told is not None and any(line in told.reply.text for line in lines), told.reply


def test_not_being_taken_seriously_is_bad_news(session: MindSession) -> None:
    told = session.say("Ada, I feel like nobody takes me seriously at work")
    assert told is not None and "sorry" in told.reply.text, told.reply
