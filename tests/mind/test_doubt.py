"""Act only on what was heard with confidence: doubtful key words are confirmed, nonsense does nothing."""

from __future__ import annotations

from game.mind.session import MindSession


def _props(session: MindSession) -> list[str]:
    return sorted(p.name for p in session.world.props)


def test_a_command_resting_on_a_doubtful_word_is_confirmed_not_done(session: MindSession) -> None:
    before = _props(session)
    exchange = session.say("ada add a plant by the window", doubtful=frozenset({"plant"}))
    assert exchange is not None and exchange.npc == "Ada"
    assert not exchange.reply.actions and _props(session) == before
    assert "did i hear that right" in exchange.reply.text.lower() and "plant" in exchange.reply.text.lower()
    assert any("plant" in e for e in exchange.reply.evidence)
    yes = session.say("yes", "Ada")
    assert yes is not None and yes.reply.actions and _props(session) != before  # confirmed: now it is done


def test_doubt_about_glue_words_alone_does_not_stop_a_command(session: MindSession) -> None:
    exchange = session.say("ada walk to the window", doubtful=frozenset({"to", "the"}))
    assert exchange is not None and exchange.reply.intent == "walk_to" and exchange.reply.actions


def test_mostly_doubtful_words_never_act(session: MindSession) -> None:
    before = _props(session)
    exchange = session.say("bo walk artificial window", doubtful=frozenset({"walk", "artificial", "window"}))
    assert exchange is not None and exchange.reply.intent == "unclear"
    assert not exchange.reply.actions and _props(session) == before


def test_questions_need_no_confirmation_even_when_doubtful(session: MindSession) -> None:
    exchange = session.say("ada where is the lamp", doubtful=frozenset({"lamp"}))
    assert exchange is not None and exchange.reply.intent == "where_is"
