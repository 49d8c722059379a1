"""Duties enacted but not yet in force: the outcome ``coming``, ``--as-of`` and ``--include-coming``.

A throwaway edition (a ruleset extending the newest, as in test_shape) carries two rules resting on
statutory provisions: one with no day appointed for it to come into force, one in force from
1 June 2099. Nothing in wtcheck/ names either; the mechanism is the same for any edition.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import xml.etree.ElementTree as ET

import pytest
import yaml
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from wtcheck.core import resources
from wtcheck.core.editions import choose, editions
from wtcheck.core.engine import evaluate
from wtcheck.core.loading import load_bytes
from wtcheck.core.ruleset import load_ruleset
from wtcheck.core.vocabulary import COMING, LISTED, OUTCOME_LABELS, OUTCOMES, UNMET

from conftest import ROOT, SAMPLES

REPORT_SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text())
SURVEY_SCHEMA = json.loads((ROOT / "schemas" / "survey.schema.json").read_text())

COMING_RULES = """
  - id: WT99-PART-091
    slug: standing-child-protection-standards
    level: must
    category: partners
    title: The arrangements say how the national child protection standards are applied
    message: Say how the national child protection standards are applied (ways_of_working.child_protection_standards).
    why: A test duty, enacted but with no day appointed.
    confidence: primary
    commencement:
      provision: "Test Act 2098 s1, inserting Children Act 2004 s99Z"
      enacted: 2098-04-29
      in_force_from: not_appointed
      checked: 2098-12-01
      expected: the Department aims for it to be in force in late 2099 (a test)
      source: a test
    citation:
      edition: "2099"
      section: Test duties
      source: a test
      basis: [{note: a test}]
    check: {fn: present, path: ways_of_working.child_protection_standards}
    example: |
      ways_of_working:
        child_protection_standards: Applied by every agency.
  - id: WT99-PART-092
    slug: missing-children-tracked
    level: should
    category: partners
    title: The arrangements say how children missing from care are tracked
    message: Say how children missing from care are tracked (ways_of_working.missing_children).
    why: A test duty in force from 1 June 2099.
    confidence: primary
    commencement:
      provision: "Test Act 2098 s2"
      enacted: 2098-04-29
      in_force_from: 2099-06-01
      checked: 2098-12-01
      source: a test
    citation:
      edition: "2099"
      section: Test duties
      source: a test
      basis: [{note: a test}]
    check: {fn: present, path: ways_of_working.missing_children}
    example: |
      ways_of_working:
        missing_children: Tracked daily.
"""


@pytest.fixture
def coming_edition(tmp_path):
    """The bundled rulesets plus wt2099, extending the newest, with the two coming rules above."""
    folder = tmp_path / "rulesets"
    shutil.copytree(ROOT / "rulesets", folder)
    newest = list(editions().values())[-1]
    chapters = sorted({rule.citation["chapter"] for rule in load_ruleset(newest.ruleset).rules
                       if "chapter" in rule.citation})
    header = yaml.safe_dump({
        "ruleset": "wt2099", "edition": "2099", "prefix": "WT99", "title": "Working Together to Safeguard Children 2099",
        "era": newest.era, "extends": newest.ruleset, "replaces": newest.name,
        "published": {"date": "2098-12-01", "confidence": "unconfirmed", "source": "a test"},
        "in_force": {"date": "2099-01-01", "confidence": "unconfirmed", "source": "a test"},
        "recite": {"chapters": {chapter: chapter for chapter in chapters}},
    }, sort_keys=False)
    (folder / "wt2099.yaml").write_text(header + "rules:" + COMING_RULES)
    resources.use("rulesets", folder)
    yield newest
    resources.use("rulesets", None)


@pytest.fixture
def description(coming_edition, tmp_path):
    """A file that meets every rule of the newest bundled edition and neither coming rule, for 2099."""
    data = yaml.safe_load((SAMPLES / f"{coming_edition.name}-complete.yaml").read_text())
    data["edition"] = "2099"
    for key in ("child_protection_standards", "missing_children"):
        data.get("ways_of_working", {}).pop(key, None)
    path = tmp_path / "arrangements.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def _findings(path, **options):
    document = load_bytes(path.read_bytes(), str(path))
    return {finding.rule.id: finding for finding in evaluate(load_ruleset("wt2099"), document, **options)}


def invoke(*args):
    from wtcheck.cli import app

    return CliRunner().invoke(app, list(args))


# ----------------------------------------------------------------- the vocabulary


def test_coming_is_one_outcome_with_its_label_listed_but_never_unmet():
    assert COMING in OUTCOMES and COMING in LISTED and COMING not in UNMET
    assert OUTCOME_LABELS[COMING] == {"label": "coming (enacted, not yet in force)", "short": "coming"}


# ----------------------------------------------------------------- the engine


def test_a_duty_not_yet_in_force_is_coming_with_what_it_will_need(description):
    found = _findings(description, as_of=dt.date(2099, 5, 31))
    appointed, later = found["WT99-PART-091"], found["WT99-PART-092"]
    assert appointed.outcome == COMING and later.outcome == COMING
    assert not appointed.is_gap and not appointed.fails("should")
    assert appointed.message.startswith("Say how the national child protection standards are applied")
    assert ("[coming: Test Act 2098 s1, inserting Children Act 2004 s99Z, enacted on 29 April 2098, is not in force: "
            "no day had been appointed for it to come into force when wtcheck last checked (1 December 2098); the "
            "Department aims for it to be in force in late 2099 (a test); until it is in force this is not a gap, "
            "only what the description will need]") in appointed.message
    assert "comes into force on 1 June 2099" in later.message
    assert sum(finding.outcome == "gap" for finding in found.values()) == 0


def test_a_duty_is_in_force_from_its_day_and_not_the_day_before(description):
    assert _findings(description, as_of=dt.date(2099, 5, 31))["WT99-PART-092"].outcome == COMING
    on_the_day = _findings(description, as_of=dt.date(2099, 6, 1))
    assert on_the_day["WT99-PART-092"].outcome == "gap" and on_the_day["WT99-PART-092"].in_force
    assert "[coming" not in on_the_day["WT99-PART-092"].message
    assert on_the_day["WT99-PART-091"].outcome == COMING  # never appointed: coming on any day
    assert _findings(description, as_of=dt.date(3000, 1, 1))["WT99-PART-091"].outcome == COMING


def test_include_coming_checks_them_as_if_in_force_and_says_so(description):
    found = _findings(description, as_of=dt.date(2099, 1, 1), include_coming=True)
    assert found["WT99-PART-091"].outcome == "gap" and found["WT99-PART-092"].outcome == "gap"
    assert found["WT99-PART-091"].fails("must")
    assert "[not yet in force: Test Act 2098 s1" in found["WT99-PART-091"].message
    assert "checked as if in force, as asked (--include-coming)" in found["WT99-PART-091"].message


def test_a_coming_duty_already_met_is_met(description):
    data = yaml.safe_load(description.read_text())
    data["ways_of_working"]["child_protection_standards"] = "Every agency applies them."
    description.write_text(yaml.safe_dump(data, sort_keys=False))
    assert _findings(description)["WT99-PART-091"].outcome == "met"


def test_a_coming_rule_that_is_unconfirmed_stays_advisory_when_planning(coming_edition, description):
    path = resources.data_dir("rulesets") / "wt2099.yaml"
    text = path.read_text()
    assert text.count("    why: A test duty, enacted but with no day appointed.\n    confidence: primary\n") == 1
    path.write_text(text.replace("    why: A test duty, enacted but with no day appointed.\n    confidence: primary\n",
                                 "    why: A test duty, not confirmed.\n    confidence: unconfirmed\n"))
    resources.reset()
    assert _findings(description, include_coming=True)["WT99-PART-091"].outcome == "advisory"
    assert _findings(description)["WT99-PART-091"].outcome == COMING


def test_the_commencement_schema_refuses_a_day_that_is_not_one(coming_edition):
    from wtcheck.core.errors import WtcheckError

    path = resources.data_dir("rulesets") / "wt2099.yaml"
    text = path.read_text()
    assert text.count("in_force_from: 2099-06-01") == 1
    path.write_text(text.replace("in_force_from: 2099-06-01", "in_force_from: next spring"))
    resources.reset()
    with pytest.raises(WtcheckError, match="in_force_from"):
        load_ruleset("wt2099")


# ----------------------------------------------------------------- the command line and every format


def test_validate_passes_with_coming_duties_and_fails_with_include_coming(description):
    run = invoke("validate", "--fail-on", "should", str(description))
    assert run.exit_code == 0, run.output
    lines = run.output.splitlines()
    assert any("WT99-PART-091 must Say how the national" in line and "[coming: Test Act 2098 s1" in line for line in lines)
    assert "0 MUST gap(s), 0 SHOULD gap(s), 2 coming (not yet in force) against the 2099 edition" in lines[-1]
    planned = invoke("validate", "--fail-on", "must", "--include-coming", str(description))
    assert planned.exit_code == 1 and "1 MUST gap(s), 1 SHOULD gap(s) against" in planned.output.splitlines()[-1]


def test_as_of_moves_the_day_duties_start(description):
    before = invoke("validate", "--fail-on", "should", "--as-of", "2099-05-31", str(description))
    assert before.exit_code == 0 and "2 coming" in before.output
    after = invoke("validate", "--fail-on", "should", "--as-of", "2099-06-01", str(description))
    assert after.exit_code == 1 and "1 SHOULD gap(s), 1 coming (not yet in force)" in after.output


def test_json_report_says_coming_with_the_commencement_and_the_day(description):
    run = invoke("report", "--format", "json", "--as-of", "2099-05-31", str(description))
    report = json.loads(run.output)
    Draft202012Validator(REPORT_SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(report)
    assert report["as_of"] == "2099-05-31" and report["include_coming"] is False
    findings = {finding["rule_id"]: finding for finding in report["files"][0]["findings"]}
    coming = findings["WT99-PART-091"]
    assert coming["outcome"] == "coming" and coming["commencement"]["in_force"] is False
    assert coming["commencement"]["in_force_from"] == "not_appointed"
    assert coming["commencement"]["status"].startswith("Test Act 2098 s1, inserting Children Act 2004 s99Z, enacted")
    assert report["files"][0]["summary"]["must"]["coming"] == 1 and report["files"][0]["summary"]["should"]["coming"] == 1
    assert "WT99-PART-091" not in report["files"][0]["top_gaps"]
    ruleset = load_ruleset("wt2099")
    assert all(("commencement" in finding) == (ruleset.rule(rule_id).commencement is not None)
               for rule_id, finding in findings.items())
    planned = json.loads(invoke("report", "--format", "json", "--include-coming", str(description)).output)
    assert planned["include_coming"] is True
    assert {f["rule_id"]: f["outcome"] for f in planned["files"][0]["findings"]}["WT99-PART-091"] == "gap"


def test_html_and_markdown_list_the_coming_duties_apart(description, tmp_path):
    for suffix in ("html", "md"):
        target = tmp_path / f"report.{suffix}"
        assert invoke("report", "-o", str(target), str(description)).exit_code == 0
        text = target.read_text()
        assert "Duties coming: enacted, not yet in force" in text
        assert "coming (enacted, not yet in force)" in text
        section = text.split("Duties coming: enacted, not yet in force")[1].split("Coverage matrix")[0]
        assert "WT99-PART-091" in section and "WT99-PART-092" in section
        assert "WT99-PART-091" not in text.split("The most important gaps")[1].split("Duties coming")[0]


def test_terminal_report_lists_the_coming_duties(description):
    out = invoke("report", str(description)).output
    assert "Duties coming: enacted, not yet in force (not gaps), and what they will need" in out
    assert "coming (enacted, not yet in force)" in out


def test_sarif_makes_coming_duties_notes(description, tmp_path):
    target = tmp_path / "out.sarif"
    assert invoke("validate", "-o", str(target), str(description)).exit_code == 0
    log = json.loads(target.read_text())
    results = {result["ruleId"]: result for result in log["runs"][0]["results"]}
    assert results["WT99-PART-091"]["level"] == "note" and results["WT99-PART-092"]["level"] == "note"
    assert results["WT99-PART-091"]["properties"]["outcome"] == "coming"
    rule = next(rule for rule in log["runs"][0]["tool"]["driver"]["rules"] if rule["id"] == "WT99-PART-091")
    assert rule["defaultConfiguration"]["level"] == "note" and "In force: Test Act 2098 s1" in rule["help"]["text"]
    planned = tmp_path / "planned.sarif"
    invoke("validate", "--include-coming", "-o", str(planned), str(description))
    levels = {r["ruleId"]: r["level"] for r in json.loads(planned.read_text())["runs"][0]["results"]}
    assert levels["WT99-PART-091"] == "error" and levels["WT99-PART-092"] == "warning"


def test_junit_skips_coming_duties_with_the_reason(description, tmp_path):
    target = tmp_path / "out.xml"
    invoke("validate", "-o", str(target), str(description))
    case = next(case for case in ET.parse(target).getroot().iter("testcase") if case.get("name").startswith("WT99-PART-091"))
    skipped = case.find("skipped")
    assert skipped is not None and case.find("failure") is None
    assert skipped.get("message").startswith("coming (enacted, not yet in force) (does not fail): Say how")


def test_github_gives_coming_duties_notices_and_counts_them(description, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    out = invoke("validate", "--format", "github", str(description)).output
    line = next(line for line in out.splitlines() if "WT99-PART-091" in line)
    assert line.startswith("::notice ") and "title=WT99-PART-091 must - coming (enacted%2C not yet in force)" in line
    header, _, row = summary.read_text().splitlines()[2:5]
    assert "| coming |" in header and row.split(" | ")[5] == "2"


def test_the_survey_counts_coming_apart_from_gaps_and_the_share(description, tmp_path):
    met = tmp_path / "met.yaml"
    data = yaml.safe_load(description.read_text())
    data["ways_of_working"]["child_protection_standards"] = "Every agency applies them."
    met.write_text(yaml.safe_dump(data, sort_keys=False))
    target = tmp_path / "survey.json"
    assert invoke("survey", str(description), str(met), "-o", str(target)).exit_code == 0
    survey = json.loads(target.read_text())
    Draft202012Validator(SURVEY_SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(survey)
    requirement = next(r for r in survey["matrices"][0]["requirements"] if r["rule_id"] == "WT99-PART-091")
    assert requirement["counts"]["coming"] == 1 and requirement["missed"] == 0
    assert requirement["assessed"] == 1 and requirement["share_met"] == 1.0
    assert requirement["commencement"]["in_force"] is False
    for suffix, words in (("md", "100% (1 of 1); 1 coming"), ("html", "(coming: not yet in force)"),
                          ("csv", "coming (enacted, not yet in force)")):
        out = tmp_path / f"survey.{suffix}"
        invoke("survey", str(description), str(met), "-o", str(out))
        assert words in out.read_text(), suffix
    rows = list(csv.DictReader(io.StringIO((tmp_path / "survey.csv").read_text())))
    assert [row["coming"] for row in rows if row["status"] == "checked"] == ["2", "1"]
    text = invoke("survey", str(description), str(met)).output
    assert "coming: 1" in text or "1 coming" in text


def test_rules_and_explain_say_where_the_provision_stands(coming_edition):
    listed = invoke("rules", "--edition", "2099")
    assert "coming: Test Act 2098 s2, enacted on 29 April 2098, comes into force on 1 June 2099" in listed.output
    explained = invoke("explain", "WT99-PART-091").output
    assert "In force:" in explained and "coming: Test Act 2098 s1" in explained
    data = json.loads(invoke("rules", "--edition", "2099", "--format", "json").output)
    rule = next(rule for rule in data["rulesets"][0]["rules"] if rule["id"] == "WT99-PART-092")
    assert rule["commencement"]["in_force_from"] == "2099-06-01" and rule["commencement"]["in_force"] is False


def test_diff_with_a_file_lists_coming_duties_apart(coming_edition, description):
    run = invoke("diff", coming_edition.name, "2099", str(description))
    assert run.exit_code == 0, run.output
    lines = run.output.splitlines()
    assert any("WT99-PART-091 must" in line and "[coming:" in line for line in lines)
    assert lines[-1].startswith(f"{description}: 0 gap(s) to close") and "duty(ies) coming, not yet in force" in lines[-1]
    data = json.loads(invoke("diff", coming_edition.name, "2099", str(description), "--format", "json").output)
    assert {"WT99-PART-091", "WT99-PART-092"} <= {entry["id"] for entry in data["coming"]} and not data["new_gaps"]
    planned = json.loads(invoke("diff", coming_edition.name, "2099", str(description), "--format", "json",
                                "--include-coming").output)
    assert {"WT99-PART-091", "WT99-PART-092"} <= {entry["id"] for entry in planned["new_gaps"]}
    editions_only = invoke("diff", coming_edition.name, "2099")
    assert "coming: Test Act 2098 s1" in editions_only.output


# ----------------------------------------------------------------- as of a day: editions, transitions, departures


def _partnership(published: str) -> dict:
    return {"partnership": {"kind": "safeguarding_partnership"}, "arrangements": {"published": published}}


def test_as_of_gives_a_later_document_the_edition_in_force_that_day():
    newer, older = _two_partner_editions()
    day_after = (newer.in_force.date + dt.timedelta(days=30)).isoformat()
    assert choose(_partnership(day_after)).edition.name == newer.name
    capped = choose(_partnership(day_after), as_of=newer.in_force.date - dt.timedelta(days=1))
    assert capped.edition.name == older.name
    assert f"arrangements.published is {day_after}, after {newer.in_force.date - dt.timedelta(days=1)}, the day checked " \
           f"as of; the {older.name} edition was the one in force for safeguarding partners on" in capped.reason
    assert choose(_partnership(day_after), as_of=dt.date(2999, 1, 1)).edition.name == newer.name


def _two_partner_editions():
    """The two editions for safeguarding partners with a transition window: the one with it, and the one before."""
    every = [found for found in editions().values() if found.era == "safeguarding_partnership"]
    newer = next(found for found in every if found.transition and found.replaces in {e.name for e in every})
    return newer, next(found for found in every if found.name == newer.replaces)


def test_as_of_says_whether_a_transition_window_was_still_open():
    newer, _ = _two_partner_editions()
    inside = (newer.in_force.date + dt.timedelta(days=1)).isoformat()
    until = newer.transition.until
    open_then = choose(_partnership(inside), as_of=until).reason
    assert f"on {until}, the day checked as of, that window was still open (it closed on {until})" in open_then
    closed = choose(_partnership(inside), as_of=until + dt.timedelta(days=1)).reason
    assert f"that window closed on {until}, before {until + dt.timedelta(days=1)}, the day checked as of" in closed
    assert "the day checked as of" not in choose(_partnership(inside)).reason


def test_as_of_decides_when_a_departure_has_expired(tmp_path):
    (tmp_path / "arrangements.yaml").write_text(
        (SAMPLES / "2023-complete.yaml").read_text().replace("  rapid_review_working_days: 15\n", ""))
    (tmp_path / "wtcheck-departures.yaml").write_text(
        "departures:\n  WT23-REV-002:\n    reason: Regional protocol applies.\n    agreed_by: The executive\n"
        "    agreed_on: 2024-01-01\n    review_by: 2098-01-01\n    expires: 2099-12-31\n")
    from wtcheck.core import departures

    path = tmp_path / "wtcheck-departures.yaml"
    assert not departures.load(path, today=dt.date(2099, 12, 31)).errors
    expired = departures.load(path, today=dt.date(2100, 1, 1)).errors
    assert expired and "expired on 2099-12-31" in expired[0].message
    import os

    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert invoke("validate", "--fail-on", "should").exit_code == 0
        late = invoke("validate", "--fail-on", "should", "--as-of", "2100-01-01")
    finally:
        os.chdir(cwd)
    assert late.exit_code == 1 and "expired on 2099-12-31" in late.output


# ----------------------------------------------------------------- the settings


def test_as_of_and_include_coming_are_settings(description, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "wtcheck.toml").write_text('as_of = 2099-06-01\ninclude_coming = true\n')
    shown = invoke("validate", "--show-settings", str(description)).output
    assert 'as_of = "2099-06-01"  # wtcheck.toml' in shown and "include_coming = true  # wtcheck.toml" in shown
    run = invoke("report", "--format", "json", str(description))
    report = json.loads(run.output)
    assert report["as_of"] == "2099-06-01" and report["include_coming"] is True
    (tmp_path / "wtcheck.toml").write_text('as_of = "2099-05-31"\n')
    assert json.loads(invoke("report", "--format", "json", str(description)).output)["as_of"] == "2099-05-31"
    overridden = json.loads(invoke("report", "--format", "json", "--as-of", "2099-06-02", str(description)).output)
    assert overridden["as_of"] == "2099-06-02"
    (tmp_path / "wtcheck.toml").write_text('as_of = "next year"\n')
    from wtcheck.core.errors import WtcheckError

    refused = invoke("validate", str(description))
    assert isinstance(refused.exception, WtcheckError) and "'next year' is not a date" in str(refused.exception)


def test_a_bad_as_of_is_one_line_and_exit_2(wtcheck):
    run = wtcheck("validate", "--as-of", "2099-13-01", "samples/2023-complete.yaml")
    assert run.code == 2 and run.err.count("\n") == 1
    assert "'2099-13-01' is not a date; write it as YYYY-MM-DD" in run.err
    config = wtcheck("validate", "--as-of", "20990101", "samples/2023-complete.yaml")
    assert config.code == 2 and "is not a date" in config.err


def test_a_bad_as_of_in_the_configuration_names_the_line(tmp_path, wtcheck):
    (tmp_path / "wtcheck.toml").write_text('fail_on = "must"\nas_of = "soon"\n')
    (tmp_path / "arrangements.yaml").write_text((SAMPLES / "2023-complete.yaml").read_text())
    run = wtcheck("validate", cwd=tmp_path)
    assert run.code == 2 and run.err.count("\n") == 1
    assert run.err.strip().endswith("wtcheck.toml:2: wtcheck.toml as_of: 'soon' is not a date; "
                                    "write it as YYYY-MM-DD (e.g. 2027-01-01)")
