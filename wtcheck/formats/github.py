"""GitHub Actions workflow commands (annotations), rendered from the report model.

``::error`` for a MUST gap and for what stops a file being checked,
``::warning`` for a SHOULD gap, ``::notice`` for an advisory gap, a duty
not yet in force (coming) and a recorded departure; gaps in the baseline are left out, as in the text
output. Each file ends with a ``::notice`` of its summary. :func:`render_summary`
gives a Markdown table for ``$GITHUB_STEP_SUMMARY`` that counts new gaps, as
the text summary does. Annotations are output only: the exit code comes from
the report, never from whether GitHub shows them (it limits how many it shows).

A line break in a workflow command's text would start a new command, and the
log shows escape sequences as colours: every message, title and file name is
made :func:`~wtcheck.core.text.visible` before GitHub's own escaping, and the
job summary's cells are Markdown text (:func:`~wtcheck.formats.view.markdown_text`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wtcheck.core.text import visible
from wtcheck.core.vocabulary import ADVISORY, COMING, DEPARTURE, FAILING, GAP, LISTED
from wtcheck.formats.text import new_count, summary_line
from wtcheck.formats.view import markdown_text, relative_path

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
            if finding.get("known") or finding["outcome"] not in LISTED:
                continue
            outcome = finding["outcome"]
            command = "notice" if outcome in (ADVISORY, COMING, DEPARTURE) else COMMANDS[finding["level"]]
            title = f"{finding['rule_id']} {finding['level']}"
            if outcome != GAP:
                title += f" - {report['outcome_labels'][outcome]['label']}"
            location = finding["location"]
            lines.append(_command(command, finding["message"], file, location["line"], location["column"], title))
        lines.append(_command("notice", summary_line(entry), file, None, None, "wtcheck summary"))
    return "".join(line + "\n" for line in lines)


def render_summary(report: dict[str, Any]) -> str:
    """A Markdown table of each file's result, for the job summary page; with a baseline, the
    gaps it knows are counted in a column of their own, not among the gaps."""
    known = report["baseline"] is not None
    new = "new " if known else ""
    columns = ["file", "edition", f"{new}MUST gaps", f"{new}SHOULD gaps", f"{new}advisory", "coming", "departures",
               *(["known gaps (baseline)"] if known else []), "result"]
    rows = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for entry in report["files"]:
        if entry["status"] != "checked":
            blanks = " |" * (len(columns) - 2)
            rows.append(f"| {_cell(entry['file'])} |{blanks} not checked ({len(entry['errors'])} error(s)) |")
            continue
        cells = [_cell(entry["file"]), entry["edition"]["name"], new_count(entry, ("must",), FAILING),
                 new_count(entry, ("should",), FAILING), new_count(entry, ("must", "should"), (ADVISORY,)),
                 new_count(entry, ("must", "should"), (COMING,)), entry["summary"]["should"][DEPARTURE]]
        if known:
            cells.append(sum(bool(finding.get("known")) for finding in entry["findings"]))
        cells.append("fails" if entry["fails"] else "passes")
        rows.append("| " + " | ".join(str(cell) for cell in cells) + " |")
    return "## wtcheck\n\n" + "\n".join(rows) + "\n"


def _command(command: str, message: str, file: str, line: int | None, column: int | None, title: str) -> str:
    properties = {"file": file, "line": line, "col": column, "title": title}
    shown = ",".join(f"{name}={_property(str(value))}" for name, value in properties.items() if value is not None)
    return f"::{command} {shown}::{_data(message)}"


def _data(text: str) -> str:
    return visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _cell(text: str) -> str:
    return markdown_text(text)
