"""Batches on every core: the same output, byte for byte, as one process; errors kept as they are;
Ctrl-C still one line, with no worker left behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wtcheck.cli import app
from wtcheck.core import parallel, runner
from wtcheck.core.errors import WtcheckError
from wtcheck.core.ruleset import load_ruleset

from conftest import ROOT, SAMPLES, WTCHECK


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Forty files of every edition, some with gaps, some that cannot be checked, with a departures
    file (one valid departure, one refused) beside them."""
    folder = tmp_path_factory.mktemp("batch")
    samples = sorted(SAMPLES.glob("*.yaml"))
    for number in range(36):
        shutil.copy(samples[number % len(samples)], folder / f"p{number:02d}.yaml")
    (folder / "p36.yaml").write_text("partnership: {name: Broken}\npartnership: again\n")
    (folder / "p37.yaml").write_text("partnership:\n  name: Typo\nfundng: {}\n")
    (folder / "p38.yaml").write_bytes(b"%PDF-1.7 not yaml")
    (folder / "p39.yaml").write_text("edition: 2023\npartnership: {name: Sparse, kind: safeguarding_partnership}\n")
    should = next(rule for rule in load_ruleset("wt2023").rules if rule.level == "should")
    must = next(rule for rule in load_ruleset("wt2023").rules if rule.level == "must")
    fields = ("    reason: Agreed locally.\n    agreed_by: The three partners\n    agreed_on: 2024-03-01\n"
              "    review_by: 2099-03-01\n    expires: 2099-12-31\n")
    (folder / "wtcheck-departures.yaml").write_text(f"departures:\n  {should.id}:\n{fields}  {must.id}:\n{fields}")
    return folder


def _invoke(folder: Path, jobs: str, args: list[str], monkeypatch) -> tuple[int, str]:
    monkeypatch.setenv("WTCHECK_JOBS", jobs)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    monkeypatch.chdir(folder)
    done = CliRunner().invoke(app, args)
    assert done.exception is None or isinstance(done.exception, SystemExit), done.exception
    return done.exit_code, done.stdout


COMMANDS = [
    *(["validate", "--format", name] for name in ("text", "json", "sarif", "junit", "github")),
    ["validate", "--fail-on", "should", "--include-unconfirmed"],
    *(["survey", ".", "--format", name] for name in ("json", "csv", "md", "text")),
    ["survey", ".", "--edition", "2018", "--format", "json"],
    *(["report", "--format", name] for name in ("json", "md")),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_parallel_and_single_process_output_are_identical(batch, args, monkeypatch):
    files = [] if args[0] == "survey" else sorted(path.name for path in batch.glob("p*.yaml"))
    if args[0] == "report":
        files = [name for name in files if name < "p36"]  # a report stops at a file it cannot check
    one = _invoke(batch, "1", [*args, *files], monkeypatch)
    two = _invoke(batch, "2", [*args, *files], monkeypatch)
    assert two == one
    assert one[1].count("p3") > 1 or args[0] == "report"


def test_parallel_and_single_process_baselines_are_identical(batch, tmp_path, monkeypatch):
    files = sorted(path.name for path in batch.glob("p*.yaml") if path.name < "p36")
    written = {}
    for jobs in ("1", "2"):
        target = tmp_path / f"baseline-{jobs}.json"
        assert _invoke(batch, jobs, ["baseline", "-o", str(target), *files], monkeypatch)[0] == 0
        written[jobs] = target.read_text().replace(str(tmp_path), "")
    assert written["1"] == written["2"] and '"gaps": [' in written["1"]
    known = _invoke(batch, "1", ["validate", "--baseline", str(tmp_path / "baseline-1.json"), *files], monkeypatch)
    assert _invoke(batch, "2", ["validate", "--baseline", str(tmp_path / "baseline-1.json"), *files],
                   monkeypatch) == known
    assert "known gap(s) from the baseline left out" in known[1]


def test_an_internal_error_in_a_worker_stops_the_run_as_in_one_process(batch, monkeypatch):
    checked = runner.check_file

    def trips_on_p20(path, *args, **kwargs):
        if str(path).endswith("p20.yaml"):
            raise RuntimeError("an invented internal fault")
        return checked(path, *args, **kwargs)

    monkeypatch.setattr(runner, "check_file", trips_on_p20)
    files = sorted(path.name for path in batch.glob("p*.yaml"))
    outputs = []
    for jobs in ("1", "2"):
        monkeypatch.setenv("WTCHECK_JOBS", jobs)
        monkeypatch.chdir(batch)
        done = CliRunner().invoke(app, ["validate", *files])
        assert isinstance(done.exception, RuntimeError) and str(done.exception) == "an invented internal fault"
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] and "p19.yaml: " in outputs[0] and "p20.yaml" not in outputs[0]
    survey = [_invoke(batch, jobs, ["survey", ".", "--format", "json"], monkeypatch) for jobs in ("1", "2")]
    assert survey[0] == survey[1] and "internal error: RuntimeError: an invented internal fault" in survey[0][1]


def test_ctrl_c_is_one_line_and_leaves_no_worker(tmp_path):
    if not Path("/proc/self/task").is_dir():
        pytest.skip("reads the workers from /proc")
    sample = (SAMPLES / "2023-gaps.yaml").read_bytes()
    names = []
    for number in range(600):
        (tmp_path / f"p{number:03d}.yaml").write_bytes(sample)
        names.append(f"p{number:03d}.yaml")
    process = subprocess.Popen([str(WTCHECK), "validate", *names], cwd=tmp_path, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env={**os.environ, "WTCHECK_JOBS": "2"},
                               start_new_session=True)
    assert process.stdout is not None and process.stdout.readline()  # checking has begun
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    assert len(children) == 2
    os.killpg(process.pid, signal.SIGINT)  # as the terminal sends it: to the whole group
    process.stdout.read()
    assert process.wait(timeout=30) == 130
    assert process.stderr is not None and process.stderr.read() == b"wtcheck: interrupted\n"
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{child}").exists() for child in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(Path(f"/proc/{child}").exists() for child in children)


def test_how_many_processes(monkeypatch):
    monkeypatch.delenv("WTCHECK_JOBS", raising=False)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    assert runner._workers(runner.PARALLEL_FROM - 1) == 1
    assert runner._workers(runner.PARALLEL_FROM) == 2
    monkeypatch.setattr(parallel, "cores", lambda: 1)
    assert runner._workers(10_000) == 1
    monkeypatch.setenv("WTCHECK_JOBS", "1")
    assert runner._workers(10_000) == 1
    monkeypatch.setenv("WTCHECK_JOBS", "4")
    assert runner._workers(3) == 3 and runner._workers(100) == 4
    for wrong in ("0", "two", "-1"):
        monkeypatch.setenv("WTCHECK_JOBS", wrong)
        with pytest.raises(WtcheckError, match="WTCHECK_JOBS must be a whole number"):
            runner._workers(100)


def test_a_wrong_number_of_processes_is_one_line(wtcheck, monkeypatch):
    monkeypatch.setenv("WTCHECK_JOBS", "lots")
    done = wtcheck("validate", str(SAMPLES / "2023-complete.yaml"), cwd=ROOT)
    assert done.code == 2 and done.err == "wtcheck: WTCHECK_JOBS must be a whole number of processes (1 or more), not 'lots'\n"
