"""Every rule's fixtures are complete: a realistic passing and failing case, a case where a condition's
datum is missing, and boundaries (at, one past, one short) for every limit of a number or date."""

from __future__ import annotations

from typing import Any

import pytest

from wtcheck.core import checks
from wtcheck.core.schema import validate_document

from rule_cases import RULESETS, all_rules, base, cases, finding, fixture_file

LIMITS = {"at_most": ("max",), "count": ("min",), "date_by": ("earliest", "latest", "days"),
          "months_between": ("max",), "period_months": ("max",), "date_is": ("month",)}
"""The options of each check function that hold a number or a date a rule can move."""


def limits(spec: dict[str, Any]) -> list[tuple[str, str]]:
    """Every limit in a check: the check function and the option, once for each place it is used."""
    if spec["fn"] in ("all", "any"):
        return [limit for part in spec["checks"] for limit in limits(part)]
    if spec["fn"] == "judge_if":
        return limits(spec["check"])
    return [(spec["fn"], option) for option in LIMITS.get(spec["fn"], ()) if option in spec]


IDS = [rule.id for _, rule in all_rules()]


@pytest.mark.parametrize("name, rule", all_rules(), ids=IDS)
def test_every_rule_fails_on_a_realistic_description(name, rule):
    assert "fail" in fixture_file(name)["rules"][rule.id].get("realistic", {}), "no realistic failing case"


@pytest.mark.parametrize("name, rule", all_rules(), ids=IDS)
def test_every_limit_of_a_number_or_date_has_boundary_cases(name, rule):
    boundaries = fixture_file(name)["rules"][rule.id].get("boundary", [])
    assert len(boundaries) >= len(limits(rule.check)), f"limits {limits(rule.check)} need a boundary each"
    for limit in boundaries:
        assert "at" in limit and "past" in limit and ({"short", "before", "no_short"} & set(limit)), limit
        assert set(limit) <= {"at", "past", "short", "before", "no_short"}, limit


CONDITIONAL = [(name, rule) for name, rule in all_rules() if rule.applies_if is not None]


@pytest.mark.parametrize("name, rule", CONDITIONAL, ids=[rule.id for _, rule in CONDITIONAL])
def test_a_condition_whose_datum_is_missing_leaves_the_rule_applying(name, rule):
    spec = fixture_file(name)["rules"][rule.id]
    if rule.condition_is_scope:
        assert "unknown" not in spec, "a scope condition never leaves the rule applying when its item is missing"
        return
    (unknown,) = [case for case in cases(name, rule) if case.name == "unknown"]
    condition = checks.run(unknown.document.data, rule.applies_if)
    assert condition.outcome != "met" and condition.absent, "the unknown case must leave the condition's item out"
    found = finding(name, rule, unknown.document)
    assert found.outcome in ("gap", "partial", "advisory")
    assert all(path in found.detail for path in condition.absent), found.detail
    assert "the rule applies unless the description says otherwise" in found.detail


@pytest.mark.parametrize("name", RULESETS)
def test_the_realistic_base_is_a_valid_description_written_as_real_ones_are(name):
    document = base(name, "realistic_base")
    assert validate_document(document) == []
    data = document.data
    holders = [data.get("chair", {}), data.get("designated_officer", {}),
               data.get("independent_scrutiny", {}).get("scrutineer", {}),
               *(partner.get(role, {}) for partner in data.get("safeguarding_partners", []) for role in ("lead", "delegate")),
               *data.get("board", {}).get("members", [])]
    assert [holder for holder in holders if "name" in holder] == [], "roles are given by post or organisation"
    report = data["annual_report"]
    assert all(len(str(report[key])) == 7 for key in ("published", "previous_published")), "month-only dates"
    assert {len(str(report["period"]["start"])), len(str(report["period"]["end"]))} == {7}, "a period in months"
    if "independent_scrutiny" in data:
        assert set(data["independent_scrutiny"]["scrutineer"]) == {"organisation"}, "scrutiny by an organisation"
