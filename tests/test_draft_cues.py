"""The cues ``wtcheck draft`` reads with (cues/draft.yaml): each one finds its examples and leaves its counterexamples."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from wtcheck.core import resources
from wtcheck.core.errors import WtcheckError
from wtcheck.core.loading import load_file
from wtcheck.core.schema import describe_errors
from wtcheck.draft.cues import Cue, Cues, cue_book
from wtcheck.draft.names import finder

from conftest import ROOT

CUES = ROOT / "cues" / "draft.yaml"
NAME_GROUPS = ("partnership_names", "organisations", "thresholds.titles")
"""Cues whose 'name' group is a name: what they find is the name without the words before it."""


def _cues() -> Iterator[tuple[str, Cue]]:
    book = cue_book()

    def walk(data: Any, where: str) -> Iterator[tuple[str, Cue]]:
        if isinstance(data, list) and data and isinstance(data[0], dict) and "pattern" in data[0]:
            for index, compiled in enumerate(book.cues(data, where).cues):
                yield f"{where}[{index}]", compiled
        elif isinstance(data, dict):
            for key, item in data.items():
                if key != "tokens":
                    yield from walk(item, f"{where}.{key}" if where else key)

    yield from walk(book.data, "")


ALL = list(_cues())


def test_the_cue_file_passes_its_schema():
    assert describe_errors("cues", load_file(CUES)) == []
    assert len(ALL) > 80


@pytest.mark.parametrize("where, cue", ALL, ids=[where for where, _ in ALL])
def test_each_cue_finds_its_examples_and_leaves_its_counterexamples(where, cue):
    book = cue_book()
    for example in cue.examples:
        text = example if isinstance(example, str) else example["text"]
        match = cue.pattern.search(text)
        assert match, f"{where} does not find anything in {text!r}"
        if isinstance(example, dict):
            found = _found(match, where, cue)
            assert example["finds"] in found, f"{where} finds {found!r} in {text!r}, not {example['finds']!r}"
    for text in cue.counterexamples:
        match = cue.pattern.search(text)
        assert not match or (where.startswith(NAME_GROUPS) and _trimmed_away(match, cue)), \
            f"{where} finds {match.group(0)!r} in {text!r}, which it should leave alone"
    assert book is cue_book()


def _found(match: re.Match[str], where: str, cue: Cue) -> list[str]:
    """What a match finds: its name (as the drafter takes it, for a name cue), else each of its
    groups and the whole match."""
    groups = match.groupdict()
    if groups.get("name") is not None:
        if where.startswith("organisations"):
            accepted = finder().body_name(where.split(".")[1].split("[")[0], match, Cues((cue,)))
            return [accepted[0]] if accepted else []
        if where.startswith("partnership_names"):
            accepted = finder().partnership_name(match, Cues((cue,)))
            return [accepted[0]] if accepted else []
        if where.startswith(NAME_GROUPS):
            return [finder().trim(groups["name"], 0, Cues((cue,)))[0]]
        return [groups["name"]]
    return [value for value in groups.values() if value is not None] + [match.group(0)]


def _trimmed_away(match: re.Match[str], cue: Cue) -> bool:
    """A name cue's match that the drafter refuses (nothing left but words every name has, or a
    body that only looks like a partner)."""
    where = next(name for name, known in ALL if known is cue)
    return not _found(match, where, cue) or bool(finder().not_partners.search(match.string))


def test_names_of_people_and_bodies_are_matched_with_their_capitals():
    for where, cue in ALL:
        if "{person}" in cue.source or where.startswith(("organisations", "partnership_names")):
            assert not cue.pattern.flags & re.IGNORECASE, f"{where} must match case: true"


def test_every_sector_and_recipient_is_one_the_schema_allows():
    from wtcheck.core.schema import schema

    defs = schema("arrangements")["$defs"]
    book = cue_book()
    assert set(book.data["sectors"]) <= set(defs["sector"]["enum"])
    assert set(book.data["recipients"]["to"]) <= set(defs["recipient"]["properties"]["recipient"]["enum"])
    assert set(book.data["organisations"]) == set(defs["partner_role"]["enum"])


def test_a_broken_cue_file_is_refused_in_one_line(tmp_path):
    folder = tmp_path / "cues"
    shutil.copytree(CUES.parent, folder)
    broken = CUES.read_text().replace("  partners:\n    - pattern: '", "  partners:\n    - pattern: '(", 1)
    (folder / "draft.yaml").write_text(broken)
    resources.use("cues", folder)
    try:
        with pytest.raises(WtcheckError, match=r"bundled cues are broken: sections.partners: .* is not a pattern"):
            cue_book()
    finally:
        resources.use("cues", None)
