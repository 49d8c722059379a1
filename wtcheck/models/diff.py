"""``wtcheck diff``: what changed between two editions, and what a description must add.

Rules are matched across editions by lineage: a rule inherited through
``extends`` is the same requirement as the rule it came from, however many
editions lie between (2010 -> 2013 -> 2015; 2018 -> 2023). So a diff of two
editions on one line of descent lists the rules added, the rules removed (with
the reason the ruleset gives) and the rules carried over with changes (with
what changed and why). Editions on different lines of descent share no rules:
2018 does not extend 2015, because the Children and Social Work Act 2017
replaced LSCBs with safeguarding partners, so a diff across that change
lists every older rule as removed and every newer one as added, and says so.

With a description, both editions are run on it (with its recorded departures)
and the gaps against the newer edition that it does not also have against the
older one are listed: what a partnership that meets the older edition must add
to meet the newer, each with the edition that added or changed the rule.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wtcheck.core.editions import EDITIONS
from wtcheck.core.engine import ADVISORY, UNMET, Finding
from wtcheck.core.errors import Problem, WtcheckError, located
from wtcheck.core.loading import format_path
from wtcheck.core.runner import FileResult, check_file
from wtcheck.models.rules import SCHEMA_VERSION, summary
from wtcheck.core.ruleset import Rule, Ruleset, load_ruleset, ruleset_for_edition

if TYPE_CHECKING:
    from wtcheck.core.departures import Departures

COMPARED = ("slug", "level", "category", "title", "message", "why", "confidence", "check", "applies_if",
            "not_applicable")
"""The fields whose difference makes a carried-over rule 'changed'."""
SHOWN_AS_FROM_TO = ("level", "confidence", "title")


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
    """The edition that added the rule, or the editions that changed it ('2013 and 2015'),
    between the two compared or the newer."""


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
    if old_edition == new_edition or EDITIONS[old_edition].in_force > EDITIONS[new_edition].in_force:
        raise WtcheckError(f"give two different editions, the older first (for example: wtcheck diff "
                           f"{min(old_edition, new_edition)} {max(old_edition, new_edition)})")
    old, new = ruleset_for_edition(old_edition), ruleset_for_edition(new_edition)
    steps = _descent(old, new)
    result = EditionDiff(old, new, related=steps is not None)
    old_rules = lineage(old) if steps else {f"{old.name}:{rule.id}": rule for rule in old.rules}
    new_rules = lineage(new) if steps else {f"{new.name}:{rule.id}": rule for rule in new.rules}
    removed_notes, changed_notes = _notes(steps or [])
    for root, rule in new_rules.items():
        if root not in old_rules:
            result.changes.append(RuleChange("added", new=rule, since=_edition_of(root, steps) or new.edition))
            continue
        before = old_rules[root]
        differing = _differing(before, rule)
        if differing:
            result.changes.append(RuleChange("changed", before, rule, differing, tuple(changed_notes.get(root, [])),
                                             since=" and ".join(_changed_in(root, steps or []))))
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
    """Each finding with why it is new: 'added in 2013' or 'changed in 2023', the edition the change came from."""
    kept_gaps: list[Finding] = field(default_factory=list)
    departures: Departures | None = None
    """The recorded departures applied (a departed SHOULD is not a gap to close)."""

    def exit_code(self, fail_on: str) -> int:
        """2 if the file could not be checked, 1 if a new gap (or an invalid departure) fails at
        ``fail_on``, else 0."""
        if self.problems:
            return 2
        invalid = bool(self.departures and self.departures.errors) and fail_on != "none"
        return 1 if invalid or any(finding.fails(fail_on) for finding, _ in self.new_gaps) else 0


def compare_file(path: Path, old_edition: str, new_edition: str, *, include_unconfirmed: bool = False,
                 departures: Departures | None = None) -> FileDiff:
    """Check ``path`` against both editions (applying ``departures``) and sort the newer
    edition's gaps into new and kept."""
    editions = compare(old_edition, new_edition)
    before = check_file(path, edition=old_edition, include_unconfirmed=include_unconfirmed, departures=departures)
    result = FileDiff(str(path), editions, problems=before.problems, departures=departures)
    if result.problems:
        return result
    after = check_file(path, edition=new_edition, include_unconfirmed=include_unconfirmed, departures=departures)
    old_outcomes = _outcomes_by_lineage(before, editions.related)
    for root, finding in _by_lineage(after, editions.related).items():
        if finding.outcome not in UNMET:
            continue
        if old_outcomes.get(root) in UNMET:
            result.kept_gaps.append(finding)
            continue
        change = editions.change_for(finding.rule)
        why = f"{change.kind} in {change.since or new_edition}" if change else f"not met under {new_edition}"
        result.new_gaps.append((finding, why))
    return result


def _by_lineage(result: FileResult, related: bool) -> dict[str, Finding]:
    assert result.ruleset is not None
    if not related:
        return {f"{result.ruleset.name}:{finding.rule.id}": finding for finding in result.findings}
    root_of = {rule.id: root for root, rule in lineage(result.ruleset).items()}
    return {root_of[finding.rule.id]: finding for finding in result.findings}


def _outcomes_by_lineage(result: FileResult, related: bool) -> dict[str, str]:
    return {root: finding.outcome for root, finding in _by_lineage(result, related).items()}


# ----------------------------------------------------------------- output

def editions_text(diff: EditionDiff) -> str:
    """The edition diff for a person: added, removed and changed rules, each with its reason."""
    old, new = diff.old, diff.new
    lines = [f"{old.title} -> {new.title}"]
    if diff.related:
        lines.append(f"The {new.edition} rules descend from the {old.edition} rules ({_chain(old, new)}): "
                     f"{len(diff.of_kind('added'))} added, {len(diff.of_kind('removed'))} removed, "
                     f"{len(diff.of_kind('changed'))} changed, {diff.unchanged} carried over unchanged.")
    else:
        lines.append(f"The {new.edition} edition is for {_era(new)} and the {old.edition} edition for {_era(old)}; "
                     "neither set of rules descends from the other, so no rule carries over: every "
                     f"{old.edition} rule is listed as removed and every {new.edition} rule as added.")
    for kind, heading in (("added", f"Added in {new.edition}"), ("removed", "Removed"), ("changed", "Changed")):
        changes = diff.of_kind(kind)
        if not changes:
            continue
        lines += ["", f"{heading} ({len(changes)}):"]
        for change in changes:
            lines.extend(_change_lines(change, new.edition))
    return "\n".join(lines) + "\n"


def _change_lines(change: RuleChange, newer: str) -> list[str]:
    rule = change.new or change.old
    assert rule is not None
    ident = f"{change.old.id} -> {change.new.id}" if change.old and change.new else rule.id
    since = f" ({change.kind} in {change.since})" if change.since and change.since != newer else ""
    lines = [f"  {ident}  {rule.level} {rule.category}: {rule.title}{since}"]
    if change.kind == "changed":
        assert change.old is not None and change.new is not None
        moved = [f"{name} {getattr(change.old, name)!r} -> {getattr(change.new, name)!r}"
                 if name == "title" else f"{name} {getattr(change.old, name)} -> {getattr(change.new, name)}"
                 for name in SHOWN_AS_FROM_TO if name in change.fields]
        others = [name for name in change.fields if name not in SHOWN_AS_FROM_TO]
        lines.extend(f"      {text}" for text in moved)
        if others:
            lines.append(f"      also changed: {', '.join(others)}")
    lines.extend(f"      why: {note}" for note in change.notes)
    return lines


def editions_json(diff: EditionDiff) -> dict[str, Any]:
    """The edition diff as JSON data."""
    def side(ruleset: Ruleset) -> dict[str, str]:
        return {"edition": ruleset.edition, "ruleset": ruleset.name, "title": ruleset.title, "era": ruleset.era}

    def entry(change: RuleChange) -> dict[str, Any]:
        data: dict[str, Any] = {"notes": list(change.notes)}
        if change.old:
            data["old"] = summary(change.old)
        if change.new:
            data["new"] = summary(change.new)
        if change.kind == "changed":
            data["fields"] = list(change.fields)
        if change.since:
            data["since"] = change.since
        return data

    return {"schema_version": SCHEMA_VERSION, "old": side(diff.old), "new": side(diff.new), "related": diff.related,
            **{kind: [entry(change) for change in diff.of_kind(kind)] for kind in ("added", "removed", "changed")},
            "unchanged": diff.unchanged}


def file_text(diff: FileDiff) -> str:
    """What the description must add, one ``file:line:col: RULE-ID level message [why new]`` line each."""
    old, new = diff.editions.old.edition, diff.editions.new.edition
    noted = [str(problem) for problem in diff.departures.problems] if diff.departures else []
    if diff.problems:
        lines = [located(f"error: {problem.message}", problem.file, problem.line, problem.column)
                 for problem in diff.problems]
        return "\n".join(lines + [f"{diff.file}: not checked ({len(lines)} error(s) to fix first)"]) + "\n"
    lines = noted + [f"{diff.file}:{finding.line}:{finding.column}: {finding.rule.id} {finding.rule.level} "
                     f"{finding.message} [{why}]" for finding, why in sorted(diff.new_gaps, key=_place)]
    counts = _counts([finding for finding, _ in diff.new_gaps])
    lines.append(f"{diff.file}: {len(diff.new_gaps)} gap(s) to close to meet the {new} edition that it does not "
                 f"have against {old} ({counts}); {len(diff.kept_gaps)} more it has against both "
                 f"(see: wtcheck validate --edition {old} {diff.file})")
    return "\n".join(lines) + "\n"


def file_json(diff: FileDiff, fail_on: str) -> dict[str, Any]:
    """The description diff as JSON data."""
    def entry(finding: Finding, why: str | None = None) -> dict[str, Any]:
        data = {**summary(finding.rule), "outcome": finding.outcome, "message": finding.message,
                "location": {"path": format_path(finding.path), "line": finding.line, "column": finding.column}}
        return {**data, "why_new": why} if why else data

    errors = [{"message": problem.message, "line": problem.line, "column": problem.column, "path": problem.path}
              for problem in diff.problems]
    departures = {"file": diff.departures.file, "problems": [problem.as_dict() for problem in diff.departures.problems]
                  } if diff.departures else None
    return {**editions_json(diff.editions), "file": diff.file, "errors": errors, "departures": departures,
            "exit_code": diff.exit_code(fail_on),
            "new_gaps": [entry(finding, why) for finding, why in sorted(diff.new_gaps, key=_place)],
            "kept_gaps": [entry(finding) for finding in diff.kept_gaps]}


def as_json(data: dict[str, Any]) -> str:
    """JSON text for a diff."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _place(item: tuple[Finding, str]) -> tuple[int, int]:
    return item[0].line, item[0].column


def _counts(findings: list[Finding]) -> str:
    advisory = sum(finding.outcome == ADVISORY for finding in findings)
    must = sum(finding.rule.level == "must" and finding.outcome != ADVISORY for finding in findings)
    should = len(findings) - advisory - must
    return f"{must} MUST, {should} SHOULD, {advisory} advisory"


def _chain(old: Ruleset, new: Ruleset) -> str:
    steps = _descent(old, new) or []
    return " -> ".join([old.edition] + [child.edition for _, child in steps])


def _era(ruleset: Ruleset) -> str:
    return "LSCBs" if ruleset.era == "lscb" else "safeguarding partners"
