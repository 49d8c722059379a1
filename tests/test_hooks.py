"""Pre-publication checks in git: 'wtcheck hook install' and the pre-commit hook manifest.

Each test works in a temporary git repository holding an arrangements file: a copy of
samples/2023-complete.yaml with a MUST gap (reviews.notification_working_days removed).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SAMPLES

COMPLETE = (SAMPLES / "2023-complete.yaml").read_text()
NOTIFICATION = "  notification_working_days: 5\n"
WITH_MUST_GAP = COMPLETE.replace(NOTIFICATION, "")
assert WITH_MUST_GAP != COMPLETE


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run git in ``repo`` with a fixed identity and no user or system configuration."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=check, env=env,
                          timeout=120)


def new_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "user.name", "X Example")
    git(path, "config", "user.email", "x.example@example.org")
    git(path, "config", "commit.gpgsign", "false")
    return path


@pytest.fixture
def repo(tmp_path):
    """A git repository with a README committed and an arrangements file (with a MUST gap) not yet added."""
    path = new_repo(tmp_path / "kestrelford-scp")
    (path / "README.md").write_text("Kestrelford Safeguarding Children Partnership\n")
    git(path, "add", "README.md")
    git(path, "commit", "-q", "-m", "Start")
    (path / "arrangements.yaml").write_text(WITH_MUST_GAP)
    return path


def test_installed_hook_refuses_a_must_gap_and_lets_the_fix_through(wtcheck, repo):
    (repo / "docs").mkdir()
    installed = wtcheck("hook", "install", cwd=repo / "docs")  # works from a subfolder
    hook = repo / ".git" / "hooks" / "pre-commit"
    assert installed.code == 0 and str(hook) in installed.out
    assert os.access(hook, os.X_OK)

    git(repo, "add", "arrangements.yaml")
    refused = git(repo, "commit", "-m", "Arrangements with a gap", check=False)
    assert refused.returncode != 0
    assert "arrangements.yaml:129:1: WT23-REV-003 must" in refused.stderr  # git shows hook output on stderr
    assert "commit stopped" in refused.stderr
    assert git(repo, "log", "--oneline").stdout.count("\n") == 1

    # Fixing the working file is not enough: the hook checks what is staged.
    (repo / "arrangements.yaml").write_text(COMPLETE)
    assert git(repo, "commit", "-m", "Still staged with the gap", check=False).returncode != 0
    git(repo, "add", "arrangements.yaml")
    done = git(repo, "commit", "-m", "Arrangements, complete", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 MUST gap(s)" in done.stderr
    assert git(repo, "log", "--oneline").stdout.count("\n") == 2


def test_hook_checks_only_arrangements_files(wtcheck, repo):
    assert wtcheck("hook", "install", cwd=repo).code == 0
    (repo / "notes.yaml").write_text("not: an arrangements file\n")
    git(repo, "add", "notes.yaml")
    assert git(repo, "commit", "-q", "-m", "Notes", check=False).returncode == 0
    # With paths configured, those files are checked whatever their names.
    (repo / "wtcheck.toml").write_text('paths = ["partnership/*.yaml"]\n')
    (repo / "partnership").mkdir()
    (repo / "partnership" / "kestrelford.yaml").write_text(WITH_MUST_GAP)
    git(repo, "add", "wtcheck.toml", "partnership/kestrelford.yaml")
    refused = git(repo, "commit", "-m", "Kestrelford", check=False)
    assert refused.returncode != 0 and "partnership/kestrelford.yaml:129:1: WT23-REV-003 must" in refused.stderr


def test_hook_install_refuses_to_overwrite_unless_forced(wtcheck, repo):
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_text("#!/bin/sh\necho the team's own hook\n")
    refused = wtcheck("hook", "install", cwd=repo)
    assert refused.code == 2 and "a pre-commit hook already exists" in refused.err and "--force" in refused.err
    assert "the team's own hook" in hook.read_text()
    assert wtcheck("hook", "install", "--force", cwd=repo).code == 0
    assert "wtcheck validate --staged" in hook.read_text()


def test_hook_install_outside_a_repository(wtcheck, tmp_path):
    run = wtcheck("hook", "install", cwd=tmp_path)
    assert run.code == 2 and run.err.startswith("wtcheck: 'wtcheck hook install' needs a git repository")
    staged = wtcheck("validate", "--staged", cwd=tmp_path)
    assert staged.code == 2 and "--staged needs a git repository" in staged.err


def test_manifest_fields():
    [hook, departures_hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "wtcheck" and hook["entry"] == "python -I -m wtcheck validate --arrangements-only"
    assert hook["language"] == "python"
    assert hook["types_or"] == ["yaml"] and hook["minimum_pre_commit_version"] == "2.9.0"
    assert "files" not in hook, "wtcheck picks the arrangements files itself, as --staged does, and says why"
    assert departures_hook["entry"] == "python -I -m wtcheck departures check"


@pytest.mark.long
def test_pre_commit_runs_the_hook_as_users_configure_it(repo, pre_commit):
    (repo / "notes.yaml").write_text("not: an arrangements file\n")
    git(repo, "add", "arrangements.yaml", "notes.yaml")
    refused = pre_commit(repo, "arrangements.yaml", "notes.yaml")
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "arrangements.yaml:129:1: WT23-REV-003 must" in refused.stdout
    hook_output = refused.stdout.split("wtcheck (safeguarding arrangements gap check)")[1]
    assert "notes.yaml:" not in hook_output, "not checked"
    assert "wtcheck: notes.yaml passed over, as wtcheck checks staged YAML files whose names contain" in hook_output
    (repo / "arrangements.yaml").write_text(COMPLETE)
    git(repo, "add", "arrangements.yaml")
    passed = pre_commit(repo, "arrangements.yaml", "notes.yaml")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


def test_readme_snippets_are_valid_yaml():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Use in a git hook / CI", 1)[1].split("\n## ", 1)[0]
    config, workflow = [block.split("```", 1)[0] for block in section.split("```yaml\n")[1:]]
    [repo] = yaml.safe_load(config)["repos"]
    assert [hook["id"] for hook in repo["hooks"]] == ["wtcheck", "wtcheck-departures"] and repo["rev"]
    steps = yaml.safe_load(workflow)["jobs"]["wtcheck"]["steps"]
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == "wtcheck.sarif" and upload["if"] == "always()"
    assert any("--format sarif --output wtcheck.sarif" in step.get("run", "") for step in steps)


def test_hook_install_twice_says_it_is_installed_and_updates_an_old_wtcheck_hook(wtcheck, repo):
    hook = repo / ".git" / "hooks" / "pre-commit"
    assert wtcheck("hook", "install", cwd=repo).code == 0
    installed = hook.read_text()
    again = wtcheck("hook", "install", cwd=repo)
    assert again.code == 0 and "already installed" in again.out and hook.read_text() == installed
    hook.write_text(installed.replace("(wtcheck ", "(wtcheck 0.0.1; was ").replace(sys.executable, "/gone/python"))
    updated = wtcheck("hook", "install", cwd=repo)
    assert updated.code == 0 and "updated" in updated.out and hook.read_text() == installed
    assert os.access(hook, os.X_OK)


def test_staged_yaml_that_is_not_an_arrangements_file_is_said(wtcheck, repo):
    (repo / "notes.yaml").write_text("not: an arrangements file\n")
    git(repo, "add", "notes.yaml")
    run = wtcheck("validate", "--staged", cwd=repo)
    assert run.code == 0 and run.out == ""
    (line,) = run.err.splitlines()
    assert "no arrangements files were staged" in line and "notes.yaml" in line and "paths" in line, line
    assert wtcheck("hook", "install", cwd=repo).code == 0
    done = git(repo, "commit", "-q", "-m", "Notes", check=False)
    assert done.returncode == 0 and "no arrangements files were staged" in done.stderr
    (repo / "README.md").write_text("Kestrelford, again\n")
    git(repo, "add", "README.md")
    quiet = wtcheck("validate", "--staged", cwd=repo)  # no YAML staged at all: nothing to say
    assert quiet.code == 0 and quiet.out == quiet.err == ""
