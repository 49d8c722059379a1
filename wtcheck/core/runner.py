"""The one loop over files: each is loaded, validated, given its edition and evaluated, one at a time.

:func:`run` is the only place wtcheck loops over files to check them; every
command that checks files (validate, report, survey, baseline, diff) takes its
results from it, one :class:`FileResult` at a time, so a batch never holds more
than the files in hand. A file's problems are part of its result, never raised;
asked to (a survey), even an internal error is kept to the file that tripped it.
Recorded departures and the baseline are applied here, and only here. Each file is
named in its result, and so in every output, by its path made :func:`~wtcheck.core.text.visible`
(a name holding a control character or bytes that are not UTF-8 is shown escaped), while the
file itself is read from its real path.

A batch large enough to pay for it (``PARALLEL_FROM`` files) is shared among
worker processes, one per core (:mod:`wtcheck.core.parallel`), each running this
same loop over its share; the results come back in the files' order, the same
results as one process gives. ``WTCHECK_JOBS`` sets the number of processes
(``1``: always one).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from wtcheck.core.editions import Choice, choose
from wtcheck.core.engine import Finding, evaluate
from wtcheck.core.errors import Problem, WtcheckError
from wtcheck.core.loading import Document, load_bytes, load_file
from wtcheck.core.ruleset import Ruleset, ruleset_for_edition
from wtcheck.core.schema import validate_document
from wtcheck.core.text import visible

if TYPE_CHECKING:
    from wtcheck.core.baseline import Baseline
    from wtcheck.core.departures import Departures

Source = tuple[str, "bytes | WtcheckError | None"]
"""A file to check: its name, and its content when it is not read from disk (or why it could not be had)."""

PARALLEL_FROM = 32
"""The fewest files shared among worker processes: below it, starting them costs more than they save
(measured with ``bench/run.py``: see the README's Speed section)."""
JOBS_VARIABLE = "WTCHECK_JOBS"


@dataclass(frozen=True)
class Request:
    """How to check: against which editions, as of which day, counting unconfirmed requirements or
    not, seeing coming duties as in force or not, with which recorded departures and baseline."""

    editions: tuple[str | None, ...] = (None,)
    """The editions to check each file against, in order; None is the file's own (its ``edition:``,
    else the one in force on its date). ``diff`` asks for two."""
    include_unconfirmed: bool = False
    departures: Departures | None = None
    baseline: Baseline | None = None
    isolate: bool = False
    """Turn an internal error while checking one file into that file's problem, so that a batch of
    hundreds (a survey) goes on; otherwise it stops the run, as a bug should."""
    as_of: dt.date | None = None
    """Check as of this day (``--as-of``): duties in force, departures expired and, for a document
    dated later, the edition in force then at the latest. None: today, and the edition by the
    document's own date."""
    include_coming: bool = False
    """Check duties enacted but not yet in force as if they were (for planning): their gaps are gaps."""

    @property
    def day(self) -> dt.date:
        """The day checked as of: ``as_of``, else today."""
        return self.as_of or dt.date.today()


DEFAULT = Request()
"""Each file against its own edition as of today, unconfirmed requirements advisory, coming duties
coming, no departures or baseline."""


@dataclass(frozen=True)
class Evaluation:
    """A file checked against one edition: the edition chosen and why, its rules, and their findings."""

    choice: Choice
    ruleset: Ruleset
    findings: list[Finding]


@dataclass
class FileResult:
    """What checking one file gave: problems that stopped it, or an evaluation per edition asked for."""

    file: str
    document: Document | None = None
    """The file as loaded, for code that checks files in-process; None when the file could not be
    loaded, and when it was checked in a worker process (only its result is sent back)."""
    problems: list[Problem] = field(default_factory=list)
    evaluations: list[Evaluation] = field(default_factory=list)
    input_sha256: str | None = None
    """The SHA-256 of the file's bytes, when it could be read."""
    partnership: str | None = None
    """The partnership's name, as the file gives it (``partnership.name``)."""

    @property
    def checked(self) -> bool:
        """True when the rules ran (the file loaded, was valid, and had an edition)."""
        return bool(self.evaluations)

    @property
    def choice(self) -> Choice | None:
        """The edition chosen for the first (usually the only) evaluation."""
        return self.evaluations[0].choice if self.evaluations else None

    @property
    def ruleset(self) -> Ruleset | None:
        """The ruleset of the first evaluation."""
        return self.evaluations[0].ruleset if self.evaluations else None

    @property
    def findings(self) -> list[Finding]:
        """The findings of the first evaluation (none when the file was not checked)."""
        return self.evaluations[0].findings if self.evaluations else []


def run(sources: Iterable[Source], request: Request) -> Iterator[FileResult]:
    """Check each of ``sources`` as ``request`` says, yielding one result per file, in order: in
    this process, or shared among worker processes when there are enough files."""
    listed = list(sources)
    workers = _workers(len(listed))
    if workers > 1:
        from wtcheck.core.parallel import in_parallel

        return in_parallel(listed, request, workers)
    return check_each(listed, request)


def check_each(sources: Iterable[Source], request: Request) -> Iterator[FileResult]:
    """Check each of ``sources`` in this process, one at a time, in order (the loop itself)."""
    for path, raw in sources:
        name = visible(path)
        if isinstance(raw, WtcheckError):
            yield FileResult(name, problems=[Problem(raw.message, name, raw.line, raw.column)])
            continue
        try:
            yield check_file(path, request, raw)
        except Exception as exc:
            if not request.isolate or os.environ.get("WTCHECK_DEBUG"):
                raise
            message = f"wtcheck could not check this file (internal error: {type(exc).__name__}: {visible(str(exc))})"
            yield FileResult(name, problems=[Problem(message, name)])


def check_file(path: str | Path, request: Request = DEFAULT, raw: bytes | None = None) -> FileResult:
    """Check one file (read from ``path`` unless ``raw`` holds its content); its problems are
    returned, never raised."""
    name = visible(str(path))
    try:
        document = load_bytes(raw, name) if raw is not None else load_file(path, name)
    except WtcheckError as exc:
        return FileResult(name, problems=[Problem(exc.message, name, exc.line, exc.column)])
    partnership = document.data.get("partnership")
    result = FileResult(name, document, validate_document(document), input_sha256=document.sha256,
                        partnership=partnership.get("name") if isinstance(partnership, dict) else None)
    if result.problems:
        return result
    try:
        evaluations = [_evaluate(document, edition, request) for edition in request.editions]
    except WtcheckError as exc:
        result.problems = [Problem(exc.message, name)]
        return result
    result.evaluations = evaluations
    return result


def _evaluate(document: Document, edition: str | None, request: Request) -> Evaluation:
    choice = choose(document.data, edition, as_of=request.as_of)
    ruleset = ruleset_for_edition(choice.edition.name)
    findings = evaluate(ruleset, document, include_unconfirmed=request.include_unconfirmed, as_of=request.day,
                        include_coming=request.include_coming)
    if request.departures is not None:
        findings = request.departures.apply(findings)
    if request.baseline is not None:
        findings = request.baseline.mark_known(findings, document.file, ruleset.edition)
    return Evaluation(choice, ruleset, findings)


def _workers(files: int) -> int:
    """How many processes check ``files`` files: ``WTCHECK_JOBS`` if set, else one per core once
    there are ``PARALLEL_FROM`` files (and the system can start workers as copies of this process)."""
    asked = os.environ.get(JOBS_VARIABLE, "").strip()
    if asked:
        if not asked.isdigit() or int(asked) < 1:
            raise WtcheckError(f"{JOBS_VARIABLE} must be a whole number of processes (1 or more), not {asked!r}")
        return max(1, min(int(asked), files))
    if files < PARALLEL_FROM:
        return 1
    from wtcheck.core.parallel import cores

    return min(cores(), files)
