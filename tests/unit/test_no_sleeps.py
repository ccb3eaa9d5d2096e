"""Tests wait for what they need, never for a guessed time: a guard against sleeping in tests.

A test that sleeps to let a thread "get there" passes on a fast machine and fails on a
loaded one, or passes when it should not (a late event that arrives just after the
nap). Tests wait on an Event, on the bus (:mod:`tests.support.waiting`) or advance a
fake clock (:mod:`tests.support.clock`) instead. This test reads every test module with
:mod:`ast` and fails on a call to ``sleep`` outside :data:`ALLOWED`, also inside code held
in strings (subprocess scripts, example mods), which the interpreter would run too.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MOST = 5  # the whole test suite may hold at most this many

ALLOWED: dict[str, str] = {
    "tests/support/waiting.py::poll": "the one polling helper, for state that signals nothing "
    "(a pygame channel going quiet, an audio device in a subprocess)",
}
"""``path::function`` → why that sleep is the right tool there (one line each)."""

_TEXT = re.compile(r"\bsleep\s*\(")


class _Finder(ast.NodeVisitor):
    """Collects ``path::function`` for every sleep call, and for code strings that sleep."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.scope: list[str] = []
        self.aliases = {"sleep"}  # names that mean time.sleep here (``from time import sleep as nap``)
        self.found: list[str] = []

    def _where(self) -> str:
        return f"{self.path}::{'.'.join(self.scope) or '<module>'}"

    def _enter(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _enter

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.module == "time":
            self.aliases.update(a.asname or a.name for a in node.names if a.name == "sleep")

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if (isinstance(func, ast.Attribute) and func.attr == "sleep") or (
            isinstance(func, ast.Name) and func.id in self.aliases
        ):
            self.found.append(self._where())
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str):
            self.found.extend(self._where() for _ in _TEXT.finditer(node.value))


def sleeps_in(source: str, path: str) -> list[str]:
    """Every sleep in ``source``, as ``path::function`` (``<module>`` at the top level)."""
    finder = _Finder(path)
    finder.visit(ast.parse(source))
    return finder.found


def _test_sources() -> Iterator[tuple[str, str]]:
    for file in sorted((ROOT / "tests").rglob("*.py")):
        yield file.relative_to(ROOT).as_posix(), file.read_text(encoding="utf-8")


def _all_sleeps() -> list[str]:
    return [where for path, source in _test_sources() for where in sleeps_in(source, path)]


def test_no_test_sleeps_outside_the_allow_list() -> None:
    found = _all_sleeps()
    unexpected = sorted({where for where in found if where not in ALLOWED})
    assert unexpected == [], "wait on an Event, the bus or a fake clock instead of sleeping"
    assert len(found) <= MOST, found


def test_the_allow_list_is_short_explained_and_current() -> None:
    found = set(_all_sleeps())
    assert len(ALLOWED) <= MOST
    assert all(reason.strip() and "\n" not in reason for reason in ALLOWED.values())
    assert sorted(set(ALLOWED) - found) == [], "remove entries whose sleep is gone"


def test_the_scanner_finds_every_spelling() -> None:
    # Written with "zzz" so that this file holds no sleep itself; the scanner sees the real word.
    snippet = """
import time
import time as t
from time import zzz as nap

time.zzz(0.1)

class Mic:
    def read(self):
        t.zzz(0.02)

def helper():
    def inner():
        nap(1)
    script = "import time\\nwhile busy():\\n    time.zzz(0.01)\\n"
    done.wait(5)  # waiting on an Event is how it should be done
""".replace("zzz", "sle" + "ep")
    assert sleeps_in(snippet, "x.py") == [
        "x.py::<module>",
        "x.py::Mic.read",
        "x.py::helper.inner",
        "x.py::helper",
    ]
    assert sleeps_in("import threading\ndone = threading.Event()\nassert done.wait(5)\n", "y.py") == []
