"""The user's cache of built rulesets is read like every other file: an entry that is a named pipe,
a device, a link, a folder, huge or nested thousands deep is passed over (built again), never
waited on and never an internal error; an interrupted write leaves no temporary file."""

from __future__ import annotations

import os

import pytest
from test_cache import home  # noqa: F401 (the fixture)

from wtcheck.core import cache
from wtcheck.core.ruleset import load_ruleset

from conftest import run_wtcheck


def _pipe(path):
    os.mkfifo(path)


def _link(path):
    target = path.parent / "elsewhere.json"
    target.write_text('{"key": "x", "value": null}')
    path.symlink_to(target)


ENTRIES = {
    "named-pipe": _pipe,
    "device": lambda path: path.symlink_to("/dev/zero"),
    "link": _link,
    "folder": lambda path: path.mkdir(),
    "huge": lambda path: path.write_bytes(b" " * (21 * 1024 * 1024)),
    "deep": lambda path: path.write_bytes(b"[" * 100_000 + b"]" * 100_000),
    "not-utf8": lambda path: path.write_bytes(b"\xe9"),
}


@pytest.mark.parametrize("kind", ENTRIES)
def test_a_hostile_cache_entry_is_passed_over(home, kind):  # noqa: F811
    home.mkdir(parents=True, mode=0o700)
    ENTRIES[kind](home / "ruleset-wt2023.json")
    assert cache.read("ruleset-wt2023") is None  # a hang fails after the run's 60 seconds below
    run = run_wtcheck("validate", "samples/2023-gaps.yaml")
    assert run.code == 1 and "internal error" not in run.err, run.err
    assert load_ruleset("wt2023").rules


def test_an_interrupted_write_leaves_no_temporary_file(home, monkeypatch):  # noqa: F811
    def interrupted(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        cache.write("editions", {"a": 1})
    assert [path.name for path in home.iterdir()] == []
