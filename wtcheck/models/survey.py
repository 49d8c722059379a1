"""The national survey: many partnerships checked at once, as a matrix of partnerships by
requirements with the share of partnerships meeting each requirement, most-missed first.

The share meeting a requirement counts only the partnerships whose outcome wtcheck could
decide: one that needs a person to judge is neither meeting nor missing it, so it is left
out of the share and counted on its own, as is one not meeting a duty that is not yet in
force (coming). Gaps (missing or partly met), advisory outcomes (gaps against a requirement
not confirmed in the guidance) and coming duties are counted apart, and the ranking puts
real gaps first.

The runner checks each file; :func:`survey_rows` keeps what the survey needs of each
result, compactly (a :class:`Row`: one outcome code a rule, the edition's reason shared
between the files that have the same one), so a survey of ten thousand files holds a few
megabytes; :func:`build` then puts the rows together, one matrix per ruleset, in time
proportional to files x rules. Each partnership of a matrix is read from its row as it is
rendered (:class:`Partnership`, :class:`Outcomes`: read-only mappings), never kept
expanded. The model is ``schemas/survey.schema.json``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from wtcheck import __version__
from wtcheck.core.ruleset import Ruleset, commencement_text, load_ruleset
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
from wtcheck.models.report import errors_entry, generated_at, summary_of

MISSED = FAILING
"""Outcomes that count as a partnership missing a requirement (advisory outcomes are counted apart)."""
_CODES = {outcome: code for code, outcome in enumerate(OUTCOMES)}


class Row:
    """What the survey keeps of one file: where it is, what it is called, and, if it was checked,
    the edition and why, the ruleset, and each rule's outcome as one code (an index in ``OUTCOMES``)."""

    __slots__ = ("file", "partnership", "input_sha256", "errors", "edition", "reason", "ruleset", "codes")

    def __init__(self, result: FileResult, reasons: dict[str, str]) -> None:
        self.file = result.file
        self.partnership = result.partnership
        self.input_sha256 = result.input_sha256
        self.errors = errors_entry(result.problems)
        self.edition: dict[str, str] | None = None
        self.reason = ""
        self.ruleset: Ruleset | None = None
        self.codes = b""
        if result.choice is not None and result.ruleset is not None:
            self.edition = {"name": result.choice.edition.name, "title": result.choice.edition.title}
            self.reason = reasons.setdefault(result.choice.reason, result.choice.reason)
            self.ruleset = result.ruleset
            self.codes = bytes(_CODES[finding.outcome] for finding in result.findings)

    @property
    def checked(self) -> bool:
        """Whether the file was checked (it loaded, was valid and had an edition)."""
        return self.ruleset is not None


def survey_rows(results: Iterable[FileResult]) -> Iterator[Row]:
    """What the survey keeps of each file checked (see :class:`Row`)."""
    reasons: dict[str, str] = {}
    for result in results:
        yield Row(result, reasons)


class Outcomes(Mapping[str, str]):
    """One partnership's outcome for each rule of its ruleset (rule id -> outcome), read from its codes."""

    __slots__ = ("_codes", "_index")

    def __init__(self, codes: bytes, index: dict[str, int]) -> None:
        self._codes = codes
        self._index = index

    def __getitem__(self, rule_id: str) -> str:
        return OUTCOMES[self._codes[self._index[rule_id]]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


class Partnership(Mapping[str, Any]):
    """One partnership's row of a matrix (``file``, ``partnership``, ``input_sha256``, ``edition_reason``,
    ``summary``, ``outcomes``), read from its :class:`Row` when asked for."""

    __slots__ = ("_row", "_index")
    _KEYS = ("file", "partnership", "input_sha256", "edition_reason", "summary", "outcomes")

    def __init__(self, row: Row, index: dict[str, int]) -> None:
        self._row = row
        self._index = index

    def __getitem__(self, key: str) -> Any:
        row = self._row
        if key == "summary":
            assert row.ruleset is not None
            return summary_of((rule.level, OUTCOMES[code]) for rule, code in zip(row.ruleset.rules, row.codes, strict=True))
        if key == "outcomes":
            return Outcomes(row.codes, self._index)
        if key == "edition_reason":
            return row.reason
        if key in self._KEYS:
            return getattr(row, key)
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._KEYS)

    def __len__(self) -> int:
        return len(self._KEYS)


def build(rows: list[Row], edition: str | None = None, *, as_of: dt.date | None = None,
          include_coming: bool = False) -> dict[str, Any]:
    """The survey model for ``rows`` (from :func:`survey_rows`); ``edition`` is the one asked for, if any;
    ``as_of`` the day the files were checked as of (None: today), ``include_coming`` whether coming
    duties were checked as if in force."""
    day = as_of or dt.date.today()
    checked = [row for row in rows if row.checked]
    by_ruleset: dict[str, list[Row]] = {}
    for row in checked:
        assert row.ruleset is not None
        by_ruleset.setdefault(row.ruleset.name, []).append(row)
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
        "not_checked": [{"file": row.file, "partnership": row.partnership, "errors": row.errors}
                        for row in rows if not row.checked],
    }


def exit_code(survey: dict[str, Any]) -> int:
    """0 when at least one file was checked (gaps are the survey's findings, not a failure), else 2."""
    return EXIT_CLEAN if survey["counts"]["checked"] else EXIT_CANNOT_CHECK


def _matrix(ruleset_name: str, rows: list[Row], day: dt.date) -> dict[str, Any]:
    ruleset = load_ruleset(ruleset_name)
    ranked = []
    for index, rule in enumerate(ruleset.rules):
        found = Counter(row.codes[index] for row in rows)
        counts = {outcome: found.get(code, 0) for code, outcome in enumerate(OUTCOMES)}
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
    assert first.edition is not None
    positions = {rule.id: number for number, rule in enumerate(ruleset.rules)}
    return {
        "edition": dict(first.edition),
        "ruleset": {"name": ruleset.name, "sha256": ruleset.sha256, "rules": len(ruleset.rules)},
        "requirements": [requirement for _, requirement in ranked],
        "partnerships": sorted((Partnership(row, positions) for row in rows), key=_most_gaps_first),
    }


def _most_gaps_first(row: Mapping[str, Any]) -> tuple[int, int, int, str]:
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


def _editions_note(by_ruleset: dict[str, list[Row]], requested: str | None) -> str:
    if not by_ruleset:
        return "No file could be checked, so there is no matrix."
    if requested is not None:
        return f"Every file was checked against the {requested} edition, as asked for with --edition."
    editions = {name: rows[0].edition["name"] for name, rows in by_ruleset.items() if rows[0].edition}
    if len(by_ruleset) == 1:
        return (f"Each file was checked against the edition it names or was published under; "
                f"all came under the {next(iter(editions.values()))} edition.")
    spread = ", ".join(f"{editions[name]}: {len(rows)} file(s)" for name, rows in sorted(by_ruleset.items()))
    return ("Each file was checked against the edition it names or was published under, and they came under "
            f"different editions ({spread}). Editions have different requirements, so each edition has its "
            "own matrix; pass --edition to check every file against one edition.")
