"""The user's cache of resolved rulesets and edition headers: used when it is this bundle's, never
stale, never trusted when someone else could have written it, never written for other data."""

from __future__ import annotations

import json
import os

import pytest

from wtcheck.core import cache, resources
from wtcheck.core.editions import editions
from wtcheck.core.ruleset import _build, load_ruleset, ruleset_names


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An empty cache folder of the user's, with nothing built in this process yet."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    resources.reset()
    yield tmp_path / "cache" / "wtcheck"
    resources.reset()


def _entry(home, name):
    return json.loads((home / f"{name}.json").read_text())


def test_a_run_keeps_what_it_built_and_the_next_run_reads_it(home, monkeypatch):
    first = {name: load_ruleset(name) for name in ruleset_names()}
    fresh = {name: _build(name) for name in ruleset_names()}
    known = editions()
    assert sorted(path.name for path in home.iterdir()) == sorted(
        ["editions.json", *(f"ruleset-{name}.json" for name in ruleset_names())])
    assert {_entry(home, f"ruleset-{name}")["key"] for name in ruleset_names()} == {cache.bundle_key()}
    assert oct(os.stat(home).st_mode & 0o777) == "0o700"
    resources.reset()
    monkeypatch.setattr("wtcheck.core.ruleset.raw_ruleset", _not_read)
    for name in ruleset_names():
        assert load_ruleset(name) == first[name] == fresh[name]
    assert editions() == known


def _not_read(name):
    raise AssertionError(f"{name} was read from its YAML although the cache holds it")


def test_an_entry_of_other_bundled_files_is_never_used(home):
    load_ruleset("wt2018")
    entry = _entry(home, "ruleset-wt2018")
    entry["key"] = "0" * 64
    entry["value"]["title"] = "A title from some other wtcheck"
    (home / "ruleset-wt2018.json").write_text(json.dumps(entry))
    resources.reset()
    assert load_ruleset("wt2018").title != "A title from some other wtcheck"
    assert _entry(home, "ruleset-wt2018")["key"] == cache.bundle_key()


def test_the_key_changes_when_a_bundled_file_does(home, tmp_path, monkeypatch):
    before = cache.bundle_key()
    copied = tmp_path / "rulesets"
    copied.mkdir()
    for path in resources.data_dir("rulesets").iterdir():
        (copied / path.name).write_bytes(path.read_bytes())
    bundled = resources._bundled
    monkeypatch.setattr(resources, "_bundled", lambda name: copied if name == "rulesets" else bundled(name))
    resources.reset()
    assert cache.bundle_key() == before  # the same files
    (copied / "wt2023.yaml").write_text((copied / "wt2023.yaml").read_text().replace("must", "should", 1))
    resources.reset()
    assert cache.bundle_key() not in (None, before)


def test_data_read_from_elsewhere_is_never_cached(home, tmp_path):
    copied = tmp_path / "rulesets"
    copied.mkdir()
    for path in resources.data_dir("rulesets").iterdir():
        (copied / path.name).write_bytes(path.read_bytes())
    resources.use("rulesets", copied)
    try:
        assert cache.bundle_key() is None
        load_ruleset("wt2023")
        editions()
        assert not home.exists()
    finally:
        resources.use("rulesets", None)


@pytest.mark.parametrize("garbage", [b"", b"{not json", b'{"key": "%s", "value": {"rules": 3}}', b"[1, 2]"])
def test_a_corrupt_entry_is_ignored_and_built_again(home, garbage):
    expected = load_ruleset("wt2013")
    (home / "ruleset-wt2013.json").write_bytes(garbage.replace(b"%s", (cache.bundle_key() or "").encode()))
    resources.reset()
    assert load_ruleset("wt2013") == expected
    assert _entry(home, "ruleset-wt2013")["value"]["title"] == expected.title


def test_an_entry_others_could_have_written_is_not_trusted(home):
    load_ruleset("wt2015")
    entry = _entry(home, "ruleset-wt2015")
    entry["value"]["title"] = "Planted by another user"
    target = home / "ruleset-wt2015.json"
    target.write_text(json.dumps(entry))
    target.chmod(0o666)
    resources.reset()
    assert load_ruleset("wt2015").title != "Planted by another user"


def test_a_cache_folder_that_cannot_be_written_changes_nothing(home, tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be\n")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    resources.reset()
    assert load_ruleset("wt2023").rules


def test_a_relative_cache_home_is_ignored(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.folder() == tmp_path / ".cache" / "wtcheck"
