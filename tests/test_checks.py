"""The generic check functions, one behaviour at a time (dates above all)."""

from __future__ import annotations

import pytest

from wtcheck.core.checks import GAP, JUDGE, MET, PARTIAL, run


def outcome(data: dict, **spec) -> str:
    return run(data, spec).outcome


REPORT = {"annual_report": {"published": "2024-09-30", "previous_published": "2023-09-29",
                            "period": {"start": "2023-04-01", "end": "2024-03-31"}}}


@pytest.mark.parametrize("start, end, expected", [
    ("2023-04-01", "2024-03-31", MET),
    ("2023-04-01", "2024-04-01", GAP),
    ("2023-01-01", "2024-06-30", GAP),
    ("2024-02-29", "2025-02-28", MET),
])
def test_period_months(start, end, expected):
    data = {"p": {"start": start, "end": end}}
    assert outcome(data, fn="period_months", start="p.start", end="p.end", max=12) == expected


@pytest.mark.parametrize("previous, published, expected", [
    ("2023-09-29", "2024-09-29", MET),
    ("2023-09-29", "2024-09-30", GAP),
    ("2024-10-01", "2024-09-30", GAP),
])
def test_months_between_is_at_most_max_and_never_backwards(previous, published, expected):
    data = {"a": {"previous_published": previous, "published": published}}
    result = run(data, {"fn": "months_between", "from": "a.previous_published", "to": "a.published", "max": 12})
    assert result.outcome == expected
    if published < previous:
        assert "is before" in result.detail


def test_months_between_uses_the_first_date_given():
    spec = {"fn": "months_between", "from": ["a.first", "a.published"], "to": "a.implemented", "max": 3}
    assert outcome({"a": {"first": "2019-06-20", "published": "2021-01-01", "implemented": "2019-09-02"}}, **spec) == MET
    assert outcome({"a": {"first": "2019-05-01", "published": "2019-09-01", "implemented": "2019-09-02"}}, **spec) == GAP
    assert outcome({"a": {"published": "2019-06-20", "implemented": "2019-09-02"}}, **spec) == MET
    assert outcome({"a": {"implemented": "2019-09-02"}}, **spec) == GAP


@pytest.mark.parametrize("when, expected", [("2023-04-01", MET), ("2023-01-01", GAP), (None, GAP)])
def test_date_is(when, expected):
    data = {"p": {"start": when}} if when else {}
    result = run(data, {"fn": "date_is", "path": "p.start", "month": 4, "day": 1})
    assert result.outcome == expected
    if when == "2023-01-01":
        assert result.detail == "p.start is 2023-01-01, not 1 April"


@pytest.mark.parametrize("sent, expected", [("2024-10-07", MET), ("2024-10-08", GAP)])
def test_date_by_days_after(sent, expected):
    data = {**REPORT, "sent": sent}
    assert outcome(data, fn="date_by", path="sent", after="annual_report.published", days=7) == expected


@pytest.mark.parametrize("published, expected", [("2019-06-29", MET), ("2019-06-30", GAP), ("2018-01-01", GAP)])
def test_date_by_window(published, expected):
    data = {"a": {"published": published}}
    assert outcome(data, fn="date_by", path="a.published", earliest="2018-06-29", latest="2019-06-29") == expected


MEMBERS = {"members": [
    {"body": "police", "senior": True},
    {"body": "probation", "senior": False},
    {"body": "lay_member"},
]}


def test_every_with_where_and_except():
    spec = {"fn": "every", "path": "members", "where": {"senior": True}, "except": {"body": ["lay_member"]}}
    result = run(MEMBERS, spec)
    assert result.outcome == PARTIAL and result.detail == "item(s) 2 of members lack senior: yes"
    assert outcome({"members": MEMBERS["members"][:1] + MEMBERS["members"][2:]}, **spec) == MET
    assert outcome({"members": [{"body": "lay_member"}]}, **spec) == GAP


def test_every_with_fields_still_works():
    spec = {"fn": "every", "path": "c", "fields": ["amount", "share"]}
    assert outcome({"c": [{"amount": 1}, {"share": 2}]}, **spec) == MET
    assert outcome({"c": [{"amount": 1}, {"kind": "x"}]}, **spec) == PARTIAL


def test_present_and_judge_name_what_is_missing():
    assert run({}, {"fn": "present", "path": "chair.escalation"}).detail == (
        "missing how the chair escalates unresolved concerns (chair.escalation)")
    assert run({"a": "x"}, {"fn": "judge", "path": "a"}).outcome == JUDGE


def test_any_prefers_met_then_judge_then_partial():
    spec = {"fn": "any", "checks": [{"fn": "count", "path": "m", "min": 2}, {"fn": "judge", "path": "steps"}]}
    assert outcome({"m": [1, 2]}, **spec) == MET
    assert outcome({"m": [1], "steps": "advertised twice"}, **spec) == JUDGE
    assert outcome({"m": [1]}, **spec) == PARTIAL


@pytest.mark.parametrize("start, end, months, expected", [
    ("2024-01-31", "2024-02-29", 1, MET),
    ("2024-01-31", "2024-03-01", 1, GAP),
    ("2024-01-15", "2024-02-14", 1, MET),
    ("2024-01-15", "2024-02-15", 1, GAP),
])
def test_period_months_from_the_end_of_a_month(start, end, months, expected):
    data = {"p": {"start": start, "end": end}}
    assert outcome(data, fn="period_months", start="p.start", end="p.end", max=months) == expected


PARTNERS = {"fn": "each_has", "path": "p", "key": "partner", "values": ["local_authority", ["ccg", "icb"], "police"],
            "field": "organisation"}
COMPLETE = [{"partner": "local_authority", "organisation": "Kestrelford Borough Council"},
            {"partner": "icb", "organisation": "Kestrelford ICB"},
            {"partner": "police", "organisation": "Kestrelford Constabulary"}]


def test_each_has_checks_every_matching_item_and_points_at_the_first_failing_one():
    second_incomplete = run({"p": [*COMPLETE, {"partner": "local_authority"}]}, PARTNERS)
    assert (second_incomplete.outcome, second_incomplete.path) == (PARTIAL, ("p", 3))
    assert second_incomplete.detail == "missing organisation for partner: local_authority"
    first_incomplete = run({"p": [{"partner": "local_authority"}, *COMPLETE]}, PARTNERS)
    assert (first_incomplete.outcome, first_incomplete.path) == (PARTIAL, ("p", 0))
    two_complete = run({"p": [*COMPLETE, {"partner": "local_authority", "organisation": "Fernmouth Council"}]},
                       PARTNERS)
    assert two_complete.outcome == MET
    absent = run({"p": COMPLETE[1:]}, PARTNERS)
    assert (absent.outcome, absent.path, absent.detail) == (PARTIAL, ("p",),
                                                             "missing organisation for partner: local_authority")


def test_each_has_lists_the_items_it_looked_at():
    result = run({"p": [{"partner": "police"}, {"partner": "other"}, *COMPLETE]}, PARTNERS)
    assert result.sources == (("p", 0), ("p", 2), ("p", 3), ("p", 4))


def test_combined_details_name_each_missing_item_once():
    dates = {"fn": "all", "checks": [
        {"fn": "date_by", "path": "r.sent_to[recipient=panel].sent", "after": "r.published", "days": 7},
        {"fn": "date_by", "path": "r.sent_to[recipient=foundations].sent", "after": "r.published", "days": 7}]}
    assert run({}, dates).detail == ("missing r.sent_to[recipient=panel].sent; "
                                     "missing r.sent_to[recipient=foundations].sent")
    twice = {"fn": "any", "checks": [{"fn": "present", "path": "a.b"}, {"fn": "judge", "path": "a.b"}]}
    assert run({}, twice).detail == "missing a.b"
    stated = {"fn": "all", "checks": [{"fn": "equals", "path": "c.agreed", "value": True},
                                      {"fn": "at_most", "path": "c.days", "max": 5}]}
    assert run({}, stated).detail == "missing c.agreed; missing c.days"
    assert run({"c": {"agreed": False, "days": 9}}, stated).detail == "c.agreed is no; c.days is 9"
