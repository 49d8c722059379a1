"""How wtcheck reports what stops it: a message with a place (``file:line:col: message``)."""

from __future__ import annotations

from dataclasses import dataclass


def located(message: str, file: str | None, line: int | None, column: int | None) -> str:
    """``file:line:col: message``, leaving out the parts that are not known."""
    place = ":".join(str(part) for part in (file, line, column) if part is not None)
    return f"{place}: {message}" if place else message


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file (it cannot be checked until it is fixed)."""

    message: str
    file: str
    line: int | None = None
    column: int | None = None
    path: str = ""
    """Where in the document, as ``section.key[index]`` (empty for the file as a whole)."""

    def __str__(self) -> str:
        return located(self.message, self.file, self.line, self.column)


class WtcheckError(Exception):
    """A problem that stops wtcheck checking a file or running a command (exit code 2)."""

    def __init__(self, message: str, file: str | None = None,
                 line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return located(self.message, self.file, self.line, self.column)
