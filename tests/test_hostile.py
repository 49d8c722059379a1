"""Hostile and broken input: one clear line and exit 2 for each case, never a traceback or a hang.

Every case of ``tests/hostile/corpus.py`` runs through the installed command
line. Runs are not timed here (``tests/hostile/measure.py`` measures time and
memory); the subprocess timeout only catches a hang.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostile.corpus import CASES, HERE, Case, can_make, prefix_for

from wtcheck.core.schema import MAX_PROBLEMS

from conftest import ROOT, SAMPLES, WTCHECK, Run, run_wtcheck


def refuses_the_file(run: Run, shown: str, case: Case) -> None:
    """Exit 2; on stdout one error line at the case's place that says what to do, then the
    file's summary; nothing on stderr; no control characters (terminal escapes) in the output."""
    assert run.code == 2, run.out + run.err
    assert run.err == "" and "Traceback" not in run.out
    place = f"{shown}:{case.where}" if case.where else shown
    error, summary = run.out.splitlines()
    assert error.startswith(f"{place}: error: ") and case.says in error, error
    assert len(error) < 400, "one short line, not the file's content"
    assert summary == f"{shown}: not checked (1 error(s) to fix first)"
    assert not [char for char in run.out if unicodedata.category(char) == "Cc" and char != "\n"]


def report_refuses_the_file(run: Run, shown: str, case: Case) -> None:
    """Exit 2, no report (or baseline) on stdout, one error line on stderr at the case's place."""
    assert run.code == 2, run.out + run.err
    assert run.out == "" and "Traceback" not in run.err
    place = f"{shown}:{case.where}" if case.where else shown
    (error,) = run.err.splitlines()
    assert error.startswith(f"{place}: error: ") and case.says in error, error
    assert len(error) < 400
    assert not [char for char in run.err if unicodedata.category(char) == "Cc" and char != "\n"]


def survey_lists_the_file(run: Run, shown: str, case: Case) -> None:
    """The survey lists the file as not checked, with the reason and its place (exit 2 when,
    as here, no file could be checked)."""
    assert run.code == 2, run.out + run.err
    assert "Traceback" not in run.out + run.err
    if case.name == "folder.yaml":  # a folder is somewhere to look for files, and it holds none
        assert run.out == "" and run.err == f"wtcheck: no .yaml or .yml files found in {shown}\n"
        return
    model = json.loads(run.out)
    (entry,) = model["not_checked"]
    assert entry["file"] == shown and model["counts"]["checked"] == 0
    (error,) = entry["errors"]
    assert case.says in error["message"] and len(error["message"]) < 400
    if case.where:
        assert f"{error['line']}:{error['column']}" == case.where or str(error["line"]) == case.where


@dataclass(frozen=True)
class Command:
    """A command that reads arrangements files, and what it must do with a hostile one."""

    name: str
    expect: Callable[[Run, str, Case], None]
    options: tuple[str, ...] = ()


COMMANDS = [
    Command("validate", refuses_the_file),
    Command("report", report_refuses_the_file),
    Command("survey", survey_lists_the_file, ("--format", "json")),
    Command("baseline", report_refuses_the_file),
    Command("diff", refuses_the_file, ("2018", "2023")),
]
"""Every command that reads arrangements files, and what it must do with a hostile one."""


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command.name)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_input_gets_one_clear_line_and_exit_2(case, command, tmp_path):
    if not can_make(case):
        pytest.skip(f"{case.name} cannot be made on this system")
    prefix = prefix_for(case)
    if prefix is None:
        pytest.skip("running as root without setpriv: every file is readable")
    path = case.path(tmp_path)
    run = run_wtcheck(command.name, *command.options, path.name, cwd=path.parent, prefix=prefix)
    command.expect(run, path.name, case)


def test_a_hostile_file_does_not_stop_the_others(wtcheck):
    stored = [case for case in CASES if case.make is None]
    run = wtcheck("validate", *[case.name for case in stored], str(SAMPLES / "2023-complete.yaml"), cwd=HERE)
    assert run.code == 2 and run.err == ""
    lines = run.out.splitlines()
    for case in stored:
        assert any(line.startswith(f"{case.name}:") and case.says in line for line in lines), case.name
        assert f"{case.name}: not checked (1 error(s) to fix first)" in lines
    assert f"{SAMPLES / '2023-complete.yaml'}: 0 MUST gap(s), 0 SHOULD gap(s)" in run.out


def test_a_file_with_a_bom_and_crlf_line_endings_loads_normally(wtcheck, tmp_path):
    sample = (SAMPLES / "2023-complete.yaml").read_text(encoding="utf-8")
    windows = tmp_path / "2023-complete.yaml"
    windows.write_bytes(b"\xef\xbb\xbf" + sample.replace("\n", "\r\n").encode())
    assert wtcheck("validate", windows.name, cwd=tmp_path) == wtcheck("validate", "2023-complete.yaml", cwd=SAMPLES)


def test_a_file_with_a_thousand_problems_lists_the_first_hundred(wtcheck, tmp_path):
    (tmp_path / "wrong.yaml").write_text("relevant_agencies:\n  agencies:\n" + "    - not a mapping\n" * 1_000)
    run = wtcheck("validate", "wrong.yaml", cwd=tmp_path)
    errors = [line for line in run.out.splitlines() if ": error: " in line]
    assert run.code == 2 and len(errors) == MAX_PROBLEMS + 1
    assert errors[0].startswith("wrong.yaml:3:7: error: relevant_agencies.agencies[0]: expected details (name, ")
    assert errors[-1] == f"wrong.yaml: error: wtcheck stopped after {MAX_PROBLEMS} problems; fix these and run it again"


def test_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path):
    if sys.platform in ("win32", "darwin"):
        pytest.skip("the file system insists on Unicode names")
    name = os.fsdecode(b"caf\xe9.yaml")
    (tmp_path / name).write_text("a: 1\n")
    done = subprocess.run([str(WTCHECK), "validate", name], cwd=tmp_path, capture_output=True, timeout=60)
    assert done.returncode == 2 and done.stderr == b""
    assert done.stdout.startswith(b"caf\\udce9.yaml:1:1: error: unknown key 'a' at the top level")


INJECT_FAILURE = """
import sys
import wtcheck.core.runner

def fail(*args, **kwargs):
    raise RuntimeError("an invented internal fault")

wtcheck.core.runner.check_file = fail
from wtcheck.cli import main
sys.argv[0] = "wtcheck"
main()
"""
"""Runs the real entry point with the pipeline broken, as a bug in wtcheck would break it."""


def test_an_internal_error_is_one_line_and_debug_shows_the_traceback():
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", INJECT_FAILURE, *args, "samples/2023-complete.yaml"],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)

    quiet = run("validate")
    assert quiet.returncode == 2 and quiet.stdout == ""
    assert quiet.stderr == ("wtcheck: internal error: RuntimeError: an invented internal fault "
                            "(run with --debug for details)\n")
    loud = run("--debug", "validate")
    assert loud.returncode != 0
    assert "Traceback (most recent call last)" in loud.stderr and "RuntimeError: an invented internal fault" in loud.stderr


def _handles_sigterm(pid: int) -> bool:
    """True once the process has installed its own SIGTERM handler (wtcheck's main has started)."""
    status = Path(f"/proc/{pid}/status").read_text()
    caught = int(next(line for line in status.splitlines() if line.startswith("SigCgt:")).split()[1], 16)
    return bool(caught & (1 << (signal.SIGTERM - 1)))


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc to see that wtcheck is running")
@pytest.mark.parametrize("number, code, line", [
    (signal.SIGINT, 130, "wtcheck: interrupted"),
    (signal.SIGTERM, 143, "wtcheck: stopped by SIGTERM"),
], ids=["ctrl-c", "sigterm"])
def test_an_interrupted_run_says_so_in_one_line(number, code, line):
    files = [str(SAMPLES / "2023-gaps.yaml")] * 5_000  # many seconds of work: it is still running when stopped
    process = subprocess.Popen([str(WTCHECK), "validate", *files], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while not _handles_sigterm(process.pid):
            assert process.poll() is None and time.monotonic() < deadline, "wtcheck never started"
            time.sleep(0.01)
        time.sleep(0.2)
        process.send_signal(number)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert (process.returncode, out, err) == (code, "", line + "\n")
