"""Shared helpers: run the installed ``wtcheck`` as a user would, and find the bundled files."""

from __future__ import annotations

import subprocess
import sys
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
                prefix: tuple[str, ...] = ()) -> Run:
    """Run the installed ``wtcheck`` console script in a subprocess (after ``prefix``, a command
    that runs it, if given); a run that hangs fails after 60 seconds."""
    assert WTCHECK.exists(), f"wtcheck is not installed next to {sys.executable}"
    done = subprocess.run([*prefix, str(WTCHECK), *args], cwd=cwd or ROOT, capture_output=True, text=True,
                          input=stdin, timeout=60)
    return Run(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def wtcheck():
    """The ``run_wtcheck`` helper, as a fixture."""
    return run_wtcheck
