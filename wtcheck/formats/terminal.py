"""Text for the terminal: the gap report and the survey as rich tables.

On a terminal the outcomes are coloured too, but each is always written out in
words. Values from the YAML are shown as plain text: never read as rich markup,
and with control characters made visible, so a file cannot restyle or take over
the terminal. The width is the terminal's, or ``COLUMNS`` when piped (else
``PLAIN_WIDTH``); below ``STACKED_BELOW`` columns the coverage matrix is stacked,
one requirement under another, so it reads at 80 columns. Web addresses are
never shortened: each stands on its own line, and one longer than the line
goes on to the next. No line ends in spaces.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from wtcheck.core.text import visible
from wtcheck.formats import view
from wtcheck.formats.citations import citation_segments

PLAIN_WIDTH = 110
"""The width of text written to a file or a pipe, unless ``COLUMNS`` says otherwise."""
STACKED_BELOW = 120
"""Narrower than this, the report's coverage matrix lists each requirement as a block instead of a table row."""
MATRIX_COLUMNS = 10
"""The survey shows one column per partnership in the terminal for up to this many (if they fit)."""
REQUIREMENT_WIDTH = 30
"""The narrowest the survey matrix lets a requirement's title be; narrower, it shows a list instead."""

STYLES = {"met": "green", "gap": "bold red", "partial": "yellow", "advisory": "blue", "coming": "bright_magenta",
          "departure": "magenta", "judge": "cyan", "not_applicable": "dim"}
SIMPLE_HEAD_ASCII = box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)
"""Rich's SIMPLE_HEAD box (a line under the header row), drawn in ASCII for files and pipes."""
_TRAILING = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)


def render(report: dict[str, Any], *, terminal: bool = False, width: int | None = None) -> str:
    """The gap report: summary, most important gaps, coverage matrix by subject, provenance;
    ``width`` is the terminal's (by default the real one on a terminal, else ``COLUMNS`` or ``PLAIN_WIDTH``)."""
    width = width or _width(terminal)
    parts: list[RenderableType] = []
    for entry in report["files"]:
        parts.extend(_report_file(report, entry, stacked=width < STACKED_BELOW))
    return _print(parts, terminal, width)


def render_survey(survey: dict[str, Any], *, terminal: bool = False, width: int | None = None) -> str:
    """The survey: requirements most-missed first (with the matrix when it fits), files not checked;
    ``width`` is the terminal's (by default the real one on a terminal, else ``PLAIN_WIDTH``)."""
    width = width or _width(terminal)
    counts = survey["counts"]
    parts: list[RenderableType] = [
        Rule(Text(f"National survey: {counts['files']} file(s), {counts['checked']} checked, "
                  f"{counts['not_checked']} not checked", style="bold")),
        plain(survey["editions_note"]),
    ]
    for matrix in survey["matrices"]:
        parts.extend(_survey_matrix(survey, matrix, width))
    if survey["not_checked"]:
        table = Table(title="Files not checked", title_justify="left", box=box.SIMPLE_HEAD, expand=True)
        table.add_column("File")
        table.add_column("Why not")
        for entry in survey["not_checked"]:
            table.add_row(plain(entry["file"]), plain("\n".join(view.problem_text(error) for error in entry["errors"])))
        parts.append(table)
    parts.append(plain(f"wtcheck {survey['tool']['version']}, {survey['generated']}", "dim"))
    return _print(parts, terminal, width)


def plain(value: Any, style: str = "") -> Text:
    """A value from the model as literal text, each of its lines made :func:`visible` (escape sequences,
    carriage returns, bidirectional and zero-width characters shown as escapes)."""
    return Text("\n".join(visible(line) for line in str(value).split("\n")), style=style)


def _outcome(labels: dict[str, dict[str, str]], outcome: str, form: str = "label") -> Text:
    return Text(labels[outcome][form], style=STYLES.get(outcome, ""))


def _report_file(report: dict[str, Any], entry: dict[str, Any], *, stacked: bool) -> list[RenderableType]:
    labels = report["outcome_labels"]
    parts: list[RenderableType] = [Rule(plain(f"Gap report: {entry['partnership'] or entry['file']}", "bold"))]
    if entry["status"] != "checked":
        parts.append(plain("This file could not be checked. Fix these problems first:", "bold"))
        parts.extend(plain(f"  {entry['file']}: {view.problem_text(error)}") for error in entry["errors"])
        return parts
    edition = entry["edition"]
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column(overflow="fold")
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
    listing.add_column(overflow="fold")
    for number, finding in enumerate(gaps, 1):
        item = plain(finding["title"], "bold")
        item.append(f" ({finding['level'].upper()}, {labels[finding['outcome']]['label']}, {finding['rule_id']})\n")
        item.append_text(plain(f"What to do: {finding['message']}\n"))
        item.append_text(_citation(finding["citation"]))
        listing.add_row(f"{number}.", item)
    parts.append(listing)
    coming = view.coming(entry)
    if coming:
        parts.append(Text("Duties coming: enacted, not yet in force (not gaps), and what they will need",
                          style="bold underline"))
        later = Table.grid(padding=(0, 1, 1, 0))
        later.add_column()
        for finding in coming:
            item = plain(finding["title"], "bold")
            item.append(f" ({finding['level'].upper()}, {finding['rule_id']})\n")
            item.append_text(plain(finding["message"]))
            later.add_row(item)
        parts.append(later)
    parts.append(Text(f"\nCoverage matrix: every requirement of the {edition['name']} edition, MUST before SHOULD",
                      style="bold underline"))
    for group in view.groups(entry, report["categories"]):
        parts.append(_stacked_category(labels, group) if stacked else _category(labels, group))
    parts += [Text("Provenance", style="bold underline"), _provenance(report, entry)]
    return parts


def _counts(labels: dict[str, dict[str, str]], entry: dict[str, Any]) -> Table:
    """Requirements by outcome (a row each) and level (a column each), so it fits any width."""
    table = Table(title="Requirements by outcome and level", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("Outcome")
    levels = ("must", "should")
    for level in levels:
        table.add_column(level.upper(), justify="right")
    counts = {level: view.tally(entry["summary"], level) for level in levels}
    for outcome in labels:
        table.add_row(_outcome(labels, outcome), *(str(counts[level][outcome]) for level in levels))
    table.add_row(Text("all", style="bold"), *(str(counts[level]["total"]) for level in levels))
    return table


def _citation(citation: dict[str, Any]) -> Text:
    """A citation in words, each source it names numbered, then each web address on a line of its own."""
    words = Text(style="italic")
    addresses: list[str] = []
    for segment, url in citation_segments(citation):
        words.append_text(plain(segment))
        if url:
            addresses.append(url)
            words.append(f" [{len(addresses)}]")
    for number, url in enumerate(addresses, 1):
        words.append(f"\n[{number}] ")
        words.append_text(_address(url))
    return words


def _address(url: str) -> Text:
    """A web address, whole (linked on a terminal that can)."""
    shown = plain(url)
    if view.web_address(url):
        shown.stylize(f"link {url}")
    return shown


def _stacked_category(labels: dict[str, dict[str, str]], group: dict[str, Any]) -> Group:
    """One subject's requirements one under another: rule, level and outcome, the requirement,
    what to do, the guidance with its addresses, the evidence and where in the file."""
    blocks: list[RenderableType] = [Text(""), plain(f"{group['title']} ({len(group['findings'])})", "bold underline")]
    for finding in group["findings"]:
        head = Text(f"{finding['rule_id']}  {finding['level'].upper()}  ", style="bold")
        head.append_text(_outcome(labels, finding["outcome"]))
        body = plain(finding["title"], "bold")
        if finding["outcome"] != "met":
            body.append_text(plain(f"\n{finding['message']}"))
        body.append("\nGuidance: ")
        body.append_text(_citation(finding["citation"]))
        for evidence in finding["evidence"]:
            body.append_text(plain(f"\nEvidence: {view.evidence_text(evidence)}".rstrip()))
            address = view.web_address(evidence.get("url"))
            if address:
                body.append("\n")
                body.append_text(_address(address))
        body.append_text(plain(f"\nIn the file: {view.location_text(finding)}", "dim"))
        blocks += [Text(""), head, Padding(body, (0, 0, 0, 2))]
    return Group(*blocks)


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
        guidance = _citation(finding["citation"])
        for evidence in finding["evidence"]:
            guidance.append_text(plain("\nEvidence: " + ", ".join(filter(None, (view.evidence_text(evidence),
                                                                                 evidence.get("url"))))))
        guidance.append_text(plain("\n" + view.location_text(finding)))
        table.add_row(finding["rule_id"], finding["level"].upper(), _outcome(labels, finding["outcome"]),
                      requirement, guidance)
    return table


def _provenance(report: dict[str, Any], entry: dict[str, Any]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    table.add_row("Checked by", f"wtcheck {report['tool']['version']}, {report['generated']}")
    ruleset = entry["ruleset"]
    table.add_row("Ruleset", f"{ruleset['name']} ({entry['edition']['name']} edition, {ruleset['rules']} rules), "
                             f"SHA-256 {ruleset['sha256']}")
    table.add_row("Input file", plain(f"{entry['file']}, SHA-256 {entry['input_sha256']}"))
    return table


def _survey_matrix(survey: dict[str, Any], matrix: dict[str, Any], width: int) -> list[RenderableType]:
    """One edition's requirements, most-missed first: as a matrix with a column per partnership
    when there are few enough and it fits ``width`` with room to read each requirement, else as
    a list (each requirement on its own lines, with each partnership's outcome while there are
    few) that reads at any width down to 80 columns."""
    labels = survey["outcome_labels"]
    partnerships = matrix["partnerships"]
    title = plain(f"{matrix['edition']['title']}: {len(partnerships)} partnership(s); requirements most-missed "
                  "first (real gaps, then advisory)", "bold")
    few = len(partnerships) <= MATRIX_COLUMNS
    if few:
        headings, rows = _matrix_rows(matrix, labels)
        if _matrix_width(headings, rows) <= width:
            return [Text(""), _requirements_table(headings, rows, title), _partnership_list(partnerships, numbered=True)]
    parts: list[RenderableType] = [Text(""), _requirements_list(matrix, labels, title, outcomes=few),
                                   _partnership_list(partnerships, numbered=few)]
    if not few:
        parts.append(plain(f"The partnership-by-requirement matrix has {len(partnerships)} rows: write it with "
                           "-o survey.html, .md, .csv or .json.", "italic"))
    return parts


def _matrix_rows(matrix: dict[str, Any], labels: dict[str, dict[str, str]]) -> tuple[list[str], list[list[Text]]]:
    headings = ["#", "Rule", "Level", "Requirement", "Meeting it", "Gaps", "Advisory"]
    headings += [f"P{number}" for number in range(1, len(matrix["partnerships"]) + 1)]
    rows = [[Text(str(rank)), Text(requirement["rule_id"]), Text(requirement["level"].upper()),
             _requirement_title(requirement), Text(view.share_text(requirement).replace("; ", "\n")),
             Text(str(requirement["missed"])), Text(str(requirement["counts"]["advisory"])),
             *(_outcome(labels, partnership["outcomes"][requirement["rule_id"]], "short")
               for partnership in matrix["partnerships"])]
            for rank, requirement in enumerate(matrix["requirements"], 1)]
    return headings, rows


def _matrix_width(headings: list[str], rows: list[list[Text]]) -> int:
    """The width the matrix needs to give each requirement ``REQUIREMENT_WIDTH`` columns: every other
    column at its widest, one space of padding each side, and the box's separators and edges."""
    requirement = headings.index("Requirement")
    widths = [REQUIREMENT_WIDTH if index == requirement else
              max(len(line) for text in [Text(heading), *(row[index] for row in rows)] for line in text.plain.split("\n"))
              for index, heading in enumerate(headings)]
    return sum(width + 2 for width in widths) + len(headings) + 1


def _requirements_table(headings: list[str], rows: list[list[Text]], title: Text) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, expand=True)
    for heading in headings:
        readable = heading == "Requirement"
        table.add_column(heading, ratio=1 if readable else None, no_wrap=not readable,
                         justify="right" if heading in ("#", "Gaps", "Advisory") else "left")
    for row in rows:
        table.add_row(*row)
    return table


def _requirements_list(matrix: dict[str, Any], labels: dict[str, dict[str, str]], title: Text, *,
                       outcomes: bool) -> Table:
    listing = Table.grid(padding=(0, 1))
    listing.title, listing.title_justify = title, "left"
    listing.add_column(justify="right", no_wrap=True)
    listing.add_column()
    for rank, requirement in enumerate(matrix["requirements"], 1):
        item = Text(f"{requirement['rule_id']}  {requirement['level'].upper()}  ", style="bold")
        item.append_text(_requirement_title(requirement))
        counts = [f"meeting it: {view.share_text(requirement)}", f"gaps: {requirement['missed']}"]
        if requirement["counts"]["advisory"]:
            counts.append(f"advisory: {requirement['counts']['advisory']}")
        if requirement["counts"]["coming"]:
            counts.append(f"coming: {requirement['counts']['coming']}")
        item.append_text(plain("\n" + "; ".join(counts)))
        if outcomes:
            for number, partnership in enumerate(matrix["partnerships"], 1):
                item.append(f"{'; ' if number > 1 else chr(10)}P{number} ")
                item.append_text(_outcome(labels, partnership["outcomes"][requirement["rule_id"]], "short"))
        item.append("\n")
        listing.add_row(f"{rank}.", item)
    return listing


def _requirement_title(requirement: dict[str, Any]) -> Text:
    title = plain(requirement["title"])
    if requirement["confidence"] == "unconfirmed":
        title.append(" (unconfirmed requirement: advisory)", style="italic")
    title.append(view.commencement_note(requirement), style="italic")
    return title


def _partnership_list(partnerships: list[dict[str, Any]], *, numbered: bool) -> Table:
    listing = Table.grid(padding=(0, 1))
    listing.title, listing.title_justify = Text("Partnerships", style="bold"), "left"
    listing.add_column(justify="right", no_wrap=True)
    listing.add_column()
    for number, partnership in enumerate(partnerships, 1):
        gaps = [f"{view.tally(partnership['summary'], level)['gaps']} {level.upper()} gap(s)" for level in ("must", "should")]
        advisory = sum(partnership["summary"][level]["advisory"] for level in ("must", "should"))
        coming = sum(partnership["summary"][level]["coming"] for level in ("must", "should"))
        item = plain(partnership["partnership"] or "not named", "bold")
        later = f", {coming} coming" if coming else ""
        item.append_text(plain(f" ({partnership['file']}): {', '.join(gaps)}, {advisory} advisory{later}"))
        listing.add_row(f"P{number}" if numbered else f"{number}.", item)
    return listing


def _width(terminal: bool) -> int:
    """``COLUMNS`` if set (a terminal's own width is what it sets it to), else the terminal's, else ``PLAIN_WIDTH``."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return max(int(columns), 40)
    return max(shutil.get_terminal_size((PLAIN_WIDTH, 24)).columns, 40) if terminal else PLAIN_WIDTH


def _print(parts: list[RenderableType], terminal: bool, width: int | None = None) -> str:
    width = width or _width(terminal)
    console = Console(file=io.StringIO(), width=width, force_terminal=terminal, no_color=None if terminal else True,
                      highlight=False, emoji=False, soft_wrap=False)
    if not terminal:  # ASCII lines, so a line's length in bytes is its length in characters (what awk counts)
        for part in parts:
            if isinstance(part, Rule):
                part.characters = "-"
            if isinstance(part, Table) and part.box is box.SIMPLE_HEAD:
                part.box = SIMPLE_HEAD_ASCII
    console.print(Group(*parts))
    return _TRAILING.sub(r"\1", str(console.file.getvalue()))  # type: ignore[attr-defined]
