"""Every rule's verdict on each of its fixture cases is recorded, so any change of verdict shows in review."""

from __future__ import annotations

import pytest
import yaml

from wtcheck.core.ruleset import load_ruleset

from rule_cases import RULESETS, SNAPSHOTS, snapshot_of


@pytest.mark.parametrize("name", RULESETS)
def test_every_rule_gives_what_its_snapshot_records(name):
    recorded = yaml.safe_load((SNAPSHOTS / f"{name}.yaml").read_text())
    rules = load_ruleset(name).rules
    assert sorted(recorded) == sorted(rule.id for rule in rules), \
        "rules added or removed: run python tests/snapshot_rules.py --update and review the diff"
    given = {rule.id: snapshot_of(name, rule) for rule in rules}
    changed = [rule_id for rule_id, shot in given.items() if shot != recorded[rule_id]]
    assert changed == [], "verdicts changed: run python tests/snapshot_rules.py --update and review the diff"


def test_a_snapshot_records_outcome_detail_and_location():
    recorded = yaml.safe_load((SNAPSHOTS / "wt2018.yaml").read_text())
    assert set(recorded["WT18-REV-002"]) >= {"pass", "fail", "realistic_pass", "realistic_fail", "boundary_1_at",
                                             "boundary_1_past", "boundary_1_short"}
    assert recorded["WT18-REV-002"]["boundary_1_past"] == {
        "outcome": "partial",
        "detail": "the working days within which a rapid review is completed (reviews.rapid_review_working_days) is 16",
        "at": "reviews.rapid_review_working_days", "line": recorded["WT18-REV-002"]["boundary_1_past"]["line"],
        "column": 3}
    assert recorded["WT18-PUB-002"]["realistic_pass"]["outcome"] == "judge"
    assert "gives only the month" in recorded["WT18-PUB-002"]["realistic_pass"]["detail"]
