"""Recorded departures: local, agreed decisions not to follow a SHOULD requirement.

Statutory guidance may be departed from for good reason; a MUST (a duty in
law) never. A departures file (``wtcheck-departures.yaml`` by default) maps
rule ids (in any case) to why the partnership departs, who agreed it, when, when it is
reviewed and when it expires. A valid departure turns a SHOULD gap into the
outcome ``departure``, which every output shows. An entry that is incomplete
(no reason, approver or dates), past its expiry, for a MUST rule, or for a
rule id wtcheck does not know is an *error*: it is not applied, so the gap is
reported as before, and the error itself fails the run. A review date that
has passed, or a departure no file needed, is a *warning*.

A file that cannot be read (not YAML, unknown keys, dates that are not dates)
stops the run with exit code 2, like any input that cannot be checked.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from wtcheck.core.engine import Finding
from wtcheck.core.errors import located
from wtcheck.core.loading import Document, LoadError, YamlPath, load_file
from wtcheck.core.resources import cached
from wtcheck.core.ruleset import Rule, load_ruleset, ruleset_names
from wtcheck.core.schema import describe_errors
from wtcheck.core.text import visible
from wtcheck.core.vocabulary import DEPARTURE, MUST, SHOULD, UNMET

REQUIRED = ("reason", "agreed_by", "agreed_on", "review_by", "expires")
ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class DepartureProblem:
    """Something wrong with one entry of a departures file (or with the file)."""

    message: str
    file: str
    line: int | None
    column: int | None
    severity: str = ERROR
    rule_id: str | None = None

    def __str__(self) -> str:
        return located(f"{self.severity}: {self.message}", self.file, self.line, self.column)

    def as_dict(self) -> dict[str, Any]:
        """The problem as report data."""
        return {"message": self.message, "line": self.line, "column": self.column,
                "severity": self.severity, "rule_id": self.rule_id}


@dataclass
class Departures:
    """A loaded departures file: its entries and what is wrong with them."""

    file: str
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[DepartureProblem] = field(default_factory=list)
    readable: bool = True
    """False when the file could not be read or is not a valid departures file."""

    @property
    def valid(self) -> dict[str, dict[str, Any]]:
        """The entries that apply: those with no error against them."""
        refused = {problem.rule_id for problem in self.problems if problem.severity == ERROR}
        return {rule_id: entry for rule_id, entry in self.entries.items() if rule_id not in refused}

    @property
    def errors(self) -> list[DepartureProblem]:
        """The problems that fail a run."""
        return [problem for problem in self.problems if problem.severity == ERROR]

    def apply(self, findings: list[Finding]) -> list[Finding]:
        """``findings`` with every SHOULD gap a valid departure covers turned into a departure."""
        valid = self.valid
        return [replace(finding, outcome=DEPARTURE, departure=self._record(finding.rule.id, valid[finding.rule.id]))
                if finding.rule.id in valid and finding.rule.level == SHOULD
                and finding.outcome in UNMET else finding
                for finding in findings]

    def _record(self, rule_id: str, entry: dict[str, Any]) -> dict[str, Any]:
        evidence = {"evidence": entry["evidence"]} if "evidence" in entry else {}
        return {"rule_id": rule_id, "file": self.file, **{name: entry[name] for name in REQUIRED}, **evidence,
                "justification": justification(entry)}


def justification(entry: dict[str, Any]) -> str:
    """Why a gap is accepted, in one line: the reason, who agreed it and when, and its dates
    (the message's ``[departure recorded: ...]`` and SARIF's suppression justification)."""
    return (f"{entry['reason']} (agreed by {entry['agreed_by']} on {entry['agreed_on']}; "
            f"review by {entry['review_by']}; expires {entry['expires']})")


def load(path: str | Path, display: str | None = None, *, today: dt.date | None = None,
         within: Path | None = None) -> Departures:
    """Read (inside ``within``, when given), validate and lint a departures file; problems are
    returned, never raised."""
    name = display if display is not None else visible(str(path))
    try:
        document = load_file(path, name, within=within)
    except LoadError as exc:
        return Departures(name, problems=[DepartureProblem(exc.message, name, exc.line, exc.column)], readable=False)
    problems = describe_errors("departures", document)
    if problems:
        return Departures(name, readable=False, problems=[
            DepartureProblem(problem.message, name, problem.line, problem.column) for problem in problems])
    entries = {rule_id.upper(): entry for rule_id, entry in document.data["departures"].items()}
    return Departures(name, entries, lint(document, today or dt.date.today()))


def lint(document: Document, today: dt.date) -> list[DepartureProblem]:
    """Every problem with the entries of a schema-valid departures ``document`` (rule ids in any case)."""
    rules = _all_rules()
    problems = []
    seen: set[str] = set()
    for key, entry in document.data["departures"].items():
        rule_id = key.upper()
        found = _entry_problems(rule_id, entry, rules.get(rule_id), list(rules), today)
        if rule_id in seen:
            found = [(f"{rule_id} is given twice (rule ids are the same in any case); keep one entry", (), ERROR)]
        seen.add(rule_id)
        for message, path, severity in found:
            line, column = document.locate(("departures", key, *path), value=bool(path))
            problems.append(DepartureProblem(message, document.file, line, column, severity, rule_id))
    return problems


class DepartureTally:
    """What the files checked in a run did with each valid departure: whether its rule was checked,
    and whether any file had the gap it covers (counts only, kept as the files go by)."""

    def __init__(self, departures: Departures) -> None:
        self.departures = departures
        self.checked: set[str] = set()
        self.used: set[str] = set()

    def add(self, findings: list[Finding]) -> None:
        """Take note of one file's findings."""
        valid = self.departures.valid
        for finding in findings:
            if finding.rule.id in valid:
                self.checked.add(finding.rule.id)
                if finding.outcome == DEPARTURE:
                    self.used.add(finding.rule.id)

    def unused(self) -> list[DepartureProblem]:
        """Warnings for valid departures from rules that were checked but had no gap in any file."""
        return [DepartureProblem(
            f"the departure from {rule_id} was not needed: no file checked has that gap; "
            "remove it if the requirement is now met", self.departures.file, None, None, WARNING, rule_id)
            for rule_id in self.departures.valid if rule_id in self.checked and rule_id not in self.used]


def section(departures: Departures, tally: DepartureTally) -> dict[str, Any]:
    """The ``departures`` part of the report model."""
    problems = departures.problems + (tally.unused() if departures.readable else [])
    return {
        "file": departures.file,
        "status": "checked" if departures.readable else "not_checked",
        "entries": len(departures.entries),
        "applied": len(departures.valid),
        "problems": [problem.as_dict() for problem in problems],
    }


Entry = tuple[str, YamlPath, str]


def _entry_problems(rule_id: str, entry: dict[str, Any], rule: Rule | None, known: list[str],
                    today: dt.date) -> list[Entry]:
    problems: list[Entry] = []
    if rule is None:
        close = difflib.get_close_matches(rule_id, known, n=1, cutoff=0.8)
        hint = f"; did you mean {close[0]}?" if close else "; 'wtcheck rules' lists them"
        problems.append((f"{rule_id} is not a wtcheck rule id{hint}", (), ERROR))
    elif rule.level == MUST:
        problems.append((f"{rule_id} ({rule.title}) is a MUST requirement: a MUST cannot be departed from, "
                         "so its gap is still reported; meet the requirement and remove this entry", (), ERROR))
    missing = [name for name in REQUIRED if not str(entry.get(name, "")).strip()]
    if missing:
        problems.append((f"the departure from {rule_id} is incomplete: give {', '.join(missing)}; "
                         "until then it is not applied", (), ERROR))
        return problems
    agreed_on, review_by, expires = (dt.date.fromisoformat(entry[name])
                                     for name in ("agreed_on", "review_by", "expires"))
    if agreed_on > today:
        problems.append((f"the departure from {rule_id} says it was agreed on {agreed_on}, which is in the future",
                         ("agreed_on",), ERROR))
    if expires < agreed_on:
        problems.append((f"the departure from {rule_id} expires ({expires}) before it was agreed ({agreed_on})",
                         ("expires",), ERROR))
    elif expires < today:
        problems.append((f"the departure from {rule_id} expired on {expires}, so the gap is reported again; "
                         "agree it again with a new expiry date, or remove it", ("expires",), ERROR))
    elif review_by < today:
        problems.append((f"the departure from {rule_id} was due for review on {review_by}", ("review_by",), WARNING))
    return problems


@cached
def _all_rules() -> dict[str, Rule]:
    return {rule.id: rule for name in ruleset_names() for rule in load_ruleset(name).rules}
