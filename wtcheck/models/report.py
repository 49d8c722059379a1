"""The report model: checking results as JSON data (``schemas/report.schema.json``).

Every output format renders from this data, never from the YAML, so what the
JSON says and what the HTML, Markdown or terminal show cannot disagree.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from wtcheck import __version__
from wtcheck.core.departures import Departures, section
from wtcheck.core.engine import GAP, LEVELS, OUTCOMES, Finding
from wtcheck.core.fingerprint import fingerprint
from wtcheck.core.loading import format_path
from wtcheck.core.runner import FileResult

if TYPE_CHECKING:
    from wtcheck.core.baseline import Baseline

SCHEMA_VERSION = "1"
EXIT_CLEAN, EXIT_GAPS, EXIT_CANNOT_CHECK = 0, 1, 2

OUTCOME_LABELS = {
    "met": {"label": "met", "short": "met"},
    "gap": {"label": "gap", "short": "gap"},
    "partial": {"label": "partly met", "short": "partly"},
    "advisory": {"label": "advisory (not confirmed by wtcheck)", "short": "advisory"},
    "departure": {"label": "departure recorded", "short": "departure"},
    "judge": {"label": "needs a person to judge", "short": "judge"},
    "not_applicable": {"label": "not applicable", "short": "n/a"},
}
"""The words every format shows for each outcome (in full, and short for a matrix cell)."""

CATEGORY_TITLES = {
    "partners": "Safeguarding partners",
    "relevant_agencies": "Relevant agencies",
    "scrutiny": "Chairing and independent scrutiny",
    "funding": "Funding",
    "publication": "Publishing the arrangements",
    "practice": "Practice: thresholds, data, training and escalation",
    "reviews": "Reviews",
    "annual_report": "The yearly report",
}
"""Rule categories in the order reports show them, with their headings."""

TOP_GAPS = 3


def build(results: Iterable[FileResult], fail_on: str, *, departures: Departures | None = None,
          baseline: Baseline | None = None) -> dict[str, Any]:
    """The report for a run over ``results``, failing at ``fail_on`` (must, should, none).

    ``results`` may be a generator: each file's result is turned into its part
    of the report as it comes, and is not kept (a batch holds only the report).

    With ``departures``, the report lists what is wrong with the departures
    file: an unreadable file stops the run (exit 2), an invalid departure
    fails it (exit 1) unless ``fail_on`` is ``none``.
    """
    rules: dict[str, dict[str, str]] = {}
    files = [_file(result, fail_on, rules) for result in results]
    departures_section = section(departures, files) if departures is not None else None
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "wtcheck", "version": __version__},
        "generated": generated_at(),
        "fail_on": fail_on,
        "exit_code": max(exit_code(files), _departures_exit_code(departures_section, fail_on)),
        "outcome_labels": copy.deepcopy(OUTCOME_LABELS),
        "categories": categories(files),
        "rules": rules,
        "files": files,
        "departures": departures_section,
        "baseline": None if baseline is None else {
            "file": baseline.file,
            "known": sum(finding["known"] for entry in files for finding in entry["findings"])},
    }


def _departures_exit_code(departures: dict[str, Any] | None, fail_on: str) -> int:
    if departures is None:
        return EXIT_CLEAN
    if departures["status"] != "checked":
        return EXIT_CANNOT_CHECK
    errors = any(problem["severity"] == "error" for problem in departures["problems"])
    return EXIT_GAPS if errors and fail_on != "none" else EXIT_CLEAN


def exit_code(files: list[dict[str, Any]]) -> int:
    """2 if any file could not be checked, else 1 if any failed, else 0."""
    if any(entry["status"] != "checked" for entry in files):
        return EXIT_CANNOT_CHECK
    return EXIT_GAPS if any(entry["fails"] for entry in files) else EXIT_CLEAN


def generated_at() -> str:
    """The time a report is made, in UTC (``SOURCE_DATE_EPOCH`` when set, for reproducible output)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _file(result: FileResult, fail_on: str, rules: dict[str, dict[str, str]]) -> dict[str, Any]:
    """The file's part of the report; adds the advice of the rules it was checked against to ``rules``."""
    document = result.document
    partnership = (document.data.get("partnership") or {}) if document else {}
    entry: dict[str, Any] = {
        "file": result.file,
        "input_sha256": document.sha256 if document else None,
        "status": "checked" if result.checked else "not_checked",
        "errors": [{"message": p.message, "line": p.line, "column": p.column, "path": p.path}
                   for p in result.problems],
        "partnership": partnership.get("name") if isinstance(partnership, dict) else None,
        "edition": None,
        "ruleset": None,
        "summary": None,
        "fails": False,
        "findings": [],
        "top_gaps": [],
    }
    if result.checked:
        assert result.choice is not None and result.ruleset is not None
        entry["edition"] = {"name": result.choice.edition.name, "title": result.choice.edition.title,
                            "reason": result.choice.reason}
        entry["ruleset"] = {"name": result.ruleset.name, "sha256": result.ruleset.sha256,
                            "rules": len(result.ruleset.rules)}
        entry["findings"] = [_finding(finding, result.ruleset.edition) for finding in result.findings]
        entry["summary"] = _summary(result.findings)
        entry["fails"] = any(finding.fails(fail_on) for finding in result.findings)
        entry["top_gaps"] = top_gaps(result.findings)
        rules.update({rule.id: {"message": rule.message, "why": rule.why, "example": rule.example}
                      for rule in result.ruleset.rules})
    return entry


def _finding(finding: Finding, edition: str) -> dict[str, Any]:
    rule = finding.rule
    path = format_path(finding.path) if finding.path else ""
    departure = {"departure": finding.departure} if finding.departure else {}
    return {
        "rule_id": rule.id,
        "slug": rule.slug,
        "title": rule.title,
        "level": rule.level,
        "category": rule.category,
        "confidence": rule.confidence,
        "outcome": finding.outcome,
        "message": finding.message,
        "location": {"path": path, "line": finding.line, "column": finding.column},
        "citation": rule.citation,
        "evidence": list(finding.evidence),
        "fingerprint": fingerprint(rule.id, edition),
        "known": finding.known,
        **departure,
    }


def _summary(findings: list[Finding]) -> dict[str, dict[str, int]]:
    summary = {level: {outcome: 0 for outcome in OUTCOMES} for level in ("must", "should")}
    for finding in findings:
        summary[finding.rule.level][finding.outcome] += 1
    return summary


def categories(files: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The categories the findings use, in display order, each with its heading."""
    used = {finding["category"] for entry in files for finding in entry["findings"]}
    ordered = [name for name in CATEGORY_TITLES if name in used]
    ordered += sorted(used - set(CATEGORY_TITLES))
    return [{"id": name, "title": CATEGORY_TITLES.get(name, name.replace("_", " ").capitalize())}
            for name in ordered]


def top_gaps(findings: list[Finding]) -> list[str]:
    """The ids of the most important gaps: MUST before SHOULD, missing before partly met,
    confirmed in the guidance text before summarised, then in ruleset order."""
    confidence_rank = {"primary": 0, "secondary": 1}
    gaps = [(index, finding) for index, finding in enumerate(findings) if finding.is_gap]
    ranked = sorted(gaps, key=lambda pair: (-LEVELS[pair[1].rule.level], pair[1].outcome != GAP,
                                            confidence_rank.get(pair[1].rule.confidence, 2), pair[0]))
    return [finding.rule.id for _, finding in ranked[:TOP_GAPS]]
