"""Who answers, and about what: 44 phrasings of calling an NPC, plus "is there a … in here?"."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.mind.brain import EmbeddingBrain
from game.mind.memory import MemoryStore
from game.mind.session import MindSession
from game.sim.scene import load_scene

CALLED = [
    ("excuse me Cleo, where is the lamp?", "Cleo"), ("hi there Cleo, what is on the table?", "Cleo"),
    ("Cleo, where is Ada?", "Cleo"), ("hey Bo, how are you?", "Bo"), ("Bo, what's your name?", "Bo"),
    ("what's your name, Ada?", "Ada"), ("so Ada, what do you do?", "Ada"),
    ("okay Bo where is the sofa", "Bo"),
    ("um Cleo, tell me a joke", "Cleo"), ("good morning Ada", "Ada"), ("Ada please wave", "Ada"),
    ("could you wave, Bo?", "Bo"), ("Cleo can you nod", "Cleo"), ("thanks Bo", "Bo"), ("bye Cleo", "Cleo"),
    ("Ada, where is Bo?", "Ada"), ("Bo, what is Cleo doing?", "Bo"), ("where is Cleo, Ada?", "Ada"),
    ("hello Cleo how are you today", "Cleo"), ("hey there Bo", "Bo"), ("pardon me Ada, who are you?", "Ada"),
    ("sorry Bo, what was that?", "Bo"), ("well Cleo, what do you like?", "Cleo"), ("oh hi Ada", "Ada"),
    ("good evening Bo", "Bo"), ("uh Cleo where is the plant", "Cleo"), ("Ada, look at Bo", "Ada"),
    ("Bo, point at the window", "Bo"), ("Cleo, follow me", "Cleo"), ("Ada, sit down please", "Ada"),
    ("right Bo, what's on the shelf?", "Bo"), ("now Cleo, where's the door?", "Cleo"),
    ("hello Ada, what is your name?", "Ada"), ("ok Cleo, are you a person?", "Cleo"),
    ("and Bo, what do you think?", "Bo"), ("please Ada, tell me about yourself", "Ada"),
    ("yo Bo", "Bo"), ("hi Cleo, nice to meet you", "Cleo"), ("Ada, what colour is the sofa?", "Ada"),
    ("where is the chair, Bo?", "Bo"), ("excuse me Ada", "Ada"), ("Bo? where is the lamp", "Bo"),
    ("Cleo! where is the red box?", "Cleo"), ("hey Ada, is there a lamp in here?", "Ada"),
]  # fmt: skip


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> MindSession:
    store = MemoryStore(Path(tmp_path_factory.mktemp("memory")))
    return MindSession(load_scene("default"), EmbeddingBrain(seed=1), store, remember=False)


def test_the_table_holds_at_least_forty_phrasings() -> None:
    assert len(CALLED) >= 40


@pytest.mark.parametrize(("text", "npc"), CALLED)
def test_the_npc_named_answers(session: MindSession, text: str, npc: str) -> None:
    exchange = session.say(text)
    assert exchange is not None and exchange.npc == npc, exchange.reason if exchange else "nobody"


def test_excuse_me_asks_for_attention_and_the_question_is_about_the_lamp(session: MindSession) -> None:
    exchange = session.say("excuse me Cleo, where is the lamp?")
    assert exchange is not None and "lamp" in exchange.reply.text.lower()
    assert "right here" not in exchange.reply.text


def test_in_x_where_is_y_x_answers_about_y(session: MindSession) -> None:
    # An aside ("Let me look.") may come first, by chance.
    exchange = session.say("Cleo, where is Ada?")
    assert exchange is not None and exchange.npc == "Cleo" and "Ada is" in exchange.reply.text


def test_is_there_a_thing_in_here_is_answered_from_the_room(session: MindSession) -> None:
    yes = session.say("is there a lamp in here?", "Bo")
    no = session.say("is there a piano in here?", "Bo")
    assert yes is not None and yes.reply.text.startswith("Yes.") and "lamp" in yes.reply.text
    assert no is not None and no.reply.text == "No, there's no piano here."


def test_is_the_lamp_on_asks_whether_it_is_lit_not_what_rests_on_it(session: MindSession) -> None:
    on = session.say("is the lamp on?", "Bo")
    off = session.say("is the lamp off?", "Bo")
    table = session.say("is the table on?", "Bo")
    assert on is not None and on.reply.text.endswith("Yes, the lamp is on. It's lit the whole time.")
    assert off is not None and off.reply.text.endswith("No, it's on. It's lit the whole time.")
    assert table is not None and "nothing on it to switch on" in table.reply.text
    resting = session.say("what's on the table?", "Bo")
    assert resting is not None and "switch" not in resting.reply.text


def test_an_edit_asked_of_someone_who_cannot_is_handed_over_and_done(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path)
    session = MindSession(load_scene("default"), EmbeddingBrain(seed=1), store, remember=False)
    before = session.world.scene.room.walls.colour
    bo = session.say("Bo, make the walls green")
    assert bo is not None and bo.npc == "Bo" and "Ada" in bo.reply.text  # he says whose job it is
    assert bo.handed_to is not None and bo.handed_to.npc == "Ada"
    assert bo.handed_to.applied == ["recoloured walls green"]
    assert session.world.scene.room.walls.colour != before
    asked = session.say("Ada, make the walls blue")
    assert asked is not None and asked.handed_to is None, "nothing to hand over when the right one is asked"
