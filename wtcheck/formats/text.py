"""Plain text for ``validate``: one ``file:line:col: RULE-ID level message`` line per gap."""

from __future__ import annotations

from typing import Any

SHOWN = ("gap", "partial", "advisory", "departure")
"""Outcomes ``validate`` lists (gaps in the baseline aside); the full matrix is ``wtcheck report``'s job."""


def render(report: dict[str, Any]) -> str:
    """Every problem and gap in the report, then a summary line per file."""
    lines: list[str] = departure_lines(report.get("departures"))
    for entry in report["files"]:
        lines.extend(_problem_line(entry["file"], error) for error in entry["errors"])
        shown = [finding for finding in entry["findings"] if finding["outcome"] in SHOWN and not finding.get("known")]
        for finding in sorted(shown, key=lambda f: (f["location"]["line"], f["location"]["column"])):
            location = finding["location"]
            partly = " (partly met)" if finding["outcome"] == "partial" else ""
            lines.append(f"{entry['file']}:{location['line']}:{location['column']}: "
                         f"{finding['rule_id']} {finding['level']} {finding['message']}{partly}")
        lines.append(summary_line(entry))
    return "\n".join(lines) + "\n"


def departure_lines(departures: dict[str, Any] | None) -> list[str]:
    """One line per problem with the departures file, errors and warnings."""
    if not departures:
        return []
    return [_problem_line(departures["file"], problem, problem["severity"]) for problem in departures["problems"]]


def _problem_line(file: str, error: dict[str, Any], severity: str = "error") -> str:
    place = ":".join(str(part) for part in (file, error["line"], error["column"]) if part is not None)
    return f"{place}: {severity}: {error['message']}"


def summary_line(entry: dict[str, Any]) -> str:
    """How many gaps a file has, against which edition and why (or why it was not checked)."""
    if entry["status"] != "checked":
        return f"{entry['file']}: not checked ({len(entry['errors'])} error(s) to fix first)"
    summary = entry["summary"]
    known = [finding for finding in entry["findings"] if finding.get("known")]

    def count(levels: tuple[str, ...], outcomes: tuple[str, ...]) -> int:
        total = sum(summary[level][outcome] for level in levels for outcome in outcomes)
        return total - sum(finding["level"] in levels and finding["outcome"] in outcomes for finding in known)

    new = " new" if known else ""
    counts = [f"{count(('must',), ('gap', 'partial'))}{new} MUST gap(s)",
              f"{count(('should',), ('gap', 'partial'))}{new} SHOULD gap(s)"]
    advisory = count(("must", "should"), ("advisory",))
    if advisory:
        counts.append(f"{advisory}{new} advisory")
    departures = summary["should"]["departure"]
    if departures:
        counts.append(f"{departures} departure(s) recorded")
    if known:
        counts.append(f"{len(known)} known gap(s) from the baseline left out")
    edition = entry["edition"]
    return f"{entry['file']}: {', '.join(counts)} against the {edition['name']} edition ({edition['reason']})"
