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


@pytest.fixture
def edited_ruleset(tmp_path, monkeypatch):
    """A function that copies bundled rulesets to a folder wtcheck then loads them from, with one
    text replaced in one of them; returns the edited text. The ruleset cache is cleared either side."""
    import wtcheck.core.ruleset as ruleset_module

    folder = tmp_path / "rulesets"
    folder.mkdir()
    monkeypatch.setattr(ruleset_module, "data_dir", lambda name: folder)

    def edit(names: tuple[str, ...], name: str, old: str, new: str) -> str:
        for copied in names:
            (folder / f"{copied}.yaml").write_text((ROOT / "rulesets" / f"{copied}.yaml").read_text())
        text = (folder / f"{name}.yaml").read_text()
        assert old in text
        (folder / f"{name}.yaml").write_text(text.replace(old, new))
        ruleset_module.load_ruleset.cache_clear()
        return text.replace(old, new)

    yield edit
    ruleset_module.load_ruleset.cache_clear()
