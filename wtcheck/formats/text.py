"""Plain text for ``validate``: one ``file:line:col: RULE-ID level message`` line per gap."""

from __future__ import annotations

from typing import Any

from wtcheck.core.engine import ADVISORY, DEPARTURE, FAILING, LISTED
from wtcheck.core.errors import located
from wtcheck.formats.view import finding_message


def render(report: dict[str, Any]) -> str:
    """Every problem and gap in the report, then a summary line per file."""
    lines: list[str] = departure_lines(report.get("departures"))
    for entry in report["files"]:
        lines.extend(_problem_line(entry["file"], error) for error in entry["errors"])
        shown = [finding for finding in entry["findings"] if finding["outcome"] in LISTED and not finding.get("known")]
        for finding in sorted(shown, key=lambda f: (f["location"]["line"], f["location"]["column"])):
            location = finding["location"]
            message = finding_message(finding, report["outcome_labels"])
            lines.append(located(f"{finding['rule_id']} {finding['level']} {message}",
                                 entry["file"], location["line"], location["column"]))
        lines.append(summary_line(entry))
    return "\n".join(lines) + "\n"


def departure_lines(departures: dict[str, Any] | None) -> list[str]:
    """One line per problem with the departures file, errors and warnings."""
    if not departures:
        return []
    return [_problem_line(departures["file"], problem, problem["severity"]) for problem in departures["problems"]]


def _problem_line(file: str, error: dict[str, Any], severity: str = "error") -> str:
    return located(f"{severity}: {error['message']}", file, error["line"], error["column"])


def new_count(entry: dict[str, Any], levels: tuple[str, ...], outcomes: tuple[str, ...]) -> int:
    """How many of a checked file's findings at ``levels`` have one of ``outcomes``, leaving out
    gaps known from the baseline."""
    total = sum(entry["summary"][level][outcome] for level in levels for outcome in outcomes)
    return total - sum(finding["level"] in levels and finding["outcome"] in outcomes
                       for finding in entry["findings"] if finding.get("known"))


def summary_line(entry: dict[str, Any]) -> str:
    """How many gaps a file has, against which edition and why (or why it was not checked)."""
    if entry["status"] != "checked":
        return f"{entry['file']}: not checked ({len(entry['errors'])} error(s) to fix first)"
    known = sum(bool(finding.get("known")) for finding in entry["findings"])
    new = " new" if known else ""
    counts = [f"{new_count(entry, ('must',), FAILING)}{new} MUST gap(s)",
              f"{new_count(entry, ('should',), FAILING)}{new} SHOULD gap(s)"]
    advisory = new_count(entry, ("must", "should"), (ADVISORY,))
    if advisory:
        counts.append(f"{advisory}{new} advisory")
    departures = entry["summary"]["should"][DEPARTURE]
    if departures:
        counts.append(f"{departures} departure(s) recorded")
    if known:
        counts.append(f"{known} known gap(s) from the baseline left out")
    edition = entry["edition"]
    return f"{entry['file']}: {', '.join(counts)} against the {edition['name']} edition ({edition['reason']})"
