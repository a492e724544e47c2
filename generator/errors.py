"""The one exception type users see: it names the file, the line and the fix."""
from __future__ import annotations

from pathlib import Path

import click


class BriefingError(click.ClickException):
    """A problem with the user's input. Exit code 1, no traceback (unless --debug)."""

    exit_code = 1

    def __init__(self, message: str, file: str | Path | None = None, line: int | None = None,
                 hint: str | None = None):
        self.file = str(file) if file is not None else None
        self.line = line
        self.hint = hint
        where = ""
        if self.file:
            where = f"{self.file}:{line}: " if line else f"{self.file}: "
        text = where + message
        if hint:
            text += f" ({hint})"
        super().__init__(text)


class ErrorList(BriefingError):
    """Several input errors collected and reported at once."""

    def __init__(self, errors: list[BriefingError]):
        self.errors = errors
        lines = [e.message for e in errors]
        click.ClickException.__init__(self, f"{len(errors)} error(s):\n  " + "\n  ".join(lines))
        self.file = self.line = self.hint = None
