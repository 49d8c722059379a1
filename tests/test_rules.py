"""Every rule of every ruleset: valid, cited, and shown to pass and to fail by a fixture."""

from __future__ import annotations

import datetime as dt

import pytest

from wtcheck.core import checks
from wtcheck.core.errors import WtcheckError
from wtcheck.core.loading import load_bytes
from wtcheck.core.ruleset import load_ruleset
from wtcheck.core.schema import validate_document

from conftest import ROOT
from rule_cases import PASSING, RULESETS, all_rules, cases, finding, fixture_file


def test_there_are_rulesets():
    assert "wt2023" in RULESETS and "wt2018" in RULESETS


@pytest.mark.parametrize("name", RULESETS)
def test_every_rule_has_fixtures_and_every_fixture_a_rule(name):
    ids = {rule.id for rule in load_ruleset(name).rules}
    fixtures = set(fixture_file(name)["rules"])
    assert sorted(ids - fixtures) == [], "rules without fixtures"
    assert sorted(fixtures - ids) == [], "fixtures for rules that do not exist"


@pytest.mark.parametrize("name, rule", all_rules(), ids=[rule.id for _, rule in all_rules()])
def test_rule_passes_and_fails_on_its_fixtures(name, rule):
    failing = ("advisory",) if rule.confidence == "unconfirmed" else ("gap", "partial")
    strict = ("gap", "partial")
    if not rule.in_force_on(dt.date.today()):  # a duty not yet in force fails as coming, never as a gap
        failing = ("coming",)
    if rule.advice:  # advice is advisory, whatever is asked; but its check does find the gap
        failing = strict = ("advisory",)
    for case in cases(name, rule):
        assert validate_document(case.document) == [], f"{case.name}: the fixture is not a valid document"
        outcome = finding(name, rule, case.document).outcome
        if case.expected == "passing":
            assert outcome in PASSING, case.name
        elif case.expected == "not_applicable":
            assert outcome == "not_applicable", case.name
        else:
            assert outcome in failing, case.name
            assert finding(name, rule, case.document, include_unconfirmed=True, include_coming=True).outcome in strict, case.name
            if rule.advice:
                assert checks.run(case.document.data, rule.check).outcome in ("gap", "partial"), case.name
    if rule.applies_if is not None:
        assert "not_applicable" in fixture_file(name)["rules"][rule.id], "a conditional rule needs a not_applicable fixture"


@pytest.mark.parametrize("name, rule", all_rules(), ids=[rule.id for _, rule in all_rules()])
def test_rule_example_is_a_valid_description(name, rule):
    document = load_bytes(rule.example.encode(), f"{rule.id} example")
    assert validate_document(document) == []


@pytest.mark.parametrize("name, rule", all_rules(), ids=[rule.id for _, rule in all_rules()])
def test_rule_is_cited_to_its_edition(name, rule):
    ruleset = load_ruleset(name)
    assert rule.citation["edition"] == ruleset.edition
    assert rule.id.startswith(ruleset.prefix + "-")
    if rule.inherited_from:
        assert "page" not in rule.citation and "paragraph" not in rule.citation


def test_unconfirmed_rules_say_so():
    for _, rule in all_rules():
        if rule.confidence == "unconfirmed":
            assert "not confirmed" in rule.why.lower() or "unconfirmed" in rule.why.lower(), rule.id


def test_extends_renames_removes_and_changes():
    parent, child = load_ruleset("wt2018"), load_ruleset("wt2023")
    assert child.rule("WT23-SCR-001").inherited_from == "WT18-SCR-001"
    assert child.rule("WT23-SCR-001").citation["carried_from"] == "2018"
    assert child.rule("WT23-PART-003") is None and parent.rule("WT18-PART-003") is not None
    assert "icb" in str(child.rule("WT23-PART-001").check) and "icb" in str(parent.rule("WT18-PART-001").check)
    assert child.rule("WT23-PART-001").citation["edition"] == "2023"


def ancestors(name: str) -> list[str]:
    chain = []
    parent = load_ruleset(name).parent
    while parent:
        chain.append(parent)
        parent = load_ruleset(parent).parent
    return chain


@pytest.mark.parametrize("name", [name for name in RULESETS if load_ruleset(name).parent])
def test_a_child_never_reuses_an_id_of_an_ancestor_for_a_new_rule(name):
    suffix = lambda rule_id: rule_id.split("-", 1)[1]  # noqa: E731
    taken = {suffix(rule.id) for parent in ancestors(name) for rule in load_ruleset(parent).rules}
    own = [rule.id for rule in load_ruleset(name).rules if rule.inherited_from is None]
    assert [rule_id for rule_id in own if suffix(rule_id) in taken] == []


@pytest.mark.parametrize("name", [name for name in RULESETS if load_ruleset(name).parent])
def test_every_removal_and_change_says_why(name):
    ruleset = load_ruleset(name)
    assert all(reason.strip() for reason in ruleset.removed.values())
    assert [rule_id for rule_id, because in ruleset.changed.items() if not because.strip()] == []


def test_the_lscb_editions_extend_each_other():
    assert load_ruleset("wt2015").parent == "wt2013" and load_ruleset("wt2013").parent == "wt2010"
    assert load_ruleset("wt2018").parent is None
    wt2013, wt2015 = load_ruleset("wt2013"), load_ruleset("wt2015")
    assert wt2013.rule("WT13-PART-004") is None and "Connexions" in wt2013.removed["WT10-PART-004"]
    assert "ccg" in str(wt2013.rule("WT13-PART-003").check) and "nhs_england" in str(wt2013.rule("WT13-PART-003").check)
    assert wt2013.rule("WT13-REV-001").citation["chapter"] == "4 Learning and improvement framework"
    assert wt2013.rule("WT13-PART-002").citation["section"] == "LSCB membership"
    carried = wt2015.rule("WT15-PART-008")
    assert carried.inherited_from == "WT13-PART-008" and carried.citation["carried_from"] == "2010"


def test_recite_must_place_every_inherited_chapter(edited_ruleset):
    edited_ruleset(("wt2010", "wt2013"), "wt2013",
                   '    "8 Serious case reviews": "4 Learning and improvement framework"\n', "")
    with pytest.raises(WtcheckError, match="WT10-REV-001 is cited to chapter '8 Serious case reviews'"):
        load_ruleset("wt2013")


def test_the_ruleset_schema_is_a_valid_2020_12_schema():
    import json

    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(json.loads((ROOT / "schemas" / "ruleset.schema.json").read_text()))
