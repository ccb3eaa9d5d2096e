"""Errors shared across packages."""


class UserError(Exception):
    """A mistake the user can fix; the CLI prints it as one line, never a traceback."""
