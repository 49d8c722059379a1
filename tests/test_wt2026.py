"""The 2026 edition and the Children's Wellbeing and Schools Act 2026 duties, as a user meets them."""

from __future__ import annotations

import json

import pytest
import yaml
from typer.testing import CliRunner

from wtcheck.core.editions import choose, edition
from wtcheck.core.ruleset import load_ruleset

from conftest import SAMPLES

CHANGES = {  # CATALOGUE.md 2.5: the five chapter 2 changes, and the rule that holds each
    "WT26-PRAC-007": ("looked_after", "should", "secondary"),
    "WT26-PART-007": ("accountability and inspection", "should", "unconfirmed"),
    "WT26-PRAC-008": ("disproportionality and racism", "should", "secondary"),
    "WT26-PRAC-009": ("data sharing", "should", "secondary"),
    "WT26-REP-008": ("impact", "must", "secondary"),
}
ACT_DUTIES = ("WT26-RA-008", "WT26-CPT-001", "WT26-CPT-002")
STATUTE = {"WT26-PART-001", "WT26-PART-002", "WT26-PUB-001", "WT26-SCR-001", "WT26-RA-001", "WT26-REV-003",
           "WT26-REP-001", "WT26-REP-002", "WT26-REP-004", "WT26-PART-008"}


def invoke(*args):
    from wtcheck.cli import app

    return CliRunner().invoke(app, list(args))


@pytest.fixture
def without_act_duties(tmp_path):
    """The complete 2026 sample with no child protection teams and no designated agencies."""
    data = yaml.safe_load((SAMPLES / "2026-complete.yaml").read_text())
    del data["child_protection_teams"]
    for agency in data["relevant_agencies"]["agencies"]:
        agency.pop("designated_childcare_or_education", None)
    path = tmp_path / "arrangements.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_every_rule_cites_2026_with_a_confidence_and_the_five_changes_are_rules():
    data = json.loads(invoke("rules", "--edition", "2026", "--format", "json").output)
    (ruleset,) = data["rulesets"]
    rules = {rule["id"]: rule for rule in ruleset["rules"]}
    assert all(rule["citation"]["edition"] == "2026" and rule["confidence"] in ("primary", "secondary", "unconfirmed")
               for rule in rules.values())
    assert all("paragraph" not in rule["citation"] for rule in rules.values()), "no 2026 paragraph was read"
    for rule_id, (_, level, confidence) in CHANGES.items():
        assert (rules[rule_id]["level"], rules[rule_id]["confidence"]) == (level, confidence), rule_id
        assert rules[rule_id]["citation"]["chapter"] == "2 Multi-agency safeguarding arrangements"
    for rule_id in ACT_DUTIES:
        assert rules[rule_id]["level"] == "must" and rules[rule_id]["confidence"] == "primary"
        assert rules[rule_id]["commencement"]["in_force_from"] == "not_appointed"
        assert rules[rule_id]["commencement"]["enacted"] == "2026-04-29"
        assert "chapter" not in rules[rule_id]["citation"]


def test_what_is_only_believed_carried_over_is_unconfirmed_and_says_so():
    ruleset = load_ruleset("wt2026")
    for rule in ruleset.rules:
        if not rule.inherited_from:
            continue
        parent = load_ruleset("wt2023").rule(rule.inherited_from)
        if rule.id in STATUTE:
            assert rule.confidence == parent.confidence, rule.id
        else:
            assert rule.confidence == "unconfirmed", rule.id
            if parent.confidence != "unconfirmed":
                assert "Believed carried over into the 2026 edition" in rule.why, rule.id
    assert ruleset.rule("WT26-PUB-005") is None and "December 2024" in ruleset.removed["WT23-PUB-005"]
    assert "impact_on_outcomes" not in str(ruleset.rule("WT26-REP-005").check)


def test_the_edition_follows_the_publication_date_and_says_how_sure_it_is(tmp_path):
    data = yaml.safe_load((SAMPLES / "2026-complete.yaml").read_text())
    del data["edition"]
    for published, expected in (("2026-06-01", "2026"), ("2025-06-01", "2023"),
                                (edition("2026").in_force.date.isoformat(), "2026")):
        data["arrangements"]["published"] = published
        choice = choose(data)
        assert choice.edition.name == expected, published
        path = tmp_path / f"arrangements-{published}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False))
        summary = invoke("validate", str(path)).output.splitlines()[-1]
        report = json.loads(invoke("validate", "--format", "json", str(path)).output)
        assert f"against the {expected} edition (arrangements.published is {published}" in summary
        assert report["files"][0]["edition"]["name"] == expected
        assert report["files"][0]["edition"]["reason"] in summary
    data["arrangements"]["published"] = "2026-06-01"
    reason = choose(data).reason
    assert "the date the 2026 edition came into force is not confirmed: wtcheck takes it as 2026-03-18" in reason
    data["arrangements"]["published"] = "2026-03-17"
    assert choose(data).edition.name == "2023"


def test_the_complete_sample_passes_at_should_even_planning_and_unconfirmed():
    assert invoke("validate", "--fail-on", "should", str(SAMPLES / "2026-complete.yaml")).exit_code == 0
    strict = invoke("validate", "--fail-on", "should", "--include-unconfirmed", "--include-coming",
                    str(SAMPLES / "2026-complete.yaml"))
    assert strict.exit_code == 0, strict.output


def test_the_gaps_sample_has_the_typical_2026_gaps():
    run = invoke("validate", "--format", "json", str(SAMPLES / "2026-gaps.yaml"))
    assert run.exit_code == 1
    outcomes = {f["rule_id"]: f["outcome"] for f in json.loads(run.output)["files"][0]["findings"]}
    assert outcomes["WT26-REP-008"] == "gap" and outcomes["WT26-PRAC-008"] == "gap"
    assert outcomes["WT26-PRAC-007"] == "gap" and outcomes["WT26-PRAC-009"] == "gap"
    assert outcomes["WT26-PART-007"] == "advisory" and outcomes["WT26-PART-008"] == "advisory"
    assert {outcomes[rule_id] for rule_id in ACT_DUTIES} == {"coming"}


def test_no_teams_and_no_designated_agencies_passes_with_both_duties_coming(without_act_duties, tmp_path):
    path = str(without_act_duties)
    run = invoke("validate", "--fail-on", "should", path)
    assert run.exit_code == 0, run.output
    lines = run.output.splitlines()
    for rule_id in ACT_DUTIES:
        assert any(f" {rule_id} must " in line and "[coming: Children Act 2004 s16E" in line for line in lines), rule_id
    assert "3 coming (not yet in force) against the 2026 edition" in lines[-1]
    report = json.loads(invoke("report", "--format", "json", path).output)
    findings = {f["rule_id"]: f for f in report["files"][0]["findings"]}
    assert {findings[rule_id]["outcome"] for rule_id in ACT_DUTIES} == {"coming"}
    assert findings["WT26-CPT-001"]["commencement"]["status"].startswith(
        "Children Act 2004 s16EA, inserted by the Children's Wellbeing and Schools Act 2026 s3, enacted on 29 April 2026")
    for suffix in ("html", "md"):
        target = tmp_path / f"report.{suffix}"
        invoke("report", "-o", str(target), path)
        coming = target.read_text().split("Duties coming: enacted, not yet in force")[1].split("Coverage matrix")[0]
        assert all(rule_id in coming for rule_id in ACT_DUTIES), suffix
    sarif = tmp_path / "out.sarif"
    invoke("validate", "-o", str(sarif), path)
    results = {r["ruleId"]: r for r in json.loads(sarif.read_text())["runs"][0]["results"]}
    assert {results[rule_id]["level"] for rule_id in ACT_DUTIES} == {"note"}
    survey = json.loads(invoke("survey", "--format", "json", path).output)
    requirements = {r["rule_id"]: r for r in survey["matrices"][0]["requirements"]}
    assert all(requirements[rule_id]["counts"]["coming"] == 1 and requirements[rule_id]["missed"] == 0
               for rule_id in ACT_DUTIES)
    planned = invoke("validate", "--fail-on", "should", "--include-coming", "--format", "json", path)
    assert planned.exit_code == 1
    outcomes = {f["rule_id"]: f["outcome"] for f in json.loads(planned.output)["files"][0]["findings"]}
    assert {outcomes[rule_id] for rule_id in ACT_DUTIES} == {"gap"}


def test_a_team_missing_a_member_or_a_nominator_is_named(without_act_duties):
    data = yaml.safe_load((SAMPLES / "2026-complete.yaml").read_text())
    members = data["child_protection_teams"][0]["members"]
    data["child_protection_teams"][0]["members"] = [m for m in members if m["role"] != "police"]
    without_act_duties.write_text(yaml.safe_dump(data, sort_keys=False))
    line = next(line for line in invoke("validate", "--include-coming", str(without_act_duties)).output.splitlines()
                if "WT26-CPT-002" in line)
    assert "(item 1: 0 of at least 1 given in members (role: police, nominated_by: police))" in line


def test_a_description_naming_a_ccg_gets_an_advisory_that_never_fails(tmp_path):
    text = (SAMPLES / "2026-complete.yaml").read_text()
    assert text.count("organisation: Kestrelford and Larkmere Integrated Care Board\n") == 1
    path = tmp_path / "arrangements.yaml"
    path.write_text(text.replace("organisation: Kestrelford and Larkmere Integrated Care Board\n",
                                 "organisation: NHS Kestrelford Clinical Commissioning Group\n"))
    run = invoke("validate", "--fail-on", "should", "--include-unconfirmed", str(path))
    assert run.exit_code == 0, run.output
    line = next(line for line in run.output.splitlines() if "WT26-PART-008" in line)
    assert "safeguarding_partners[1].organisation is 'NHS Kestrelford Clinical Commissioning G...'" in line
    assert line.endswith("[advisory: the description names a clinical commissioning group, replaced by integrated "
                         "care boards on 1 July 2022; update the name (this never fails a run)]")
