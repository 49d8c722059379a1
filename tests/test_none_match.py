"""The ``none_match`` check: no text at a path (or in a list's items, or their fields) matches a pattern."""

from __future__ import annotations

import json

import pytest
import yaml

from wtcheck.core.checks import GAP, MET, run
from wtcheck.core.errors import WtcheckError
from wtcheck.core.fastschema import compile_schema
from wtcheck.core.ruleset import load_ruleset
from wtcheck.core.text import brief

from conftest import ROOT

CCG = r"(?i)\bccgs?\b|clinical commissioning group"


def check(data: dict, path: str, fields: list[str] | None = None, pattern: str = CCG):
    spec = {"fn": "none_match", "path": path, "pattern": pattern}
    if fields:
        spec["fields"] = fields
    return run(data, spec)


PARTNERS = {"safeguarding_partners": [
    {"partner": "local_authority", "organisation": "Kestrelford Borough Council"},
    {"partner": "icb", "organisation": "Kestrelford and Larkmere Integrated Care Board",
     "lead": {"name": "C. Example", "organisation": "Kestrelford and Larkmere ICB"}},
    {"partner": "police", "organisation": "Kestrelford Constabulary"},
]}


def test_nothing_matching_is_met_and_looks_at_every_item():
    result = check(PARTNERS, "safeguarding_partners", ["partner", "organisation", "lead.organisation"])
    assert result.outcome == MET and result.detail == ""
    assert result.sources == (("safeguarding_partners", 0), ("safeguarding_partners", 1), ("safeguarding_partners", 2))


@pytest.mark.parametrize("index, field, text", [
    (0, "partner", "ccg"),
    (2, "organisation", "Kestrelford CCG"),
    (2, "organisation", "NHS Kestrelford Clinical Commissioning Group"),
    (1, "organisation", "the CCGs of the county"),
])
def test_a_match_in_any_item_and_any_field_is_a_gap_at_that_text(index, field, text):
    data = json.loads(json.dumps(PARTNERS))
    data["safeguarding_partners"][index][field] = text
    result = check(data, "safeguarding_partners", ["partner", "organisation"])
    assert result.outcome == GAP
    assert result.path == ("safeguarding_partners", index, field)
    assert result.detail == f"safeguarding_partners[{index}].{field} is {brief(text)!r}"  # long text is cut short
    assert result.sources == (("safeguarding_partners", index),)


def test_a_nested_field_is_looked_in_and_pointed_at():
    data = json.loads(json.dumps(PARTNERS))
    data["safeguarding_partners"][1]["lead"]["organisation"] = "Kestrelford CCG"
    result = check(data, "safeguarding_partners", ["lead.organisation"])
    assert result.outcome == GAP and result.path == ("safeguarding_partners", 1, "lead", "organisation")


def test_the_first_match_is_the_one_reported():
    data = {"signed_off_by": ["local_authority", "ccg", "police", "ccg"]}
    result = check(data, "signed_off_by")
    assert result.outcome == GAP and result.path == ("signed_off_by", 1)


@pytest.mark.parametrize("text, matches", [
    ("ccg", True), ("CCG", True), ("Ccgs", True), ("clinical commissioning group", True),
    ("Clinical Commissioning Groups", True),
    ("icb", False), ("accgroup", False), ("ccgx", False), ("commissioning", False), ("", False),
])
def test_the_pattern_decides_at_its_limits(text, matches):
    assert check({"chair": {"from_partner": text}}, "chair.from_partner").outcome == (GAP if matches else MET)


@pytest.mark.parametrize("data", [{}, {"safeguarding_partners": []}, {"safeguarding_partners": None},
                                  {"chair": {"from_partner": True}}, {"safeguarding_partners": [1, None, True]}])
def test_what_is_not_given_or_not_text_matches_nothing(data):
    assert check(data, "safeguarding_partners", ["organisation"]).outcome == MET
    assert check(data, "chair.from_partner").outcome == MET


def test_a_field_of_a_single_value_is_looked_in():
    assert check({"chair": {"organisation": "Kestrelford CCG"}}, "chair", ["organisation"]).outcome == GAP
    assert check({"chair": {"organisation": "Kestrelford ICB"}}, "chair", ["organisation"]).outcome == MET


def test_the_ruleset_schema_refuses_a_pattern_that_is_not_a_regular_expression(edited_ruleset):
    old = "    check: {fn: judge, path: independent_scrutiny.relationship_to_chair}\n"
    edited_ruleset(("wt2018", "wt2023"), "wt2023", old,
                   "    check: {fn: none_match, path: chair.name, pattern: 'ccg(('}\n")
    with pytest.raises(WtcheckError, match="pattern"):
        load_ruleset("wt2023")


def test_fastschema_and_jsonschema_agree_on_regex_formats():
    from jsonschema import Draft202012Validator

    schema = json.loads((ROOT / "schemas" / "ruleset.schema.json").read_text())
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    fast = compile_schema(schema)
    base = yaml.safe_load((ROOT / "rulesets" / "wt2018.yaml").read_text())
    for pattern, valid in ((CCG, True), ("ccg((", False), ("[a-", False), (r"\bx\b", True)):
        data = json.loads(json.dumps(base, default=str))
        data["rules"][0]["check"] = {"fn": "none_match", "path": "chair.name", "pattern": pattern}
        assert fast(data) is valid and validator.is_valid(data) is valid, pattern
