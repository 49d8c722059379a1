"""The command line as a user runs it: exit codes, located messages, text and JSON output."""

from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft202012Validator

from wtcheck import __version__

from conftest import ROOT, SAMPLES

LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<id>WT\d\d-[A-Z]+-\d{3}) (?P<level>must|should) .+$")
REPORT_SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text())
EDITIONS_WITH_SAMPLES = sorted({path.name.split("-")[0] for path in SAMPLES.glob("*-complete.yaml")})


def test_version_and_help(wtcheck):
    assert wtcheck("--version").out.strip() == f"wtcheck {__version__}"
    shown = wtcheck("--help")
    assert shown.code == 0 and "validate" in shown.out


@pytest.mark.parametrize("edition", EDITIONS_WITH_SAMPLES)
def test_complete_sample_passes_even_at_should(wtcheck, edition):
    run = wtcheck("validate", "--edition", edition, "--fail-on", "should", f"samples/{edition}-complete.yaml")
    assert run.code == 0, run.out + run.err
    assert "0 MUST gap(s), 0 SHOULD gap(s)" in run.out


@pytest.mark.parametrize("edition", EDITIONS_WITH_SAMPLES)
def test_gaps_sample_fails_with_located_lines(wtcheck, edition):
    run = wtcheck("validate", "--edition", edition, f"samples/{edition}-gaps.yaml")
    assert run.code == 1, run.out + run.err
    gap_lines = [line for line in run.out.splitlines() if LINE.match(line)]
    assert gap_lines and all(line.startswith(f"samples/{edition}-gaps.yaml:") for line in gap_lines)
    assert any(LINE.match(line)["level"] == "must" for line in gap_lines)


def test_fail_on_levels(wtcheck, tmp_path):
    only_should = (SAMPLES / "2023-complete.yaml").read_text().replace("  rapid_review_working_days: 15\n", "")
    path = tmp_path / "should-gap.yaml"
    path.write_text(only_should)
    assert wtcheck("validate", str(path)).code == 0
    assert wtcheck("validate", "--fail-on", "should", str(path)).code == 1
    assert wtcheck("validate", "--fail-on", "none", "samples/2023-gaps.yaml").code == 0


def test_default_path_is_arrangements_yaml(wtcheck, tmp_path):
    (tmp_path / "arrangements.yaml").write_text((SAMPLES / "2023-complete.yaml").read_text())
    run = wtcheck("validate", cwd=tmp_path)
    assert run.code == 0 and "arrangements.yaml: 0 MUST" in run.out
    (tmp_path / "empty").mkdir()
    missing = wtcheck("validate", cwd=tmp_path / "empty")
    assert missing.code == 2 and missing.out == ""
    assert missing.err.startswith("wtcheck: no arrangements.yaml here to check: name the files")


@pytest.mark.parametrize("text, expected", [
    ("partnership:\n  nmae: X\n", "bad.yaml:2:3: error: unknown key 'nmae' under partnership; did you mean 'name'?"),
    ("a: 1\na: 2\n", "bad.yaml:2:1: error: duplicate key 'a' (first at line 1, again at line 2)"),
    ("partnership: [unclosed\n", "bad.yaml:2:1: error: YAML syntax error"),
    ("annual_report:\n  published: 2023-02-30\n", "bad.yaml:2:14: error: '2023-02-30' is not a real date"),
])
def test_bad_input_gives_one_located_line_and_exit_2(wtcheck, tmp_path, text, expected):
    (tmp_path / "bad.yaml").write_text(text)
    run = wtcheck("validate", "bad.yaml", cwd=tmp_path)
    assert run.code == 2
    errors = [line for line in run.out.splitlines() if ": error: " in line]
    assert len(errors) == 1 and errors[0].startswith(expected), run.out
    assert "Traceback" not in run.out + run.err


def test_all_schema_errors_are_listed(wtcheck, tmp_path):
    (tmp_path / "bad.yaml").write_text("partnership:\n  nmae: X\n  kind: board\narrangements:\n  url: example\n")
    run = wtcheck("validate", "bad.yaml", cwd=tmp_path)
    assert run.code == 2
    assert [line.split(": error:")[0] for line in run.out.splitlines() if ": error:" in line] == [
        "bad.yaml:2:3", "bad.yaml:3:9", "bad.yaml:5:8"]


def test_no_edition_and_no_date_asks_for_one(wtcheck, tmp_path):
    (tmp_path / "a.yaml").write_text("partnership:\n  name: X\n")
    run = wtcheck("validate", "a.yaml", cwd=tmp_path)
    assert run.code == 2 and "pass --edition" in run.out


def test_bad_option_is_exit_2(wtcheck):
    assert wtcheck("validate", "--edition", "2011", "samples/2023-complete.yaml").code == 2
    assert wtcheck("validate", "--fail-on", "sometimes").code == 2
    assert wtcheck("validate", "--format", "xml").code == 2


def test_json_output_matches_its_schema(wtcheck):
    run = wtcheck("validate", "--format", "json", "samples/2023-gaps.yaml", "samples/2023-complete.yaml")
    assert run.code == 1
    report = json.loads(run.out)
    Draft202012Validator(REPORT_SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(report)
    gaps, complete = report["files"]
    assert gaps["fails"] and not complete["fails"]
    assert gaps["edition"]["name"] == "2023" and "edition:" in gaps["edition"]["reason"]
    assert len(gaps["findings"]) == gaps["ruleset"]["rules"]
    finding = next(f for f in gaps["findings"] if f["rule_id"] == "WT23-REP-004")
    assert finding["outcome"] == "gap" and finding["level"] == "must"
    assert finding["location"]["line"] > 1 and finding["citation"]["edition"] == "2023"


def test_json_output_for_a_file_that_cannot_be_checked(wtcheck, tmp_path):
    (tmp_path / "bad.yaml").write_text("a: 1\na: 2\n")
    run = wtcheck("validate", "--format", "json", "bad.yaml", cwd=tmp_path)
    assert run.code == 2
    report = json.loads(run.out)
    Draft202012Validator(REPORT_SCHEMA).validate(report)
    assert report["files"][0]["status"] == "not_checked"
    assert report["files"][0]["errors"][0]["line"] == 2


def test_schema_command_prints_the_bundled_schema(wtcheck, tmp_path):
    run = wtcheck("schema", cwd=tmp_path)
    assert run.code == 0 and json.loads(run.out)["title"] == "wtcheck arrangements description"
    assert json.loads(wtcheck("schema", "report", cwd=tmp_path).out)["title"] == "wtcheck report"


def test_samples_carry_the_schema_modeline():
    for sample in SAMPLES.glob("*.yaml"):
        assert sample.read_text().startswith("# yaml-language-server: $schema=../schemas/arrangements.schema.json")
