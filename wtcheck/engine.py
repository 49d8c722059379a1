"""Evaluate a ruleset on a document: one finding, with one outcome, for every rule."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wtcheck import checks
from wtcheck.loading import Document, YamlPath
from wtcheck.ruleset import Rule, Ruleset

MET, GAP, PARTIAL, JUDGE = checks.MET, checks.GAP, checks.PARTIAL, checks.JUDGE
NOT_APPLICABLE, ADVISORY, DEPARTURE = "not_applicable", "advisory", "departure"
OUTCOMES = (GAP, PARTIAL, ADVISORY, DEPARTURE, JUDGE, NOT_APPLICABLE, MET)
"""Every outcome, most urgent first."""

LEVELS = {"should": 1, "must": 2}
FAIL_LEVELS = {"none": 3, "must": 2, "should": 1}


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

    @property
    def message(self) -> str:
        """What to do, with the specifics the check found."""
        if self.outcome == NOT_APPLICABLE:
            return f"Not applicable: {self.rule.not_applicable}"
        text = self.rule.message
        if self.detail and self.outcome in (GAP, PARTIAL, ADVISORY, DEPARTURE):
            text = f"{text} ({self.detail})"
        if self.outcome == ADVISORY:
            text += " [advisory: the requirement is not confirmed in the guidance text]"
        if self.outcome == DEPARTURE and self.departure:
            text += (f" [departure recorded: {self.departure['reason']} (agreed by {self.departure['agreed_by']}"
                     f" on {self.departure['agreed_on']}; review by {self.departure['review_by']};"
                     f" expires {self.departure['expires']})]")
        return text

    @property
    def is_gap(self) -> bool:
        """A gap or partly met requirement that counts towards the exit code."""
        return self.outcome in (GAP, PARTIAL)

    def fails(self, fail_on: str) -> bool:
        """Whether this finding fails a run at ``fail_on`` (must, should or none)."""
        return self.is_gap and not self.known and LEVELS[self.rule.level] >= FAIL_LEVELS[fail_on]


def evaluate(ruleset: Ruleset, document: Document, *, include_unconfirmed: bool = False) -> list[Finding]:
    """Run every rule of ``ruleset`` on ``document``."""
    return [_evaluate_rule(rule, document, include_unconfirmed) for rule in ruleset.rules]


def _evaluate_rule(rule: Rule, document: Document, include_unconfirmed: bool) -> Finding:
    data = document.data
    if rule.applies_if is not None:
        condition = checks.run(data, rule.applies_if)
        if condition.outcome != MET:
            line, column = document.locate(condition.path)
            return Finding(rule, NOT_APPLICABLE, "", condition.path, line, column)
    result = checks.run(data, rule.check)
    outcome = result.outcome
    if outcome in (GAP, PARTIAL) and rule.confidence == "unconfirmed" and not include_unconfirmed:
        outcome = ADVISORY
    line, column = document.locate(result.path)
    return Finding(rule, outcome, result.detail, result.path, line, column, _evidence(data, result.path))


def _evidence(data: dict[str, Any], path: YamlPath) -> tuple[dict[str, Any], ...]:
    """The nearest ``evidence`` the document gives for ``path`` (at it, or on an ancestor)."""
    chain: list[Any] = [data]
    for part in path:
        chain.append(chain[-1][part])
    for value in reversed(chain[1:]):
        if isinstance(value, dict) and isinstance(value.get("evidence"), dict):
            return (value["evidence"],)
    return ()
