"""A topic reply that names the questions it answers is found by them, and only by them."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.mind.either_or import reason
from game.mind.persona import PersonaError, load_persona
from game.mind.session import MindSession
from tests.support.talk import reply_to

LINES = '[lines]\ngreet = ["a"]\nfarewell = ["b"]\nunknown = ["c"]\n'
HEAD = '[persona]\nname = "X"\nrole = "r"\n' + LINES


def test_a_reply_worded_far_from_its_question_is_found_by_it(session: MindSession) -> None:
    reply_to(session, "Ada, I'm thinking of building a treehouse for my kids")
    assert "larch" in reply_to(session, "what wood should I use?").text  # not the house-plant tip
    assert "chippy" in reply_to(session, "Bo, how do I make friends in a new town?").text


def test_a_reply_that_answers_the_line_beats_the_general_rules(session: MindSession) -> None:
    """Not passed over for being about the user, nor taken for "how do you cope?"."""
    kids = reply_to(session, "Cleo, how do I get my kids to read more?")
    assert kids.text.startswith("To get children reading"), kids.evidence
    seasick = reply_to(session, "Bo, how do I get over seasickness?")
    assert seasick.text.startswith("Seasick?"), seasick.evidence
    old_house = reply_to(session, "Ada, is it worth buying an old house?")  # not her way of deciding
    assert "roof" in old_house.text, old_house.evidence


def test_a_line_only_near_the_question_is_left_to_the_topic(session: MindSession) -> None:
    spot = reply_to(session, "Cleo, what's your favourite spot in Lisbon?").text
    assert "When I was little" not in spot
    young = reply_to(session, "Cleo, what was Lisbon like when you were growing up?")
    assert young.text.startswith("When I was little"), young.evidence


def test_the_questions_are_read_with_the_reply(tmp_path: Path) -> None:
    say = '{ say = "Larch.", more = "It lasts.", ask = ["what wood should I use", "which timber"] }'
    (tmp_path / "x.toml").write_text(f'{HEAD}[topics.advice]\nsay = [{say}, "Measure twice."]\n')
    topic = next(t for t in load_persona("x", tmp_path).talk_topics if t.name == "advice")
    assert topic.answers == (("what wood should I use", "which timber"), ())
    assert "what wood should I use" not in topic.ask  # a reply's questions do not widen its topic


def test_a_misspelt_key_of_a_reply_is_named_with_the_allowed_ones(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text(f'{HEAD}[topics.advice]\nsay = [{{ say = "Larch.", asks = ["a"] }}]\n')
    with pytest.raises(PersonaError, match=r"topics\.advice\.say\[0\]\.asks: unknown key.*say, more, ask"):
        load_persona("x", tmp_path)


def test_what_we_should_do_first_asks_the_personas_tip_on_the_plan_before(session: MindSession) -> None:
    reply_to(session, "Cleo, I want to start a book club")
    tip = reply_to(session, "what should we read first?")
    assert "book club" in tip.text, tip.evidence


def test_the_reason_for_a_pick_echoes_no_other_question() -> None:
    ada = load_persona("ada")
    assert not reason(ada, "new ones").startswith("Mistake?")  # "… paid for a new one": no new building
    assert reason(ada, "old churches").startswith("Old churches?")


def test_the_reason_for_a_pick_says_the_thing_asked_about_and_the_pick_first() -> None:
    bo, cleo = load_persona("bo"), load_persona("cleo")
    assert "chip-shop" in reason(
        bo, "thick", "are chips better thick or thin?", "thin"
    )  # not Hull City "through thick and thin"
    by_hand = reason(cleo, "write by hand", "", "on a computer")
    assert by_hand and not by_hand.startswith("Computers")


def test_a_first_answers_no_question_of_now(session: MindSession) -> None:
    now = reply_to(session, "Ada, what are you designing at the moment?")
    assert "first building" not in now.text, now.evidence  # her first design is no work of now


def test_a_reply_that_answers_the_line_is_not_moved_by_an_opinions_angle(session: MindSession) -> None:
    reply = reply_to(session, "Cleo, what do you think about people who talk in libraries?")
    assert "phone calls" in reply.text, reply.evidence  # "people" had found a reply about podcasts


def test_a_question_asking_another_end_is_not_the_question_a_reply_answers(session: MindSession) -> None:
    worst = reply_to(session, "Bo, what's the worst thing you ever cooked?")
    fanciest = reply_to(session, "Bo, what's the fanciest thing you've ever cooked?")
    assert "Wellington" not in worst.text and "Wellington" in fanciest.text, (worst.text, fanciest.text)
