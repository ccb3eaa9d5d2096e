"""An NPC asked to sit says only what it will do: a seat with room, never a full one or a table."""

from __future__ import annotations

from game.mind.body import perform
from game.mind.persona import Persona
from game.mind.session import MindSession

EYE = (0.0, 1.6, 3.0)


def _say_and_act(session: MindSession, line: str) -> tuple[str, str, list[str]]:
    exchange = session.say(line)
    assert exchange is not None
    done = [perform(session.world, exchange.npc, action, EYE) for action in exchange.reply.actions]
    return exchange.npc, exchange.reply.text, done


def test_a_full_chair_is_turned_down_by_name_and_a_sofa_has_room(session: MindSession) -> None:
    assert _say_and_act(session, "Ada, sit on the chair.")[2] == ["Ada sits on the chair"]
    npc, text, done = _say_and_act(session, "Bo, sit on the chair.")
    assert npc == "Bo" and "Ada is on the chair" in text, text
    assert not any("sits" in d for d in done), done  # no promise, and no sitting on thin air beside her
    assert _say_and_act(session, "Ada, sit on the chair.")[1] == "I'm already on the chair."
    assert _say_and_act(session, "Bo, sit on the sofa.")[2] == ["Bo sits on the sofa"]


def test_nobody_sits_on_a_table(session: MindSession) -> None:
    npc, text, done = _say_and_act(session, "Cleo, sit on the table.")
    assert npc == "Cleo" and "not sitting on the table" in text and not any("sits" in d for d in done)


def test_who_sits_where_is_told_from_the_room(session: MindSession) -> None:
    _say_and_act(session, "Bo, sit on the sofa.")
    session.world.advance(15.0)
    assert _say_and_act(session, "Ada, where is Bo?")[1].endswith("Bo is sitting on the sofa, ahead of you.")
    assert _say_and_act(session, "Cleo, who is on the sofa?")[1].endswith("Bo is sitting on the sofa.")
    assert "sitting on the sofa" in _say_and_act(session, "Bo, where are you?")[1]


def test_stand_up_gets_a_sitting_npc_up_and_one_standing_says_so(session: MindSession) -> None:
    # "stand up" sat nearest "go to …" and "get up please" nearest "sit down"
    assert _say_and_act(session, "Bo, stand up.")[1:] == ("I'm already on my feet.", [])
    _say_and_act(session, "Bo, sit on the sofa.")
    session.world.advance(15.0)
    npc, _, done = _say_and_act(session, "Bo, get up please.")
    assert npc == "Bo" and done == ["Bo stands up"] and session.world.animator.get("Bo").base == "idle"
    _say_and_act(session, "Cleo, sit down.")  # wherever she sits, she can get up again
    assert _say_and_act(session, "Cleo, stand up.")[2] == ["Cleo stands up"]


def test_a_persona_that_may_sit_may_stand() -> None:
    assert Persona(id="p", name="P", actions_allowed=("sit",)).allows("stand")
    assert not Persona(id="p", name="P", actions_allowed=("wave",)).allows("stand")
