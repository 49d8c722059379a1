"""``wtcheck diff 2023 2026``: every change named, with its reason; with a 2023 description, what it
must add, and the duties still to come listed apart."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from wtcheck.core.ruleset import load_ruleset

from conftest import SAMPLES


def invoke(*args):
    from wtcheck.cli import app

    return CliRunner().invoke(app, list(args))


def test_the_diff_names_every_2026_change():
    run = invoke("diff", "2023", "2026")
    assert run.exit_code == 0
    out = run.output.lower()
    for phrase in ("looked-after children", "disproportionality and racism", "data sharing", "accountability",
                   "inspection", "evidences its impact on children and families",
                   "designated childcare or education agency", "multi-agency child protection team",
                   "december 2024 deadline"):
        assert phrase in out, phrase
    added = run.output.split("Added in 2026")[1].split("Removed")[0]
    for rule_id in ("WT26-PRAC-007", "WT26-PRAC-008", "WT26-PRAC-009", "WT26-PART-007", "WT26-REP-008",
                    "WT26-RA-008", "WT26-CPT-001", "WT26-CPT-002", "WT26-PART-009"):
        assert rule_id in added, rule_id
    assert added.count("coming: Children Act 2004 s16E") == 3


def test_rules_carried_over_less_sure_are_listed_together_with_the_reason_once():
    run = invoke("diff", "2023", "2026")
    lowered = run.output.split("Carried over, but less sure in 2026")[1]
    assert "WT23-PART-005 -> WT26-PART-005" in lowered and "(primary -> unconfirmed)" in lowered
    assert lowered.count("why: 2026: Believed carried over into the 2026 edition") >= 1
    changed = run.output.split("\nChanged (")[1].split("Carried over, but less sure")[0]
    assert "WT23-REP-005 -> WT26-REP-005" in changed and "WT23-PART-005" not in changed
    data = json.loads(invoke("diff", "2023", "2026", "--format", "json").output)
    flags = {entry["old"]["id"]: entry["lowered"] for entry in data["changed"]}
    assert flags["WT23-PART-005"] is True and flags["WT23-REP-005"] is False
    total = len(load_ruleset("wt2026").rules)
    assert len(data["added"]) + len(data["changed"]) + data["unchanged"] == total
    assert {entry["old"]["id"] for entry in data["removed"]} == {"WT23-PUB-005"}
    assert {entry["new"]["id"] for entry in data["added"] if "commencement" in entry["new"]} == {
        "WT26-RA-008", "WT26-CPT-001", "WT26-CPT-002"}


def test_a_2023_description_is_told_what_to_add_and_what_is_coming():
    run = invoke("diff", "2023", "2026", str(SAMPLES / "2023-complete.yaml"))
    assert run.exit_code == 1  # the yearly report's evidence of impact is a MUST
    lines = run.output.splitlines()
    for rule_id, level in (("WT26-REP-008", "must"), ("WT26-PRAC-007", "should"), ("WT26-PRAC-008", "should"),
                           ("WT26-PRAC-009", "should"), ("WT26-PART-007", "should")):
        assert any(f" {rule_id} {level} " in line and line.endswith("[added in 2026]") for line in lines), rule_id
    coming = [line for line in lines if "[coming: Children Act 2004" in line]
    assert {line.split()[1] for line in coming} == {"WT26-RA-008", "WT26-CPT-001", "WT26-CPT-002"}
    assert lines[-1].endswith("3 duty(ies) coming, not yet in force")
    assert "(1 MUST, 3 SHOULD, 1 advisory)" in lines[-1]
    data = json.loads(invoke("diff", "2023", "2026", str(SAMPLES / "2023-complete.yaml"), "--format", "json").output)
    assert {entry["id"] for entry in data["new_gaps"]} == {"WT26-REP-008", "WT26-PRAC-007", "WT26-PRAC-008",
                                                           "WT26-PRAC-009", "WT26-PART-007"}
    assert {entry["outcome"] for entry in data["coming"]} == {"coming"}
    assert invoke("diff", "2023", "2026", str(SAMPLES / "2026-complete.yaml")).exit_code == 0


def test_planning_puts_the_coming_duties_among_the_gaps_to_close():
    data = json.loads(invoke("diff", "2023", "2026", str(SAMPLES / "2023-complete.yaml"), "--format", "json",
                             "--include-coming").output)
    assert {"WT26-RA-008", "WT26-CPT-001", "WT26-CPT-002"} <= {entry["id"] for entry in data["new_gaps"]}
    assert not data["coming"]
