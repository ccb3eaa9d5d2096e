"""Fixtures for the mind tests: one real brain per test session, data in a temporary folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.mind.brain import EmbeddingBrain
from game.mind.memory import MemoryStore
from game.mind.session import MindSession
from game.sim.scene import Scene, load_scene


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test writes memories and caches under its own tmp dir, never the user's."""
    monkeypatch.setenv("VOXROOM_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture(scope="session")
def brain(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddingBrain]:
    """The real default brain (real ONNX model, real corpus), built once; cache in a tmp dir."""
    old = os.environ.get("VOXROOM_DATA_DIR")
    os.environ["VOXROOM_DATA_DIR"] = str(tmp_path_factory.mktemp("brain-data"))
    try:
        yield EmbeddingBrain(seed=7)
    finally:
        if old is None:
            os.environ.pop("VOXROOM_DATA_DIR", None)
        else:
            os.environ["VOXROOM_DATA_DIR"] = old


@pytest.fixture(scope="session")
def scene() -> Scene:
    """The default lounge."""
    return load_scene("default")


@pytest.fixture
def session(scene: Scene, brain: EmbeddingBrain, tmp_path: Path) -> MindSession:
    """A fresh conversation with the default room and an empty memory store.

    The brain's random choices restart too: shared by the whole test session, they used to carry
    over from the tests before, so a test could pass or fail with the order it ran in.
    """
    brain.rng.seed(7)
    return MindSession(scene, brain, MemoryStore(tmp_path / "memory"))


@pytest.fixture(scope="module")
def talk(brain: EmbeddingBrain, tmp_path_factory: pytest.TempPathFactory) -> MindSession:
    """One conversation for a whole test module, memory off: lines said earlier stay in its focus."""
    store = MemoryStore(Path(tmp_path_factory.mktemp("memory")))
    brain.rng.seed(7)
    return MindSession(load_scene("default"), brain, store, remember=False)
