"""The installed console script, run as a real process: the exit-code contract and its streams.

Nearly every other test runs wtcheck's entry point in-process (``conftest.run_wtcheck``); these few
run the console script the README installs, so what holds in-process is shown to hold for it too.
"""

from __future__ import annotations

import pytest

from wtcheck import __version__

from conftest import SAMPLES, run_wtcheck


@pytest.mark.parametrize("args, code", [
    (("validate", "--fail-on", "should", "samples/2023-complete.yaml"), 0),
    (("validate", "samples/2023-gaps.yaml"), 1),
    (("validate", "samples/no-such-file.yaml"), 2),
    (("validate", "--fail-on", "sometimes", "samples/2023-gaps.yaml"), 2),
])
def test_exit_codes_are_the_contract(args, code):
    done = run_wtcheck(*args, process=True)
    assert done.code == code, done.out + done.err
    assert "Traceback" not in done.err


def test_the_process_and_the_in_process_run_say_the_same():
    args = ("validate", "--format", "json", "samples/2023-gaps.yaml")
    real, here = run_wtcheck(*args, process=True), run_wtcheck(*args)
    assert (real.code, real.out.replace(real.out.split('"generated": ')[1][:24], ""), real.err) == \
        (here.code, here.out.replace(here.out.split('"generated": ')[1][:24], ""), here.err)


def test_version_and_a_bad_file_line():
    assert run_wtcheck("--version", process=True).out.strip() == f"wtcheck {__version__}"
    bad = run_wtcheck("validate", str(SAMPLES / "no-such-file.yaml"), process=True)
    assert bad.out.count("\n") == 2 and "no such file" in bad.out
