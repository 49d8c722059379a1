"""The national survey: many partnerships checked at once, as a matrix of partnerships by
requirements with the share of partnerships meeting each requirement, most-missed first.

The share meeting a requirement counts only the partnerships whose outcome wtcheck could
decide: one that needs a person to judge is neither meeting nor missing it, so it is left
out of the share and counted on its own, as is one not meeting a duty that is not yet in
force (coming). Gaps (missing or partly met), advisory outcomes (gaps against a requirement
not confirmed in the guidance) and coming duties are counted apart, and the ranking puts
real gaps first.

The runner checks each file; :func:`survey_rows` keeps what the survey needs of each
result, as plain data; :func:`build` then puts the rows together, one matrix per
ruleset, in time proportional to files x rules. The model is ``schemas/survey.schema.json``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any

from wtcheck import __version__
from wtcheck.core.ruleset import commencement_text, load_ruleset
from wtcheck.core.runner import FileResult
from wtcheck.core.vocabulary import (
    ADVISORY,
    COMING,
    EXIT_CANNOT_CHECK,
    EXIT_CLEAN,
    FAILING,
    JUDGE,
    LEVELS,
    MET,
    MUST,
    NOT_APPLICABLE,
    OUTCOME_LABELS,
    OUTCOMES,
    SCHEMA_VERSION,
    SHOULD,
)
from wtcheck.models.report import ReportStream, generated_at

MISSED = FAILING
"""Outcomes that count as a partnership missing a requirement (advisory outcomes are counted apart)."""
_KEPT = ("file", "partnership", "input_sha256", "status", "errors", "edition", "ruleset", "summary")


def survey_rows(results: Iterable[FileResult]) -> Iterable[dict[str, Any]]:
    """What the survey keeps of each file checked, as plain data: the file's part of the report
    without its findings, and each rule's outcome."""
    stream = ReportStream(results, "must")
    for entry in stream.files():
        row = {key: entry[key] for key in _KEPT}  # type: ignore[literal-required]
        row["outcomes"] = {finding["rule_id"]: finding["outcome"] for finding in entry["findings"]}
        yield row


def build(rows: list[dict[str, Any]], edition: str | None = None, *, as_of: dt.date | None = None,
          include_coming: bool = False) -> dict[str, Any]:
    """The survey model for ``rows`` (from :func:`survey_rows`); ``edition`` is the one asked for, if any;
    ``as_of`` the day the files were checked as of (None: today), ``include_coming`` whether coming
    duties were checked as if in force."""
    day = as_of or dt.date.today()
    checked = [row for row in rows if row["status"] == "checked"]
    by_ruleset: dict[str, list[dict[str, Any]]] = {}
    for row in checked:
        by_ruleset.setdefault(row["ruleset"]["name"], []).append(row)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "wtcheck", "version": __version__},
        "generated": generated_at(),
        "as_of": day.isoformat(),
        "include_coming": include_coming,
        "edition_requested": edition,
        "editions_note": _editions_note(by_ruleset, edition),
        "counts": {"files": len(rows), "checked": len(checked), "not_checked": len(rows) - len(checked)},
        "outcome_labels": OUTCOME_LABELS,
        "matrices": [_matrix(name, by_ruleset[name], day) for name in sorted(by_ruleset)],
        "not_checked": [{key: row[key] for key in ("file", "partnership", "errors")}
                        for row in rows if row["status"] != "checked"],
    }


def exit_code(survey: dict[str, Any]) -> int:
    """0 when at least one file was checked (gaps are the survey's findings, not a failure), else 2."""
    return EXIT_CLEAN if survey["counts"]["checked"] else EXIT_CANNOT_CHECK


def _matrix(ruleset_name: str, rows: list[dict[str, Any]], day: dt.date) -> dict[str, Any]:
    ruleset = load_ruleset(ruleset_name)
    ranked = []
    for index, rule in enumerate(ruleset.rules):
        found = Counter(row["outcomes"][rule.id] for row in rows)
        counts = {outcome: found.get(outcome, 0) for outcome in OUTCOMES}
        applicable = len(rows) - counts[NOT_APPLICABLE]
        assessed = applicable - counts[JUDGE] - counts[COMING]
        missed = sum(counts[outcome] for outcome in MISSED)
        requirement = {"rule_id": rule.id, "title": rule.title, "short_title": short_title(rule.slug),
                       "level": rule.level, "category": rule.category,
                       "confidence": rule.confidence, "counts": counts, "applicable": applicable,
                       "assessed": assessed, "met": counts[MET], "missed": missed,
                       "share_met": round(counts[MET] / assessed, 4) if assessed else None}
        if rule.commencement is not None:
            requirement["commencement"] = {"in_force": rule.in_force_on(day),
                                           "status": commencement_text(rule.commencement, day)}
        ranked.append(((-_share(missed, applicable), -LEVELS[rule.level], -_share(counts["advisory"], applicable),
                        requirement["share_met"] or 0.0, index), requirement))
    ranked.sort(key=lambda pair: pair[0])
    first = rows[0]
    return {
        "edition": {"name": first["edition"]["name"], "title": first["edition"]["title"]},
        "ruleset": first["ruleset"],
        "requirements": [requirement for _, requirement in ranked],
        "partnerships": [{"file": row["file"], "partnership": row["partnership"],
                          "input_sha256": row["input_sha256"], "edition_reason": row["edition"]["reason"],
                          "summary": row["summary"], "outcomes": row["outcomes"]}
                         for row in sorted(rows, key=_most_gaps_first)],
    }


def _most_gaps_first(row: dict[str, Any]) -> tuple[int, int, int, str]:
    """Partnerships ranked by gaps: most MUST gaps first, then most SHOULD gaps, then most advisory, then by file."""
    summary = row["summary"]
    missing = [sum(summary[level][outcome] for outcome in MISSED) for level in (MUST, SHOULD)]
    advisory = sum(summary[level][ADVISORY] for level in (MUST, SHOULD))
    return -missing[0], -missing[1], -advisory, row["file"]


def short_title(slug: str) -> str:
    """A requirement's few words, from its rule's slug: ``three-safeguarding-partners`` -> ``Three safeguarding partners``."""
    words = slug.replace("-", " ")
    return words[:1].upper() + words[1:]


def _share(count: int, applicable: int) -> float:
    """``count`` as a share of the partnerships a requirement applies to (-1 when it applies to none)."""
    return count / applicable if applicable else -1.0


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
