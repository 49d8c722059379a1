"""Text for the terminal: the gap report and the survey as rich tables.

On a terminal the outcomes are coloured too, but each is always written out in
words. Values from the YAML are shown as plain text: never read as rich markup,
and with control characters made visible, so a file cannot restyle or take over
the terminal.
"""

from __future__ import annotations

import io
import re
import shutil
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from wtcheck.formats import view

PLAIN_WIDTH = 110
MATRIX_COLUMNS = 10
"""The survey shows one column per partnership in the terminal for up to this many."""

STYLES = {"met": "green", "gap": "bold red", "partial": "yellow", "advisory": "blue",
          "departure": "magenta", "judge": "cyan", "not_applicable": "dim"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def render(report: dict[str, Any], *, terminal: bool = False) -> str:
    """The gap report: summary, most important gaps, coverage matrix by subject, provenance."""
    parts: list[RenderableType] = []
    for entry in report["files"]:
        parts.extend(_report_file(report, entry))
    return _print(parts, terminal)


def render_survey(survey: dict[str, Any], *, terminal: bool = False) -> str:
    """The survey: requirements most-missed first (with the matrix when it fits), files not checked."""
    counts = survey["counts"]
    parts: list[RenderableType] = [
        Rule(Text(f"National survey: {counts['files']} file(s), {counts['checked']} checked, "
                  f"{counts['not_checked']} not checked", style="bold")),
        plain(survey["editions_note"]),
    ]
    for matrix in survey["matrices"]:
        parts.extend(_survey_matrix(survey, matrix))
    if survey["not_checked"]:
        table = Table(title="Files not checked", title_justify="left", box=box.SIMPLE_HEAD, expand=True)
        table.add_column("File")
        table.add_column("Why not")
        for entry in survey["not_checked"]:
            table.add_row(plain(entry["file"]), plain("\n".join(view.problem_text(error) for error in entry["errors"])))
        parts.append(table)
    parts.append(plain(f"wtcheck {survey['tool']['version']}, {survey['generated']}", "dim"))
    return _print(parts, terminal)


def plain(value: Any, style: str = "") -> Text:
    """A value from the model as literal text, control characters shown as escapes."""
    return Text(_CONTROL.sub(lambda match: repr(match.group())[1:-1], str(value)), style=style)


def _outcome(labels: dict[str, dict[str, str]], outcome: str, form: str = "label") -> Text:
    return Text(labels[outcome][form], style=STYLES.get(outcome, ""))


def _report_file(report: dict[str, Any], entry: dict[str, Any]) -> list[RenderableType]:
    labels = report["outcome_labels"]
    parts: list[RenderableType] = [Rule(plain(f"Gap report: {entry['partnership'] or entry['file']}", "bold"))]
    if entry["status"] != "checked":
        parts.append(plain("This file could not be checked. Fix these problems first:", "bold"))
        parts.extend(plain(f"  {entry['file']}: {view.problem_text(error)}") for error in entry["errors"])
        return parts
    edition = entry["edition"]
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    for name, value in (("Partnership", entry["partnership"] or "not named in the file"),
                        ("Checked against", edition["title"]), ("Why this edition", edition["reason"]),
                        ("File checked", entry["file"])):
        facts.add_row(name, plain(value))
    parts += [plain(view.headline(entry, labels), "bold"), facts, _counts(labels, entry)]
    gaps = view.top_gaps(entry)
    parts.append(Text("The most important gaps, and what to do", style="bold underline"))
    if not gaps:
        parts.append(plain("No MUST or SHOULD requirement has a gap."))
    listing = Table.grid(padding=(0, 1, 1, 0))
    listing.add_column(justify="right")
    listing.add_column()
    for number, finding in enumerate(gaps, 1):
        item = plain(finding["title"], "bold")
        item.append(f" ({finding['level'].upper()}, {labels[finding['outcome']]['label']}, {finding['rule_id']})\n")
        item.append_text(plain(f"What to do: {finding['message']}\n"))
        item.append_text(plain(view.citation_text(finding["citation"]), "italic"))
        listing.add_row(f"{number}.", item)
    parts.append(listing)
    parts.append(Text(f"\nCoverage matrix: every requirement of the {edition['name']} edition, MUST before SHOULD",
                      style="bold underline"))
    for group in view.groups(entry, report["categories"]):
        parts.append(_category(labels, group))
    parts += [Text("Provenance", style="bold underline"), _provenance(report, entry)]
    return parts


def _counts(labels: dict[str, dict[str, str]], entry: dict[str, Any]) -> Table:
    table = Table(title="Requirements by level and outcome", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("Level")
    for outcome in labels:
        table.add_column(_outcome(labels, outcome), justify="right")
    table.add_column("all", justify="right")
    for level in ("must", "should"):
        counts = view.tally(entry["summary"], level)
        table.add_row(level.upper(), *(str(counts[outcome]) for outcome in labels), str(counts["total"]))
    return table


def _category(labels: dict[str, dict[str, str]], group: dict[str, Any]) -> Table:
    table = Table(title=plain(group["title"], "bold"), title_justify="left", box=box.SIMPLE_HEAD,
                  expand=True, show_lines=True)
    table.add_column("Rule", no_wrap=True)
    table.add_column("Level")
    table.add_column("Outcome", max_width=14)
    table.add_column("Requirement", ratio=3, overflow="fold")
    table.add_column("Guidance and evidence", ratio=2, overflow="fold")
    for finding in group["findings"]:
        requirement = plain(finding["title"], "bold")
        if finding["outcome"] != "met":
            requirement.append_text(plain("\n" + finding["message"]))
        guidance = [view.citation_text(finding["citation"])]
        for evidence in finding["evidence"]:
            guidance.append("Evidence: " + ", ".join(filter(None, (view.evidence_text(evidence), evidence.get("url")))))
        guidance.append(view.location_text(finding))
        table.add_row(finding["rule_id"], finding["level"].upper(), _outcome(labels, finding["outcome"]),
                      requirement, plain("\n".join(guidance)))
    return table


def _provenance(report: dict[str, Any], entry: dict[str, Any]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    table.add_row("Checked by", f"wtcheck {report['tool']['version']}, {report['generated']}")
    ruleset = entry["ruleset"]
    table.add_row("Ruleset", f"{ruleset['name']} ({entry['edition']['name']} edition, {ruleset['rules']} rules), "
                             f"SHA-256 {ruleset['sha256']}")
    table.add_row("Input file", plain(f"{entry['file']}, SHA-256 {entry['input_sha256']}"))
    return table


def _survey_matrix(survey: dict[str, Any], matrix: dict[str, Any]) -> list[RenderableType]:
    labels = survey["outcome_labels"]
    partnerships = matrix["partnerships"]
    columns = partnerships if len(partnerships) <= MATRIX_COLUMNS else []
    table = Table(title=plain(f"{matrix['edition']['title']}: {len(partnerships)} partnership(s); "
                              "requirements most-missed first", "bold"),
                  title_justify="left", box=box.SIMPLE_HEAD, expand=True)
    for heading in ("#", "Rule", "Level", "Requirement", "Meeting it", "Missing it"):
        table.add_column(heading, ratio=4 if heading == "Requirement" else None, overflow="fold",
                         justify="right" if heading in ("#", "Missing it") else "left")
    for number in range(1, len(columns) + 1):
        table.add_column(f"P{number}")
    for rank, requirement in enumerate(matrix["requirements"], 1):
        title = plain(requirement["title"])
        if requirement["confidence"] == "unconfirmed":
            title.append(" (unconfirmed requirement: advisory)", style="italic")
        cells = [_outcome(labels, partnership["outcomes"][requirement["rule_id"]], "short") for partnership in columns]
        table.add_row(str(rank), requirement["rule_id"], requirement["level"].upper(), title,
                      view.share_text(requirement), str(requirement["missed"]), *cells)
    key = Table(title="Partnerships", title_justify="left", box=box.SIMPLE_HEAD, expand=True)
    for heading in ("", "Partnership", "File", "MUST gaps", "SHOULD gaps"):
        key.add_column(heading, justify="right" if "gaps" in heading else "left")
    for number, partnership in enumerate(partnerships, 1):
        key.add_row(f"P{number}" if columns else str(number), plain(partnership["partnership"] or "not named"),
                    plain(partnership["file"]), str(view.tally(partnership["summary"], "must")["gaps"]),
                    str(view.tally(partnership["summary"], "should")["gaps"]))
    parts: list[RenderableType] = [table, key]
    if not columns:
        parts.append(plain(f"The partnership-by-requirement matrix has {len(partnerships)} rows: "
                           "write it with -o survey.html, .md, .csv or .json.", "italic"))
    return parts


def _print(parts: list[RenderableType], terminal: bool) -> str:
    width = shutil.get_terminal_size((PLAIN_WIDTH, 24)).columns if terminal else PLAIN_WIDTH
    console = Console(file=io.StringIO(), width=width, force_terminal=terminal, no_color=None if terminal else True,
                      highlight=False, emoji=False, soft_wrap=False)
    console.print(Group(*parts))
    return console.file.getvalue()  # type: ignore[attr-defined]
