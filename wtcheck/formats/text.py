"""Plain text for ``validate``: one ``file:line:col: RULE-ID level message`` line per gap."""

from __future__ import annotations

from typing import Any

SHOWN = ("gap", "partial", "advisory")
"""Outcomes ``validate`` lists; the full matrix is ``wtcheck report``'s job."""


def render(report: dict[str, Any]) -> str:
    """Every problem and gap in the report, then a summary line per file."""
    lines: list[str] = []
    for entry in report["files"]:
        lines.extend(_problem_line(entry["file"], error) for error in entry["errors"])
        shown = [finding for finding in entry["findings"] if finding["outcome"] in SHOWN]
        for finding in sorted(shown, key=lambda f: (f["location"]["line"], f["location"]["column"])):
            location = finding["location"]
            partly = " (partly met)" if finding["outcome"] == "partial" else ""
            lines.append(f"{entry['file']}:{location['line']}:{location['column']}: "
                         f"{finding['rule_id']} {finding['level']} {finding['message']}{partly}")
        lines.append(_summary_line(entry))
    return "\n".join(lines) + "\n"


def _problem_line(file: str, error: dict[str, Any]) -> str:
    place = ":".join(str(part) for part in (file, error["line"], error["column"]) if part is not None)
    return f"{place}: error: {error['message']}"


def _summary_line(entry: dict[str, Any]) -> str:
    if entry["status"] != "checked":
        return f"{entry['file']}: not checked ({len(entry['errors'])} error(s) to fix first)"
    summary = entry["summary"]
    counts = [f"{summary['must']['gap'] + summary['must']['partial']} MUST gap(s)",
              f"{summary['should']['gap'] + summary['should']['partial']} SHOULD gap(s)"]
    advisory = summary["must"]["advisory"] + summary["should"]["advisory"]
    if advisory:
        counts.append(f"{advisory} advisory")
    edition = entry["edition"]
    return f"{entry['file']}: {', '.join(counts)} against the {edition['name']} edition ({edition['reason']})"
