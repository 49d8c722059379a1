"""Limit tables for the generic check functions that are not about dates: each at its limit, one
past, one short, and with what is missing, empty or of the wrong kind (the date checks have
theirs in tests/test_checks.py)."""

from __future__ import annotations

import pytest

from wtcheck.core.checks import CHECKS, run
from wtcheck.core.vocabulary import GAP, JUDGE, MET, PARTIAL

from conftest import ROOT


def outcome(data: dict, **spec) -> str:
    return run(data, spec).outcome


@pytest.mark.parametrize("value, expected", [
    ("Kim Lee", MET), ("  ", GAP), ("", GAP), (None, GAP), ([], GAP), ({}, GAP), (["x"], MET), (0, MET),
    (False, MET), ({"summary": "given"}, MET), ({"summary": " "}, GAP), ({"evidence": {"document": "d"}}, GAP),
    ({"summary": "given", "evidence": {}}, MET), ({"other": 1}, MET),
])
def test_present_and_judge(value, expected):
    assert outcome({"a": {"b": value}}, fn="present", path="a.b") == expected
    assert outcome({"a": {"b": value}}, fn="judge", path="a.b") == (JUDGE if expected == MET else GAP)


def test_present_when_the_path_is_missing_points_as_far_as_the_document_goes():
    result = run({"a": {}}, {"fn": "present", "path": "a.b.c"})
    assert (result.outcome, result.path, result.detail) == (GAP, ("a",), "missing a.b.c")
    assert run({}, {"fn": "present", "path": "a.b"}).path == ()


@pytest.mark.parametrize("value, wanted, expected", [
    (True, True, MET), (False, True, GAP), (None, True, GAP), ("true", True, GAP), (1, True, MET),
    (15, 15, MET), (16, 15, GAP), (14, 15, GAP), ("x", "x", MET), ("X", "x", GAP),
])
def test_equals(value, wanted, expected):
    data = {"a": value} if value is not None else {}
    assert outcome(data, fn="equals", path="a", value=wanted) == expected


def test_equals_says_what_was_given():
    assert run({"a": False}, {"fn": "equals", "path": "a", "value": True}).detail == "a is no"
    assert run({"a": "ccg"}, {"fn": "equals", "path": "a", "value": "icb"}).detail == "a is 'ccg'"


@pytest.mark.parametrize("value, expected", [("icb", MET), ("ccg", GAP), ("", GAP), (None, GAP), ("ICB", GAP)])
def test_one_of(value, expected):
    assert outcome({"a": value}, fn="one_of", path="a", values=["icb", "police"]) == expected


@pytest.mark.parametrize("items, expected", [
    ([], GAP), (["a"], PARTIAL), (["a", "b"], PARTIAL), (["a", "b", "c"], MET), (["a", "b", "c", "d"], MET),
    ("not a list", GAP), (None, GAP),
])
def test_count_at_its_limit(items, expected):
    assert outcome({"l": items}, fn="count", path="l", min=3) == expected


def test_count_counts_only_what_matches_where():
    items = [{"kind": "school", "role": ["strategic", "operational"]}, {"kind": "school", "role": ["operational"]},
             {"kind": "police"}]
    spec = {"fn": "count", "path": "l", "min": 2, "where": {"kind": "school"}}
    assert outcome({"l": items}, **spec) == MET
    assert outcome({"l": items}, **{**spec, "where": {"kind": "school", "role": "strategic"}}) == PARTIAL
    assert outcome({"l": items}, **{**spec, "where": {"kind": ["school", "police"]}, "min": 3}) == MET
    assert run({"l": items}, spec).detail == "2 of at least 2 given in l (kind: school)"


@pytest.mark.parametrize("given, expected, detail", [
    (["a", "b", "c"], MET, ""), (["a", "b"], PARTIAL, "missing from l: c"), ([], GAP, "missing from l: a, b, c"),
    (["c", "b", "a", "d"], MET, ""), (None, GAP, "missing from l: a, b, c"),
])
def test_includes_all(given, expected, detail):
    result = run({"l": given}, {"fn": "includes", "path": "l", "values": ["a", "b", "c"]})
    assert (result.outcome, result.detail) == (expected, detail)


def test_includes_any_and_items_by_field():
    assert outcome({"l": ["c"]}, fn="includes", path="l", values=["a", "c"], require="any") == MET
    assert outcome({"l": ["b"]}, fn="includes", path="l", values=["a", "c"], require="any") == GAP
    items = [{"topic": "a"}, {"name": "b"}]
    assert outcome({"l": items}, fn="includes", path="l", values=["a"]) == MET
    assert outcome({"l": items}, fn="includes", path="l", values=["b"], field="name") == MET
    assert outcome({"l": items}, fn="includes", path="l", values=["b"]) == GAP


PARTNERS = [{"partner": "local_authority", "lead": {"name": "A"}}, {"partner": "icb", "lead": {"name": "B"}},
            {"partner": "police", "lead": {"name": "C"}}]


@pytest.mark.parametrize("drop, expected", [(None, MET), (2, PARTIAL), ("all", GAP)])
def test_each_has_every_value(drop, expected):
    items = [] if drop == "all" else [item for index, item in enumerate(PARTNERS) if index != drop]
    spec = {"fn": "each_has", "path": "p", "key": "partner", "values": ["local_authority", "icb", "police"],
            "field": "lead.name"}
    assert outcome({"p": items}, **spec) == expected


def test_each_has_checks_every_matching_item_and_points_at_the_first_lacking_one():
    two_authorities = [*PARTNERS, {"partner": "local_authority"}]
    spec = {"fn": "each_has", "path": "p", "key": "partner", "values": ["local_authority", "icb", "police"],
            "field": "lead.name"}
    result = run({"p": two_authorities}, spec)
    assert (result.outcome, result.path, result.detail) == (PARTIAL, ("p", 3), "missing lead.name for partner: local_authority")
    assert run({"p": PARTNERS}, {**spec, "values": [["icb", "ccg"], "police"]}).outcome == MET
    assert run({"p": PARTNERS[:1]}, {**spec, "values": [["icb", "ccg"]]}).detail == "missing lead.name for partner: icb or ccg"


@pytest.mark.parametrize("items, expected", [
    ([{"a": 1}, {"a": 2}], MET), ([{"a": 1}, {"b": 2}], PARTIAL), ([{"b": 1}], GAP), ([], GAP),
    ([{"a": 1}, {"b": 2, "skip": True}], MET),
])
def test_every(items, expected):
    assert outcome({"l": items}, fn="every", path="l", fields=["a"], **{"except": {"skip": True}}) == expected


def test_every_with_where_and_its_detail():
    items = [{"a": 1, "k": "x"}, {"a": 2, "k": "y"}, {"k": "x"}]
    result = run({"l": items}, {"fn": "every", "path": "l", "fields": ["a"], "where": {"k": ["x", "y"]}})
    assert (result.outcome, result.detail) == (PARTIAL, "item(s) 3 of l lack a")
    assert run({"l": items}, {"fn": "every", "path": "l", "where": {"k": "x"}}).detail == "item(s) 2 of l lack k: 'x'"


@pytest.mark.parametrize("value, expected", [(100, MET), (100.0, MET), (100.01, GAP), (99, MET), (0, MET),
                                             (True, GAP), ("90", GAP), (None, GAP)])
def test_at_most_at_its_limit(value, expected):
    assert outcome({"a": value}, fn="at_most", path="a", max=100) == expected


def test_all_and_any_combine_outcomes():
    met, gap, judge = ({"fn": "present", "path": "m"}, {"fn": "present", "path": "g"}, {"fn": "judge", "path": "m"})
    data = {"m": "given"}
    assert outcome(data, fn="all", checks=[met, met]) == MET
    assert outcome(data, fn="all", checks=[met, judge]) == JUDGE
    assert outcome(data, fn="all", checks=[met, gap]) == PARTIAL
    assert outcome(data, fn="all", checks=[gap, gap]) == GAP
    assert outcome(data, fn="any", checks=[gap, met]) == MET
    assert outcome(data, fn="any", checks=[gap, judge]) == JUDGE
    assert outcome(data, fn="any", checks=[gap, gap]) == GAP
    assert run(data, {"fn": "all", "checks": [met, gap]}).detail == "missing g"


def test_every_check_function_has_a_limit_table():
    tested = {"present", "judge", "equals", "one_of", "count", "includes", "each_has", "every", "at_most", "all", "any"}
    dated = {"date_by", "period_months", "months_between", "date_is"}  # tests/test_checks.py
    elsewhere = {"none_match": "test_none_match.py", "each": "test_each_check.py", "on_register": "test_registers.py",
                 "held": "test_roles_and_conditions.py", "judge_if": "test_roles_and_conditions.py"}
    assert all((ROOT / "tests" / name).is_file() for name in elsewhere.values())
    untested = set(CHECKS) - tested - dated - set(elsewhere)
    assert not untested, f"check functions without a limit table: {untested}"


@pytest.mark.parametrize("when, expected", [("2023-04-01", MET), ("2023-04-02", GAP), ("2023-03-31", GAP),
                                            ("2023-05-01", GAP), ("2024-04-01", MET)])
def test_date_is_needs_the_day_and_the_month(when, expected):
    """Both parts of the day of the year count: the same month on another day is not it."""
    assert outcome({"p": when}, fn="date_is", path="p", month=4, day=1) == expected
