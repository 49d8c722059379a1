"""Recorded departures: a valid one turns a SHOULD gap into a departure; invalid ones are reported."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from jsonschema import Draft202012Validator

from wtcheck.core import departures

from conftest import ROOT, SAMPLES

REPORT_SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text())
SHOULD_GAP = "WT23-REV-002"
"""Rapid review timescale: a SHOULD rule, a gap once the sample's line is removed."""
MUST_GAP = "WT23-REV-003"
"""Serious incidents notified to the Panel within 5 working days: a MUST rule."""


def entry(rule_id: str, **fields: str) -> str:
    values = {"reason": "The panel's rapid reviews follow the regional protocol, which sets no fixed timescale.",
              "agreed_by": "Lead safeguarding partners' executive (A Example, chair)",
              "agreed_on": "2024-03-01", "review_by": "2099-03-01", "expires": "2099-12-31", **fields}
    lines = [f"  {rule_id}:"] + [f"    {name}: {value}" for name, value in values.items() if value is not None]
    return "\n".join(lines) + "\n"


@pytest.fixture
def folder(tmp_path):
    """A folder with an arrangements file that has one SHOULD gap and one MUST gap."""
    text = (SAMPLES / "2023-complete.yaml").read_text()
    text = text.replace("  rapid_review_working_days: 15\n", "").replace("  rapid_review_sent_to_panel: true\n", "")
    text = text.replace("  notification_working_days: 5\n", "")
    (tmp_path / "arrangements.yaml").write_text(text)
    return tmp_path


def write(folder, *entries: str) -> None:
    (folder / "wtcheck-departures.yaml").write_text("departures:\n" + "".join(entries))


def findings(run) -> dict[str, dict]:
    report = json.loads(run.out)
    Draft202012Validator(REPORT_SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(report)
    return {finding["rule_id"]: finding for finding in report["files"][0]["findings"]}, report


def test_accepted_departure_turns_a_should_gap_into_a_departure(wtcheck, folder):
    before = wtcheck("validate", "--fail-on", "should", cwd=folder)
    assert before.code == 1 and SHOULD_GAP in before.out
    write(folder, entry(SHOULD_GAP))
    run = wtcheck("validate", "--fail-on", "should", "--format", "json", cwd=folder)
    by_rule, report = findings(run)
    assert by_rule[SHOULD_GAP]["outcome"] == "departure"
    assert by_rule[SHOULD_GAP]["departure"]["agreed_by"].startswith("Lead safeguarding partners")
    assert by_rule[MUST_GAP]["outcome"] == "gap"
    assert report["departures"] == {"file": "wtcheck-departures.yaml", "status": "checked", "entries": 1,
                                    "applied": 1, "problems": []}
    text = wtcheck("validate", "--fail-on", "should", cwd=folder)
    shown = [line for line in text.out.splitlines() if SHOULD_GAP in line]
    assert len(shown) == 1 and "[departure recorded: The panel's rapid reviews" in shown[0], text.out
    assert "1 departure(s) recorded" in text.out
    # The MUST gap still fails the run; with it met, the departure lets --fail-on should pass.
    assert text.code == 1
    fixed = (SAMPLES / "2023-complete.yaml").read_text().replace("  rapid_review_working_days: 15\n", "")
    (folder / "arrangements.yaml").write_text(fixed)
    assert wtcheck("validate", "--fail-on", "should", cwd=folder).code == 0


@pytest.mark.parametrize("rule_id, fields, expected, line", [
    (SHOULD_GAP, {"agreed_on": "2020-01-01", "review_by": "2020-06-01", "expires": "2021-01-31"},
     "the departure from WT23-REV-002 expired on 2021-01-31, so the gap is reported again", 7),
    (MUST_GAP, {}, "WT23-REV-003 (The arrangements state that serious incidents are notified to the Panel within "
                   "5 working days) "
                   "is a MUST requirement: a MUST cannot be departed from", 2),
    ("WT23-SCR-0006", {}, "WT23-SCR-0006 is not a wtcheck rule id; did you mean WT23-SCR-006?", 2),
    (SHOULD_GAP, {"reason": None}, "the departure from WT23-REV-002 is incomplete: give reason", 2),
    (SHOULD_GAP, {"reason": "''"}, "the departure from WT23-REV-002 is incomplete: give reason", 2),
])
def test_invalid_departure_is_reported_not_applied_and_fails_the_run(wtcheck, folder, rule_id, fields,
                                                                     expected, line):
    write(folder, entry(rule_id, **fields))
    run = wtcheck("validate", cwd=folder)
    problem = f"wtcheck-departures.yaml:{line}:"
    lines = [text for text in run.out.splitlines() if text.startswith(problem)]
    assert len(lines) == 1 and f": error: {expected}" in lines[0], run.out
    assert run.code == 1
    by_rule, report = findings(wtcheck("validate", "--format", "json", cwd=folder))
    assert by_rule[SHOULD_GAP]["outcome"] == "gap" and "departure" not in by_rule[SHOULD_GAP]
    assert by_rule[MUST_GAP]["outcome"] == "gap"
    assert report["departures"]["applied"] == 0
    assert [p["severity"] for p in report["departures"]["problems"]] == ["error"]
    # Report-only runs are not failed by it; the problem is still listed.
    report_only = wtcheck("validate", "--fail-on", "none", cwd=folder)
    assert report_only.code == 0 and expected in report_only.out


def test_must_gap_stays_a_gap_even_with_a_departure(wtcheck, folder):
    write(folder, entry(MUST_GAP))
    by_rule, _ = findings(wtcheck("validate", "--format", "json", cwd=folder))
    assert by_rule[MUST_GAP]["outcome"] == "gap"


def test_overdue_review_and_unneeded_departure_are_warnings(wtcheck, folder):
    write(folder, entry(SHOULD_GAP, agreed_on="2020-01-01", review_by="2021-01-01"),
          entry("WT23-SCR-005"))
    run = wtcheck("validate", "--fail-on", "should", cwd=folder)
    assert "warning: the departure from WT23-REV-002 was due for review on 2021-01-01" in run.out
    assert "warning: the departure from WT23-SCR-005 was not needed: no file checked has that gap" in run.out
    by_rule, report = findings(wtcheck("validate", "--format", "json", cwd=folder))
    assert by_rule[SHOULD_GAP]["outcome"] == "departure"
    assert {p["severity"] for p in report["departures"]["problems"]} == {"warning"}


def test_malformed_departures_file_stops_the_run(wtcheck, folder):
    (folder / "wtcheck-departures.yaml").write_text("departures:\n  WT23-REV-002:\n    reasn: x\n")
    run = wtcheck("validate", cwd=folder)
    assert run.code == 2 and run.out == ""
    assert run.err == ("wtcheck: wtcheck-departures.yaml:3:5: unknown key 'reasn' under departures.WT23-REV-002; "
                       "did you mean 'reason'? (nothing was checked: fix the departures file first)\n")
    (folder / "wtcheck-departures.yaml").write_text("departures:\n  WT23-REV-002:\n    expires: 2025-02-30\n")
    assert "is not a real date" in wtcheck("validate", cwd=folder).err
    missing = wtcheck("validate", "--departures", "nothere.yaml", cwd=folder)
    assert missing.code == 2 and missing.err.startswith("wtcheck: nothere.yaml: no such file")


def test_departures_check_command(wtcheck, folder):
    write(folder, entry(SHOULD_GAP), entry(MUST_GAP), entry("WT23-SCR-005", expires="2020-01-01",
                                                             agreed_on="2019-01-01", review_by="2019-06-01"))
    run = wtcheck("departures", "check", cwd=folder)
    assert run.code == 1
    assert run.out.splitlines()[-1] == "wtcheck-departures.yaml: 3 departure(s): 1 valid, 2 invalid, 0 warning(s)"
    write(folder, entry(SHOULD_GAP))
    assert wtcheck("departures", "check", "wtcheck-departures.yaml", cwd=folder).code == 0
    (folder / "broken.yaml").write_text("departures: [\n")
    broken = wtcheck("departures", "check", "broken.yaml", cwd=folder)
    assert broken.code == 2 and broken.out.startswith("broken.yaml:2:1: error: YAML syntax error")


def test_lint_dates_against_today(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text("departures:\n" + entry(SHOULD_GAP, agreed_on="2024-03-01", review_by="2024-09-01",
                                            expires="2025-03-01"))
    assert departures.load(path, today=dt.date(2024, 6, 1)).problems == []
    assert [p.severity for p in departures.load(path, today=dt.date(2024, 10, 1)).problems] == ["warning"]
    assert [p.severity for p in departures.load(path, today=dt.date(2025, 3, 1)).problems] == ["warning"]
    expired = departures.load(path, today=dt.date(2025, 3, 2))
    assert [p.severity for p in expired.problems] == ["error"] and expired.valid == {}
    assert "in the future" in departures.load(path, today=dt.date(2024, 2, 1)).problems[0].message


def test_readme_examples_are_valid(tmp_path):
    readme = (ROOT / "README.md").read_text()
    example = readme.split("## Departures", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "wtcheck-departures.yaml"
    path.write_text(example)
    loaded = departures.load(path, today=dt.date(2026, 6, 1))
    assert loaded.readable and loaded.problems == [] and list(loaded.valid) == [SHOULD_GAP]


def test_gap_report_shows_departures_and_their_problems(wtcheck, folder):
    fixed = (SAMPLES / "2023-complete.yaml").read_text().replace("  rapid_review_working_days: 15\n", "")
    (folder / "arrangements.yaml").write_text(fixed)
    write(folder, entry(SHOULD_GAP), entry("WT23-SCR-0006"))
    run = wtcheck("report", "--format", "json", cwd=folder)
    by_rule = {finding["rule_id"]: finding for finding in json.loads(run.out)["files"][0]["findings"]}
    assert by_rule[SHOULD_GAP]["outcome"] == "departure"
    assert "wtcheck-departures.yaml:8:3: error: WT23-SCR-0006 is not a wtcheck rule id" in run.err
    assert run.code == 1
    html = wtcheck("report", "--format", "html", cwd=folder).out
    assert "departure recorded" in html and "The panel&#39;s rapid reviews" in html


def test_departures_file_beside_the_checked_file_is_found(wtcheck, folder):
    (folder / "partnership").mkdir()
    (folder / "arrangements.yaml").rename(folder / "partnership" / "arrangements.yaml")
    (folder / "partnership" / "wtcheck-departures.yaml").write_text("departures:\n" + entry(SHOULD_GAP))
    run = wtcheck("validate", "partnership/arrangements.yaml", "--format", "json", cwd=folder)
    by_rule, report = findings(run)
    assert by_rule[SHOULD_GAP]["outcome"] == "departure"
    assert report["departures"]["file"] == "partnership/wtcheck-departures.yaml"
    shown = wtcheck("validate", "partnership/arrangements.yaml", "--show-settings", cwd=folder)
    assert 'departures = "partnership/wtcheck-departures.yaml"  # default (beside partnership/arrangements.yaml)' \
        in shown.out.splitlines()


def test_files_with_different_departures_files_are_refused(wtcheck, folder):
    for name in ("north", "south"):
        (folder / name).mkdir()
        (folder / name / "arrangements.yaml").write_text((folder / "arrangements.yaml").read_text())
    (folder / "north" / "wtcheck-departures.yaml").write_text("departures:\n" + entry(SHOULD_GAP))
    run = wtcheck("validate", "north/arrangements.yaml", "south/arrangements.yaml", cwd=folder)
    assert run.code == 2 and run.out == ""
    (line,) = run.err.splitlines()
    assert line.startswith("wtcheck: ") and "north/wtcheck-departures.yaml" in line and "--departures" in line
    (folder / "south" / "wtcheck-departures.yaml").write_text("departures:\n" + entry(SHOULD_GAP))
    assert wtcheck("validate", "north/arrangements.yaml", "south/arrangements.yaml", cwd=folder).code == 2
    named = wtcheck("validate", "north/arrangements.yaml", "south/arrangements.yaml", "--departures",
                    "north/wtcheck-departures.yaml", cwd=folder)
    assert named.code == 1 and "2 departure(s)" not in named.err


@pytest.mark.parametrize("command", [("validate",), ("report",), ("report", "-o", "r.json"), ("baseline",),
                                     ("survey", "arrangements.yaml", "--format", "json")])
def test_an_unusable_departures_file_stops_before_any_output(wtcheck, folder, command):
    (folder / "wtcheck-departures.yaml").write_text("departures:\n  WT23-REV-002:\n    reasn: x\n")
    run = wtcheck(*command, cwd=folder)
    assert run.code == 2 and run.out == ""
    (line,) = run.err.splitlines()
    assert line.startswith("wtcheck: wtcheck-departures.yaml:3:5: unknown key 'reasn'"), line
    assert not (folder / "r.json").exists() and not (folder / "wtcheck-baseline.json").exists()


def test_departure_rule_ids_in_any_case(wtcheck, folder):
    write(folder, entry(SHOULD_GAP.lower()))
    by_rule, report = findings(wtcheck("validate", "--format", "json", cwd=folder))
    assert by_rule[SHOULD_GAP]["outcome"] == "departure" and report["departures"]["problems"] == []
    write(folder, entry("WT99-NONE-001"))
    run = wtcheck("validate", cwd=folder)
    assert "WT99-NONE-001 is not a wtcheck rule id; 'wtcheck rules' lists them" in run.out
