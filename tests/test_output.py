"""Output files are written whole or not at all, and never over an input."""

from __future__ import annotations

import os

import pytest

from wtcheck.core.errors import WtcheckError
from wtcheck.shell.output import write_atomic


def test_writes_and_replaces(tmp_path):
    target = tmp_path / "report.html"
    write_atomic(target, "first")
    write_atomic(target, "second")
    assert target.read_text() == "second"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_refuses_to_overwrite_an_input(tmp_path):
    source = tmp_path / "arrangements.yaml"
    source.write_text("partnership: {}\n")
    with pytest.raises(WtcheckError, match="over an input file"):
        write_atomic(tmp_path / "." / "arrangements.yaml", "report", inputs=[source])
    assert source.read_text() == "partnership: {}\n"


def test_missing_folder_and_directory_target(tmp_path):
    with pytest.raises(WtcheckError, match="does not exist"):
        write_atomic(tmp_path / "no" / "such" / "r.md", "x")
    with pytest.raises(WtcheckError, match="is a directory"):
        write_atomic(tmp_path, "x")


def test_interrupted_write_leaves_target_untouched_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "r.md"
    target.write_text("old")

    def interrupted(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    with pytest.raises(WtcheckError, match="cannot write"):
        write_atomic(folder / "r.md", "x")
