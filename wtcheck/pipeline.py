"""One file through the pipeline: load, validate, choose the edition, evaluate."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from wtcheck.editions import Choice, choose
from wtcheck.engine import Finding, evaluate
from wtcheck.errors import Problem, WtcheckError
from wtcheck.loading import Document, load_file
from wtcheck.ruleset import Ruleset, ruleset_for_edition
from wtcheck.schema import validate_document


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


def check_file(path: str | Path, *, edition: str | None = None, include_unconfirmed: bool = False) -> FileResult:
    """Check one file; problems with the file are returned, never raised."""
    name = str(path)
    try:
        document = load_file(path, name)
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
    return result
