"""What the human-readable formats show, worked out once from the report and survey models.

HTML, Markdown and the terminal group findings by category (MUST before
SHOULD), count outcomes, and write citations, evidence and shares the same
way; they take all of that from here, so they cannot drift apart.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from wtcheck.core.text import HIDDEN, flowing, located
from wtcheck.core.vocabulary import ADVISORY, COMING, DEPARTURE, FAILING, GAP, JUDGE, MET, NOT_APPLICABLE, OUTCOMES, PARTIAL
from wtcheck.formats.citations import citation_text

__all__ = ["citation_text"]

LEVEL_ORDER = {"must": 0, "should": 1}

OUTCOME_COLOURS: dict[str, tuple[str, str]] = {
    MET: ("#0b5a2a", "#e3f4e8"),
    GAP: ("#8a1111", "#fde7e7"),
    PARTIAL: ("#6e4200", "#fff1d6"),
    ADVISORY: ("#3b3b85", "#ecebfa"),
    COMING: ("#00504f", "#dff3f2"),
    DEPARTURE: ("#55306e", "#f3e9f8"),
    JUDGE: ("#0c4a6e", "#e0f0fa"),
    NOT_APPLICABLE: ("#404040", "#efefef"),
}
"""Each outcome's colours, text and background (WCAG AA against each other): the HTML report and
survey, their pictures and the spreadsheet all take them from here, so they match."""
PICTURE_ORDER: tuple[str, ...] = (MET, PARTIAL, GAP, ADVISORY, COMING, DEPARTURE, JUDGE, NOT_APPLICABLE)
"""The order of outcomes along a bar of the coverage picture and in a heat map's key: met to gap."""
assert set(PICTURE_ORDER) == set(OUTCOMES) == set(OUTCOME_COLOURS)
_WEB_ADDRESS = re.compile(r"https?://\S+")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")


def groups(entry: dict[str, Any], categories: list[dict[str, str]]) -> list[dict[str, Any]]:
    """The file's findings under the report's categories, MUST before SHOULD in each,
    otherwise in ruleset order."""
    by_category: dict[str, list[dict[str, Any]]] = {}
    for finding in entry["findings"]:
        by_category.setdefault(finding["category"], []).append(finding)
    return [{"id": category["id"], "title": category["title"],
             "findings": sorted(by_category[category["id"]], key=lambda finding: LEVEL_ORDER[finding["level"]])}
            for category in categories if category["id"] in by_category]


def coverage(entry: dict[str, Any], categories: list[dict[str, str]]) -> list[dict[str, Any]]:
    """For the coverage picture: each subject's requirements by outcome, met to gap, with each
    outcome's share of the subject's bar (``start`` and ``width``, in per cent)."""
    rows = []
    for group in groups(entry, categories):
        counts = {outcome: sum(f["outcome"] == outcome for f in group["findings"]) for outcome in PICTURE_ORDER}
        total = sum(counts.values())
        start = 0.0
        segments = []
        for outcome in PICTURE_ORDER:
            if counts[outcome]:
                width = 100 * counts[outcome] / total
                segments.append({"outcome": outcome, "count": counts[outcome], "start": round(start, 2),
                                 "width": round(width, 2)})
                start += width
        rows.append({"id": group["id"], "title": group["title"], "total": total, "counts": counts,
                     "segments": segments})
    return rows


def heat_map(matrix: dict[str, Any]) -> dict[str, Any]:
    """A survey matrix as a heat map: partnerships (rows, in the matrix's order) by requirements
    (columns, most-missed first), each cell coloured by its outcome. Cells of one outcome that lie
    side by side in a row are drawn as one run, so the picture stays small for a thousand
    partnerships: for each outcome, the runs ``(row, first column, how many)``."""
    requirements = [requirement["rule_id"] for requirement in matrix["requirements"]]
    runs: dict[str, list[tuple[int, int, int]]] = {outcome: [] for outcome in PICTURE_ORDER}
    for row, partnership in enumerate(matrix["partnerships"]):
        outcomes = [partnership["outcomes"][rule_id] for rule_id in requirements]
        start = 0
        for column in range(1, len(outcomes) + 1):
            if column == len(outcomes) or outcomes[column] != outcomes[start]:
                runs[outcomes[start]].append((row, start, column - start))
                start = column
    return {"rows": len(matrix["partnerships"]), "columns": len(requirements),
            "paths": {outcome: "".join(f"M{column} {row}h{length}v1h-{length}z" for row, column, length in cells)
                      for outcome, cells in runs.items() if cells}}
def coming(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """The file's findings against duties enacted but not yet in force, in ruleset order."""
    return [finding for finding in entry["findings"] if finding["outcome"] == COMING]


def commencement_note(item: Mapping[str, Any]) -> str:
    """`` (coming: not yet in force)`` for a rule or requirement whose statutory provision was not in
    force on the day checked as of; else nothing."""
    commencement = item.get("commencement")
    return " (coming: not yet in force)" if commencement and not commencement["in_force"] else ""


def top_gaps(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """The findings the model ranks as the most important gaps, most important first."""
    by_id = {finding["rule_id"]: finding for finding in entry["findings"]}
    return [by_id[rule_id] for rule_id in entry["top_gaps"]]


def tally(summary: dict[str, dict[str, int]], level: str) -> dict[str, int]:
    """For one level: the count of each outcome, plus ``gaps`` (missing or partly met) and ``total``."""
    counts = dict(summary[level])
    counts["gaps"] = sum(counts[outcome] for outcome in FAILING)
    counts["total"] = sum(summary[level].values())
    return counts


def headline(entry: dict[str, Any], labels: dict[str, dict[str, str]]) -> str:
    """One sentence a reader takes in at a glance: how many MUST and SHOULD requirements are
    met, how many have gaps, and how many have each other outcome."""
    parts = []
    for level in ("must", "should"):
        counts = tally(entry["summary"], level)
        if counts["total"]:
            words = [f"{counts['met']} of {counts['total']} {level.upper()} requirements met",
                     f"{counts['gaps']} with {'a gap' if counts['gaps'] == 1 else 'gaps'}"]
            words += [f"{counts[outcome]} {labels[outcome]['label']}" for outcome in labels
                      if outcome not in (MET, *FAILING) and counts[outcome]]
            parts.append(", ".join(words))
    return "; ".join(parts) + "." if parts else "No requirements were checked."


def relative_path(file: str, root: Path) -> str:
    """``file`` relative to ``root`` with ``/`` between folders, or absolute when outside it."""
    absolute = Path(os.path.realpath(file))
    try:
        return absolute.relative_to(Path(os.path.realpath(root))).as_posix()
    except ValueError:
        return absolute.as_posix()


def evidence_text(evidence: dict[str, Any]) -> str:
    """The document, section, page and note an evidence item gives, in one line (without the address)."""
    parts = [str(evidence[key]) for key in ("document", "section") if evidence.get(key)]
    if evidence.get("page") not in (None, ""):
        parts.append(f"page {evidence['page']}")
    if evidence.get("note"):
        parts.append(str(evidence["note"]))
    return ", ".join(parts)


def web_address(value: Any) -> str | None:
    """``value`` if it is all an http(s) address safe to link to, else None (never a ``javascript:``
    link, nor one with a line break, a control or a bidirectional character, even at its end)."""
    if isinstance(value, str) and _WEB_ADDRESS.fullmatch(value) and not HIDDEN.search(value):
        return value
    return None


def markdown_text(value: Any) -> str:
    """A value as plain text in Markdown, on one line: :func:`~wtcheck.core.text.flowing` (line breaks
    become spaces, so a table cell stays one cell; controls, bidirectional and zero-width characters
    escaped), Markdown's markup characters escaped, and HTML turned into entities."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", flowing(str(value)))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def location_text(finding: dict[str, Any]) -> str:
    """Where in the YAML file a finding points: ``line 33, relevant_agencies``, or
    ``not in the file`` when nothing of what it asks for is there."""
    location = finding["location"]
    return f"line {location['line']}, {location['path']}" if location["path"] else "not in the file"


def finding_message(finding: Mapping[str, Any], labels: dict[str, dict[str, str]]) -> str:
    """A finding's message, with its outcome in the report's words where the message does not
    already say it (a partly met requirement; advisory and departure messages say so themselves)."""
    if finding["outcome"] == PARTIAL:
        return f"{finding['message']} ({labels[PARTIAL]['label']})"
    return str(finding["message"])


def share_text(requirement: dict[str, Any]) -> str:
    """A survey requirement's share of partnerships meeting it, of those whose outcome could be
    decided, and how many need a person to judge or have the duty still to come:
    ``45% (9 of 20); 2 to judge; 3 coming``."""
    counts = requirement["counts"]
    apart = [f"{counts[JUDGE]} to judge"] if counts[JUDGE] else []
    apart += [f"{counts[COMING]} coming"] if counts[COMING] else []
    if requirement["share_met"] is None:
        return "; ".join(apart) or "applies to none"
    share = f"{requirement['share_met']:.0%} ({requirement['met']} of {requirement['assessed']})"
    return "; ".join([share, *apart])


def problem_text(error: dict[str, Any]) -> str:
    """A reason a file could not be checked, with its line and column when known."""
    if error["line"] is None:
        return str(error["message"])
    return "line " + located(error["message"], None, error["line"], error["column"])
