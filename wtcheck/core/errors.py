"""How wtcheck reports what stops it: a message with a place (``file:line:col: message``)."""

from __future__ import annotations

import signal
from dataclasses import dataclass

from wtcheck.core.text import brief, located

__all__ = ["Interrupted", "Problem", "WtcheckError", "brief", "located", "stop_on_signals"]


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


class Interrupted(BaseException):
    """The run was stopped by a signal (Ctrl-C or SIGTERM); it exits 128 + the signal number.

    A :class:`BaseException`, like :class:`KeyboardInterrupt`, so no ``except Exception``
    swallows it, while ``finally`` blocks and :func:`wtcheck.shell.output.write_atomic` still clean up.
    """

    def __init__(self, signal_number: int, name: str) -> None:
        super().__init__(name)
        self.exit_code = 128 + signal_number


def stop_on_signals() -> None:
    """Raise :class:`Interrupted` on Ctrl-C (SIGINT) and SIGTERM from now on; for the command
    line, whose library would otherwise turn Ctrl-C into a silent exit."""
    def stop(number: int, _frame: object) -> None:
        raise Interrupted(number, "interrupted" if number == signal.SIGINT else "stopped by SIGTERM")

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, stop)
