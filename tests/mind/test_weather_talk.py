"""A remark on the weather is taken up in the character's voice; a question about it is not a remark."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.mind.brain import EmbeddingBrain
from game.mind.memory import MemoryStore
from game.mind.session import MindSession
from game.mind.weather_talk import kind
from game.sim.scene import load_scene


@pytest.mark.parametrize(
    ("line", "said"),
    [("Bo, lovely weather for ducks today", "weather_wet"),
     ("it's pouring out there", "weather_wet"),
     ("gorgeous day, isn't it?", "weather_fine"),
     ("what a miserable day", "weather_cold"),
     ("bit chilly out this morning", "weather_cold"),
     ("is it raining?", ""),
     ("what's the weather like?", ""),
     ("it's cold in here", ""),
     ("I had a lovely day", ""),
     ("my soup is cold today", ""),
     ("Ada, the leaves are turning already", "weather_autumn"),
     ("the nights are drawing in", "weather_autumn"),
     ("Cleo, the stars are really bright tonight", "weather_sky"),
     ("what a sunset", "weather_sky"),
     ("do you like the stars?", ""),
     ("Bo, the moon is odd", ""),
     ("I love autumn", "")],
)  # fmt: skip
def test_a_weather_remark_is_told_by_its_shape(line: str, said: str) -> None:
    assert kind(line) == said


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> MindSession:
    store = MemoryStore(Path(tmp_path_factory.mktemp("memory")))
    return MindSession(load_scene("default"), EmbeddingBrain(seed=1), store, remember=False)


def test_a_fine_day_is_agreed_with_not_thanked_for_as_a_compliment(session: MindSession) -> None:
    exchange = session.say("Ada, gorgeous day today")
    assert exchange is not None and exchange.reply.intent == "chat"
    assert exchange.reply.text in session.personas["Ada"].lines["weather_fine"]
    assert not exchange.applied
