"""GitHub Actions workflow commands (annotations), rendered from the report model.

``::error`` for a MUST gap and for what stops a file being checked,
``::warning`` for a SHOULD gap, ``::notice`` for an advisory gap and a
recorded departure; gaps in the baseline are left out, as in the text
output. Each file ends with a ``::notice`` of its summary. :func:`summary`
gives a Markdown table for ``$GITHUB_STEP_SUMMARY``. Annotations are output
only: the exit code comes from the report, never from whether GitHub shows
them (it limits how many it shows).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wtcheck.formats.text import summary_line
from wtcheck.repository import relative_path

COMMANDS = {"must": "error", "should": "warning"}


def render(report: dict[str, Any], *, root: Path | None = None) -> str:
    """One workflow command per gap, problem and departure; paths relative to ``root``."""
    base = root or Path.cwd()
    lines = []
    departures = report.get("departures")
    if departures:
        lines += [_command(problem["severity"], problem["message"], relative_path(departures["file"], base),
                           problem["line"], problem["column"], "wtcheck departures")
                  for problem in departures["problems"]]
    for entry in report["files"]:
        file = relative_path(entry["file"], base)
        lines += [_command("error", error["message"], file, error["line"], error["column"], "wtcheck: cannot check")
                  for error in entry["errors"]]
        for finding in entry["findings"]:
            if finding.get("known") or finding["outcome"] not in ("gap", "partial", "advisory", "departure"):
                continue
            command = "notice" if finding["outcome"] in ("advisory", "departure") else COMMANDS[finding["level"]]
            label = {"partial": " (partly met)", "departure": " (departure recorded)", "advisory": " (advisory)"}
            location = finding["location"]
            lines.append(_command(command, finding["message"], file, location["line"], location["column"],
                                  f"{finding['rule_id']} {finding['level']}{label.get(finding['outcome'], '')}"))
        lines.append(_command("notice", summary_line(entry), file, None, None, "wtcheck summary"))
    return "".join(line + "\n" for line in lines)


def summary(report: dict[str, Any]) -> str:
    """A Markdown table of each file's result, for the job summary page."""
    rows = ["| file | edition | MUST gaps | SHOULD gaps | advisory | departures | result |",
            "|---|---|---|---|---|---|---|"]
    for entry in report["files"]:
        if entry["status"] != "checked":
            rows.append(f"| {_cell(entry['file'])} | | | | | | not checked ({len(entry['errors'])} error(s)) |")
            continue
        counts = entry["summary"]
        must = counts["must"]["gap"] + counts["must"]["partial"]
        should = counts["should"]["gap"] + counts["should"]["partial"]
        advisory = counts["must"]["advisory"] + counts["should"]["advisory"]
        result = "fails" if entry["fails"] else "passes"
        rows.append(f"| {_cell(entry['file'])} | {entry['edition']['name']} | {must} | {should} | {advisory} "
                    f"| {counts['should']['departure']} | {result} |")
    return "## wtcheck\n\n" + "\n".join(rows) + "\n"


def _command(command: str, message: str, file: str, line: int | None, column: int | None, title: str) -> str:
    properties = {"file": file, "line": line, "col": column, "title": title}
    shown = ",".join(f"{name}={_property(str(value))}" for name, value in properties.items() if value is not None)
    return f"::{command} {shown}::{_data(message)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
