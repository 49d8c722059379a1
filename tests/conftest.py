"""Shared helpers: run the installed ``wtcheck`` as a user would, and find the bundled files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
WTCHECK = Path(sys.executable).parent / "wtcheck"


@dataclass
class Run:
    """What a run of the command printed and returned."""

    code: int
    out: str
    err: str


def run_wtcheck(*args: str, cwd: Path | None = None, stdin: str | None = None,
                prefix: tuple[str, ...] = (), process: bool = False, env: dict[str, str] | None = None) -> Run:
    """Run wtcheck as a user would: its entry point in this process, with its own argv, working
    folder, standard streams, ``env`` added to the environment, and exit code (``process``: the
    installed console script in a real subprocess, after ``prefix``, a command that runs it, if
    given); a run that hangs fails after 60 seconds."""
    if process or prefix:
        assert WTCHECK.exists(), f"wtcheck is not installed next to {sys.executable}"
        done = subprocess.run([*prefix, str(WTCHECK), *args], cwd=cwd or ROOT, capture_output=True, text=True,
                              input=stdin, timeout=60, env={**os.environ, **(env or {})})
        return Run(done.returncode, done.stdout, done.stderr)
    return _in_process(list(args), cwd or ROOT, stdin, env or {})


def _in_process(args: list[str], cwd: Path, stdin: str | None, env: dict[str, str]) -> Run:
    """``wtcheck.cli.main`` run here as the console script runs it, everything it may change put back;
    still running after 60 seconds, it is stopped (an internal error, as the run's output says)."""
    import io
    import signal

    from wtcheck.cli import main

    def hang(_number: int, _frame: object) -> None:
        raise TimeoutError("still running after 60 seconds: a hang")

    saved = (sys.argv, sys.stdin, sys.stdout, sys.stderr, os.getcwd(), dict(os.environ),
             signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGALRM))
    out, err = io.BytesIO(), io.BytesIO()
    os.environ.update(env)
    signal.signal(signal.SIGALRM, hang)
    signal.alarm(60)
    sys.argv = ["wtcheck", *args]
    sys.stdin = io.TextIOWrapper(io.BytesIO((stdin or "").encode()), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", newline="", write_through=True)
    code: int | str | None = 0
    try:
        os.chdir(cwd)
        main()
    except SystemExit as exc:
        code = exc.code
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, saved[8])
        sys.stdout.flush()
        sys.stderr.flush()
        written = out.getvalue().decode(), err.getvalue().decode()
        os.chdir(saved[4])
        os.environ.clear()
        os.environ.update(saved[5])
        signal.signal(signal.SIGINT, saved[6])
        signal.signal(signal.SIGTERM, saved[7])
        sys.argv, sys.stdin, sys.stdout, sys.stderr = saved[:4]
    return Run(code if isinstance(code, int) else (0 if code is None else 1), *written)


@pytest.fixture(autouse=True, scope="session")
def _cache_home(tmp_path_factory):
    """The cache wtcheck keeps (``wtcheck.core.cache``) in a folder of the test run's, never the user's."""
    import os

    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache-home"))


@pytest.fixture
def wtcheck():
    """The ``run_wtcheck`` helper, as a fixture."""
    return run_wtcheck


@pytest.fixture
def edited_ruleset(tmp_path, monkeypatch):
    """A function that copies bundled rulesets to a folder wtcheck then loads them from, with one
    text replaced in one of them; returns the edited text. The ruleset cache is cleared either side."""
    from wtcheck.core import resources

    folder = tmp_path / "rulesets"
    folder.mkdir()
    (folder / "sources.yaml").write_text((ROOT / "rulesets" / "sources.yaml").read_text())
    resources.use("rulesets", folder)

    def edit(names: tuple[str, ...], name: str, old: str, new: str) -> str:
        for copied in names:
            (folder / f"{copied}.yaml").write_text((ROOT / "rulesets" / f"{copied}.yaml").read_text())
        text = (folder / f"{name}.yaml").read_text()
        assert old in text
        (folder / f"{name}.yaml").write_text(text.replace(old, new))
        resources.reset()
        return text.replace(old, new)

    yield edit
    resources.use("rulesets", None)


def check(path, edition=None, **options):
    """Check one file in-process, as the runner does (``options``: those of :class:`Request`)."""
    from wtcheck.core.runner import Request, check_file

    return check_file(path, Request((edition,), **options))


def survey_of(paths, edition=None):
    """The survey model of ``paths`` (files, or folders searched as ``wtcheck survey`` does), in-process."""
    from wtcheck.core.runner import Request, run
    from wtcheck.models import survey
    from wtcheck.shell.inputs import survey_files

    results = run(survey_files([Path(path) for path in paths]), Request((edition,), isolate=True))
    return survey.build(list(survey.survey_rows(results)), edition)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The few long tests (marked ``long``) start first, so that on several workers (``-n auto``)
    they run beside the rest rather than after it; the others keep their order."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


@pytest.fixture(scope="session")
def pre_commit(tmp_path_factory) -> Callable[..., subprocess.CompletedProcess]:
    """Run the wtcheck hook through pre-commit in a repository whose ``.pre-commit-config.yaml``
    names this project's tree (committed in a repository of its own) as users name wtcheck's:
    ``pre_commit(repository, *files)``. pre-commit builds the hook's environment once a session."""
    copy = tmp_path_factory.mktemp("wtcheck-repo") / "wtcheck"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".git", ".venv", "*.egg-info", "__pycache__", ".pytest_cache",
                                                             ".hypothesis", "build", "dist", "node_modules"))
    quiet = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    for args in (("init", "-q", "-b", "main"), ("config", "user.name", "X Example"),
                 ("config", "user.email", "x@example.org"), ("add", "-A"), ("commit", "-q", "-m", "wtcheck as tested")):
        subprocess.run(["git", *args], cwd=copy, check=True, capture_output=True, env=quiet)
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=copy, check=True, capture_output=True, text=True).stdout.strip()
    env = {**quiet, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home"))}
    executable = str(Path(sys.executable).parent / "pre-commit")  # installed by the test extra

    def run(repository: Path, *files: str) -> subprocess.CompletedProcess:
        (repository / ".pre-commit-config.yaml").write_text(
            f"repos:\n  - repo: {copy.as_uri()}\n    rev: {rev}\n    hooks:\n      - id: wtcheck\n")
        return subprocess.run([executable, "run", "--files", *files], cwd=repository, capture_output=True, text=True,
                              env=env, timeout=900)
    return run
