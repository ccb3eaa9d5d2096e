"""Typed, forgiving reading of persona TOML tables: every bad key is collected, none is fatal.

Split from :mod:`game.mind.persona` so the parts of a persona file that have their own
module (authored topics, :mod:`game.mind.persona_topics`) read and report the same way.
"""

from __future__ import annotations

from typing import Any

from game.errors import FileProblem

MAX_TEXT = 1000  # characters in one line, fact or backstory: about a minute of speech
MAX_LIST = 100  # alternatives per line kind, likes, topics, facts


class PersonaError(FileProblem):
    """A persona problem, formatted ``file: key: problem (fix)`` on one line."""


class Reader:
    """Typed access to a persona table that records every problem and carries on with a default.

    An author fixing a persona should see every bad key at once, not one per save; the
    caller raises one :class:`PersonaError` listing them all (see :func:`all_problems`).
    """

    def __init__(
        self, path: str, table: dict[str, Any], prefix: str = "", errors: list[PersonaError] | None = None
    ) -> None:
        self.path, self.table, self.prefix = path, table, prefix
        self.errors: list[PersonaError] = [] if errors is None else errors

    def fail(self, key: str, problem: str, fix: str = "") -> None:
        """Record one problem at ``key`` (dotted under this table)."""
        dotted = f"{self.prefix}.{key}" if self.prefix else key
        self.errors.append(PersonaError(self.path, dotted, problem, fix))

    def _text(self, key: str, value: str) -> str:
        if len(value) > MAX_TEXT:
            self.fail(key, f"text of {len(value)} characters; the limit is {MAX_TEXT}", "shorten it")
            return value[:MAX_TEXT]
        return value.strip()

    def string(self, key: str, default: str | None = None) -> str:
        """A string; missing or wrong type is recorded and ``default`` (or "") returned."""
        value = self.table.get(key, default)
        if value is None:
            self.fail(key, "missing", "add it as a quoted string")
            return ""
        if not isinstance(value, str) or (default is None and not value.strip()):
            self.fail(key, f"expected a non-empty string, got {short(value)}")
            return default or ""
        return self._text(key, value)

    def strings(self, key: str, required: bool = False, most: int = MAX_LIST) -> tuple[str, ...]:
        """A list of non-empty strings (a lone string counts as one), at most ``most``."""
        value = self.table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            problem = f"expected a list of non-empty strings, got {short(value)}"
            self.fail(key, problem, 'write ["one", "two"]')
            return ()
        if required and not value:
            self.fail(key, "missing or empty", 'add at least one line, e.g. ["Hello."]')
        if len(value) > most:
            self.fail(key, f"{len(value)} entries; the limit is {most}", "keep the best ones")
        return tuple(self._text(key, v) for v in value[:most])

    def number(self, key: str, default: float, lo: float, hi: float) -> float:
        """A number within ``lo..hi``, else ``default`` with the problem recorded."""
        value = self.table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi:
            self.fail(key, f"expected a number between {lo:g} and {hi:g}, got {short(value)}")
            return default
        return float(value)

    def sub(self, key: str) -> Reader:
        """The reader of a sub-table; problems go to the same list."""
        value = self.table.get(key, {})
        if not isinstance(value, dict):
            self.fail(key, "expected a table", f"write it as [{key}]")
            value = {}
        return Reader(self.path, value, f"{self.prefix}.{key}" if self.prefix else key, self.errors)

    def check_known(self, allowed: tuple[str, ...]) -> None:
        """Record every key that is not in ``allowed`` (a typo is reported, not ignored)."""
        for key in self.table:
            if key not in allowed:
                self.fail(key, "unknown key", f"allowed keys: {', '.join(allowed)}")


def short(value: Any) -> str:
    """``repr`` of a bad value, cut to fit in a one-line error."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def all_problems(errors: list[PersonaError]) -> PersonaError:
    """One error naming every problem, still one line: ``file: N problems: key: …; key: …``."""
    if len(errors) == 1:
        return errors[0]
    parts = "; ".join(f"{e.key}: {e.problem}" + (f" ({e.fix})" if e.fix else "") for e in errors)
    return PersonaError(errors[0].path, "", f"{len(errors)} problems: {parts}")
