"""Configuration: [tool.wtcheck] in pyproject.toml or wtcheck.toml, the closest wins, the command line
wins over both, --show-settings says where each value came from, and mistakes stop with exit 2."""

from __future__ import annotations

import subprocess

import pytest

from conftest import SAMPLES

SHOULD_ONLY = (SAMPLES / "2023-complete.yaml").read_text().replace("  rapid_review_working_days: 15\n", "")


@pytest.fixture
def project(tmp_path):
    """A project folder with a subfolder, an arrangements file with one SHOULD gap, and no configuration."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "partnership").mkdir()
    (tmp_path / "partnership" / "kestrelford.yaml").write_text(SHOULD_ONLY)
    return tmp_path


def test_pyproject_settings_apply_from_a_subfolder(wtcheck, project):
    (project / "pyproject.toml").write_text(
        '[project]\nname = "kestrelford-scp"\n\n[tool.wtcheck]\nfail_on = "should"\n'
        'paths = ["partnership/*.yaml"]\nedition = "2023"\n')
    run = wtcheck("validate", cwd=project / "docs")
    assert run.code == 1 and "../partnership/kestrelford.yaml:" in run.out
    assert "WT23-REV-002 should" in run.out
    # The command line wins over the file.
    assert wtcheck("validate", "--fail-on", "must", cwd=project / "docs").code == 0
    shown = wtcheck("validate", "--show-settings", "--fail-on", "must", cwd=project / "docs")
    assert shown.code == 0
    lines = shown.out.splitlines()
    assert lines[0] == f"# configuration file: {project / 'pyproject.toml'}"
    assert 'fail_on = "must"  # command line' in lines
    assert 'paths = ["../partnership/*.yaml"]  # ../pyproject.toml [tool.wtcheck]' in lines
    assert 'edition = "2023"  # ../pyproject.toml [tool.wtcheck]' in lines
    assert 'format = "text"  # default' in lines


def test_closest_file_wins_and_wtcheck_toml_beats_pyproject(wtcheck, project):
    (project / "pyproject.toml").write_text('[tool.wtcheck]\nfail_on = "none"\n')
    (project / "partnership" / "pyproject.toml").write_text('[project]\nname = "no-wtcheck-table"\n')
    (project / "partnership" / "wtcheck.toml").write_text('fail_on = "should"\npaths = "kestrelford.yaml"\n')
    shown = wtcheck("validate", "--show-settings", cwd=project / "partnership")
    assert 'fail_on = "should"  # wtcheck.toml' in shown.out.splitlines()
    assert wtcheck("validate", cwd=project / "partnership").code == 1
    (project / "partnership" / "wtcheck.toml").unlink()
    # A pyproject.toml without [tool.wtcheck] is passed over; the parent's settings apply.
    shown = wtcheck("validate", "--show-settings", cwd=project / "partnership")
    assert 'fail_on = "none"  # ../pyproject.toml [tool.wtcheck]' in shown.out.splitlines()


def test_no_configuration(wtcheck, project):
    shown = wtcheck("validate", "--show-settings", cwd=project)
    assert shown.out.splitlines()[:3] == ["# no configuration file found", "edition = (chosen per file)  # default",
                                          'fail_on = "must"  # default']


@pytest.mark.parametrize("file, text, expected", [
    ("pyproject.toml", '[project]\nname = "x"\n\n[tool.wtcheck]\nedition = "2023"\nfail-on = "should"\n',
     "pyproject.toml:6: unknown key 'fail-on' in [tool.wtcheck]; did you mean 'fail_on'?"),
    ("wtcheck.toml", 'pahts = ["a.yaml"]\n',
     "wtcheck.toml:1: unknown key 'pahts' in wtcheck.toml; did you mean 'paths'?"),
    ("wtcheck.toml", 'fail_on = "shoud"\n',
     "wtcheck.toml:1: wtcheck.toml fail_on: 'shoud' is not allowed; did you mean 'should'? choose one of: should, "
     "must, none"),
    ("wtcheck.toml", 'include_unconfirmed = "yes"\n', "wtcheck.toml:1: wtcheck.toml include_unconfirmed: expected "
                                                      "true or false"),
    ("wtcheck.toml", 'edition = "2019"\n', "wtcheck.toml:1: wtcheck.toml edition: '2019' is not allowed"),
    ("wtcheck.toml", 'fail_on = should\n', "wtcheck.toml:1:11: not valid TOML: Invalid value"),
])
def test_configuration_mistakes_exit_2_with_file_and_line(wtcheck, project, file, text, expected):
    (project / file).write_text(text)
    run = wtcheck("validate", cwd=project)
    assert run.code == 2 and run.out == ""
    assert run.err.startswith(f"wtcheck: {project}/{expected}"), run.err
    assert len(run.err.splitlines()) == 1


def test_format_and_departures_from_the_configuration(wtcheck, project):
    (project / "wtcheck.toml").write_text(
        'paths = ["partnership/kestrelford.yaml"]\nformat = "github"\nfail_on = "should"\n'
        'departures = "records/departures.yaml"\n')
    (project / "records").mkdir()
    (project / "records" / "departures.yaml").write_text(
        "departures:\n  WT23-REV-002:\n    reason: Regional protocol.\n    agreed_by: The executive\n"
        "    agreed_on: 2024-01-01\n    review_by: 2099-01-01\n    expires: 2099-12-31\n")
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    run = wtcheck("validate", cwd=project / "docs")
    assert run.code == 0, run.out
    assert run.out.startswith("::notice file=partnership/kestrelford.yaml,")
    assert "title=WT23-REV-002 should - departure recorded::" in run.out


def test_readme_configuration_example_is_valid(wtcheck, project):
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text()
    example = readme.split("## Configuration", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    (project / "pyproject.toml").write_text(example)
    shown = wtcheck("validate", "--show-settings", cwd=project)
    assert shown.code == 0 and 'paths = ["partnership/*.yaml"]  # pyproject.toml [tool.wtcheck]' in shown.out
