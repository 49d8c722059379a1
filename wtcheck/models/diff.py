"""``wtcheck diff``: what changed between two editions, and what a description must add.

Rules are matched across editions by lineage: a rule inherited through
``extends`` is the same requirement as the rule it came from, however many
editions lie between. So a diff of two editions on one line of descent lists
the rules added, the rules removed (with the reason the ruleset gives) and the
rules carried over with changes (with what changed and why). Editions on
different lines of descent share no rules: the first edition for safeguarding
partners does not extend the last for LSCBs, because the Children and Social
Work Act 2017 replaced LSCBs with safeguarding partners, so a diff across that
change lists every older rule as removed and every newer one as added, and
says so.

With a description, both editions are run on it (with its recorded departures)
and the gaps against the newer edition that it does not also have against the
older one are listed: what a partnership that meets the older edition must add
to meet the newer, each with the edition that added or changed the rule. Duties
of the newer edition not yet in force on the day checked as of are listed apart,
as coming: what the description will need once they start.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from wtcheck.core.editions import edition
from wtcheck.core.engine import Finding
from wtcheck.core.errors import Problem, WtcheckError
from wtcheck.core.loading import format_path
from wtcheck.core.ruleset import Rule, Ruleset, commencement_text, load_ruleset, ruleset_for_edition
from wtcheck.core.runner import Evaluation, FileResult
from wtcheck.core.vocabulary import COMING, EXIT_CANNOT_CHECK, EXIT_CLEAN, EXIT_GAPS, SCHEMA_VERSION, UNMET
from wtcheck.models.rules import summary

if TYPE_CHECKING:
    from wtcheck.core.departures import Departures

COMPARED = ("slug", "level", "category", "title", "message", "why", "confidence", "check", "applies_if",
            "not_applicable", "advice", "commencement")
"""The fields whose difference makes a carried-over rule 'changed'."""
SHOWN_AS_FROM_TO = ("level", "confidence", "title")
LOWERED_ONLY = frozenset({"confidence", "why"})
"""What a rule carried over with only its confidence lowered (by ``carry_over``) differs in."""


@dataclass(frozen=True)
class RuleChange:
    """A rule added, removed or changed between two editions."""

    kind: str
    old: Rule | None = None
    new: Rule | None = None
    fields: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    """The rulesets' own words on why (the reasons under ``remove``, the ``because`` of each change)."""
    since: str = ""
    """The edition that added the rule, or the editions that changed it (two joined by 'and'),
    between the two compared or the newer."""
    lowered: bool = False
    """Carried over with nothing changed but its confidence, lowered because the newer edition's text
    was not read (``carry_over``)."""


@dataclass
class EditionDiff:
    """Everything that differs between the rules of an older and a newer edition."""

    old: Ruleset
    new: Ruleset
    related: bool
    changes: list[RuleChange] = field(default_factory=list)
    unchanged: int = 0

    def of_kind(self, kind: str) -> list[RuleChange]:
        """The changes of one kind (added, removed, changed)."""
        return [change for change in self.changes if change.kind == kind]

    def change_for(self, rule: Rule) -> RuleChange | None:
        """The added or changed entry for a rule of the newer edition, if it is one."""
        return next((change for change in self.changes if change.new is rule), None)


def lineage(ruleset: Ruleset) -> dict[str, Rule]:
    """The rules of ``ruleset`` keyed by the id each had in the oldest edition it comes from."""
    if ruleset.parent is None:
        return {rule.id: rule for rule in ruleset.rules}
    root_of = {rule.id: root for root, rule in lineage(load_ruleset(ruleset.parent)).items()}
    return {root_of[rule.inherited_from] if rule.inherited_from else rule.id: rule for rule in ruleset.rules}


def compare(old_edition: str, new_edition: str) -> EditionDiff:
    """The rules added, removed and changed from ``old_edition`` to ``new_edition``."""
    if old_edition == new_edition or edition(old_edition).in_force.date > edition(new_edition).in_force.date:
        raise WtcheckError(f"give two different editions, the older first (for example: wtcheck diff "
                           f"{min(old_edition, new_edition)} {max(old_edition, new_edition)})")
    old, new = ruleset_for_edition(old_edition), ruleset_for_edition(new_edition)
    steps = _descent(old, new)
    result = EditionDiff(old, new, related=steps is not None)
    old_rules = lineage(old) if steps else {f"{old.name}:{rule.id}": rule for rule in old.rules}
    new_rules = lineage(new) if steps else {f"{new.name}:{rule.id}": rule for rule in new.rules}
    removed_notes, changed_notes = _notes(steps or [])
    carried = _carried(steps or [])
    for root, rule in new_rules.items():
        if root not in old_rules:
            result.changes.append(RuleChange("added", new=rule, since=_edition_of(root, steps) or new.edition))
            continue
        before = old_rules[root]
        differing = _differing(before, rule)
        if differing:
            result.changes.append(RuleChange("changed", before, rule, differing, tuple(changed_notes.get(root, [])),
                                             since=" and ".join(_changed_in(root, steps or [])),
                                             lowered=root in carried and set(differing) <= LOWERED_ONLY))
        else:
            result.unchanged += 1
    result.changes.extend(RuleChange("removed", old=rule, notes=tuple(removed_notes.get(root, [])))
                          for root, rule in old_rules.items() if root not in new_rules)
    return result


def _differing(before: Rule, after: Rule) -> tuple[str, ...]:
    return tuple(name for name in COMPARED if getattr(before, name) != getattr(after, name))


def _changed_in(root: str, steps: list[tuple[Ruleset, Ruleset]]) -> list[str]:
    """The editions, along ``steps``, whose ruleset changed the rule with this lineage id."""
    editions = []
    for parent, child in steps:
        before, after = lineage(parent).get(root), lineage(child).get(root)
        if before is not None and after is not None and _differing(before, after):
            editions.append(child.edition)
    return editions


def _edition_of(root: str, steps: list[tuple[Ruleset, Ruleset]] | None) -> str | None:
    """The edition whose ruleset introduced the rule with this lineage id."""
    return next((child.edition for _, child in steps or [] if root.startswith(child.prefix + "-")), None)


def _descent(old: Ruleset, new: Ruleset) -> list[tuple[Ruleset, Ruleset]] | None:
    """The (parent, child) steps from ``old`` down to ``new``, or None if ``new`` does not descend from it."""
    steps = []
    child = new
    while child.parent is not None:
        parent = load_ruleset(child.parent)
        steps.append((parent, child))
        if parent.name == old.name:
            return list(reversed(steps))
        child = parent
    return None


def _carried(steps: list[tuple[Ruleset, Ruleset]]) -> set[str]:
    """The lineage ids of the rules whose confidence a step's ``carry_over`` lowered."""
    found: set[str] = set()
    for parent, child in steps:
        root_of = {rule.id: root for root, rule in lineage(parent).items()}
        found.update(root_of[rule_id] for rule_id in child.carried)
    return found


def _notes(steps: list[tuple[Ruleset, Ruleset]]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """What each step's ruleset says about the rules it removed and changed, keyed by lineage."""
    removed: dict[str, list[str]] = {}
    changed: dict[str, list[str]] = {}
    for parent, child in steps:
        root_of = {rule.id: root for root, rule in lineage(parent).items()}
        for rule_id, reason in child.removed.items():
            removed.setdefault(root_of[rule_id], []).append(f"{child.edition}: {' '.join(reason.split())}")
        for rule_id, because in child.changed.items():
            if because:
                changed.setdefault(root_of[rule_id], []).append(f"{child.edition}: {' '.join(because.split())}")
    return removed, changed


# ----------------------------------------------------------------- a description

@dataclass
class FileDiff:
    """A description checked against both editions: the newer edition's gaps it did not have before."""

    file: str
    editions: EditionDiff
    problems: list[Problem] = field(default_factory=list)
    """What stops the file being checked (it is then checked against neither edition)."""
    new_gaps: list[tuple[Finding, str]] = field(default_factory=list)
    """Each finding with why it is new: 'added in' or 'changed in' the edition the change came from."""
    kept_gaps: list[Finding] = field(default_factory=list)
    coming: list[Finding] = field(default_factory=list)
    """What the newer edition's duties not yet in force will ask of it (never gaps)."""
    departures: Departures | None = None
    """The recorded departures applied (a departed SHOULD is not a gap to close)."""

    def exit_code(self, fail_on: str) -> int:
        """2 if the file could not be checked, 1 if a new gap (or an invalid departure) fails at
        ``fail_on``, else 0."""
        if self.problems:
            return EXIT_CANNOT_CHECK
        invalid = bool(self.departures and self.departures.errors) and fail_on != "none"
        return EXIT_GAPS if invalid or any(finding.fails(fail_on) for finding, _ in self.new_gaps) else EXIT_CLEAN


def file_diff(result: FileResult, editions: EditionDiff, departures: Departures | None = None) -> FileDiff:
    """Sort the gaps of a file checked against both editions (the runner's two evaluations, the
    older first) into those new with the newer edition and those it had already."""
    diff = FileDiff(result.file, editions, problems=result.problems, departures=departures)
    if diff.problems:
        return diff
    before, after = result.evaluations
    old_outcomes = _outcomes_by_lineage(before, editions.related)
    for root, finding in _by_lineage(after, editions.related).items():
        if finding.outcome == COMING:
            diff.coming.append(finding)
        if finding.outcome not in UNMET:
            continue
        if old_outcomes.get(root) in UNMET:
            diff.kept_gaps.append(finding)
            continue
        change = editions.change_for(finding.rule)
        why = f"{change.kind} in {change.since or editions.new.edition}" if change else \
            f"not met under {editions.new.edition}"
        diff.new_gaps.append((finding, why))
    return diff


def _by_lineage(result: Evaluation, related: bool) -> dict[str, Finding]:
    if not related:
        return {f"{result.ruleset.name}:{finding.rule.id}": finding for finding in result.findings}
    root_of = {rule.id: root for root, rule in lineage(result.ruleset).items()}
    return {root_of[finding.rule.id]: finding for finding in result.findings}


def _outcomes_by_lineage(result: Evaluation, related: bool) -> dict[str, str]:
    return {root: finding.outcome for root, finding in _by_lineage(result, related).items()}


# ----------------------------------------------------------------- the models

def editions_model(diff: EditionDiff, as_of: dt.date | None = None) -> dict[str, Any]:
    """The edition diff as data; a rule of the newer edition resting on a provision that may not yet be
    in force says where it stands as of ``as_of`` (None: today)."""
    day = as_of or dt.date.today()

    def side(ruleset: Ruleset) -> dict[str, str]:
        return {"edition": ruleset.edition, "ruleset": ruleset.name, "title": ruleset.title, "era": ruleset.era}

    def entry(change: RuleChange) -> dict[str, Any]:
        data: dict[str, Any] = {"notes": list(change.notes)}
        if change.old:
            data["old"] = summary(change.old)
        if change.new:
            data["new"] = summary(change.new)
            if change.new.commencement is not None:
                data["new"]["commencement"] = {"in_force": change.new.in_force_on(day),
                                               "status": commencement_text(change.new.commencement, day)}
        if change.kind == "changed":
            data["fields"] = list(change.fields)
            data["lowered"] = change.lowered
        if change.since:
            data["since"] = change.since
        return data

    steps = _descent(diff.old, diff.new) or []
    return {"schema_version": SCHEMA_VERSION, "as_of": day.isoformat(), "old": side(diff.old), "new": side(diff.new),
            "related": diff.related,
            "chain": [diff.old.edition] + [child.edition for _, child in steps],
            **{kind: [entry(change) for change in diff.of_kind(kind)] for kind in ("added", "removed", "changed")},
            "unchanged": diff.unchanged}


def file_model(diff: FileDiff, fail_on: str, as_of: dt.date | None = None) -> dict[str, Any]:
    """The description diff as data: the edition diff, the file's new and kept gaps, and what the
    duties not yet in force will ask of it."""
    def entry(finding: Finding, why: str | None = None) -> dict[str, Any]:
        data = {**summary(finding.rule), "outcome": finding.outcome, "message": finding.message,
                "location": {"path": format_path(finding.path), "line": finding.line, "column": finding.column}}
        return {**data, "why_new": why} if why else data

    errors = [{"message": problem.message, "line": problem.line, "column": problem.column, "path": problem.path}
              for problem in diff.problems]
    departures = {"file": diff.departures.file, "problems": [problem.as_dict() for problem in diff.departures.problems]
                  } if diff.departures else None
    return {**editions_model(diff.editions, as_of), "file": diff.file, "errors": errors, "departures": departures,
            "exit_code": diff.exit_code(fail_on),
            "new_gaps": [entry(finding, why) for finding, why in sorted(diff.new_gaps, key=_place)],
            "kept_gaps": [entry(finding) for finding in diff.kept_gaps],
            "coming": [entry(finding) for finding in sorted(diff.coming, key=lambda finding: (finding.line, finding.column))]}


def _place(item: tuple[Finding, str]) -> tuple[int, int]:
    return item[0].line, item[0].column
