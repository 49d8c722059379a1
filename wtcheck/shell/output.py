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


def result(text: str) -> None:
    """The command's result, on standard output."""
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


def progress(items: list[T], label: str) -> Iterator[T]:
    """``items``, with a progress bar on standard error while it is a terminal."""
    if not sys.stderr.isatty():
        yield from items
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(file=sys.stderr), transient=True) as bar:
        yield from bar.track(items, total=len(items))


def write_atomic(target: str | Path, text: str, *, inputs: Iterable[str | Path] = ()) -> None:
    """Write ``text`` to ``target`` in one step; raise :class:`WtcheckError` if it cannot be."""
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
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise WtcheckError(f"cannot write {target}: {exc.strerror or exc}") from None
        raise


def write_new(target: str | Path, text: str) -> bool:
    """Write ``text`` to ``target`` in one step, only if there is no file there yet; False (and
    nothing written) if there is one. Raise :class:`WtcheckError` if it cannot be written."""
    path = Path(target)
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists() or path.is_symlink():
        return False
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise WtcheckError(f"cannot write {target}: the folder {folder} does not exist") from None
    except OSError as exc:
        raise WtcheckError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)
        os.link(temporary, path)  # fails if a file appeared there meanwhile: never replaces one
    except FileExistsError:
        return False
    except OSError as exc:
        raise WtcheckError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        Path(temporary).unlink(missing_ok=True)
    return True


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve() or (first.exists() and second.exists() and first.samefile(second))
    except OSError:
        return False
