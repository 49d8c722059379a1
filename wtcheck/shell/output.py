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
half a report. Only a regular file is ever written: a target that is one of the
run's inputs, a link (to a file, to nothing or to a folder), a device, a named
pipe, a socket, a folder or a file with other names (hard links) is refused with
one line and left as it was. A new file gets the mode ``0666`` (``0777`` for a
hook) less the umask; a file replaced keeps its mode, as reports hold people's
names. Everything said on standard error is made :func:`~wtcheck.core.text.visible`.
"""

from __future__ import annotations

import os
import secrets
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from wtcheck.core.errors import WtcheckError
from wtcheck.core.text import visible

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
    sys.stderr.write(f"wtcheck: {visible(message)}\n")


def problems(lines: Iterable[str]) -> None:
    """Located lines about an input that stopped the command (``file:line:col: error: ...``), on standard error."""
    for line in lines:
        sys.stderr.write(f"{visible(line)}\n")


def append(target: str | Path, text: str) -> None:
    """Add ``text`` to the end of the regular file ``target`` (a job summary, say), made if it is not
    there; raises :class:`OSError`, also for a target that is not a regular file (never followed or blocked on)."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | _NO_FOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(target, flags, 0o666)
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(f"{visible(str(target))} is not a regular file")
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


_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NOT_WRITTEN = ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe"),
                (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


class _Taken(WtcheckError):
    """Something appeared at the target of a write that must not replace anything."""


def write_atomic(target: str | Path, text: str | bytes | Iterable[str], *, inputs: Iterable[str | Path] = (),
                 executable: bool = False, replace: bool = True) -> None:
    """Write ``text`` (bytes, or text, or its pieces as they come) to the regular file ``target`` in
    one step; raise :class:`WtcheckError` if it cannot be, or must not be, written (see the module's
    notes). With ``replace`` False, a file that is there (even one that appears meanwhile) is never
    replaced."""
    path = Path(target)
    shown = visible(str(target))
    if any(_same_file(path, Path(source)) for source in inputs):
        raise WtcheckError(f"refusing to write the output over an input file: {shown}")
    existing = _writable(path, shown)
    folder = path.parent if str(path.parent) else Path(".")
    temporary = folder / f".{path.name}.{secrets.token_hex(8)}.tmp"
    new_mode = 0o777 if executable else 0o666
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW | getattr(os, "O_CLOEXEC", 0),
                             0o600 if existing else new_mode)  # a new file's mode, less the umask
    except FileNotFoundError:
        raise WtcheckError(f"cannot write {shown}: the folder {visible(str(folder))} does not exist") from None
    except OSError as exc:
        raise WtcheckError(f"cannot write {shown}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(descriptor, "wb") as stream:
            if existing is not None:
                os.chmod(temporary, existing.st_mode & 0o777)  # the replaced file's mode, whatever the umask
            pieces = [text] if isinstance(text, (str, bytes)) else text
            for piece in pieces:
                stream.write(piece if isinstance(piece, bytes) else piece.encode("utf-8"))
        if replace:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # fails if anything is there: never replaces it
            temporary.unlink()
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, FileExistsError):
            raise _Taken(f"cannot write {shown}: something is there already") from None
        if isinstance(exc, OSError):
            raise WtcheckError(f"cannot write {shown}: {exc.strerror or exc}") from None
        raise


def _writable(path: Path, shown: str) -> os.stat_result | None:
    """The regular file at ``path`` that writing replaces (None if there is none); raise
    :class:`WtcheckError` if something else is there."""
    try:
        existing = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise WtcheckError(f"cannot write {shown}: {exc.strerror or exc}") from None
    for test, what in _NOT_WRITTEN:
        if test(existing.st_mode):
            raise WtcheckError(f"cannot write {shown}: it is {what}, and wtcheck writes only regular files, never "
                               "replacing or writing through anything else; remove it or give another name")
    if existing.st_nlink > 1:
        raise WtcheckError(f"cannot write {shown}: the file has {existing.st_nlink} names (hard links), and writing it "
                           "would leave the others as they were; remove it or give another name")
    return existing
def write_new(target: str | Path, text: str) -> bool:
    """Write ``text`` to ``target`` only if nothing is there yet, with the same guards as
    :func:`write_atomic`; False (and nothing written) if something is. Raise :class:`WtcheckError`
    if it cannot be written."""
    if os.path.lexists(target):
        return False
    try:
        write_atomic(target, text, replace=False)
    except _Taken:
        return False
    return True


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve() or (first.exists() and second.exists() and first.samefile(second))
    except OSError:
        return False
