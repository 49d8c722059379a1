"""Where wtcheck's output goes: the command's result, its messages, and output files.

One rule for every command: standard output carries the command's result (the
listing of ``validate``, ``diff`` and ``departures check``, with the error lines
of files that could not be checked; the report, survey, rules or schema asked
for); standard error carries what wtcheck says about the run (its own
``wtcheck: ...`` errors and warnings, what it wrote where, progress) and the
error lines of a file that stops a command whose result is a document
(``report``, ``baseline``), which has no listing to hold them.

Output files are written to a temporary file in the target's folder and
renamed over the target only when complete, so a crash or Ctrl-C never leaves
half a report; a target that is one of the run's inputs is refused.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from wtcheck.core.errors import WtcheckError

T = TypeVar("T")


def result(text: str | bytes) -> None:
    """The command's result, on standard output (bytes, such as a spreadsheet, only to a file or pipe)."""
    if isinstance(text, bytes):
        if sys.stdout.isatty():
            raise WtcheckError("that format is a binary file, not text for the terminal; write it to a file with -o")
        sys.stdout.flush()
        sys.stdout.buffer.write(text)
        return
    sys.stdout.write(text)


def say(message: str) -> None:
    """Something wtcheck says about the run, as one ``wtcheck: ...`` line on standard error."""
    sys.stderr.write(f"wtcheck: {message}\n")


def problems(lines: Iterable[str]) -> None:
    """Located lines about an input that stopped the command (``file:line:col: error: ...``), on standard error."""
    for line in lines:
        sys.stderr.write(f"{line}\n")


def append(target: str | Path, text: str) -> None:
    """Add ``text`` to the end of the file ``target`` (a job summary, say); raises :class:`OSError`."""
    with open(target, "a", encoding="utf-8") as stream:
        stream.write(text)


def progress(items: Iterable[T], total: int, label: str) -> Iterator[T]:
    """``items`` (``total`` of them), with a progress bar on standard error while it is a terminal.
    The bar is redrawn by this thread as the items come (a few times a second), never by a thread of
    its own, so worker processes can be started as copies of this one while it shows."""
    if not sys.stderr.isatty():
        yield from items
        return
    import time

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(file=sys.stderr), transient=True, auto_refresh=False) as bar:
        task = bar.add_task(label, total=total)
        drawn = time.monotonic()
        for item in items:
            yield item
            bar.advance(task)
            if time.monotonic() - drawn >= 0.1:
                bar.refresh()
                drawn = time.monotonic()


def write_atomic(target: str | Path, text: str | bytes | Iterable[str], *, inputs: Iterable[str | Path] = ()) -> None:
    """Write ``text`` (bytes, or text, or its pieces as they come) to ``target`` in one step; raise
    :class:`WtcheckError` if it cannot be."""
    path = Path(target)
    if any(_same_file(path, Path(source)) for source in inputs):
        raise WtcheckError(f"refusing to write the output over an input file: {target}")
    if path.is_dir():
        raise WtcheckError(f"cannot write {target}: it is a directory")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise WtcheckError(f"cannot write {target}: the folder {folder} does not exist") from None
    except OSError as exc:
        raise WtcheckError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        if isinstance(text, bytes):
            with os.fdopen(handle, "wb") as binary:
                binary.write(text)
        else:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.writelines([text] if isinstance(text, str) else text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise WtcheckError(f"cannot write {target}: {exc.strerror or exc}") from None
        raise


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve() or (first.exists() and second.exists() and first.samefile(second))
    except OSError:
        return False
