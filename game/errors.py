"""Errors shared across packages."""


class UserError(Exception):
    """A mistake the user can fix; the CLI prints it as one line, never a traceback."""


class FileProblem(ValueError):
    """A problem in a data file, formatted ``file: key: problem (fix)`` on one line.

    Scene, persona and mod files all report this way, so a user always learns which
    file, which key, what is wrong and how to fix it.
    """

    def __init__(self, path: str, key: str, problem: str, fix: str = "") -> None:
        self.path, self.key, self.problem, self.fix = path, key, problem, fix
        text = f"{path}: {key}: {problem}" if key else f"{path}: {problem}"
        super().__init__(f"{text} ({fix})" if fix else text)
