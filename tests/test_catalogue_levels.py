"""No rule is stronger in level or confidence than the catalogue row it rests on, and every rule
that is weaker says why (the table is tests/catalogue_levels.yaml, a reading of CATALOGUE.md)."""

from __future__ import annotations

import pytest
import yaml

from wtcheck.core.ruleset import load_ruleset, ruleset_names

from conftest import ROOT

TABLE = yaml.safe_load((ROOT / "tests" / "catalogue_levels.yaml").read_text())
LEVELS = {"SHOULD": 1, "MUST": 2}
CONFIDENCE = {"R": 0, "S": 1, "P": 2}
RULE_LEVELS = {"should": 1, "must": 2}
RULE_CONFIDENCE = {"unconfirmed": 0, "secondary": 1, "primary": 2}
RULES = [rule for name in ruleset_names() for rule in load_ruleset(name).rules
         if load_ruleset(name).edition in TABLE["editions"]]


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_no_rule_is_stronger_than_its_catalogue_row(rule):
    row = TABLE["rules"][rule.id]
    if "key" not in row:
        assert row.get("source"), "a rule with no catalogue row names the primary source it rests on"
        assert row["confidence"] == "P", "without a catalogue row, only a primary source's 'must' or 'should' will do"
    row_level = LEVELS.get(row["level"])
    if row_level is None:
        assert row.get("why") and rule.confidence == "unconfirmed", "a row without a level gives only advice"
    else:
        assert RULE_LEVELS[rule.level] <= row_level
    assert RULE_CONFIDENCE[rule.confidence] <= CONFIDENCE[row["confidence"]]
    weaker = row_level is not None and RULE_LEVELS[rule.level] < row_level or \
        RULE_CONFIDENCE[rule.confidence] < CONFIDENCE[row["confidence"]]
    assert bool(row.get("why")) == (weaker or row_level is None), "say why exactly where the rule is weaker"


def test_every_row_is_a_rule():
    assert sorted(set(TABLE["rules"]) - {rule.id for rule in RULES}) == []

