"""What ``voxroom simulate`` prints for each turn."""

from __future__ import annotations

from game.commands.simulate import turn_line


def test_an_answered_turn_shows_the_latency_from_the_true_end_of_speech() -> None:
    turn = {"heard": "hello ada", "npc": "Ada", "reply": "Hello.", "stages_ms": {"to_first_audio": 90.0}}
    assert (
        turn_line(turn | {"true_end_to_first_audio_ms": 312.5})
        == "you: 'hello ada' → Ada: 'Hello.' (312.5 ms)"
    )
    assert turn_line(turn).endswith("(90.0 ms)"), "a typed line: from when it came"


def test_an_early_guess_taken_back_is_said_to_be_one() -> None:
    turn = {"heard": "ada how", "npc": "Ada", "reply": "", "stages_ms": {}, "corrected": True}
    assert turn_line(turn) == "  (early guess 'ada how' for Ada, taken back)"


def test_a_turn_without_audio_prints_no_latency() -> None:
    turn = {"heard": "hi", "npc": "Bo", "reply": "Hi!", "stages_ms": {}}
    assert turn_line(turn) == "you: 'hi' → Bo: 'Hi!'"
