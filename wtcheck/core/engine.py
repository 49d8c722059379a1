"""Evaluate a ruleset on a document: one finding, with one outcome, for every rule.

A document is checked as of a day (by default today): a rule whose statutory
provision is not yet in force on that day is never a gap. Its gap is ``coming``,
with what the description will need, unless the run asks to see coming duties
as if they were in force (for planning), when it is a gap like any other.

A rule with a condition (``applies_if``) is not applicable only when the description says
so: its condition is not met by what the document gives (a unitary area, ``two_tier: false``;
no secure establishment, ``secure_establishments: []``; the first report). When the condition
turns on an item the document does not give, the rule applies, and a gap names that item. The
one exception is a condition that is the description's scope (``condition_is_scope``): what the
description sets out to cover, not a datum the rule needs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from wtcheck.core import checks
from wtcheck.core.items import item
from wtcheck.core.loading import Document, YamlPath
from wtcheck.core.ruleset import Rule, Ruleset, commencement_text
from wtcheck.core.vocabulary import (
    ADVISORY,
    ADVISORY_NOTE,
    COMING,
    DEPARTURE,
    FAIL_LEVELS,
    FAILING,
    JUDGE,
    LEVELS,
    LISTED,
    MET,
    NOT_APPLICABLE,
    UNCONFIRMED,
)


@dataclass(frozen=True)
class Finding:
    """The outcome of one rule on one document, and where it points."""

    rule: Rule
    outcome: str
    detail: str
    path: YamlPath
    line: int
    column: int
    evidence: tuple[dict[str, Any], ...] = ()
    departure: dict[str, Any] | None = None
    """The recorded departure that covers this SHOULD gap (outcome ``departure``)."""
    known: bool = False
    """The gap is in the baseline: it is reported, but does not fail the run."""
    as_of: dt.date = field(default_factory=dt.date.today)
    """The day the document was checked as of, for the words on a rule's commencement."""

    @property
    def in_force(self) -> bool:
        """Whether the rule's statutory provision was in force on the day checked as of."""
        return self.rule.in_force_on(self.as_of)

    @property
    def commencement(self) -> str | None:
        """Where the rule's statutory provision stood on the day checked as of, in words (None without one)."""
        if self.rule.commencement is None:
            return None
        return commencement_text(self.rule.commencement, self.as_of)

    @property
    def message(self) -> str:
        """What to do, with the specifics the check found."""
        if self.outcome == NOT_APPLICABLE:
            return f"Not applicable: {self.rule.not_applicable}"
        text = self.rule.message
        if self.detail and (self.outcome in LISTED or self.outcome == JUDGE):
            text = f"{text} ({self.detail})"
        if self.outcome == ADVISORY:
            text += f" [advisory: {self.rule.advice}]" if self.rule.advice else f" {ADVISORY_NOTE}"
        if self.outcome == DEPARTURE and self.departure:
            text += f" [departure recorded: {self.departure['justification']}]"
        if self.outcome == COMING:
            text += f" [coming: {self.commencement}; until it is in force this is not a gap, only what the " \
                    "description will need]"
        elif self.outcome in FAILING and not self.in_force:
            text += f" [not yet in force: {self.commencement}; checked as if in force, as asked (--include-coming)]"
        return text

    @property
    def is_gap(self) -> bool:
        """A gap or partly met requirement that counts towards the exit code."""
        return self.outcome in FAILING

    def fails(self, fail_on: str) -> bool:
        """Whether this finding fails a run at ``fail_on`` (must, should or none)."""
        return self.is_gap and not self.known and LEVELS[self.rule.level] >= FAIL_LEVELS[fail_on]


def evaluate(ruleset: Ruleset, document: Document, *, include_unconfirmed: bool = False,
             as_of: dt.date | None = None, include_coming: bool = False) -> list[Finding]:
    """Run every rule of ``ruleset`` on ``document``, as of the day ``as_of`` (None: today); with
    ``include_coming``, duties not yet in force that day are checked as if they were."""
    day = as_of or dt.date.today()
    return [_evaluate_rule(rule, document, include_unconfirmed, day, include_coming) for rule in ruleset.rules]


def _evaluate_rule(rule: Rule, document: Document, include_unconfirmed: bool, day: dt.date,
                   include_coming: bool) -> Finding:
    data = document.data
    unsaid: tuple[str, ...] = ()
    if rule.applies_if is not None:
        condition = checks.run(data, rule.applies_if)
        if condition.outcome != MET:
            if rule.condition_is_scope or not condition.absent:
                return Finding(rule, NOT_APPLICABLE, "", condition.path, *_locate(document, condition.path), as_of=day)
            unsaid = condition.absent
    result = checks.run(data, rule.check)
    outcome, detail = result.outcome, result.detail
    if unsaid and outcome in FAILING:
        detail = "; ".join(part for part in (detail, _unsaid(unsaid)) if part)
    if outcome in FAILING and not include_coming and not rule.in_force_on(day):
        outcome = COMING
    elif outcome in FAILING and (rule.advice or (rule.confidence == UNCONFIRMED and not include_unconfirmed)):
        outcome = ADVISORY
    evidence = _evidence(data, (result.path, *result.sources))
    return Finding(rule, outcome, detail, result.path, *_locate(document, result.path), evidence, as_of=day)


def _unsaid(paths: tuple[str, ...]) -> str:
    """The detail added to a failing rule whose condition's items the document does not give: a
    rule is not applicable only where the description says why, never because it is silent."""
    return f"{'; '.join(f'missing {item(path)}' for path in paths)} (the rule applies unless the description says otherwise)"


def _locate(document: Document, path: YamlPath) -> tuple[int, int]:
    """Where a finding about ``path`` points: the line and column of ``path`` in the file or,
    when nothing of it is there (a missing top-level section), the start of the file,
    as linters report what a whole file lacks."""
    return document.locate(path) if path else (1, 1)


def _evidence(data: dict[str, Any], paths: tuple[YamlPath, ...]) -> tuple[dict[str, Any], ...]:
    """The nearest ``evidence`` the document gives for each of ``paths`` (at it, or on an
    ancestor), each once, in the order of ``paths``."""
    found: list[dict[str, Any]] = []
    for path in paths:
        nearest = _nearest_evidence(data, path)
        if nearest is not None and nearest not in found:
            found.append(nearest)
    return tuple(found)


def _nearest_evidence(data: dict[str, Any], path: YamlPath) -> dict[str, Any] | None:
    chain: list[Any] = [data]
    for part in path:
        chain.append(chain[-1][part])
    for value in reversed(chain):
        if isinstance(value, dict) and isinstance(value.get("evidence"), dict):
            evidence: dict[str, Any] = value["evidence"]
            return evidence
    return None
