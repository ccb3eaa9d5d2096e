"""The ask-back fallback echoes a thing the user talked about, never a verb, a quality or glue.

"How big was it?" once got "Big? Tell me more."; "what helps?" got "Helps... I'm still turning
that over." Quoting a word that is not a thing reads as a mistake, so when the line names no
thing the NPC asks back in character without quoting (``ask_back_open_question`` for a
question, ``ask_back_open`` otherwise). Lines here were written for this file.
"""

from __future__ import annotations

import pytest

from game.mind.ask_back import phrase_of
from game.mind.echo_words import can_head, word_class
from game.mind.open_talk import asks_the_npc
from game.mind.persona import load_persona
from game.mind.session import MindSession


@pytest.mark.parametrize(
    ("line", "phrase"),
    [
        ("how big was it?", ""),
        ("what helps?", ""),
        ("who won?", ""),
        ("what inspires you?", ""),
        ("how old were you?", ""),
        ("that sounds lovely", ""),
        ("I feel terrible", ""),
        ("is it expensive?", ""),
        ("which one is better?", ""),
        ("do you think it will work out?", ""),
        ("when did that start?", ""),
        ("honestly I dont know", ""),
        ("would you rather fly or be invisible?", ""),
        ("see you tomorrow", ""),
        ("my cat keeps scratching the curtains", "your cat"),
        ("I finally finished reading War and Peace", "War and Peace"),
        ("should I quit smoking?", "smoking"),
        ("is the red box pretty?", "the red box"),
        ("have you heard of the Higgs boson?", "the Higgs boson"),
        ("I love knitting", "knitting"),
        ("do you like the light in here?", "the light"),
        ("I miss my mum's cooking", "your mum's cooking"),  # a doing word ending the line is a thing
        ("my sister's getting married", "your sister"),
        ("my body clock's all over the place", "your body clock"),
        ("my landlord's finally fixing the boiler", "your landlord"),  # not "your landlord's"
        ("I live in a flat above a chip shop", "a chip shop"),  # not "a flat above"
    ],
)
def test_only_a_thing_the_user_named_is_echoed(line: str, phrase: str) -> None:
    assert phrase_of(line) == phrase


@pytest.mark.parametrize(
    ("word", "before", "kind"),
    [
        ("helps", "what", "verb"),
        ("inspired", "", "verb"),
        ("big", "how", "adjective"),
        ("delicious", "", "adjective"),
        ("honestly", "", "adverb"),
        ("hmm", "", "interjection"),
        ("tomorrow", "", "time"),
        ("work", "will", "verb"),
        ("work", "how's", "noun"),
        ("learning", "i'm", "verb"),
        ("knitting", "love", "noun"),
        ("family", "", "noun"),
        ("painting", "a", "noun"),
    ],
)
def test_words_are_classed_by_lexicon_spelling_and_the_word_before(word: str, before: str, kind: str) -> None:
    assert word_class(word, before) == kind


def test_a_quality_after_a_determiner_can_be_a_thing() -> None:
    assert can_head("light", "the") and not can_head("light", "so")
    assert not can_head("best", "the")


@pytest.mark.parametrize(
    ("npc", "line", "kind"),
    [
        ("Bo", "Bo, how big was it?", "ask_back_open_question"),
        ("Cleo", "Cleo, what helps?", "ask_back_open_question"),
        ("Bo", "Bo, who won?", "ask_back_open_question"),
        ("Cleo", "Cleo, I went for it", "ask_back_open"),  # ("that sounds lovely" is a reaction now)
    ],
)
def test_with_nothing_to_echo_the_npc_asks_back_in_character_without_quoting(
    talk: MindSession, npc: str, line: str, kind: str
) -> None:
    exchange = talk.say(line)
    assert exchange is not None and exchange.npc == npc
    reply = exchange.reply
    assert reply.layer == "fallback", reply.evidence
    assert reply.text in load_persona(npc.lower()).lines[kind], reply.text
    first = reply.text.split()[0].strip("?.,").lower()
    assert first not in {"big", "helps", "won", "lovely"}


def test_a_thing_the_user_named_is_echoed_in_the_personas_own_ask_back(talk: MindSession) -> None:
    reply = talk.say("Bo, my cat sleeps on the curtains").reply  # type: ignore[union-attr]
    assert reply.layer == "fallback" and reply.text.startswith("Your cat")
    assert any(reply.text == line.format(thing="Your cat") for line in load_persona("bo").lines["ask_back"])


@pytest.mark.parametrize(
    ("line", "asks"),
    [
        ("what's your take on this lounge?", True),
        ("would you ever move abroad?", True),
        ("how many legs does a spider have?", False),
        ("what do you think of my haircut?", False),
        ("my sister is visiting", False),
    ],
)
def test_a_question_about_the_npc_itself_is_told_apart(line: str, asks: bool) -> None:
    assert asks_the_npc(line) is asks


def test_a_question_about_the_npc_takes_its_nearest_topic_rather_than_a_dodge(talk: MindSession) -> None:
    reply = talk.say("Ada, what's your take on this lounge?").reply  # type: ignore[union-attr]
    assert reply.layer == "topic" and any("a question to Ada" in e for e in reply.evidence), reply.evidence
    spider = talk.say("Ada, how many legs does a spider have?").reply  # type: ignore[union-attr]
    assert spider.layer == "fallback"  # nobody's own life: asked back


def test_what_a_detail_of_good_news_is_like_is_taken_up(talk: MindSession) -> None:
    talk.say("Bo, my daughter just bought her first car")
    after = talk.say("it's bright orange")
    assert after is not None and after.reply.text.startswith("Bright orange! Good on you"), after.reply


def test_a_detail_that_names_no_quality_is_no_such_echo(talk: MindSession) -> None:
    talk.say("Bo, my daughter just bought her first car")
    after = talk.say("she's called Luna")
    assert after is not None and not after.reply.text.startswith("Called"), after.reply
