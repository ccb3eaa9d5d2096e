"""The user's own plan gets the question that plan raises ("what will you sell first?")."""

from __future__ import annotations

import pytest

from game.mind.session import MindSession
from game.mind.user_plans import planned
from tests.support.talk import reply_to


@pytest.mark.parametrize(
    ("line", "plan"),
    [
        ("I'm thinking of adopting a dog.", ("adopting a dog", "What kind are you thinking of?")),
        ("I'm planning to open a bakery", ("opening a bakery", "What will you sell first?")),
        ("I've decided to quit my job.", ("quitting your job", "What would you do instead?")),
        ("I want to learn the cello", ("learning the cello", "What got you interested?")),
        ("I'm thinking of taking up rowing", ("taking up rowing", "What draws you to it?")),
        ("I might start learning Welsh.", ("learning Welsh", "What got you interested?")),
        ("I'd like to join a book club", ("joining a book club", "What made you pick it?")),
        ("I may try climbing", ("trying climbing", "What made you want to try it?")),
        ("I'm going to try making jam", ("making jam", "What made you want to try it?")),
        ("I'm thinking of painting my shed blue", ("painting your shed blue", "What made you pick blue?")),
        ("yeah, I might look for a job", ("looking for a job", "What are you hoping to find?")),
        (
            "I'm trying to save up for a house",
            ("saving up for a house", "How long do you reckon it'll take?"),
        ),
        ("I'm trying to quit smoking", None),  # a habit to be rid of, not a plan
        ("I'm going to look at the stars", None),  # looking at, not looking for
        ("I might be late.", None),
        ("I'm going to bed.", None),  # no plan with a question of its own
        ("I'm thinking about my mum.", None),
        ("Are you thinking of adopting a dog?", None),  # the NPC's plan, not the user's
    ],
)
def test_a_plan_is_read_with_the_question_it_raises(line: str, plan: tuple[str, str] | None) -> None:
    assert planned(line) == plan


def test_the_npc_asks_what_the_plan_raises_in_its_own_voice(session: MindSession) -> None:
    reply = reply_to(session, "Bo, I'm thinking of opening a little bakery.")
    assert reply.text == "Opening a little bakery? Good on you, mate. What will you sell first?", (
        reply.evidence
    )
    assert reply.actions == () and reply.layer == "skill"


def test_a_plan_right_after_bad_news_is_a_plan_not_more_bad_news(session: MindSession) -> None:
    reply_to(session, "Bo, I'm so tired of my job")
    reply = reply_to(session, "yeah, I might look for something else", "Bo")
    assert reply.text.startswith("Looking for something else? Good on you"), reply.evidence  # "rotten luck"
