"""One file through the pipeline: load, validate, choose the edition, evaluate."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from wtcheck.core.editions import Choice, choose
from wtcheck.core.engine import Finding, evaluate
from wtcheck.core.errors import Problem, WtcheckError
from wtcheck.core.loading import Document, load_bytes, load_file
from wtcheck.core.ruleset import Ruleset, ruleset_for_edition
from wtcheck.core.schema import validate_document

if TYPE_CHECKING:
    from wtcheck.core.baseline import Baseline
    from wtcheck.core.departures import Departures


@dataclass
class FileResult:
    """What checking one file gave: problems that stopped it, or findings."""

    file: str
    document: Document | None = None
    problems: list[Problem] = field(default_factory=list)
    choice: Choice | None = None
    ruleset: Ruleset | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def checked(self) -> bool:
        """True when the rules ran (the file loaded, was valid, and had an edition)."""
        return self.ruleset is not None


def check_file(path: str | Path, *, edition: str | None = None, include_unconfirmed: bool = False,
               departures: Departures | None = None, baseline: Baseline | None = None,
               raw: bytes | None = None) -> FileResult:
    """Check one file; problems with the file are returned, never raised.

    Valid ``departures`` turn the SHOULD gaps they cover into departures; gaps in
    the ``baseline`` are marked known. ``raw`` is the file's content when it is
    not read from ``path`` (a staged version, say).
    """
    name = str(path)
    try:
        document = load_bytes(raw, name) if raw is not None else load_file(path, name)
    except WtcheckError as exc:
        return FileResult(name, problems=[Problem(exc.message, name, exc.line, exc.column)])
    result = FileResult(name, document, validate_document(document))
    if result.problems:
        return result
    try:
        result.choice = choose(document.data, edition)
        result.ruleset = ruleset_for_edition(result.choice.edition.name)
    except WtcheckError as exc:
        result.problems = [Problem(exc.message, name)]
        return result
    result.findings = evaluate(result.ruleset, document, include_unconfirmed=include_unconfirmed)
    if departures is not None:
        result.findings = departures.apply(result.findings)
    if baseline is not None:
        result.findings = baseline.mark_known(result.findings, name, result.ruleset.edition)
    return result
