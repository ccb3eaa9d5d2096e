"""Start and quit as a user does: the loading screen comes first, and quitting takes under a second.

Each cycle is a fresh ``voxroom run`` process whose loop is ended by ``--frames`` (the
same path as Ctrl+Q or closing the window). Three cycles run here; ``voxroom bench
startup`` runs twenty and reports the start-up times (too slow for the normal suite).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.bench.startup import one_start
from game.desktop.loading import STAGES

QUIT_LIMIT_S = 1.0


@pytest.mark.slow
def test_three_starts_show_the_loading_screen_first_and_quit_within_a_second(tmp_path: Path) -> None:
    for _ in range(3):
        run = one_start(tmp_path, frames=5, timeout=60, extra_env={"SDL_AUDIODRIVER": "dummy"})
        assert run["exit_code"] == 0, run
        stamps = ["loading_screen", *STAGES, "interactive", "exit"]
        assert all(f"{stage}_s" in run for stage in stamps), run
        assert run["loading_screen_s"] == min(run[f"{s}_s"] for s in stamps), (
            f"the loading screen is first: {run}"
        )
        assert run["interactive_s"] > max(run[f"{s}_s"] for s in STAGES)
        assert run["quit_s"] <= QUIT_LIMIT_S, run


def test_the_loading_screen_names_every_stage() -> None:
    assert STAGES == ("scene", "voices", "recogniser", "brain")
