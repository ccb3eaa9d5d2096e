"""``voxroom chat`` shows a reaction while the mind works and reports how fast it came.

Typed at a terminal, the line "Ada is thinking…" appears on stderr once Ada is chosen and
before her mind answers, and is erased before her reply prints; piped, nothing but the JSON
lines appear, each with the answering ``layer`` and ``reaction_ms``.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from typing import Any

import pytest

from game.commands.chat import ThinkingLine, run_chat
from game.mind.brain import EmbeddingBrain
from game.mind.protocols import MindContext, Reply


def _args() -> argparse.Namespace:
    return argparse.Namespace(
        scene="default", npc=None, brain="embed", model="", save="", no_memory=True, seed=1
    )


class _Terminal(io.BytesIO):
    """Typed input: a stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class _Log(io.StringIO):
    """A stream that records what it was given in one shared event list."""

    def __init__(self, events: list[tuple[str, str]], name: str) -> None:
        super().__init__()
        self.events, self.name = events, name

    def write(self, text: str) -> int:
        if text:
            self.events.append((self.name, text))
        return super().write(text)


def test_piped_chat_prints_only_json_with_the_layer_and_the_reaction_time(
    capsys: pytest.CaptureFixture[str],
) -> None:
    stdout = io.StringIO()
    assert run_chat(_args(), io.BytesIO(b"Ada, what scares you?\nBo, the moon is odd\n"), stdout) == 0
    replies = [json.loads(x) for x in stdout.getvalue().splitlines()]
    assert [r["npc"] for r in replies] == ["Ada", "Bo"]
    assert [r["layer"] for r in replies] == ["topic", "fallback"]
    assert all(0 <= r["reaction_ms"] < 1000 for r in replies)
    assert "thinking" not in capsys.readouterr().err


def test_at_a_terminal_the_npc_is_shown_thinking_before_its_mind_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    events: list[tuple[str, str]] = []
    answer = EmbeddingBrain.reply

    def reply(self: EmbeddingBrain, text: str, context: MindContext) -> Reply:
        events.append(("mind", context.npc))
        return answer(self, text, context)

    monkeypatch.setattr(EmbeddingBrain, "reply", reply)
    monkeypatch.setattr(sys, "stderr", _Log(events, "err"))
    stdout = _Log(events, "out")
    assert run_chat(_args(), _Terminal(b"Cleo, what makes you happy?\n"), stdout) == 0
    order = [e for e in events if e[1] != "you> "]
    thinking = order.index(("err", "Cleo is thinking…"))
    assert order[thinking + 1] == ("mind", "Cleo")
    erased = next(i for i, e in enumerate(order) if e[0] == "err" and e[1] in ("\r\x1b[K", "\n"))
    reply_at = next(i for i, e in enumerate(order) if e[0] == "out")
    assert thinking < erased < reply_at
    line: dict[str, Any] = json.loads(stdout.getvalue())
    assert line["npc"] == "Cleo" and line["layer"] and line["reaction_ms"] >= 0


def test_the_reaction_is_timed_from_the_line_to_the_choice_of_npc() -> None:
    now = [10.0]
    shown = io.StringIO()
    line = ThinkingLine(shown, clock=lambda: now[0])
    line.start()
    now[0] = 10.04
    line.addressed("Ada", "named")
    line.clear()
    assert line.reactions == {"Ada": pytest.approx(40.0)}
    assert shown.getvalue() == "Ada is thinking…\n"  # not a terminal: a new line instead of erasing
    quiet = ThinkingLine(None)
    quiet.addressed("Bo", "nearest within earshot")
    quiet.clear()
    assert "Bo" in quiet.reactions
