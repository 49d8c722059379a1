"""The ``each`` check: every item of a non-empty list meets a check whose paths are taken from the item;
and ``count`` naming what it counted when it counts only some items."""

from __future__ import annotations

import json

import pytest

from wtcheck.core.checks import GAP, JUDGE, MET, PARTIAL, run

CORE = {"fn": "all", "checks": [
    {"fn": "count", "path": "members", "min": 1, "where": {"role": "health", "nominated_by": "icb"}},
    {"fn": "count", "path": "members", "min": 1, "where": {"role": "police", "nominated_by": "police"}},
]}
SPEC = {"fn": "each", "path": "teams", "check": CORE}
TEAM = {"name": "North", "members": [{"role": "health", "nominated_by": "icb"}, {"role": "police", "nominated_by": "police"}]}


def teams(*items):
    return {"teams": [json.loads(json.dumps(item)) for item in items]}


def test_every_item_meeting_it_is_met_and_every_place_looked_at_is_kept():
    result = run(teams(TEAM, TEAM), SPEC)
    assert result.outcome == MET and result.path == ("teams",) and result.detail == ""
    assert ("teams", 0, "members") in result.sources and ("teams", 1, "members") in result.sources


@pytest.mark.parametrize("data", [{}, {"teams": []}, {"teams": None}, {"teams": "North"}])
def test_no_list_or_an_empty_one_is_a_gap(data):
    result = run(data, SPEC)
    assert result.outcome == GAP and result.detail == "missing teams"


def test_one_item_failing_of_two_is_partial_and_points_at_it():
    second = {"name": "South", "members": [{"role": "health", "nominated_by": "local_authority"},
                                           {"role": "police", "nominated_by": "police"}]}
    result = run(teams(TEAM, second), SPEC)
    assert result.outcome == PARTIAL
    assert result.path == ("teams", 1, "members")
    assert result.detail == "item 2: 0 of at least 1 given in members (role: health, nominated_by: icb)"


def test_every_item_failing_wholly_is_a_gap_naming_each():
    empty = {"name": "East", "members": []}
    result = run(teams(empty, empty), SPEC)
    assert result.outcome == GAP and result.path == ("teams", 0, "members")
    assert result.detail.startswith("item 1: 0 of at least 1 given in members (role: health")
    assert "item 2: " in result.detail


def test_an_item_partly_meeting_it_makes_the_whole_partial():
    half = {"members": [{"role": "health", "nominated_by": "icb"}]}
    assert run(teams(half), SPEC).outcome == PARTIAL


def test_an_item_that_is_not_a_mapping_fails_without_an_error():
    result = run({"teams": [TEAM, "South"]}, SPEC)
    assert result.outcome == PARTIAL and result.path == ("teams", 1)


def test_an_item_to_judge_makes_the_whole_to_judge():
    spec = {"fn": "each", "path": "teams", "check": {"fn": "judge", "path": "name"}}
    assert run(teams(TEAM), spec).outcome == JUDGE
    assert run(teams(TEAM, {"members": []}), spec).outcome == PARTIAL


def test_count_without_where_keeps_its_words():
    assert run({"a": [1]}, {"fn": "count", "path": "a", "min": 2}).detail == "1 of at least 2 given in a"


def test_count_names_alternatives_and_yes_or_no_in_words():
    spec = {"fn": "count", "path": "a", "min": 1, "where": {"sector": ["school", "college"], "designated": True}}
    assert run({"a": []}, spec).detail == "0 of at least 1 given in a (sector: school or college, designated: yes)"
