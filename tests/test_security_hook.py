"""The hooks run only what the user installed: with modules planted in the repository's work tree
(a ``yaml.py``, a ``wtcheck/`` package that would wave the commit through, ``typer/``, ``rich/``,
``sitecustomize.py`` and more, each leaving a mark if imported), ``PYTHONPATH`` and ``PATH``
pointing into it, the plain git hook and pre-commit's hook still refuse a commit with a MUST gap
and import nothing planted. When wtcheck or its Python is gone, the hook says so and stops the
commit; ``hook install --force`` keeps the hook it replaces. Real git and pre-commit runs.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from test_hooks import COMPLETE, WITH_MUST_GAP, git, new_repo, repo  # noqa: F401 (fixtures)

from wtcheck.core.errors import WtcheckError
from wtcheck.shell import hook

from conftest import run_wtcheck

PLANTED = ["yaml", "_yaml", "wtcheck", "typer", "click", "rich", "jsonschema", "referencing", "jinja2", "markupsafe",
           "json", "signal", "subprocess", "shlex", "sitecustomize", "usercustomize", "__editable___wtcheck_0_1_0_finder"]
"""Modules the hook's Python imports, or could, planted in the work tree."""


def plant(repository: Path, marks: Path) -> None:
    """Plant every module of ``PLANTED`` in ``repository`` (a package for some, a file for others),
    each writing a mark in ``marks`` when imported; the planted ``wtcheck`` would also pass every
    commit; and ``wtcheck`` and ``git`` programs that would too, for a hook that looked on the PATH."""
    marks.mkdir()
    for number, name in enumerate(PLANTED):
        code = f"open({str(marks / name)!r}, 'w').write('imported')\n"
        if name == "wtcheck":
            code += "import sys\ndef main():\n    sys.exit(0)\n"
            (repository / name).mkdir()
            for module in ("__init__", "console", "__main__", "cli"):
                (repository / name / f"{module}.py").write_text(code)
        elif number % 2:
            (repository / name).mkdir()
            (repository / name / "__init__.py").write_text(code)
        else:
            (repository / f"{name}.py").write_text(code)
    for program in (repository / "wtcheck-program" / "wtcheck", repository / "git"):
        program.parent.mkdir(exist_ok=True)
        program.write_text(f"#!/bin/sh\necho ran > {marks / program.name}-program\nexit 0\n")
        program.chmod(0o755)


def hostile_environment(repository: Path) -> dict[str, str]:
    """The environment of a commit with every variable that could point Python or the shell into the work tree."""
    return {**os.environ, "PYTHONPATH": f".:{repository}", "PYTHONSTARTUP": str(repository / "yaml.py"),
            "PATH": f"{repository / 'wtcheck-program'}:.:{os.environ['PATH']}", "PYTHONSAFEPATH": "",
            "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


GIT = shutil.which("git") or "git"
"""The real git, found before any environment points into a work tree."""


def commit(repository: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([GIT, "commit", "-m", "Arrangements with a MUST gap"], cwd=repository, capture_output=True,
                          text=True, timeout=120, env=env or {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull,
                                                               "GIT_CONFIG_NOSYSTEM": "1"})


def test_the_git_hook_imports_nothing_from_the_work_tree(wtcheck, repo, tmp_path):  # noqa: F811
    assert wtcheck("hook", "install", cwd=repo).code == 0
    plant(repo, tmp_path / "marks")
    git(repo, "add", "-A")
    for env in (None, hostile_environment(repo)):
        refused = commit(repo, env)
        assert refused.returncode != 0, refused.stdout + refused.stderr
        assert "arrangements.yaml:129:1: WT23-REV-003 must" in refused.stderr
        assert "commit stopped: fix what is listed above" in refused.stderr
        assert sorted(path.name for path in (tmp_path / "marks").iterdir()) == [], "a planted module ran"
    assert git(repo, "log", "--oneline").stdout.count("\n") == 1


@pytest.mark.long
def test_pre_commit_hook_imports_nothing_from_the_work_tree(repo, pre_commit, tmp_path):  # noqa: F811
    plant(repo, tmp_path / "marks")
    git(repo, "add", "-A")
    refused = pre_commit(repo, "arrangements.yaml")  # pre-commit itself, a Python program running git, trusts its PATH
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "arrangements.yaml:129:1: WT23-REV-003 must" in refused.stdout
    assert sorted(path.name for path in (tmp_path / "marks").iterdir()) == [], "a planted module ran"


def _installed_for(repository: Path, python: str) -> None:
    target = repository / ".git" / "hooks" / "pre-commit"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(hook.script(python))
    target.chmod(0o755)


def test_when_its_python_is_gone_the_hook_says_so(repo, tmp_path):  # noqa: F811
    _installed_for(repo, str(tmp_path / "gone" / "bin" / "python3"))
    git(repo, "add", "arrangements.yaml")
    refused = commit(repo)
    assert refused.returncode != 0 and git(repo, "log", "--oneline").stdout.count("\n") == 1, refused.stderr
    assert "the Python this hook runs wtcheck with, is not there any more" in refused.stderr
    assert "fix what is listed above" not in refused.stderr


def test_when_wtcheck_is_not_installed_any_more_the_hook_says_so(repo, tmp_path):  # noqa: F811
    bare = tmp_path / "bare"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True, timeout=120)
    python = str(bare / "bin" / "python")
    _installed_for(repo, python)
    git(repo, "add", "arrangements.yaml")
    refused = commit(repo)
    assert refused.returncode != 0 and git(repo, "log", "--oneline").stdout.count("\n") == 1, refused.stderr
    assert f"wtcheck is not installed for {python} any more" in refused.stderr
    assert "fix what is listed above" not in refused.stderr
    with pytest.raises(WtcheckError, match="cannot be imported so"):  # nor would install write such a hook
        hook._try(python, None)


def test_install_force_keeps_the_hook_it_replaces(wtcheck, repo):  # noqa: F811
    hooks = repo / ".git" / "hooks"
    hooks.mkdir(parents=True, exist_ok=True)
    team = "#!/bin/sh\necho the team's own hook\n"
    (hooks / "pre-commit").write_text(team)
    (hooks / "pre-commit").chmod(0o750)
    replaced = wtcheck("hook", "install", "--force", cwd=repo)
    kept = hooks / "pre-commit.before-wtcheck"
    assert replaced.code == 0 and f"(the hook it replaced is kept as {kept})" in replaced.out, replaced.out
    assert kept.read_text() == team and os.stat(kept).st_mode & 0o777 == 0o750
    assert hook.MARKER in (hooks / "pre-commit").read_text() and os.access(hooks / "pre-commit", os.X_OK)
    again = wtcheck("hook", "install", "--force", cwd=repo)  # wtcheck's own hook is not kept: it is the same
    assert again.code == 0 and "already installed" in again.out and not (hooks / "pre-commit.before-wtcheck.1").exists()
    (hooks / "pre-commit").unlink()
    (repo / "scripts").mkdir()
    (repo / "scripts" / "hook").write_text(team)
    (hooks / "pre-commit").symlink_to(repo / "scripts" / "hook")  # a hook manager's link
    linked = wtcheck("hook", "install", "--force", cwd=repo)
    second = hooks / "pre-commit.before-wtcheck.1"
    assert linked.code == 0 and str(second) in linked.out
    assert second.is_symlink() and (repo / "scripts" / "hook").read_text() == team, "the link is kept, not its file"
    assert not (hooks / "pre-commit").is_symlink()


def test_the_hook_runs_from_a_new_clone_of_a_hostile_repository(wtcheck, tmp_path):
    upstream = new_repo(tmp_path / "upstream")
    plant(upstream, tmp_path / "marks")
    (upstream / "arrangements.yaml").write_text(COMPLETE)
    git(upstream, "add", "-A")
    git(upstream, "commit", "-q", "-m", "Planted")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(upstream), str(clone))
    git(clone, "config", "user.name", "X Example")
    git(clone, "config", "user.email", "x.example@example.org")
    assert wtcheck("hook", "install", cwd=clone).code == 0
    (clone / "arrangements.yaml").write_text(WITH_MUST_GAP)
    git(clone, "add", "arrangements.yaml")
    refused = commit(clone, hostile_environment(clone))
    assert refused.returncode != 0 and "WT23-REV-003 must" in refused.stderr
    assert list((tmp_path / "marks").iterdir()) == []


def test_validate_staged_never_runs_a_git_planted_in_the_repository(wtcheck, repo, tmp_path):  # noqa: F811
    plant(repo, tmp_path / "marks")
    git(repo, "add", "arrangements.yaml")
    env = {name: value for name, value in hostile_environment(repo).items() if not name.startswith("PYTHON")}
    done = subprocess.run([str(Path(sys.executable).parent / "wtcheck"), "validate", "--staged"], cwd=repo,
                          capture_output=True, text=True, timeout=60, env=env)  # a PATH holding "."
    assert done.returncode == 1 and "arrangements.yaml:129:1: WT23-REV-003 must" in done.stdout, done.stderr
    assert list((tmp_path / "marks").iterdir()) == []


def test_a_named_pipe_where_the_hook_goes_is_another_hook_never_read_until_it_ends(repo):  # noqa: F811
    hooks = repo / ".git" / "hooks"
    hooks.mkdir(parents=True, exist_ok=True)
    os.mkfifo(hooks / "pre-commit")
    refused = run_wtcheck("hook", "install", cwd=repo)  # a hang fails after 60 seconds
    assert refused.code == 2 and "a pre-commit hook already exists" in refused.err
    forced = run_wtcheck("hook", "install", "--force", cwd=repo)
    assert forced.code == 0 and stat.S_ISFIFO(os.lstat(hooks / "pre-commit.before-wtcheck").st_mode)
    assert hook.MARKER in (hooks / "pre-commit").read_text()
