"""``wtcheck validate``'s listing as a person reads it: grouped MUST, SHOULD, then advisory, each
group headed, the advisory explanation once, colour on a terminal only, items named in words."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess

import pytest
from typer.testing import CliRunner

from wtcheck.cli import app
from wtcheck.core.editions import edition_names
from wtcheck.core.items import item, words
from wtcheck.core.ruleset import load_ruleset
from wtcheck.core.schema import schema
from wtcheck.core.vocabulary import ADVISORY_EXPLANATION, ADVISORY_NOTE, LEVEL_NAMES, LISTED, LISTING_GROUPS

from conftest import SAMPLES, WTCHECK

GAP_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<id>WT\d\d-[A-Z]+-\d{3}) (?P<level>must|should) ")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def validate(*args: str, stdin: str | None = None):
    return CliRunner().invoke(app, ["validate", *args], input=stdin)


def test_the_first_gap_line_is_a_must_and_groups_come_in_order():
    run = validate(str(SAMPLES / "2023-gaps.yaml"))
    assert run.exit_code == 1
    lines = run.stdout.splitlines()
    gaps = [line for line in lines if GAP_LINE.match(line)]
    assert GAP_LINE.match(gaps[0])["level"] == "must"
    headings = [line.split(" (")[0] for line in lines if re.match(r"^[A-Z][A-Za-z ]+ \(\d+\)", line)]
    assert headings == ["MUST gaps", "SHOULD gaps", "Advisory"]
    assert lines[0] == "MUST gaps (4)"
    levels = [GAP_LINE.match(line)["level"] for line in gaps[:22]]
    assert levels == ["must"] * 4 + ["should"] * 18
    for heading, count in (("MUST gaps", 4), ("SHOULD gaps", 18), ("Advisory", 15)):
        start = next(index for index, line in enumerate(lines) if line.startswith(heading + " ("))
        assert lines[start].startswith(f"{heading} ({count})")
        block = lines[start + 1:start + 1 + count]
        assert all(GAP_LINE.match(line) for line in block) and lines[start + 1 + count] == ""
        places = [(int(GAP_LINE.match(line)["line"]), int(GAP_LINE.match(line)["col"])) for line in block]
        assert places == sorted(places), "file order within a group"
    assert lines[-1].startswith(f"{SAMPLES / '2023-gaps.yaml'}: 4 MUST gap(s), 18 SHOULD gap(s), 15 advisory")


def test_the_advisory_explanation_appears_once():
    out = validate(str(SAMPLES / "2023-gaps.yaml")).stdout
    assert out.count(ADVISORY_EXPLANATION) == 1
    assert ADVISORY_NOTE not in out
    assert out.count("could not confirm") == 1


def test_the_groups_hold_every_listed_outcome_at_every_level_once():
    held = [(outcome, level) for group in LISTING_GROUPS for outcome in group.outcomes for level in group.levels]
    assert sorted(held) == sorted((outcome, level) for outcome in LISTED for level in LEVEL_NAMES)


def test_every_gap_of_the_file_is_listed_once():
    run = validate(str(SAMPLES / "2023-gaps.yaml"), "--format", "json")
    import json

    listed = [f for f in json.loads(run.stdout)["files"][0]["findings"] if f["outcome"] in LISTED]
    text = validate(str(SAMPLES / "2023-gaps.yaml")).stdout
    ids = [GAP_LINE.match(line)["id"] for line in text.splitlines() if GAP_LINE.match(line)]
    assert sorted(ids) == sorted(finding["rule_id"] for finding in listed)


def _in_a_terminal(*args: str, env: dict[str, str] | None = None) -> str:
    """What wtcheck writes to a pseudo-terminal."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen([str(WTCHECK), *args], stdout=terminal, stderr=terminal, stdin=subprocess.DEVNULL,
                               env={**os.environ, "COLUMNS": "200", **(env or {})}, close_fds=True)
    os.close(terminal)
    chunks = []
    try:
        while True:
            ready, _, _ = select.select([controller], [], [], 60)
            if not ready:
                break
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal closed when the process ended
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(controller)
        process.wait(timeout=60)
    return b"".join(chunks).decode("utf-8", "replace")


def test_colour_on_a_terminal_and_none_with_no_color():
    environment = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    coloured = _in_a_terminal("validate", str(SAMPLES / "2023-gaps.yaml"), env={**environment})
    assert "\x1b[1;31mMUST gaps (4)\x1b[0m" in coloured
    assert "\x1b[33mshould\x1b[0m" in coloured
    plain = _in_a_terminal("validate", str(SAMPLES / "2023-gaps.yaml"), env={"NO_COLOR": "1"})
    assert "MUST gaps (4)" in plain and not ANSI.search(plain)
    assert ANSI.sub("", coloured).replace("\r\n", "\n") == plain.replace("\r\n", "\n")
    piped = validate(str(SAMPLES / "2023-gaps.yaml")).stdout
    assert not ANSI.search(piped)


def test_quiet_lists_only_what_fails_the_run():
    quiet = validate("-q", str(SAMPLES / "2023-gaps.yaml"))
    assert quiet.exit_code == 1
    lines = [line for line in quiet.stdout.splitlines() if line]
    assert lines[0] == "MUST gaps (4)" and len(lines) == 6
    assert all(GAP_LINE.match(line)["level"] == "must" for line in lines[1:5])
    at_should = validate("-q", "--fail-on", "should", str(SAMPLES / "2023-gaps.yaml")).stdout
    assert "SHOULD gaps (18)" in at_should and "Advisory" not in at_should
    clean = validate("--quiet", str(SAMPLES / "2023-complete.yaml"))
    assert clean.exit_code == 0 and clean.stdout == ""


# ---------------------------------------------------------------- items in words

def _reported_paths():
    """Every (path, within) a check of any ruleset reports in its details."""
    found = set()

    def walk(spec):
        for key in ("path", "after", "start", "end", "to"):
            if key in spec:
                found.add((spec[key], ""))
        for key in ("paths", "from"):
            values = spec.get(key, [])
            found.update((path, "") for path in (values if isinstance(values, list) else [values]))
        if spec["fn"] == "each_has" and "field" in spec:
            found.add((spec["field"], spec["path"]))
        for field in spec.get("fields", []):
            found.add((field, spec["path"]))
        for sub in spec.get("checks", []):
            walk(sub)

    for name in edition_names():
        for rule in load_ruleset(f"wt{name}").rules:
            walk(rule.check)
    return sorted(found)


@pytest.mark.parametrize("path, within", _reported_paths())
def test_every_path_a_check_reports_has_words_from_the_schema(path, within):
    said = words(path, within)
    assert said, f"give {within + '.' if within else ''}{path} a title in schemas/arrangements.schema.json"
    assert "_" not in said.split(", for ")[0], "words, not the key"


def test_the_words_are_the_schemas_titles():
    titles = schema("arrangements")["properties"]
    assert words("thresholds.url") == titles["thresholds"]["properties"]["url"]["title"]
    assert item("thresholds.url") == f"{titles['thresholds']['properties']['url']['title']} (thresholds.url)"
    assert words("independent_scrutiny.scrutineer.name") == "the name of the independent scrutineer"
    assert words("annual_report.period.start") == "the first day of the period the yearly report covers"
    assert words("annual_report.sent_to[recipient=foundations].sent") == "the date the report was sent, for foundations"
    assert words("lead.name", "safeguarding_partners") == "the name of the lead safeguarding partner"
    assert words("no.such.item") is None and item("no.such.item") == "no.such.item"


def test_a_gap_names_the_item_in_words_then_its_path():
    out = validate(str(SAMPLES / "2023-gaps.yaml")).stdout
    assert ("missing the date the report was sent, for child safeguarding practice review panel "
            "(annual_report.sent_to[recipient=child_safeguarding_practice_review_panel].sent)") in out
    assert "missing the web address of the threshold document (thresholds.url)" in out
    assert "(no thresholds.url)" not in out


# ---------------------------------------------------------------- conventions

def test_short_help_and_version():
    assert CliRunner().invoke(app, ["-h"]).exit_code == 0
    assert "Usage: wtcheck validate" in CliRunner().invoke(app, ["validate", "-h"]).stdout
    version = CliRunner().invoke(app, ["-V"])
    assert version.exit_code == 0 and version.stdout.startswith("wtcheck ")


def test_standard_input_is_read_for_a_dash(wtcheck):
    text = (SAMPLES / "2023-gaps.yaml").read_text()
    run = validate("-", stdin=text)
    assert run.exit_code == 1 and "<stdin>:49:3: WT23-REP-004 must" in run.stdout
    twice = wtcheck("validate", "-", "-", stdin=text)
    assert twice.code == 2 and twice.err == "wtcheck: standard input ('-') can be read only once\n"
    piped = wtcheck("report", "-", "--format", "json", stdin=text)
    assert piped.code == 1 and '"file": "<stdin>"' in piped.out
    broken = validate("-", stdin="partnership: [unclosed\n")
    assert broken.exit_code == 2 and broken.stdout.startswith("<stdin>:2:1: error: YAML syntax error")


def test_a_folder_is_checked_file_by_file_with_the_surveys_filters(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.yaml").write_text((SAMPLES / "2023-complete.yaml").read_text())
    (tmp_path / "a" / "two.yml").write_text((SAMPLES / "2023-gaps.yaml").read_text())
    (tmp_path / "a" / ".hidden.yaml").write_text("not: checked\n")
    (tmp_path / "a" / "wtcheck-departures.yaml").write_text("departures: {}\n")
    (tmp_path / "a" / "notes.txt").write_text("not YAML\n")
    run = validate(str(tmp_path / "a"))
    assert run.exit_code == 1
    summaries = [line for line in run.stdout.splitlines() if " gap(s)" in line and not GAP_LINE.match(line)]
    assert [line.split(":")[0] for line in summaries] == [str(tmp_path / "a" / "one.yaml"), str(tmp_path / "a" / "two.yml")]
    (tmp_path / "empty").mkdir()
    empty = validate(str(tmp_path / "empty"))
    assert empty.exit_code == 2 and "is a folder, not a YAML file" in empty.stdout


def test_arrangements_only_checks_what_staged_would_and_says_what_it_passed_over(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kestrelford-arrangements.yaml").write_text((SAMPLES / "2023-complete.yaml").read_text())
    (tmp_path / "notes.yaml").write_text("not: an arrangements file\n")
    run = validate("--arrangements-only", "kestrelford-arrangements.yaml", "notes.yaml")
    assert run.exit_code == 0 and "notes.yaml" not in run.stdout
    (said,) = run.stderr.splitlines()
    assert said.startswith("wtcheck: notes.yaml passed over, as wtcheck checks") and "paths" in said
    none = validate("--arrangements-only", "notes.yaml")
    assert none.exit_code == 0 and none.stdout == "" and "no arrangements files were staged" in none.stderr
    (tmp_path / "wtcheck.toml").write_text('paths = ["notes.yaml"]\n')
    configured = validate("--arrangements-only", "kestrelford-arrangements.yaml", "notes.yaml")
    assert configured.exit_code == 2 and "notes.yaml:1:1: error: unknown key 'not'" in configured.stdout
    assert "kestrelford-arrangements.yaml passed over" in configured.stderr


def test_completion_scripts_are_offered():
    run = CliRunner().invoke(app, ["--show-completion", "bash"], env={"SHELL": "/bin/bash"})
    assert run.exit_code == 0 and "_WTCHECK_COMPLETE" in run.stdout
