"""``wtcheck survey``: many partnerships at once, as a matrix of partnerships by requirements."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import shutil
import subprocess

import pytest
from jsonschema import Draft202012Validator

from wtcheck.core import runner
from wtcheck.core.ruleset import load_ruleset
from wtcheck.formats import markdown

from conftest import ROOT, SAMPLES, WTCHECK, survey_of

SAMPLE_COUNT = len(list(SAMPLES.glob("*.yaml")))
SAMPLE_EDITIONS = sorted({path.name[:4] for path in SAMPLES.glob("*.yaml")})
SURVEY_SCHEMA = json.loads((ROOT / "schemas" / "survey.schema.json").read_text())


def validate_survey(model: dict) -> None:
    Draft202012Validator(SURVEY_SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(model)


def survey_json(wtcheck, *args: str, cwd=None) -> tuple[int, dict]:
    run = wtcheck("survey", "--format", "json", *args, cwd=cwd)
    model = json.loads(run.out)
    validate_survey(model)
    return run.code, model


@pytest.fixture
def mixed(tmp_path):
    """A folder of partnerships: complete and gapped, broken in several ways, in a subfolder, hidden."""
    folder = tmp_path / "partnerships"
    (folder / "north").mkdir(parents=True)
    (folder / ".git").mkdir()
    shutil.copy(SAMPLES / "2023-complete.yaml", folder / "kestrelford.yaml")
    shutil.copy(SAMPLES / "2023-gaps.yaml", folder / "north" / "larkmere.yml")
    (folder / "syntax.yaml").write_text("partnership: [unclosed\n")
    (folder / "typo.yaml").write_text("partnership:\n  nmae: X\n")
    (folder / "undated.yaml").write_text("partnership:\n  name: Undated Example Partnership\n")
    (folder / "notes.txt").write_text("not a description\n")
    (folder / ".git" / "config.yaml").write_text("partnership: [ignored\n")
    return folder


def test_survey_of_the_samples(wtcheck):
    run = wtcheck("survey", "samples/")
    assert run.code == 0, run.err
    for sample in sorted(SAMPLES.glob("*.yaml")):
        assert f"samples/{sample.name}" in run.out
    for edition in SAMPLE_EDITIONS:
        assert f"Working Together to Safeguard Children {edition}: 2 partnership(s)" in run.out
    assert "each edition has its own matrix" in " ".join(run.out.split())
    code, model = survey_json(wtcheck, "samples/")
    assert code == 0 and model["counts"] == {"files": SAMPLE_COUNT, "checked": SAMPLE_COUNT, "not_checked": 0}
    assert [matrix["edition"]["name"] for matrix in model["matrices"]] == SAMPLE_EDITIONS
    for matrix in model["matrices"]:
        rules = load_ruleset(matrix["ruleset"]["name"]).rules
        assert sorted(r["rule_id"] for r in matrix["requirements"]) == sorted(rule.id for rule in rules)
        assert all(set(p["outcomes"]) == {rule.id for rule in rules} for p in matrix["partnerships"])


def test_requirements_come_most_missed_first_real_gaps_before_advisory(wtcheck):
    _, model = survey_json(wtcheck, "samples/")
    for matrix in model["matrices"]:
        requirements = matrix["requirements"]
        shares = [r["missed"] / r["applicable"] if r["applicable"] else 0 for r in requirements]
        assert shares == sorted(shares, reverse=True)
        for requirement in requirements:
            counts = requirement["counts"]
            assert requirement["met"] == counts["met"] and requirement["missed"] == counts["gap"] + counts["partial"]
            assert requirement["applicable"] == len(matrix["partnerships"]) - counts["not_applicable"]
            assert requirement["assessed"] == requirement["applicable"] - counts["judge"] - counts["coming"]
            if requirement["assessed"]:
                assert requirement["share_met"] == round(counts["met"] / requirement["assessed"], 4)
        advisory_only = [index for index, r in enumerate(requirements) if not r["missed"] and r["counts"]["advisory"]]
        with_gaps = [index for index, r in enumerate(requirements) if r["missed"]]
        assert advisory_only and with_gaps and max(with_gaps) < min(advisory_only), "real gaps rank first"


def test_a_requirement_that_needs_judging_is_not_counted_as_unmet(wtcheck, tmp_path):
    """The complete 2023 sample describes its scrutiny methods: a person must judge them, so the
    share meeting WT23-SCR-003 leaves it out rather than counting it as 0% meeting."""
    _, model = survey_json(wtcheck, "samples/2023-complete.yaml")
    (requirement,) = [r for r in model["matrices"][0]["requirements"] if r["rule_id"] == "WT23-SCR-003"]
    assert requirement["counts"]["judge"] == 1 and requirement["assessed"] == 0 and requirement["share_met"] is None
    assert requirement["missed"] == 0
    text = " ".join(wtcheck("survey", "samples/2023-complete.yaml").out.split())
    assert "WT23-SCR-003" in text and "1 to judge" in text and "0% (0 of 1)" not in text
    _, both = survey_json(wtcheck, "samples/2023-complete.yaml", "samples/2023-gaps.yaml")
    (requirement,) = [r for r in both["matrices"][0]["requirements"] if r["rule_id"] == "WT23-SCR-003"]
    assert requirement["share_met"] == 0 and requirement["assessed"] == 1 and requirement["missed"] == 1
    assert "0% (0 of 1); 1 to judge" in markdown.render_survey(both)


def test_a_mixed_folder_reports_each_file_correctly(wtcheck, mixed):
    code, model = survey_json(wtcheck, str(mixed))
    assert code == 0
    assert model["counts"] == {"files": 5, "checked": 2, "not_checked": 3}
    (matrix,) = model["matrices"]
    by_file = {p["file"].rsplit("/", 1)[-1]: p for p in matrix["partnerships"]}
    assert set(by_file) == {"kestrelford.yaml", "larkmere.yml"}
    for name, sample in (("kestrelford.yaml", "2023-complete.yaml"), ("larkmere.yml", "2023-gaps.yaml")):
        report = json.loads(wtcheck("report", f"samples/{sample}", "--format", "json").out)["files"][0]
        assert by_file[name]["outcomes"] == {f["rule_id"]: f["outcome"] for f in report["findings"]}
        assert by_file[name]["summary"] == report["summary"]
    reasons = {entry["file"].rsplit("/", 1)[-1]: entry["errors"] for entry in model["not_checked"]}
    assert set(reasons) == {"syntax.yaml", "typo.yaml", "undated.yaml"}
    assert "YAML syntax error" in reasons["syntax.yaml"][0]["message"] and reasons["syntax.yaml"][0]["line"] == 2
    assert reasons["typo.yaml"][0]["message"].startswith("unknown key 'nmae'") and reasons["typo.yaml"][0]["line"] == 2
    assert "pass --edition" in reasons["undated.yaml"][0]["message"]


def test_a_mixed_folder_in_the_terminal_lists_the_files_not_checked(wtcheck, mixed):
    run = wtcheck("survey", str(mixed))
    assert run.code == 0 and "Traceback" not in run.out + run.err
    text = " ".join(run.out.split())
    assert "5 file(s), 2 checked, 3 not checked" in text and "Files not checked" in text
    assert "line 2:3: unknown key 'nmae' under partnership" in text


def test_edition_option_puts_every_file_in_one_matrix(wtcheck):
    _, model = survey_json(wtcheck, "--edition", "2023", "samples/")
    (matrix,) = model["matrices"]
    assert matrix["edition"]["name"] == "2023" and len(matrix["partnerships"]) == SAMPLE_COUNT
    assert model["edition_requested"] == "2023" and "--edition" in model["editions_note"]


def test_csv_is_one_row_per_file_then_the_shares(wtcheck, mixed, tmp_path):
    target = tmp_path / "survey.csv"
    run = wtcheck("survey", str(mixed), "-o", str(target))
    assert run.code == 0 and "5 file(s) (2 checked, 3 not checked)" in run.err
    assert target.read_bytes().startswith(b"\xef\xbb\xbf"), "a UTF-8 byte-order mark, so Excel keeps accents"
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert [row["status"] for row in rows] == ["title"] + ["checked"] * 2 + ["not checked"] * 3 + ["share"]
    rule = load_ruleset("wt2023").rule("WT23-REP-004")
    assert rows[0]["WT23-REP-004"] == f"{rule.title} (MUST)" and rows[0]["partnership"] == "requirement title (level)"
    larkmere = next(row for row in rows if row["file"].endswith("larkmere.yml"))
    assert larkmere["WT23-REP-004"] == "gap" and larkmere["WT23-RA-002"] == "partly met"
    assert larkmere["must_gaps"] == "4"
    assert "unknown key 'nmae'" in next(row for row in rows if row["file"].endswith("typo.yaml"))["problems"]
    assert rows[-1]["WT23-REP-004"] == "50%" and rows[-1]["WT23-PART-001"] == "100%"


@pytest.mark.parametrize("partnerships", [1, 2, 3, 10, 12])
@pytest.mark.parametrize("width", [80, 100, 120, 160, 200])
def test_the_terminal_survey_reads_at_any_width(tmp_path, partnerships, width):
    """Whatever the width, from 80 columns, no line is wider and every requirement's title can be
    read whole (a squeezed matrix breaks titles across lines between other columns' cells)."""
    from wtcheck.formats import terminal

    for number in range(partnerships):
        shutil.copy(SAMPLES / f"2023-{'gaps' if number % 2 else 'complete'}.yaml", tmp_path / f"p{number:02}.yaml")
    model = survey_of([tmp_path])
    out = terminal.render_survey(model, width=width)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= width
    header = next((line for line in lines if " #  " in line and "Requirement" in line), None)
    matrix = header is not None
    if matrix:  # the Requirement column, read down the page
        start, end = header.index("Requirement"), header.index("Meeting it")
        assert end - start >= terminal.REQUIREMENT_WIDTH
        words = " ".join(" ".join(line[start:end] for line in lines[lines.index(header) + 2:]).split())
    else:
        words = " ".join(out.split())
    for requirement in model["matrices"][0]["requirements"]:
        assert requirement["title"] in words, requirement["rule_id"]
    if width == 80 or partnerships > terminal.MATRIX_COLUMNS:
        assert not matrix
    if width == 200 and partnerships <= terminal.MATRIX_COLUMNS:
        assert matrix
    if not matrix and 1 < partnerships <= terminal.MATRIX_COLUMNS:
        gaps = partnerships // 2  # every other file is the gaps sample, ranked first
        assert f"P{gaps} gap; P{gaps + 1} met" in words, "the list shows each partnership's outcome, most gaps first"


def test_csv_never_hands_a_spreadsheet_a_formula(tmp_path):
    from wtcheck.formats import csv as csv_format

    path = tmp_path / "a.yaml"
    path.write_text((SAMPLES / "2023-complete.yaml").read_text().replace(
        "name: Kestrelford Safeguarding Children Partnership", "name: '=HYPERLINK(\"https://example.org\")'"))
    text = csv_format.render_survey(survey_of([path]))
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


def test_markdown_survey_has_the_matrix(mixed):
    model = survey_of([mixed])
    text = markdown.render_survey(model)
    matrix_rows = [line for line in text.splitlines() if line.startswith("| Kestrelford") or line.startswith("| Larkmere")]
    assert len(matrix_rows) == 2
    assert all(line.count(" | ") == 2 + len(model["matrices"][0]["requirements"]) for line in matrix_rows)
    assert "## Files not checked" in text and "typo.yaml" in text


def test_files_that_cannot_be_checked_never_stop_the_survey(monkeypatch, tmp_path):
    def explode(*_args, **_kwargs):
        raise RecursionError("too deep")

    monkeypatch.setattr(runner, "check_file", explode)
    (tmp_path / "a.yaml").write_text("partnership: {name: A}\n")
    entry = survey_of([tmp_path / "a.yaml"])["not_checked"][0]
    assert "internal error: RecursionError: too deep" in entry["errors"][0]["message"]


def test_nothing_to_survey_is_exit_2(wtcheck, tmp_path):
    run = wtcheck("survey", str(tmp_path))
    assert run.code == 2 and "no .yaml or .yml files found" in run.err
    (tmp_path / "broken.yaml").write_text("a: 1\na: 2\n")
    code, model = survey_json(wtcheck, str(tmp_path))
    assert code == 2 and model["counts"]["checked"] == 0 and model["matrices"] == []


def test_a_missing_file_is_listed_not_fatal(wtcheck):
    code, model = survey_json(wtcheck, "samples/2023-gaps.yaml", "samples/nope.yaml")
    assert code == 0 and model["not_checked"][0]["file"] == "samples/nope.yaml"
    assert "no such file" in model["not_checked"][0]["errors"][0]["message"]


def test_output_rules(wtcheck, tmp_path):
    bad = wtcheck("survey", "samples/", "-o", str(tmp_path / "survey.ods"))
    assert bad.code == 2 and "cannot tell the output format" in bad.err and ".csv" in bad.err
    copy = tmp_path / "a.yaml"
    shutil.copy(SAMPLES / "2023-gaps.yaml", copy)
    over = wtcheck("survey", str(tmp_path), "--format", "json", "-o", str(copy))
    assert over.code == 2 and "over an input file" in over.err
    assert copy.read_text() == (SAMPLES / "2023-gaps.yaml").read_text()


def test_progress_bar_only_on_a_terminal(tmp_path):
    controller, terminal = pty.openpty()
    done = subprocess.run([str(WTCHECK), "survey", "samples/", "--format", "json"], cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=terminal, timeout=60, env={**os.environ, "COLUMNS": "100"})
    os.close(terminal)
    shown = os.read(controller, 65536).decode(errors="replace")
    os.close(controller)
    assert done.returncode == 0 and json.loads(done.stdout)["counts"]["files"] == SAMPLE_COUNT
    assert "checking" in shown and f"{SAMPLE_COUNT}/{SAMPLE_COUNT}" in shown


def test_hostile_strings_stay_text_in_the_survey(tmp_path):
    from wtcheck.formats import html

    from test_report import HOSTILE, Page, hostile_document

    model = survey_of([hostile_document(tmp_path)])
    page = Page(html.render_survey(model))
    assert not page.all("script") and not page.all("img")
    assert [attrs.get("role") for attrs in page.all("svg")] == ["img"], "only the heat map"
    assert not [attrs for _, attrs in page.tags if any(name.startswith("on") for name in attrs)]
    assert HOSTILE["script"] + " " + HOSTILE["template"] in "".join(page.text)
    text = markdown.render_survey(model)
    assert "<script" not in text and "&lt;script&gt;" in text
