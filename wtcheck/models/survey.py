"""The national survey: many partnerships checked at once, as a matrix of partnerships by
requirements with the share of partnerships meeting each requirement, most-missed first.

The share meeting a requirement counts only the partnerships whose outcome wtcheck could
decide: one that needs a person to judge is neither meeting nor missing it, so it is left
out of the share and counted on its own. Gaps (missing or partly met) and advisory outcomes
(gaps against a requirement not confirmed in the guidance) are counted apart, and the
ranking puts real gaps first.

Each file is checked on its own by :func:`survey_file`, which returns plain data
(so the work can later be spread over processes) and never raises for a bad
file; :func:`build` then puts the rows together, one matrix per ruleset, in
time proportional to files x rules. The model is ``schemas/survey.schema.json``.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from wtcheck import __version__
from wtcheck.core.engine import FAILING, LEVELS, OUTCOMES
from wtcheck.core.errors import WtcheckError
from wtcheck.core.runner import check_file
from wtcheck.models.report import OUTCOME_LABELS, SCHEMA_VERSION, build as build_report, generated_at
from wtcheck.core.ruleset import load_ruleset

YAML_SUFFIXES = (".yaml", ".yml")
MISSED = FAILING
"""Outcomes that count as a partnership missing a requirement (advisory outcomes are counted apart)."""


def find_files(paths: list[Path]) -> list[Path]:
    """The files named, and every YAML file under the folders named (hidden folders skipped),
    each once, folders' contents in name order. A named file that does not exist is kept:
    the survey lists it as not checked."""
    found: dict[Path, Path] = {}
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.suffix.lower() in YAML_SUFFIXES and not hidden and child.is_file():
                    found.setdefault(child.resolve(), child)
        else:
            found.setdefault(path.resolve(), path)
    if not found:
        raise WtcheckError("no .yaml or .yml files found in " + ", ".join(str(path) for path in paths))
    return list(found.values())


def survey_file(path: Path, edition: str | None = None, **options: Any) -> dict[str, Any]:
    """Check one file and keep what the survey needs, as plain data; a file that cannot
    be checked gives a row with the reasons, never an exception."""
    try:
        entry = build_report([check_file(path, edition=edition, **options)], "must")["files"][0]
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a survey of hundreds
        if os.environ.get("WTCHECK_DEBUG"):
            raise
        message = f"wtcheck could not check this file (internal error: {type(exc).__name__}: {exc})"
        return {"file": str(path), "partnership": None, "input_sha256": None, "status": "not_checked",
                "errors": [{"message": message, "line": None, "column": None, "path": ""}],
                "edition": None, "ruleset": None, "summary": None, "outcomes": {}}
    keep = ("file", "partnership", "input_sha256", "status", "errors", "edition", "ruleset", "summary")
    row = {key: entry[key] for key in keep}
    row["outcomes"] = {finding["rule_id"]: finding["outcome"] for finding in entry["findings"]}
    return row


def check_all(files: list[Path], edition: str | None = None, *, progress: bool = False,
              **options: Any) -> list[dict[str, Any]]:
    """:func:`survey_file` for every file, in order (``options`` go to ``check_file``), with a progress bar if asked."""
    return [survey_file(path, edition, **options) for path in _track(files, progress)]


def build(rows: list[dict[str, Any]], edition: str | None = None) -> dict[str, Any]:
    """The survey model for ``rows`` (from :func:`survey_file`); ``edition`` is the one asked for, if any."""
    checked = [row for row in rows if row["status"] == "checked"]
    by_ruleset: dict[str, list[dict[str, Any]]] = {}
    for row in checked:
        by_ruleset.setdefault(row["ruleset"]["name"], []).append(row)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "wtcheck", "version": __version__},
        "generated": generated_at(),
        "edition_requested": edition,
        "editions_note": _editions_note(by_ruleset, edition),
        "counts": {"files": len(rows), "checked": len(checked), "not_checked": len(rows) - len(checked)},
        "outcome_labels": OUTCOME_LABELS,
        "matrices": [_matrix(name, by_ruleset[name]) for name in sorted(by_ruleset)],
        "not_checked": [{key: row[key] for key in ("file", "partnership", "errors")}
                        for row in rows if row["status"] != "checked"],
    }


def exit_code(survey: dict[str, Any]) -> int:
    """0 when at least one file was checked (gaps are the survey's findings, not a failure), else 2."""
    return 0 if survey["counts"]["checked"] else 2


def _matrix(ruleset_name: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    ruleset = load_ruleset(ruleset_name)
    ranked = []
    for index, rule in enumerate(ruleset.rules):
        found = Counter(row["outcomes"][rule.id] for row in rows)
        counts = {outcome: found.get(outcome, 0) for outcome in OUTCOMES}
        applicable = len(rows) - counts["not_applicable"]
        assessed = applicable - counts["judge"]
        missed = sum(counts[outcome] for outcome in MISSED)
        requirement = {"rule_id": rule.id, "title": rule.title, "level": rule.level, "category": rule.category,
                       "confidence": rule.confidence, "counts": counts, "applicable": applicable,
                       "assessed": assessed, "met": counts["met"], "missed": missed,
                       "share_met": round(counts["met"] / assessed, 4) if assessed else None}
        share_of = (lambda count: count / applicable) if applicable else (lambda count: -1.0)
        ranked.append(((-share_of(missed), -LEVELS[rule.level], -share_of(counts["advisory"]),
                        requirement["share_met"] or 0.0, index), requirement))
    ranked.sort(key=lambda pair: pair[0])
    first = rows[0]
    return {
        "edition": {"name": first["edition"]["name"], "title": first["edition"]["title"]},
        "ruleset": first["ruleset"],
        "requirements": [requirement for _, requirement in ranked],
        "partnerships": [{"file": row["file"], "partnership": row["partnership"],
                          "input_sha256": row["input_sha256"], "edition_reason": row["edition"]["reason"],
                          "summary": row["summary"], "outcomes": row["outcomes"]} for row in rows],
    }


def _editions_note(by_ruleset: dict[str, list[dict[str, Any]]], requested: str | None) -> str:
    if not by_ruleset:
        return "No file could be checked, so there is no matrix."
    if requested is not None:
        return f"Every file was checked against the {requested} edition, as asked for with --edition."
    editions = {name: rows[0]["edition"]["name"] for name, rows in by_ruleset.items()}
    if len(by_ruleset) == 1:
        return (f"Each file was checked against the edition it names or was published under; "
                f"all came under the {next(iter(editions.values()))} edition.")
    spread = ", ".join(f"{editions[name]}: {len(rows)} file(s)" for name, rows in sorted(by_ruleset.items()))
    return ("Each file was checked against the edition it names or was published under, and they came under "
            f"different editions ({spread}). Editions have different requirements, so each edition has its "
            "own matrix; pass --edition to check every file against one edition.")


def _track(files: list[Path], progress: bool) -> Iterator[Path]:
    if not progress:
        yield from files
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(file=sys.stderr), transient=True) as bar:
        yield from bar.track(files, total=len(files))
