"""The fixture cases of every rule (``tests/rule_fixtures/wt*.yaml``), and one rule evaluated on one case.

A fixture file names two bases: ``base``, a complete sample, and ``realistic_base``, a complete
description written the way real documents are (posts, organisations, month-only dates). Each
rule's cases are lists of edits to a base (``{delete: path}``, ``{set: path, value: v}`` or
``{add: path, value: v}``, which appends to the list at ``path``):

- ``fail`` (and ``pass``, or the base as it stands), on ``base``;
- ``realistic: {fail, pass}``, on ``realistic_base``;
- ``unknown``: the datum a condition needs is not given, and the rule still applies (and fails);
- ``not_applicable``: the description says why the rule does not apply;
- ``boundary``: for a rule with a number or date, one entry per limit, each ``at`` the limit,
  one ``past`` it and one ``short`` of it (or, for a day that must match exactly, one ``before``;
  where no valid description can be one short, ``no_short`` says why).

An edited case is written out as YAML and loaded again, so its locations are those of its own text.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from wtcheck.core.engine import Finding, evaluate
from wtcheck.core.loading import Document, load_bytes, load_file
from wtcheck.core.ruleset import Rule, load_ruleset, ruleset_names

from conftest import ROOT

FIXTURES = ROOT / "tests" / "rule_fixtures"
SNAPSHOTS = ROOT / "tests" / "rule_snapshots"
RULESETS = ruleset_names()

PASSING = ("met", "judge")
"""What a passing case may give."""
BOUNDARY_EXPECTED = {"at": "passing", "short": "passing", "past": "failing", "before": "failing"}


@dataclass(frozen=True)
class Case:
    """One fixture case of one rule: its name, what it must give, and the document."""

    name: str
    expected: str
    """``passing`` (met or judge), ``failing`` (gap or partial; advisory if unconfirmed),
    ``unknown`` (failing, naming the condition's missing item) or ``not_applicable``."""
    document: Document


@cache
def fixture_file(name: str) -> dict[str, Any]:
    """The fixture file of the ruleset ``name``."""
    return yaml.safe_load((FIXTURES / f"{name}.yaml").read_text())


@cache
def base(name: str, which: str = "base") -> Document:
    """The base (``base`` or ``realistic_base``) of the ruleset ``name``'s fixtures."""
    return load_file(ROOT / fixture_file(name)[which])


def all_rules() -> list[tuple[str, Rule]]:
    return [(name, rule) for name in RULESETS for rule in load_ruleset(name).rules]


def edited(document: Document, edits: list[dict[str, Any]]) -> Document:
    """``document`` with ``edits`` applied, written out and loaded again (the document itself if none)."""
    if not edits:
        return document
    data = copy.deepcopy(document.data)
    for edit in edits:
        (kind,) = set(edit) - {"value"}
        *parents, last = [int(part) if part.isdigit() else part for part in edit[kind].split(".")]
        target = data
        for part in parents:
            target = target[part]
        if kind == "delete":
            del target[last]
        elif kind == "add":
            target[last].append(edit["value"])
        else:
            target[last] = edit["value"]
    return load_bytes(yaml.safe_dump(data, sort_keys=False, allow_unicode=True).encode(), f"{document.file} (edited)")


def cases(name: str, rule: Rule) -> Iterator[Case]:
    """Every fixture case of ``rule`` in the ruleset ``name``, in a fixed order."""
    spec = fixture_file(name)["rules"][rule.id]
    plain, realistic = base(name), base(name, "realistic_base")
    yield Case("pass", "passing", edited(plain, spec.get("pass", [])))
    yield Case("fail", "failing", edited(plain, spec["fail"]))
    other = spec.get("realistic", {})
    yield Case("realistic_pass", "passing", edited(realistic, other.get("pass", [])))
    if "fail" in other:
        yield Case("realistic_fail", "failing", edited(realistic, other["fail"]))
    if "unknown" in spec:
        yield Case("unknown", "unknown", edited(plain, spec["unknown"]))
    if "not_applicable" in spec:
        yield Case("not_applicable", "not_applicable", edited(plain, spec["not_applicable"]))
    for number, limit in enumerate(spec.get("boundary", []), 1):
        for side, edits in limit.items():
            if side in BOUNDARY_EXPECTED:
                yield Case(f"boundary_{number}_{side}", BOUNDARY_EXPECTED[side], edited(plain, edits))


def finding(name: str, rule: Rule, document: Document, include_unconfirmed: bool = False,
            include_coming: bool = False) -> Finding:
    """``rule`` of the ruleset ``name`` evaluated on ``document``."""
    ruleset = load_ruleset(name)
    single = type(ruleset)(**{**ruleset.__dict__, "rules": (rule,)})
    (found,) = evaluate(single, document, include_unconfirmed=include_unconfirmed, include_coming=include_coming)
    return found


def snapshot_of(name: str, rule: Rule) -> dict[str, dict[str, Any]]:
    """What each fixture case of ``rule`` gives, with default options: outcome, detail and location."""
    from wtcheck.core.loading import format_path

    shot = {}
    for case in cases(name, rule):
        found = finding(name, rule, case.document)
        shot[case.name] = {"outcome": found.outcome, "detail": found.detail, "at": format_path(found.path),
                           "line": found.line, "column": found.column}
    return shot
