"""The survey stays inside the folders it is given: it never follows a link out of them (to a
credentials file, a YAML file elsewhere, a folder), nor to a hidden file or one that is not YAML
inside them; no output quotes what such a file holds, nor a credentials file inside them; every
entry it cannot read is listed as not checked, with why; hidden folders are skipped. Every
survey format is tried, in this process."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hostile.corpus import SECRET, without_root_reading

from conftest import SAMPLES, run_wtcheck

GAPS = (SAMPLES / "2023-gaps.yaml").read_text()
FORMATS = ["text", "html", "md", "json", "csv"]


@pytest.fixture(scope="module")
def surveyed(tmp_path_factory) -> Path:
    """A folder to survey beside secrets: two descriptions (one reached twice, through a link inside
    the folder), links out of it and to what it does not check, and entries that are not files."""
    top = tmp_path_factory.mktemp("survey")
    secrets = top / "home"
    (secrets / ".aws").mkdir(parents=True)
    (secrets / ".aws" / "credentials").write_text(f"[default]\naws_secret_access_key = {SECRET}\n")
    (secrets / "notes.yaml").write_text(f"{SECRET}\n")
    folder = top / "partnerships"
    (folder / "north").mkdir(parents=True)
    (folder / "larkmere.yaml").write_text(GAPS)
    (folder / "north" / "kestrelford.yaml").write_text(GAPS.replace("Larkmere", "Kestrelford"))
    (folder / "also-kestrelford.yaml").symlink_to("north/kestrelford.yaml")
    (folder / "credentials.yaml").symlink_to(secrets / ".aws" / "credentials")
    (folder / "notes.yaml").symlink_to(os.path.relpath(secrets / "notes.yaml", folder))
    (folder / "home.yaml").symlink_to(secrets)
    (folder / "home").symlink_to(secrets)
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "secret.yaml").write_text(f"{SECRET}\n")
    (folder / "hidden.yaml").symlink_to(".hidden/secret.yaml")
    (folder / "readme.txt").write_text(f"{SECRET}\n")
    (folder / "readme.yaml").symlink_to("readme.txt")
    (folder / "nothing.yaml").symlink_to("not-there.yaml")
    os.mkfifo(folder / "pipe.yaml")
    (folder / "folder.yaml").mkdir()
    (folder / "aws.yaml").write_text(f"aws_secret_access_key={SECRET}\n")  # a credentials file, one YAML value
    return folder


NOT_CHECKED = {
    "credentials.yaml": "is a link to somewhere outside",
    "notes.yaml": "is a link to somewhere outside",
    "home.yaml": "is a link to somewhere outside",
    "hidden.yaml": "is a link to somewhere outside",
    "readme.yaml": "is a link to somewhere outside",
    "nothing.yaml": "is a link to a file that does not exist",
    "pipe.yaml": "is a named pipe, not a regular file",
    "folder.yaml": "is a folder, not a YAML file",
    "aws.yaml": "the top level is text, but it must be a mapping",
}
"""Every entry the survey cannot check, and a phrase of why."""


@pytest.mark.parametrize("output_format", FORMATS)
def test_the_survey_never_shows_what_a_link_out_of_its_folder_leads_to(surveyed, output_format):
    run = run_wtcheck("survey", "--format", output_format, surveyed.name, cwd=surveyed.parent)
    assert run.code == 0, run.err
    assert SECRET not in run.out + run.err
    for name in NOT_CHECKED:
        assert name in run.out, f"{name} is not listed as not checked"


def test_every_entry_it_cannot_read_is_listed_with_why(surveyed):
    run = run_wtcheck("survey", "--format", "json", ".", cwd=surveyed)
    survey = json.loads(run.out)
    reasons = {entry["file"]: entry["errors"][0]["message"] for entry in survey["not_checked"]}
    assert set(reasons) == set(NOT_CHECKED)
    for name, says in NOT_CHECKED.items():
        assert says in reasons[name], reasons[name]
    checked = sorted(partnership["file"] for matrix in survey["matrices"] for partnership in matrix["partnerships"])
    assert checked == ["also-kestrelford.yaml", "larkmere.yaml"], "a file reached twice is checked once; .hidden skipped"
    assert survey["counts"] == {"files": 11, "checked": 2, "not_checked": 9}


def test_a_link_the_user_names_is_followed(surveyed):
    named = run_wtcheck("survey", "--format", "json", "credentials.yaml", "larkmere.yaml", cwd=surveyed)
    survey = json.loads(named.out)
    assert survey["counts"]["not_checked"] == 1 and "outside" not in named.out  # read, as the user asked


def test_unreadable_entries_are_listed(tmp_path):
    (tmp_path / "larkmere.yaml").write_text(GAPS)
    (tmp_path / "locked.yaml").write_text(GAPS)
    (tmp_path / "locked.yaml").chmod(0)
    (tmp_path / "closed").mkdir()
    (tmp_path / "closed" / "inside.yaml").write_text(GAPS)
    (tmp_path / "closed").chmod(0)
    prefix = without_root_reading() if os.geteuid() == 0 else ()
    if prefix is None:
        pytest.skip("running as root without setpriv: every file is readable")
    try:
        run = run_wtcheck("survey", "--format", "json", ".", cwd=tmp_path, prefix=prefix)
        survey = json.loads(run.out)
    finally:
        (tmp_path / "closed").chmod(0o755)
    reasons = {entry["file"]: entry["errors"][0]["message"] for entry in survey["not_checked"]}
    assert "permission denied" in reasons["locked.yaml"] and "files in it were not checked" in reasons["closed"]
