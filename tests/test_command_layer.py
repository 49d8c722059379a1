"""What every command shares, as a user meets it: settings from the configuration, output
formats chosen one way, outputs never written over an input, one rule for what goes to
stdout and what to stderr, and help and usage errors that read plainly at 80 columns."""

from __future__ import annotations

import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

from conftest import ROOT, SAMPLES, WTCHECK

DEPARTURE = ("departures:\n  WT23-REV-002:\n    reason: Regional protocol.\n    agreed_by: The executive\n"
             "    agreed_on: 2024-01-01\n    review_by: 2099-01-01\n    expires: 2099-12-31\n")


@pytest.fixture
def configured(tmp_path):
    """A project whose wtcheck.toml sets every setting a checking command reads, to values
    none of the built-in defaults has."""
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "larkmere.yaml").write_text((SAMPLES / "2023-gaps.yaml").read_text())
    (tmp_path / "wtcheck.toml").write_text('edition = "2018"\nfail_on = "none"\ninclude_unconfirmed = true\n'
                                           'paths = ["p/larkmere.yaml"]\n')
    return tmp_path


# ------------------------------------------------------------ 1: every command reads the settings

def test_report_reads_the_configuration(wtcheck, configured):
    run = wtcheck("report", "--format", "json", cwd=configured)
    assert run.code == 0, run.err  # fail_on = "none", although the file has MUST gaps
    (entry,) = json.loads(run.out)["files"]
    assert entry["file"] == "p/larkmere.yaml"  # paths
    assert entry["edition"]["name"] == "2018"  # edition, over the document's own 'edition: 2023'
    outcomes = {finding["rule_id"]: finding["outcome"] for finding in entry["findings"]}
    assert outcomes["WT18-REP-006"] == "gap"  # include_unconfirmed: not "advisory"
    # The command line still wins.
    assert wtcheck("report", "--format", "json", "--fail-on", "must", cwd=configured).code == 1


def test_survey_reads_the_configuration(wtcheck, configured):
    run = wtcheck("survey", "--format", "json", cwd=configured)  # no folder named: the configured paths
    assert run.code == 0, run.err
    model = json.loads(run.out)
    (matrix,) = model["matrices"]
    assert matrix["edition"]["name"] == "2018"
    (row,) = matrix["partnerships"]
    assert row["outcomes"]["WT18-REP-006"] == "gap"
    advisory = wtcheck("survey", "--format", "json", "--no-include-unconfirmed", "p", cwd=configured)
    assert json.loads(advisory.out)["matrices"][0]["partnerships"][0]["outcomes"]["WT18-REP-006"] == "advisory"


def test_diff_with_a_file_reads_the_configuration(wtcheck, configured):
    (configured / "p" / "fernmouth.yaml").write_text((SAMPLES / "2018-complete.yaml").read_text())
    run = wtcheck("diff", "2018", "2023", "p/fernmouth.yaml", "--format", "json", cwd=configured)
    assert run.code == 0, run.err  # fail_on = "none", although WT23-PART-001 (MUST) is new
    new = {entry["id"]: entry["outcome"] for entry in json.loads(run.out)["new_gaps"]}
    assert new["WT23-PART-001"] == "partial" and new["WT23-REP-006"] in ("gap", "partial")  # not advisory


@pytest.mark.parametrize("command", [("validate",), ("report",), ("survey",), ("baseline",),
                                     ("diff", "2018", "2023", "p/larkmere.yaml"), ("departures", "check")])
def test_show_settings_on_every_command_that_reads_them(wtcheck, configured, command):
    run = wtcheck(*command, "--show-settings", cwd=configured)
    assert run.code == 0, run.err
    assert run.out.splitlines()[0] == f"# configuration file: {configured / 'wtcheck.toml'}"
    if command[0] != "departures":
        assert 'include_unconfirmed = true  # wtcheck.toml' in run.out.splitlines()
    assert not (configured / "wtcheck-baseline.json").exists()


def test_survey_options_a_user_expects(wtcheck, tmp_path):
    (tmp_path / "a.yaml").write_text((SAMPLES / "2023-complete.yaml").read_text()
                                     .replace("  rapid_review_working_days: 15\n", ""))
    (tmp_path / "d.yaml").write_text(DEPARTURE)
    run = wtcheck("survey", "a.yaml", "--departures", "d.yaml", "--format", "json", cwd=tmp_path)
    assert run.code == 0, run.err
    assert json.loads(run.out)["matrices"][0]["partnerships"][0]["outcomes"]["WT23-REV-002"] == "departure"


# ------------------------------------------------------------ 2: never over any input

@pytest.mark.parametrize("command", [("report", "--format", "html"), ("baseline",), ("validate", "--format", "json"),
                                     ("survey", "arrangements.yaml", "--format", "csv")])
@pytest.mark.parametrize("target", ["wtcheck-departures.yaml", "wtcheck.toml"])
def test_no_output_over_the_departures_or_configuration_file(wtcheck, tmp_path, command, target):
    (tmp_path / "arrangements.yaml").write_text((SAMPLES / "2023-complete.yaml").read_text())
    (tmp_path / "wtcheck-departures.yaml").write_text(DEPARTURE)
    (tmp_path / "wtcheck.toml").write_text('fail_on = "must"\n')
    before = (tmp_path / target).read_text()
    run = wtcheck(*command, "-o", target, cwd=tmp_path)
    assert run.code == 2 and "refusing to write the output over an input file" in run.err, run.out + run.err
    assert (tmp_path / target).read_text() == before


def test_no_baseline_written_over_the_baseline_validate_reads(wtcheck, tmp_path):
    (tmp_path / "arrangements.yaml").write_text((SAMPLES / "2023-gaps.yaml").read_text())
    assert wtcheck("baseline", cwd=tmp_path).code == 0
    before = (tmp_path / "wtcheck-baseline.json").read_text()
    run = wtcheck("validate", "--baseline", "wtcheck-baseline.json", "-o", "wtcheck-baseline.json", "--format",
                  "json", cwd=tmp_path)
    assert run.code == 2 and "over an input file" in run.err
    assert (tmp_path / "wtcheck-baseline.json").read_text() == before


# ------------------------------------------------------------ 3: one registry of formats

@pytest.mark.parametrize("name, check", [
    ("out.json", lambda text: json.loads(text)["schema_version"]),
    ("out.sarif", lambda text: json.loads(text)["version"] == "2.1.0"),
    ("out.xml", lambda text: ET.fromstring(text).tag == "testsuites"),
    ("out.txt", lambda text: text.startswith("MUST gaps (4)\nsamples/2023-gaps.yaml:")),
])
def test_validate_infers_the_format_from_the_output_name(wtcheck, tmp_path, name, check):
    run = wtcheck("validate", "samples/2023-gaps.yaml", "-o", str(tmp_path / name))
    assert run.code == 1, run.err
    assert check((tmp_path / name).read_text())
    assert run.out.splitlines()[-1].startswith("samples/2023-gaps.yaml: 4 MUST gap(s)")  # the terminal gets text


@pytest.mark.parametrize("command, output", [
    (("validate", "--format", "json", "samples/2023-gaps.yaml"), "out.sarif"),
    (("validate", "--format", "sarif", "samples/2023-gaps.yaml"), "out.json"),
    (("report", "--format", "md", "samples/2023-gaps.yaml"), "out.html"),
    (("survey", "--format", "csv", "samples/2023-gaps.yaml"), "out.json"),
])
def test_format_and_extension_that_disagree_are_refused(wtcheck, tmp_path, command, output):
    run = wtcheck(*command, "-o", str(tmp_path / output))
    assert run.code == 2 and run.out == ""
    assert len(run.err.splitlines()) == 1 and "--format" in run.err and output in run.err, run.err
    assert not (tmp_path / output).exists()


def test_validate_with_an_output_name_that_says_no_format(wtcheck, tmp_path):
    run = wtcheck("validate", "samples/2023-gaps.yaml", "-o", str(tmp_path / "out.html"))
    assert run.code == 2 and "cannot tell the output format" in run.err and ".sarif" in run.err
    assert not (tmp_path / "out.html").exists()


def test_the_configured_format_is_used_when_the_extension_says_nothing(wtcheck, tmp_path):
    (tmp_path / "arrangements.yaml").write_text((SAMPLES / "2023-gaps.yaml").read_text())
    (tmp_path / "wtcheck.toml").write_text('format = "json"\n')
    assert wtcheck("validate", "-o", "findings.out", cwd=tmp_path).code == 1
    assert json.loads((tmp_path / "findings.out").read_text())["schema_version"]


# ------------------------------------------------------------ 4: rules, explain, diff print text or JSON

@pytest.mark.parametrize("command", [("rules",), ("explain", "WT23-SCR-004"), ("diff", "2018", "2023")])
@pytest.mark.parametrize("fmt", ["sarif", "junit", "github", "html"])
def test_text_or_json_commands_refuse_other_formats(wtcheck, command, fmt):
    run = wtcheck(*command, "--format", fmt)
    assert run.code == 2 and run.out == "" and "text" in run.err and "json" in run.err


# ------------------------------------------------------------ 5: stdout for results, stderr for wtcheck's messages

def test_baseline_messages_all_go_to_stderr(wtcheck, tmp_path):
    (tmp_path / "bad.yaml").write_text("a: 1\na: 2\n")
    refused = wtcheck("baseline", "bad.yaml", cwd=tmp_path)
    assert refused.code == 2 and refused.out == ""
    assert refused.err.splitlines()[0].startswith("bad.yaml:2:1: error: duplicate key")
    (tmp_path / "good.yaml").write_text((SAMPLES / "2023-gaps.yaml").read_text())
    written = wtcheck("baseline", "good.yaml", cwd=tmp_path)
    assert written.code == 0 and written.out == ""
    assert re.fullmatch(r"wtcheck: wrote \d+ known gap\(s\) in 1 file\(s\) to wtcheck-baseline.json\n", written.err)


def test_validate_says_what_it_wrote_on_stderr(wtcheck, tmp_path):
    run = wtcheck("validate", "samples/2023-gaps.yaml", "-o", str(tmp_path / "out.json"))
    assert run.err == f"wtcheck: wrote the report to {tmp_path / 'out.json'}\n"


def test_report_problem_lines_and_stopping_errors_go_to_stderr(wtcheck, tmp_path):
    (tmp_path / "bad.yaml").write_text("partnership:\n  nmae: X\n")
    run = wtcheck("report", "bad.yaml", cwd=tmp_path)
    assert run.code == 2 and run.out == "" and run.err.startswith("bad.yaml:2:3: error: unknown key")


# ------------------------------------------------------------ 11: no file to check

def test_validate_in_a_folder_without_arrangements_says_what_to_do(wtcheck, tmp_path):
    for command in ("validate", "report", "baseline"):
        run = wtcheck(command, cwd=tmp_path)
        assert run.code == 2 and run.out == ""
        (line,) = run.err.splitlines()
        assert "arrangements.yaml" in line and "paths" in line and "wtcheck.toml" in line, line
        assert f"wtcheck {command} FILE" in line


# ------------------------------------------------------------ 12: help and usage errors at 80 columns

COMMANDS = [("validate",), ("report",), ("survey",), ("baseline",), ("departures", "check"), ("hook", "install"),
            ("schema",), ("rules",), ("explain",), ("diff",), ()]


def _help(*command: str) -> str:
    done = subprocess.run([str(WTCHECK), *command, "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "COLUMNS": "80", "TERM": "xterm-256color"})
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: " ".join(command) or "wtcheck")
def test_help_is_plain_and_fits_80_columns(command):
    text = _help(*command)
    assert all(len(line) <= 80 for line in text.splitlines()), text
    assert "…" not in text and "<bool>" not in text and "╭" not in text and "\x1b" not in text, text
    assert "[default: (" not in text  # defaults are written one way, in the help text
    from typer.main import get_command

    from wtcheck.cli import app

    group = get_command(app)
    target = group
    for name in command:
        target = target.commands[name]
    for parameter in target.params:
        for name in parameter.opts + parameter.secondary_opts:
            if name.startswith("--"):
                assert re.search(rf"(^|[\s,/]){re.escape(name)}($|[\s,=/])", text, re.MULTILINE), (name, text)


@pytest.mark.parametrize("args", [("validate", "--fail-on", "sometimes"), ("validate", "--edition", "2019"),
                                  ("diff", "2010", "2099"), ("schema", "nothing"), ("validate", "--no-such-option"),
                                  ("explain",)])
def test_a_bad_option_value_is_one_or_two_plain_lines(wtcheck, args):
    run = wtcheck(*args)
    assert run.code == 2 and run.out == ""
    lines = run.err.splitlines()
    assert 1 <= len(lines) <= 2 and lines[0].startswith("wtcheck: "), run.err
    assert "╭" not in run.err and "Value error" not in run.err and "Usage:" not in run.err


# ------------------------------------------------------------ 13: survey --strict

def test_survey_strict(wtcheck, tmp_path):
    (tmp_path / "good.yaml").write_text((SAMPLES / "2023-complete.yaml").read_text())
    (tmp_path / "bad.yaml").write_text("a: 1\na: 2\n")
    assert wtcheck("survey", ".", "--format", "json", cwd=tmp_path).code == 0
    assert wtcheck("survey", ".", "--format", "json", "--strict", cwd=tmp_path).code == 2
    (tmp_path / "bad.yaml").unlink()
    assert wtcheck("survey", ".", "--format", "json", "--strict", cwd=tmp_path).code == 0
