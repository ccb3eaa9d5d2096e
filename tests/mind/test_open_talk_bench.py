"""The open-talk benchmark: SSA rests only on labels of today's replies; the guards catch what they name."""

from __future__ import annotations

from pathlib import Path

from game.bench.open_talk import (
    Answered,
    Label,
    OpenLine,
    guards,
    label_sheet,
    load_labels,
    play,
    run_open_talk,
    ssa,
)
from game.mind.persona import load_persona


def _answered(text: str, reply: str, conv: str = "x1", index: int = 0, npc: str = "Ada", intent: str = "chat",
              actions: tuple[str, ...] = ()) -> Answered:  # fmt: skip
    return Answered(OpenLine("test", conv, npc, "t", text, index), reply, intent, "topic", actions)


def test_ssa_counts_a_changed_reply_as_unlabelled_not_right() -> None:
    answered = [_answered("hi", "Hello!", "a"), _answered("how are you?", "Fine, and you?", "b")]
    labels = {"a:0": Label("Hello!", True, True), "b:0": Label("An older reply.", True, True)}
    result = ssa(answered, labels)
    assert (result["labelled"], result["unlabelled"]) == (1, 1)
    assert result["ssa"] == 1.0


def test_ssa_is_the_mean_of_sensible_and_specific() -> None:
    answered = [_answered(str(i), f"r{i}", f"c{i}") for i in range(4)]
    labels = {
        "c0:0": Label("r0", True, True),
        "c1:0": Label("r1", True, False),
        "c2:0": Label("r2", False, True),  # not sensible: never counted as specific
        "c3:0": Label("r3", False, False),
    }
    assert ssa(answered, labels) == {
        "labelled": 4, "unlabelled": 0, "sensible": 0.5, "specific": 0.25, "ssa": 0.375,
    }  # fmt: skip


def test_guards_catch_generic_repeated_wrong_intent_human_and_ungrounded() -> None:
    ada = load_persona("ada")
    unknown = ada.lines["unknown"][0]
    answered = [
        _answered("tell me a story", unknown, "a"),
        _answered("what do you dream of?", "Of a library with round windows.", "b"),
        _answered("and you?", "Of a library with round windows.", "b", 1),
        _answered("are you happy?", "Do you want me to sit down? Say yes or no.", "c", intent="sit"),
        _answered("are you real?", "Of course, I'm a real person!", "d"),
        _answered("any tea?", "The cup by the window is mine.", "e"),
    ]
    found = guards(answered, {"Ada": ada}, frozenset({"window", "lamp"}))
    assert found["generic_rate"] == round(1 / 6, 3)
    assert found["repetition_rate"] == round(1 / 6, 3)
    assert found["wrong_intent_rate"] == round(1 / 6, 3)
    assert found["claims_human"] == 1
    assert found["grounding_violations"] == 1  # the cup; the window is in the room


def test_the_label_sheet_keeps_judgements_of_unchanged_replies(tmp_path: Path) -> None:
    sheet = tmp_path / "labels.tsv"
    first = [_answered("hi", "Hello!", "a"), _answered("bye", "Goodbye!", "b")]
    assert label_sheet(first, {"a:0": Label("Hello!", True, False)}, sheet) == 1
    text = sheet.read_text(encoding="utf-8").replace(
        "b:0\tAda\tbye\tGoodbye!\t\t", "b:0\tAda\tbye\tGoodbye!\t1\t1"
    )
    sheet.write_text(text, encoding="utf-8")
    second = [_answered("hi", "Hello there!", "a"), _answered("bye", "Goodbye!", "b")]
    assert label_sheet(second, {}, sheet) == 1  # "hi" changed: judged again; "bye" kept
    labels = load_labels(sheet)
    assert labels["b:0"] == Label("Goodbye!", True, True)
    assert "a:0" not in labels or labels["a:0"].reply == "Hello there!"


def test_the_label_sheet_keeps_the_other_halfs_rows(tmp_path: Path) -> None:
    sheet = tmp_path / "labels.tsv"
    label_sheet([_answered("hi", "Hello!", "t1")], {"t1:0": Label("Hello!", True, False)}, sheet)
    label_sheet([_answered("yo", "Hey!", "d1")], {}, sheet)  # the dev half, played later
    labels = load_labels(sheet)
    assert labels["t1:0"] == Label("Hello!", True, False)
    assert "d1:0" in sheet.read_text(encoding="utf-8")


def test_the_benchmark_plays_the_dev_half_through_the_chat_composition(brain, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    results = run_open_talk(brain, "dev", tmp_path / "sheet.tsv")
    assert results["lines"] == results["guards"]["replies"] >= 150
    assert results["to_label"] == results["unlabelled"]
    assert sum(results["by_layer"].values()) == results["lines"]
    assert results["guards"]["claims_human"] == 0


def test_a_conversation_opens_afresh_whatever_came_before(brain) -> None:  # type: ignore[no-untyped-def]
    before = OpenLine("dev", "a1", "Cleo", "user_news", "Cleo, I've started learning Portuguese", 0)
    asked = OpenLine("dev", "b1", "Cleo", "npcs", "Cleo, who do you trust most?", 0)
    after_news = play([before, asked], brain)[1]
    alone = play([asked], brain)[0]
    assert after_news.reply == alone.reply
