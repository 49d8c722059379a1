"""Every file a run reads goes through the same guards: a hostile baseline, departures file or
configuration file (a named pipe, a device, /dev/zero, a folder, 40 MiB, nested 100,000 deep,
not UTF-8, UTF-16 or UTF-32, NUL bytes, a PDF, a link to nothing, a link out of the repository)
gets one line and exit 2 from every command that reads it, never a hang, a traceback or what
the linked-to file holds; configuration is looked for only inside the repository.

Runs are in this process (``run_wtcheck``); a run still going after 60 seconds fails as a hang.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hostile.corpus import INPUTS, LANGUAGES, SECRET, Input, can_make_input

from wtcheck.core.text import HIDDEN

from conftest import SAMPLES, Run, run_wtcheck

GAPS = (SAMPLES / "2023-gaps.yaml").read_text()

COMMANDS = {
    "validate": ("validate", "kestrelford.yaml"),
    "report": ("report", "kestrelford.yaml"),
    "survey": ("survey", "--format", "json", "kestrelford.yaml"),
    "baseline": ("baseline", "-o", "known.json", "kestrelford.yaml"),
    "diff": ("diff", "2018", "2023", "kestrelford.yaml"),
    "departures check": ("departures", "check"),
}
"""Every command that reads the configuration and the departures file, run in the repository."""


@pytest.fixture
def repository(tmp_path) -> Path:
    """A repository (its top folder marked by ``.git``, as git marks it) holding an arrangements file;
    the folder above it is outside the repository."""
    top = tmp_path / "repository"
    (top / ".git").mkdir(parents=True)
    (top / "kestrelford.yaml").write_text(GAPS)
    return top


def one_clear_line(run: Run, case: Input, language: str) -> None:
    """Exit 2, the case's phrase on a line that names the file; no traceback, no internal error, no
    secret, no control or hidden character."""
    everything = run.out + run.err
    assert run.code == 2, everything
    assert "Traceback" not in everything and "internal error" not in everything, everything
    assert any(case.phrase(language) in line for line in everything.splitlines()), everything
    assert SECRET not in everything
    assert not HIDDEN.search(everything.replace("\n", ""))


def cases(kind: str, *, named: bool) -> list[Input]:
    return [case for case in INPUTS if LANGUAGES[kind] in case.languages and (case.named if named else case.found)]


def _make(case: Input, path: Path, kind: str) -> None:
    if not can_make_input(case):
        pytest.skip(f"{case.name} cannot be made here")
    case.make(path, LANGUAGES[kind])


# ----------------------------------------------------------------- baseline

@pytest.mark.parametrize("case", cases("baseline", named=True), ids=lambda case: case.name)
def test_a_hostile_baseline_named_on_the_command_line(repository, case):
    path = repository.parent / "baseline.json"
    _make(case, path, "baseline")
    run = run_wtcheck("validate", "--baseline", str(path), "kestrelford.yaml", cwd=repository)
    one_clear_line(run, case, "JSON")


@pytest.mark.parametrize("case", cases("baseline", named=False), ids=lambda case: case.name)
def test_a_hostile_baseline_the_configuration_names(repository, case):
    _make(case, repository / "wtcheck-baseline.json", "baseline")
    (repository / "wtcheck.toml").write_text('baseline = "wtcheck-baseline.json"\n')
    one_clear_line(run_wtcheck("validate", "kestrelford.yaml", cwd=repository), case, "JSON")


def test_dev_zero_as_the_baseline_is_refused_without_reading_it(repository):
    run = run_wtcheck("validate", "--baseline", "/dev/zero", "kestrelford.yaml", cwd=repository)
    assert (run.code, run.out) == (2, "")
    assert run.err == "wtcheck: /dev/zero: is a device, not a regular file; give the path of a JSON file\n"


# ----------------------------------------------------------------- departures

@pytest.mark.parametrize("command", COMMANDS, ids=str)
@pytest.mark.parametrize("case", cases("departures", named=True), ids=lambda case: case.name)
def test_a_hostile_departures_file_named_on_the_command_line(repository, case, command):
    path = repository.parent / "departures.yaml"
    _make(case, path, "departures")
    args = COMMANDS[command]
    args = (*args, str(path)) if command == "departures check" else (*args, "--departures", str(path))
    one_clear_line(run_wtcheck(*args, cwd=repository), case, "YAML")


@pytest.mark.parametrize("command", COMMANDS, ids=str)
@pytest.mark.parametrize("case", cases("departures", named=False), ids=lambda case: case.name)
def test_a_hostile_departures_file_found_beside_the_files(repository, case, command):
    _make(case, repository / "wtcheck-departures.yaml", "departures")
    one_clear_line(run_wtcheck(*COMMANDS[command], cwd=repository), case, "YAML")


@pytest.mark.parametrize("case", cases("departures", named=False), ids=lambda case: case.name)
def test_a_hostile_departures_file_the_configuration_names(repository, case):
    _make(case, repository / "agreed.yaml", "departures")
    (repository / "wtcheck.toml").write_text('departures = "agreed.yaml"\n')
    for command in COMMANDS:
        one_clear_line(run_wtcheck(*COMMANDS[command], cwd=repository), case, "YAML")


# ----------------------------------------------------------------- configuration

@pytest.mark.parametrize("command", COMMANDS, ids=str)
@pytest.mark.parametrize("case", cases("configuration", named=False), ids=lambda case: case.name)
def test_a_hostile_configuration_file(repository, case, command):
    _make(case, repository / "wtcheck.toml", "configuration")
    one_clear_line(run_wtcheck(*COMMANDS[command], cwd=repository), case, "TOML")


@pytest.mark.parametrize("case", cases("configuration", named=False), ids=lambda case: case.name)
def test_a_hostile_pyproject_toml_without_a_wtcheck_table_is_passed_over(repository, case):
    _make(case, repository / "pyproject.toml", "configuration")
    run = run_wtcheck("validate", "--show-settings", cwd=repository)
    assert (run.code, run.err) == (0, "") and run.out.startswith("# no configuration file found\n"), run.out + run.err
    assert run_wtcheck("validate", "kestrelford.yaml", cwd=repository).code == 1


def test_an_unparseable_pyproject_toml_with_a_wtcheck_table_stops_the_run(repository):
    (repository / "pyproject.toml").write_text('[project\nname = "x"\n\n[tool.wtcheck]\nfail_on = "none"\n')
    run = run_wtcheck("validate", "kestrelford.yaml", cwd=repository)
    assert run.code == 2 and "/repository/pyproject.toml:1:9: not valid TOML: " in run.err, run.err
    (repository / "pyproject.toml").write_text('[project\nname = "x"\n')  # no table: no business of wtcheck's
    assert run_wtcheck("validate", "kestrelford.yaml", cwd=repository).code == 1


def test_configuration_above_the_repository_cannot_switch_its_checks_off(repository):
    (repository.parent / "wtcheck.toml").write_text('fail_on = "none"\n')
    (repository.parent / "pyproject.toml").write_text('[tool.wtcheck]\nfail_on = "none"\n')
    (repository / "docs").mkdir()
    for cwd in (repository, repository / "docs"):
        shown = run_wtcheck("validate", "--show-settings", cwd=cwd)
        assert shown.out.startswith("# no configuration file found\n") and 'fail_on = "must"  # default' in shown.out
    assert run_wtcheck("validate", "kestrelford.yaml", cwd=repository).code == 1
    (repository / "wtcheck.toml").write_text('fail_on = "none"\n')  # the repository's own applies
    assert run_wtcheck("validate", "../kestrelford.yaml", cwd=repository / "docs").code == 0


def test_outside_a_repository_configuration_is_not_taken_from_a_folder_anyone_may_write_to(tmp_path):
    shared = tmp_path / "shared"
    (shared / "project").mkdir(parents=True)
    shared.chmod(0o777)
    (shared / "wtcheck.toml").write_text('fail_on = "none"\n')
    (shared / "project" / "kestrelford.yaml").write_text(GAPS)
    shown = run_wtcheck("validate", "--show-settings", cwd=shared / "project")
    assert shown.out.startswith("# no configuration file found\n"), shown.out
    assert run_wtcheck("validate", "kestrelford.yaml", cwd=shared / "project").code == 1
    shared.chmod(0o755)  # a folder only its owner writes to is searched, as before
    assert run_wtcheck("validate", "kestrelford.yaml", cwd=shared / "project").code == 0


@pytest.mark.parametrize("setting, value", [
    ("paths", '["../secret.yaml"]'),
    ("paths", '["linked/*.yaml"]'),
    ("departures", '"../secret.yaml"'),
    ("baseline", '"../secret.yaml"'),
])
def test_files_the_configuration_names_outside_the_repository_are_not_read(repository, setting, value):
    (repository.parent / "secret.yaml").write_text(f"{SECRET}: {SECRET}\n")
    (repository / "linked").symlink_to(repository.parent)
    (repository / "wtcheck.toml").write_text(f"{setting} = {value}\n")
    run = run_wtcheck("validate", *(() if setting == "paths" else ("kestrelford.yaml",)), cwd=repository)
    assert run.code == 2 and SECRET not in run.out + run.err, run.out + run.err
    assert "(through a link, or '..')" in run.out + run.err
    named = run_wtcheck("validate", "--departures" if setting == "departures" else "--baseline",
                           "../secret.yaml", "kestrelford.yaml", cwd=repository) if setting != "paths" else None
    assert named is None or "(through a link, or '..')" not in named.out + named.err  # named: read where it is


def test_a_departures_file_found_in_the_working_folder_that_links_out_is_not_read(repository, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(repository / "kestrelford.yaml", elsewhere / "kestrelford.yaml")
    (repository / "wtcheck-departures.yaml").symlink_to(elsewhere / "kestrelford.yaml")
    run = run_wtcheck("validate", "kestrelford.yaml", cwd=repository)
    assert run.code == 2 and "wtcheck-departures.yaml: is outside" in run.err


def test_a_real_run_given_dev_zero_or_a_named_pipe_as_its_baseline_ends_at_once(wtcheck, repository):
    """As a commit's hook would run it: a process of its own (``measure.py --inputs`` times it)."""
    pipe = repository.parent / "pipe.json"
    os.mkfifo(pipe)
    for path, what in (("/dev/zero", "a device"), (str(pipe), "a named pipe")):
        run = wtcheck("validate", "--baseline", path, "kestrelford.yaml", cwd=repository, process=True)  # 60 s: a hang
        assert (run.code, run.out) == (2, "")
        assert run.err == f"wtcheck: {path}: is {what}, not a regular file; give the path of a JSON file\n"
