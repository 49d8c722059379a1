"""The report model: checking results as JSON data (``schemas/report.schema.json``).

Every output format renders from this data, never from the YAML, so what the
JSON says and what the HTML, Markdown or terminal show cannot disagree.
:class:`ReportStream` turns the runner's results into the files' parts of the
report one at a time, keeping only counts, so a format that writes file by
file (``validate``'s lines) holds one file at a time; :meth:`ReportStream.whole`
gives the whole report for the formats that need it.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypedDict

from wtcheck import __version__
from wtcheck.core.engine import Finding
from wtcheck.core.errors import Problem
from wtcheck.core.fingerprint import fingerprint
from wtcheck.core.loading import format_path
from wtcheck.core.runner import FileResult
from wtcheck.core.vocabulary import (
    CATEGORIES,
    EXIT_CANNOT_CHECK,
    EXIT_CLEAN,
    EXIT_GAPS,
    GAP,
    LEVEL_NAMES,
    LEVELS,
    OUTCOME_LABELS,
    OUTCOMES,
    SCHEMA_VERSION,
)

if TYPE_CHECKING:
    from wtcheck.core.baseline import Baseline
    from wtcheck.core.departures import Departures, DepartureTally

TOP_GAPS = 3

Summary = dict[str, dict[str, int]]
"""Level -> outcome -> how many findings."""


class Location(TypedDict):
    path: str
    line: int
    column: int


class FindingEntry(TypedDict, total=False):
    rule_id: str
    slug: str
    title: str
    level: str
    category: str
    confidence: str
    outcome: str
    message: str
    location: Location
    citation: dict[str, Any]
    evidence: list[dict[str, Any]]
    fingerprint: str
    known: bool
    departure: dict[str, Any]
    commencement: dict[str, Any]


class FileError(TypedDict):
    message: str
    line: int | None
    column: int | None
    path: str


class EditionEntry(TypedDict):
    name: str
    title: str
    reason: str


class RulesetEntry(TypedDict):
    name: str
    sha256: str
    rules: int


class FileEntry(TypedDict):
    file: str
    input_sha256: str | None
    status: str
    errors: list[FileError]
    partnership: str | None
    edition: EditionEntry | None
    ruleset: RulesetEntry | None
    summary: Summary | None
    fails: bool
    findings: list[FindingEntry]
    top_gaps: list[str]


class Report(TypedDict):
    schema_version: str
    tool: dict[str, str]
    generated: str
    as_of: str
    include_coming: bool
    fail_on: str
    exit_code: int
    outcome_labels: dict[str, dict[str, str]]
    categories: list[dict[str, str]]
    rules: dict[str, dict[str, str]]
    files: list[FileEntry]
    departures: dict[str, Any] | None
    baseline: dict[str, Any] | None


def generated_at() -> str:
    """The time a report is made, in UTC (``SOURCE_DATE_EPOCH`` when set, for reproducible output)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


class ReportStream:
    """The report over the runner's ``results``, failing at ``fail_on`` (must, should, none), built
    one file at a time; ``as_of`` and ``include_coming`` say how the results were checked (the day
    checked as of, None for today, and whether coming duties were checked as if in force).

    :meth:`files` yields each file's part as its result comes (one pass); after it, the counts
    (:attr:`exit_code`, :meth:`departures`, :meth:`baseline`) cover every file. With
    ``departures``, the report lists what is wrong with the departures file: an unreadable file
    stops the run (exit 2), an invalid departure fails it (exit 1) unless ``fail_on`` is ``none``.
    """

    def __init__(self, results: Iterable[FileResult], fail_on: str, *, departures: Departures | None = None,
                 baseline: Baseline | None = None, as_of: dt.date | None = None, include_coming: bool = False) -> None:
        self._results = results
        self.fail_on = fail_on
        self.as_of = (as_of or dt.date.today()).isoformat()
        self.include_coming = include_coming
        self._departures = departures
        self._baseline = baseline
        self._tally: DepartureTally | None = None
        if departures is not None:
            from wtcheck.core.departures import DepartureTally

            self._tally = DepartureTally(departures)
        self.generated = generated_at()
        self.labels = OUTCOME_LABELS
        self.file_codes = EXIT_CLEAN
        self.known = 0
        self.rules: dict[str, dict[str, str]] = {}
        self._rulesets_seen: set[str] = set()
        self.categories_used: set[str] = set()

    def files(self) -> Iterator[FileEntry]:
        """Each file's part of the report, in order."""
        for result in self._results:
            entry = self._file(result)
            if entry["status"] != "checked":
                self.file_codes = EXIT_CANNOT_CHECK
            elif entry["fails"] and self.file_codes == EXIT_CLEAN:
                self.file_codes = EXIT_GAPS
            yield entry

    @property
    def exit_code(self) -> int:
        """2 if a file (or the departures file) could not be checked, else 1 if anything fails, else 0."""
        return max(self.file_codes, _departures_exit_code(self.departures(), self.fail_on))

    def departures(self) -> dict[str, Any] | None:
        """The ``departures`` part of the report (complete once every file has been seen)."""
        if self._departures is None or self._tally is None:
            return None
        from wtcheck.core.departures import section

        return section(self._departures, self._tally)

    def baseline(self) -> dict[str, Any] | None:
        """The ``baseline`` part of the report: which baseline, and how many gaps it knew."""
        return None if self._baseline is None else {"file": self._baseline.file, "known": self.known}

    def whole(self) -> Report:
        """The whole report (reads every result)."""
        files = list(self.files())
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "wtcheck", "version": __version__},
            "generated": self.generated,
            "as_of": self.as_of,
            "include_coming": self.include_coming,
            "fail_on": self.fail_on,
            "exit_code": self.exit_code,
            "outcome_labels": copy.deepcopy(OUTCOME_LABELS),
            "categories": categories(self.categories_used),
            "rules": self.rules,
            "files": files,
            "departures": self.departures(),
            "baseline": self.baseline(),
        }

    def _file(self, result: FileResult) -> FileEntry:
        """The file's part of the report; notes the advice of the rules it was checked against."""
        entry: FileEntry = {
            "file": result.file,
            "input_sha256": result.input_sha256,
            "status": "checked" if result.checked else "not_checked",
            "errors": errors_entry(result.problems),
            "partnership": result.partnership,
            "edition": None,
            "ruleset": None,
            "summary": None,
            "fails": False,
            "findings": [],
            "top_gaps": [],
        }
        if result.choice is None or result.ruleset is None:
            return entry
        ruleset = result.ruleset
        entry["edition"] = {"name": result.choice.edition.name, "title": result.choice.edition.title,
                            "reason": result.choice.reason}
        entry["ruleset"] = {"name": ruleset.name, "sha256": ruleset.sha256, "rules": len(ruleset.rules)}
        entry["findings"] = [finding_entry(finding, ruleset.edition) for finding in result.findings]
        entry["summary"] = summary(result.findings)
        entry["fails"] = any(finding.fails(self.fail_on) for finding in result.findings)
        entry["top_gaps"] = top_gaps(result.findings)
        self.known += sum(finding.known for finding in result.findings)
        self.categories_used.update(finding.rule.category for finding in result.findings)
        if self._tally is not None:
            self._tally.add(result.findings)
        if ruleset.name not in self._rulesets_seen:
            self._rulesets_seen.add(ruleset.name)
            self.rules.update({rule.id: {"message": rule.message, "why": rule.why, "example": rule.example}
                               for rule in ruleset.rules})
        return entry


def build(results: Iterable[FileResult], fail_on: str, *, departures: Departures | None = None,
          baseline: Baseline | None = None, as_of: dt.date | None = None, include_coming: bool = False) -> Report:
    """The whole report for a run over ``results`` (see :class:`ReportStream`)."""
    return ReportStream(results, fail_on, departures=departures, baseline=baseline, as_of=as_of,
                        include_coming=include_coming).whole()


def _departures_exit_code(departures: dict[str, Any] | None, fail_on: str) -> int:
    if departures is None:
        return EXIT_CLEAN
    if departures["status"] != "checked":
        return EXIT_CANNOT_CHECK
    errors = any(problem["severity"] == "error" for problem in departures["problems"])
    return EXIT_GAPS if errors and fail_on != "none" else EXIT_CLEAN


def finding_entry(finding: Finding, edition: str) -> FindingEntry:
    """One finding as report data."""
    rule = finding.rule
    entry: FindingEntry = {
        "rule_id": rule.id,
        "slug": rule.slug,
        "title": rule.title,
        "level": rule.level,
        "category": rule.category,
        "confidence": rule.confidence,
        "outcome": finding.outcome,
        "message": finding.message,
        "location": {"path": format_path(finding.path) if finding.path else "", "line": finding.line,
                     "column": finding.column},
        "citation": rule.citation,
        "evidence": list(finding.evidence),
        "fingerprint": fingerprint(rule.id, edition),
        "known": finding.known,
    }
    if finding.departure:
        entry["departure"] = finding.departure
    if rule.commencement is not None:
        entry["commencement"] = {**rule.commencement, "in_force": finding.in_force, "status": finding.commencement}
    return entry


def errors_entry(problems: list[Problem]) -> list[FileError]:
    """What stopped a file being checked, as report data."""
    return [{"message": p.message, "line": p.line, "column": p.column, "path": p.path} for p in problems]


def summary(findings: list[Finding]) -> Summary:
    """How many findings of each level have each outcome."""
    return summary_of((finding.rule.level, finding.outcome) for finding in findings)


def summary_of(outcomes: Iterable[tuple[str, str]]) -> Summary:
    """How many of ``outcomes`` (level, outcome) there are of each level and outcome."""
    counts: Summary = {level: {outcome: 0 for outcome in OUTCOMES} for level in LEVEL_NAMES}
    for level, outcome in outcomes:
        counts[level][outcome] += 1
    return counts


def categories(used: set[str]) -> list[dict[str, str]]:
    """The categories ``used``, in display order, each with its heading."""
    ordered = [name for name in CATEGORIES if name in used] + sorted(used - set(CATEGORIES))
    return [{"id": name, "title": CATEGORIES.get(name, name.replace("_", " ").capitalize())} for name in ordered]


def top_gaps(findings: list[Finding]) -> list[str]:
    """The ids of the most important gaps: MUST before SHOULD, missing before partly met,
    confirmed in the guidance text before summarised, then in ruleset order."""
    confidence_rank = {"primary": 0, "secondary": 1}
    gaps = [(index, finding) for index, finding in enumerate(findings) if finding.is_gap]
    ranked = sorted(gaps, key=lambda pair: (-LEVELS[pair[1].rule.level], pair[1].outcome != GAP,
                                            confidence_rank.get(pair[1].rule.confidence, 2), pair[0]))
    return [finding.rule.id for _, finding in ranked[:TOP_GAPS]]
