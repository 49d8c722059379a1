"""Hostile file names and values through every command and every format: no raw control byte
(escape sequences, carriage returns, line breaks, C1 controls), bidirectional or zero-width
character reaches any output, nothing crashes (a name whose bytes are not UTF-8 included), a
line break in a name never starts a GitHub workflow command, and names stay readable, escaped.

The files are the hostile names of ``tests/hostile/corpus.py`` (and a path 3,000 characters
long), each a copy of a sample with gaps whose free text holds the same characters, beside a
departures file whose reasons and rule ids hold them too. Runs are in this process.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import zipfile
from pathlib import Path

import pytest
from hostile.corpus import HOSTILE_TEXT, LONG_NAME_LENGTH, NAMES, hostile_names

from wtcheck.core.text import HIDDEN, visible

from conftest import SAMPLES, run_wtcheck

YAML_ESCAPES = json.dumps(HOSTILE_TEXT)[1:-1]  # the characters as escapes YAML's double quotes read
VALUE = f"Kestrelford {YAML_ESCAPES} <b>|x|</b>"
SAMPLE = (SAMPLES / "2023-gaps.yaml").read_text().replace(
    "  name: Larkmere Children's Safeguarding Partnership\n",
    f'  name: "{VALUE}"\n  evidence:\n    document: "{VALUE}"\n    note: "{VALUE}"\n'
    '    url: "https://example.org/\\u202e\\u001b[2J"\n')  # not a web address to link to, though the schema allows it
assert VALUE in SAMPLE


def departures() -> str:
    """A departures file for the sample: a valid departure whose reason and approver hold the hostile
    characters, and an entry whose rule id does."""
    today = dt.date.today()
    dates = (f"    agreed_on: {today - dt.timedelta(days=30)}\n    review_by: {today + dt.timedelta(days=200)}\n"
             f"    expires: {today + dt.timedelta(days=300)}\n")
    return (f'departures:\n  WT23-PRAC-001:\n    reason: "{VALUE}"\n    agreed_by: "{VALUE}"\n{dates}'
            f'  "WT23-{YAML_ESCAPES}":\n    reason: "{VALUE}"\n    agreed_by: x\n{dates}')


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """A folder of hostile names, each a hostile sample, with a hostile departures file beside them."""
    made = tmp_path_factory.mktemp("names")
    hostile_names(made, SAMPLE)
    (made / "wtcheck-departures.yaml").write_text(departures())
    return made


@pytest.fixture(scope="module")
def files(folder) -> list[str]:
    found = sorted(str(path.relative_to(folder)) for path in folder.rglob("*.yaml") if path.name != "wtcheck-departures.yaml")
    assert len(found) == len(NAMES) + 1 and any(len(name) == LONG_NAME_LENGTH for name in found)
    return found


def clean(text: str) -> None:
    """No character that hides, reorders or takes over what is shown, but the line breaks between lines
    (and the byte-order mark that starts a CSV file for Excel)."""
    found = HIDDEN.findall(text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\n", ""))
    assert not found, f"raw {found!r} in: {text[:2000]}"


def checked(run, *written: Path) -> list[str]:
    """What a run wrote (standard output, standard error, files), each checked ``clean``; the run
    itself neither crashed nor found a file it could not check."""
    assert run.code in (0, 1), run.out[-3000:] + run.err[-3000:]
    assert "Traceback" not in run.err and "internal error" not in run.err
    texts = [run.out, run.err, *(path.read_text(encoding="utf-8") for path in written)]
    for text in texts:
        clean(text)
    return texts


VALIDATE = ["text", "json", "sarif", "junit", "github"]
REPORT = ["text", "html", "md", "json"]
SURVEY = ["text", "html", "md", "json", "csv", "xlsx"]


@pytest.mark.parametrize("output_format", VALIDATE)
def test_validate(folder, files, output_format, tmp_path):
    summary = tmp_path / "summary.md"
    run = run_wtcheck("validate", "--format", output_format, *files, cwd=folder,
                         env={"GITHUB_STEP_SUMMARY": str(summary)})
    out, *_ = checked(run, *([summary] if output_format == "github" else []))
    shown = [visible(name) for name in files]
    if output_format == "text":
        for name in shown:
            assert f"{name}:1:1: WT23-" in out and f"\n{name}: " in out
    if output_format == "json":
        assert [entry["file"] for entry in json.loads(out)["files"]] == shown
    if output_format == "github":
        assert all(line.startswith("::") for line in out.splitlines()), "a name started a line of its own"
        table = summary.read_text()
        assert all(line.startswith(("|", "#")) or not line for line in table.splitlines())
        assert "<img" not in table and "&lt;img src=x onerror=alert(1)&gt; \\|\\*b\\*\\|" in table


@pytest.mark.parametrize("suffix", [".json", ".sarif", ".xml"])
def test_validate_writes_a_report_file(folder, files, suffix, tmp_path):
    target = tmp_path / f"report{suffix}"
    checked(run_wtcheck("validate", "-o", str(target), *files, cwd=folder), target)
    if suffix == ".xml":
        import xml.etree.ElementTree as ET

        ET.parse(target)  # well-formed XML: nothing XML cannot hold


@pytest.mark.parametrize("output_format", REPORT)
def test_report(folder, files, output_format):
    out, _ = checked(run_wtcheck("report", "--format", output_format, *files, cwd=folder))
    if output_format == "html":
        assert "<img src=x" not in out and "<b>" not in out and "&lt;img src=x onerror=alert(1)&gt;" in out
        assert "Kestrelford \\x1b[2J\\x1b[31m \\u202e\\u200b\\x9b31m &lt;b&gt;|x|&lt;/b&gt;" in out
        assert 'href="https://example.org/' not in out, "an address holding a hidden character is not linked"
    if output_format == "md":
        assert "<img" not in out and "Kestrelford \\\\x1b\\[2J" in out


@pytest.mark.parametrize("output_format", SURVEY)
def test_survey(folder, files, output_format, tmp_path):
    if output_format == "xlsx":
        target = tmp_path / "survey.xlsx"
        assert run_wtcheck("survey", ".", "-o", str(target), cwd=folder).code == 0
        with zipfile.ZipFile(target) as book:
            for part in book.namelist():
                text = book.read(part).decode("utf-8")
                clean(text)
                assert not re.search(r"_x00[0-9A-F]{2}_", text), f"{part} holds an escaped control character"
        return
    out, _ = checked(run_wtcheck("survey", "--format", output_format, ".", cwd=folder))
    if output_format == "json":
        survey = json.loads(out)
        assert survey["counts"] == {"files": len(files), "checked": len(files), "not_checked": 0}
        assert {partnership["file"] for partnership in survey["matrices"][0]["partnerships"]} == {
            visible(str(Path(".") / name)) for name in files}
    if output_format == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert len({len(row) for row in rows}) == 1, "every row has every column"
        formula = next(row for row in rows if "HYPERLINK" in row[0])
        assert formula[0].startswith("'="), "a name a spreadsheet would run is quoted"


def test_baseline(folder, files):
    target = folder / "known.json"
    checked(run_wtcheck("baseline", "-o", str(target), *files, cwd=folder), target)
    assert {gap["file"] for gap in json.loads(target.read_text())["gaps"]} == {visible(name) for name in files}
    again = run_wtcheck("validate", "--baseline", str(target), *files, cwd=folder)
    assert again.code == 1 and "0 new MUST gap(s), 0 new SHOULD gap(s)" in again.out  # the gaps are known


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_diff(folder, files, output_format):
    for name in files:
        checked(run_wtcheck("diff", "2018", "2023", name, "--format", output_format, cwd=folder))


def test_departures_check(folder):
    for number, name in enumerate(NAMES.values()):
        if isinstance(name, bytes) and os.name != "posix":
            continue
        departures_file = folder / f"departures-{number}-{os.fsdecode(name)}"
        departures_file.write_text(departures())
        out, _ = checked(run_wtcheck("departures", "check", departures_file.name, cwd=folder))
        assert f"{visible(departures_file.name)}: 2 departure(s): 1 valid, 1 invalid" in out


def test_error_lines_about_a_hostile_name_are_one_visible_line(tmp_path):
    for name in NAMES.values():
        path = tmp_path / os.fsdecode(name)
        path.write_text("partnership: [\n")
        run = run_wtcheck("validate", path.name, cwd=tmp_path)
        assert run.code == 2 and len(run.out.splitlines()) == 2, run.out
        clean(run.out)
        missing = run_wtcheck("report", f"gone-{path.name}", "-o", f"{path.name}.html", cwd=tmp_path)
        assert missing.code == 2 and len(missing.err.splitlines()) == 1
        clean(missing.err)


def test_show_settings_shows_hostile_names_escaped(folder, files):
    run = run_wtcheck("validate", "--show-settings", *files, cwd=folder)
    assert run.code == 0
    clean(run.out)
    assert "esc\\x1b[2J" in run.out
