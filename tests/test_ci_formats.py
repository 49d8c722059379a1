"""CI formats of validate: SARIF 2.1.0 (checked against the vendored OASIS schema), JUnit, GitHub
annotations, and --output."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import xml.etree.ElementTree as ET

import pytest
from jsonschema import Draft4Validator

from conftest import ROOT, SAMPLES

SCHEMAS = ROOT / "tests" / "schemas"
SARIF_SCHEMA_FILE = SCHEMAS / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def sarif_validator() -> Draft4Validator:
    """The SARIF 2.1.0 schema, after checking it is the vendored file its hash names."""
    expected = (SCHEMAS / "sarif-schema-2.1.0.json.sha256").read_text().split()[0]
    assert hashlib.sha256(SARIF_SCHEMA_FILE.read_bytes()).hexdigest() == expected
    schema = json.loads(SARIF_SCHEMA_FILE.read_text())
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    return Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


def sarif(wtcheck, *args: str, cwd=None) -> tuple[int, dict]:
    run = wtcheck("validate", "--format", "sarif", *args, cwd=cwd)
    return run.code, json.loads(run.out)


def test_sarif_validates_against_the_sarif_2_1_0_schema(wtcheck, sarif_validator):
    code, log = sarif(wtcheck, "samples/2023-gaps.yaml", "samples/2018-gaps.yaml", "samples/2023-complete.yaml")
    assert code == 1
    sarif_validator.validate(log)
    # The validator does reject what is not SARIF, so passing means something.
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["level"] = "must"
    assert not sarif_validator.is_valid(broken)


def test_sarif_rules_results_levels_and_invocation(wtcheck):
    code, log = sarif(wtcheck, "samples/2023-gaps.yaml")
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert log["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "wtcheck"
    assert all(rule["help"]["text"] and rule["help"]["markdown"] and rule["helpUri"].startswith("https://")
               for rule in rules)
    levels = {result["ruleId"]: result["level"] for result in run["results"]}
    assert levels["WT23-REP-004"] == "error"          # MUST gap
    assert levels["WT23-REV-002"] == "warning"        # SHOULD gap
    assert levels["WT23-PART-004"] == "note"          # advisory (unconfirmed requirement)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "samples/2023-gaps.yaml"
        assert location["region"]["startLine"] >= 1
    assert run["invocations"][0]["exitCode"] == code == 1
    assert run["invocations"][0]["executionSuccessful"] is True


def test_sarif_fingerprints_survive_moved_lines(wtcheck, tmp_path):
    text = (SAMPLES / "2023-gaps.yaml").read_text()
    (tmp_path / "arrangements.yaml").write_text(text)
    _, before = sarif(wtcheck, cwd=tmp_path)
    # Unrelated lines added above and inside the document move every finding down.
    modeline, rest = text.split("\n", 1)
    moved = f"{modeline}\n# Reviewed at the March executive.\n\n\n{rest}"
    moved = moved.replace("relevant_agencies:\n", "# Agencies were re-listed in 2024.\nrelevant_agencies:\n", 1)
    (tmp_path / "arrangements.yaml").write_text(moved)
    _, after = sarif(wtcheck, cwd=tmp_path)

    def index(log: dict) -> dict[str, tuple[str, int]]:
        return {result["ruleId"]: (result["partialFingerprints"]["wtcheck/v2"],
                                   result["locations"][0]["physicalLocation"]["region"]["startLine"])
                for result in log["runs"][0]["results"]}

    first, second = index(before), index(after)
    assert first.keys() == second.keys() and len(first) > 10
    assert {rule: print_ for rule, (print_, _) in first.items()} == {rule: p for rule, (p, _) in second.items()}
    in_file = [rule for rule in first if first[rule][1] > 1]   # not a section missing altogether (line 1)
    assert len(in_file) > 10 and all(second[rule][1] > first[rule][1] for rule in in_file)
    assert len({print_ for print_, _ in first.values()}) == len(first)


def test_sarif_uris_are_relative_to_the_repository_top(wtcheck, tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "partnership").mkdir()
    (tmp_path / "partnership" / "arrangements.yaml").write_text((SAMPLES / "2023-gaps.yaml").read_text())
    _, log = sarif(wtcheck, "arrangements.yaml", cwd=tmp_path / "partnership")
    uris = {result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for result in log["runs"][0]["results"]}
    assert uris == {"partnership/arrangements.yaml"}


def test_sarif_departures_are_suppressions_and_can_be_omitted(wtcheck, tmp_path, sarif_validator):
    (tmp_path / "arrangements.yaml").write_text(
        (SAMPLES / "2023-complete.yaml").read_text().replace("  rapid_review_working_days: 15\n", ""))
    (tmp_path / "wtcheck-departures.yaml").write_text(
        "departures:\n  WT23-REV-002:\n    reason: Regional protocol applies.\n    agreed_by: The executive\n"
        "    agreed_on: 2024-01-01\n    review_by: 2099-01-01\n    expires: 2099-12-31\n")
    code, log = sarif(wtcheck, cwd=tmp_path)
    sarif_validator.validate(log)
    [result] = log["runs"][0]["results"]
    assert code == 0 and result["ruleId"] == "WT23-REV-002"
    [suppression] = result["suppressions"]
    assert suppression["status"] == "accepted" and "Regional protocol applies." in suppression["justification"]
    _, omitted = sarif(wtcheck, "--sarif-omit-suppressed", cwd=tmp_path)
    assert omitted["runs"][0]["results"] == []


def test_sarif_reports_files_that_cannot_be_checked(wtcheck, tmp_path, sarif_validator):
    (tmp_path / "bad.yaml").write_text("a: 1\na: 2\n")
    code, log = sarif(wtcheck, "bad.yaml", cwd=tmp_path)
    sarif_validator.validate(log)
    invocation = log["runs"][0]["invocations"][0]
    assert code == 2 and invocation["exitCode"] == 2 and invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "duplicate key" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["region"]["startLine"] == 2


def test_junit_one_testcase_per_rule_and_file(wtcheck):
    run = wtcheck("validate", "--format", "junit", "samples/2023-gaps.yaml", "samples/2023-complete.yaml")
    assert run.code == 1
    suites = ET.fromstring(run.out)
    gaps, complete = suites.findall("testsuite")
    report = json.loads(wtcheck("validate", "--format", "json", "samples/2023-gaps.yaml").out)
    findings = report["files"][0]["findings"]
    assert len(gaps.findall("testcase")) == len(findings) == len(complete.findall("testcase"))
    names = [case.get("name") for case in gaps.findall("testcase")]
    assert names[0].startswith(findings[0]["rule_id"] + " - ") and len(set(names)) == len(names)
    failures = [case.find("failure") for case in gaps.findall("testcase") if case.find("failure") is not None]
    summary = report["files"][0]["summary"]
    assert len(failures) == sum(summary[level][outcome] for level in ("must", "should")
                                for outcome in ("gap", "partial"))
    assert {failure.get("type") for failure in failures} == {"must", "should"}
    assert gaps.get("failures") == str(len(failures)) and complete.get("failures") == "0"
    properties = {p.get("name"): p.get("value") for p in gaps.find("properties")}
    assert properties["edition"] == "2023" and properties["ruleset"] == "wt2023"


def test_github_annotations(wtcheck, tmp_path):
    run = wtcheck("validate", "--format", "github", "samples/2023-gaps.yaml")
    assert run.code == 1
    lines = run.out.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    rep004 = next(line for line in lines if "title=WT23-REP-004" in line)
    assert rep004.startswith("::error file=samples/2023-gaps.yaml,line=49,col=3,title=WT23-REP-004 must::")
    assert any(line.startswith("::warning ") and "WT23-REV-002" in line for line in lines)
    assert any(line.startswith("::notice ") and "WT23-PART-004" in line for line in lines)


def test_github_summary_never_changes_the_exit_code(wtcheck, tmp_path):
    summary = tmp_path / "summary.md"
    env_run = _run_with_env({"GITHUB_STEP_SUMMARY": str(summary)})
    assert env_run.returncode == 1 and "| samples/2023-gaps.yaml | 2023 | 4 | 18 |" in summary.read_text()
    unwritable = _run_with_env({"GITHUB_STEP_SUMMARY": str(tmp_path)})  # a folder: cannot be written
    assert unwritable.returncode == 1 and "could not write the job summary" in unwritable.stderr
    clean = _run_with_env({"GITHUB_STEP_SUMMARY": str(tmp_path)}, "samples/2023-complete.yaml")
    assert clean.returncode == 0


def _run_with_env(extra: dict[str, str], sample: str = "samples/2023-gaps.yaml") -> subprocess.CompletedProcess:
    from conftest import WTCHECK

    return subprocess.run([str(WTCHECK), "validate", "--format", "github", sample], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, **extra}, timeout=60)


@pytest.mark.parametrize("fmt", ["sarif", "junit", "github", "json", "text"])
def test_output_writes_the_format_and_the_terminal_gets_text(wtcheck, tmp_path, fmt):
    target = tmp_path / f"report.{fmt}"
    run = wtcheck("validate", "--format", fmt, "--output", str(target), "samples/2023-gaps.yaml")
    assert run.code == 1
    assert run.out.splitlines()[-1].startswith("samples/2023-gaps.yaml: 4 MUST gap(s)")
    direct = wtcheck("validate", "--format", fmt, "samples/2023-gaps.yaml").out
    strip = (lambda text: text.replace(json.loads(text)["generated"], "")) if fmt == "json" else (lambda text: text)
    if fmt not in ("sarif", "junit"):
        assert strip(target.read_text()) == strip(direct)
    else:
        assert target.read_text().split("\n")[1] == direct.split("\n")[1]


def test_output_never_overwrites_an_input(wtcheck, tmp_path):
    source = tmp_path / "arrangements.yaml"
    source.write_text((SAMPLES / "2023-gaps.yaml").read_text())
    run = wtcheck("validate", "--format", "sarif", "--output", "arrangements.yaml", cwd=tmp_path)
    assert run.code == 2 and "refusing to write the output over an input file" in run.err
    assert source.read_text() == (SAMPLES / "2023-gaps.yaml").read_text()


def test_sarif_fingerprint_survives_partly_filling_a_gap(wtcheck, tmp_path):
    text = (SAMPLES / "2023-gaps.yaml").read_text()
    (tmp_path / "arrangements.yaml").write_text(text)
    _, before = sarif(wtcheck, cwd=tmp_path)
    (tmp_path / "arrangements.yaml").write_text(text + "\nthresholds:\n  title: Larkmere continuum of need\n")
    _, after = sarif(wtcheck, cwd=tmp_path)

    def prints(log: dict) -> dict[str, str]:
        return {result["ruleId"]: result["partialFingerprints"]["wtcheck/v2"] for result in log["runs"][0]["results"]}

    assert prints(before)["WT23-PRAC-001"] == prints(after)["WT23-PRAC-001"]
    assert prints(before) == prints(after)


MISSING_SECTION = "WT23-PRAC-001"
"""A rule on a top-level section (thresholds) that samples/2023-gaps.yaml leaves out altogether."""


def test_a_missing_section_is_reported_at_the_start_of_the_file_in_every_format(wtcheck, tmp_path):
    text = wtcheck("validate", "samples/2023-gaps.yaml").out.splitlines()
    assert next(line for line in text if f" {MISSING_SECTION} " in line).startswith(
        f"samples/2023-gaps.yaml:1:1: {MISSING_SECTION} should ")
    assert not [line for line in text if line.startswith("samples/2023-gaps.yaml:7:")], "nothing on 'edition:'"
    report = json.loads(wtcheck("validate", "--format", "json", "samples/2023-gaps.yaml").out)
    finding = next(f for f in report["files"][0]["findings"] if f["rule_id"] == MISSING_SECTION)
    assert finding["location"] == {"path": "", "line": 1, "column": 1}
    log = json.loads(wtcheck("validate", "--format", "sarif", "samples/2023-gaps.yaml").out)
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == MISSING_SECTION)
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 1, "startColumn": 1}
    assert "logicalLocations" not in result["locations"][0]
    github = wtcheck("validate", "--format", "github", "samples/2023-gaps.yaml").out
    assert f"::warning file=samples/2023-gaps.yaml,line=1,col=1,title={MISSING_SECTION} should::" in github
    junit = ET.fromstring(wtcheck("validate", "--format", "junit", "samples/2023-gaps.yaml").out)
    case = next(c for c in junit.iter("testcase") if c.get("name").startswith(MISSING_SECTION))
    assert case.get("line") == "1" and case.find("failure").text.startswith("samples/2023-gaps.yaml:1:1: ")


def _gaps_report(**changes) -> dict:
    from wtcheck.models.report import build

    from conftest import check

    return build([check(SAMPLES / "2023-gaps.yaml", **changes)], "must")


def test_the_ci_formats_take_outcome_words_from_the_model():
    from wtcheck.formats import github, junit, text
    from wtcheck.formats import sarif as sarif_format

    report = _gaps_report()
    report["outcome_labels"]["partial"]["label"] = "half done"
    partial = next(f for f in report["files"][0]["findings"] if f["outcome"] == "partial")
    expected = f"{partial['message']} (half done)"
    assert f"{partial['rule_id']} {partial['level']} {expected}\n" in text.render(report)
    assert f'"text": {json.dumps(expected)}' in sarif_format.render(report)
    assert f'message="{expected}"' in junit.render(report).replace("&quot;", '"').replace("&apos;", "'")
    assert f"title={partial['rule_id']} {partial['level']} - half done::" in github.render(report)


def test_sarif_renders_rule_help_from_the_model_not_the_ruleset():
    from wtcheck.formats import sarif as sarif_format

    report = _gaps_report()
    report["rules"]["WT23-PRAC-001"]["why"] = "A reason only the model knows."
    report["rules"]["WT23-PRAC-001"]["example"] = "thresholds: {title: only-in-the-model}\n"
    log = json.loads(sarif_format.render(report))
    rule = next(r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "WT23-PRAC-001")
    assert "Why: A reason only the model knows." in rule["help"]["text"]
    assert "thresholds: {title: only-in-the-model}" in rule["help"]["markdown"]


def test_advisory_says_the_uncertainty_is_wtchecks(wtcheck):
    out = wtcheck("validate", "samples/2023-gaps.yaml").out
    lines = out.splitlines()
    line = next(line for line in lines if " WT23-PART-004 " in line)
    heading = next(text for text in reversed(lines[:lines.index(line)]) if not text.startswith("samples/"))
    assert heading.startswith("Advisory (15): wtcheck could not confirm these requirements in the text of the "
                              "guidance; check each before relying on it"), "said once, above the advisory lines"
    assert "[advisory:" not in line
    assert "not confirmed in the guidance text" not in out
    model = json.loads(wtcheck("validate", "--format", "json", "samples/2023-gaps.yaml").out)
    finding = next(f for f in model["files"][0]["findings"] if f["rule_id"] == "WT23-PART-004")
    assert finding["message"].endswith("[advisory: wtcheck could not confirm this requirement in the text of the "
                                       "guidance; check it before relying on it]")
    log = json.loads(wtcheck("validate", "--format", "sarif", "samples/2023-gaps.yaml").out)
    rule = next(r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "WT23-PART-004")
    assert "not confirmed by wtcheck" in rule["help"]["text"]


def test_github_job_summary_counts_only_new_gaps(wtcheck, tmp_path):
    (tmp_path / "arrangements.yaml").write_text((SAMPLES / "2023-gaps.yaml").read_text())
    assert wtcheck("baseline", cwd=tmp_path).code == 0
    summary = tmp_path / "summary.md"
    done = subprocess.run([str(_wtcheck_path()), "validate", "--format", "github", "--baseline",
                           "wtcheck-baseline.json"], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}, timeout=60)
    assert done.returncode == 0
    row = next(line for line in summary.read_text().splitlines() if line.startswith("| arrangements.yaml"))
    assert row.startswith("| arrangements.yaml | 2023 | 0 | 0 | 0 | 0 | 0 | 37 | passes |"), row  # coming: 0


def _wtcheck_path():
    from conftest import WTCHECK

    return WTCHECK


def test_a_departure_is_justified_in_the_same_words_everywhere(wtcheck, tmp_path):
    (tmp_path / "arrangements.yaml").write_text(
        (SAMPLES / "2023-complete.yaml").read_text().replace("  rapid_review_working_days: 15\n", ""))
    (tmp_path / "wtcheck-departures.yaml").write_text(
        "departures:\n  WT23-REV-002:\n    reason: Regional protocol applies.\n    agreed_by: The executive\n"
        "    agreed_on: 2024-01-01\n    review_by: 2099-01-01\n    expires: 2099-12-31\n")
    report = json.loads(wtcheck("validate", "--format", "json", cwd=tmp_path).out)
    finding = next(f for f in report["files"][0]["findings"] if f["outcome"] == "departure")
    words = ("Regional protocol applies. (agreed by The executive on 2024-01-01; review by 2099-01-01; "
             "expires 2099-12-31)")
    assert finding["departure"]["justification"] == words
    assert finding["message"].endswith(f" [departure recorded: {words}]")
    _, log = sarif(wtcheck, cwd=tmp_path)
    assert log["runs"][0]["results"][0]["suppressions"][0]["justification"] == words
