"""Dates as precise as the document: a day, a month or a year, and the days each could mean; each
date check met for all of them, a gap for none, and for a person to judge when it depends on the day."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from wtcheck.core.checks import GAP, JUDGE, MET, run
from wtcheck.core.dates import END, POINT, START, add_months, role_of, span
from wtcheck.core.editions import choose
from wtcheck.core.errors import WtcheckError
from wtcheck.core.loading import load_bytes
from wtcheck.core.schema import validate_document

D = dt.date


@pytest.mark.parametrize("value, role, earliest, latest, count, precision", [
    ("2019-06-21", POINT, D(2019, 6, 21), D(2019, 6, 21), 1, "day"),
    ("2019-06", POINT, D(2019, 6, 1), D(2019, 6, 30), 30, "month"),
    ("2019-06", START, D(2019, 6, 1), D(2019, 6, 1), 1, "month"),
    ("2019-06", END, D(2019, 6, 30), D(2019, 6, 30), 1, "month"),
    ("2024-02", END, D(2024, 2, 29), D(2024, 2, 29), 1, "month"),
    (2019, POINT, D(2019, 1, 1), D(2019, 12, 31), 365, "year"),
    ("2020", POINT, D(2020, 1, 1), D(2020, 12, 31), 366, "year"),
    (2023, START, D(2023, 1, 1), D(2023, 12, 1), 12, "year"),
    (2024, END, D(2024, 1, 31), D(2024, 12, 31), 12, "year"),
])
def test_the_days_a_written_date_could_mean(value, role, earliest, latest, count, precision):
    found = span(value, role)
    assert (found.earliest, found.latest, len(found.days), found.precision) == (earliest, latest, count, precision)
    assert found.written == str(value)


@pytest.mark.parametrize("value", ["June 2019", "2019-13", "2019-02-30", "19", True, None, 2019.5, "", "2019-6",
                                   "2019-06-21T10:30:00", [2019], "0000"])
def test_what_is_not_a_date(value):
    assert span(value) is None


def test_a_role_comes_from_the_key_and_months_add_to_the_last_day():
    assert [role_of(path) for path in ("a.period.start", "a.period.end", "a.published")] == [START, END, POINT]
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)


def date_by(value, **limits):
    return run({"a": {"d": value}}, {"fn": "date_by", "path": "a.d", **limits})


@pytest.mark.parametrize("value, outcome", [
    ("2019-06-29", MET), ("2019-06-30", GAP), ("2019-06", JUDGE), ("2019-05", MET), ("2019-07", GAP),
    (2019, JUDGE), (2018, MET), (2020, GAP)])
def test_date_by_a_deadline(value, outcome):
    assert date_by(value, latest="2019-06-29").outcome == outcome


def test_date_by_a_window_says_which_side_is_in_doubt():
    window = {"earliest": "2023-12-15", "latest": "2024-12-31"}
    assert date_by("2023-12", **window).detail == "a.d 2023-12 may be before 2023-12-15: the document gives only the month"
    assert date_by("2024", **window).outcome == MET
    assert date_by("2023-12-14", **window).detail == "2023-12-14 is before 2023-12-15"
    assert date_by("2025-01", **window).detail == "2025-01 is after 2024-12-31"
    wide = date_by(2024, earliest="2024-03-01", latest="2024-10-31")
    assert wide.detail == "a.d 2024 may be before 2024-03-01 or after 2024-10-31: the document gives only the year"


def sent(sent_value, published):
    data = {"r": {"published": published, "sent": sent_value}}
    return run(data, {"fn": "date_by", "path": "r.sent", "after": "r.published", "days": 7})


@pytest.mark.parametrize("sent_value, published, outcome", [
    ("2024-10-04", "2024-09-27", MET), ("2024-10-05", "2024-09-27", GAP), ("2024-10", "2024-09-27", JUDGE),
    ("2024-11", "2024-09-27", GAP), ("2024-10-02", "2024-09", JUDGE), ("2024-09", "2024-09", JUDGE),
    ("2024-11-01", "2024-09", GAP), (2024, 2024, JUDGE), (2026, 2024, GAP)])
def test_date_by_some_days_after_another_date(sent_value, published, outcome):
    assert sent(sent_value, published).outcome == outcome


def test_days_late_are_exact_for_days_and_at_least_for_a_month():
    assert sent("2024-10-05", "2024-09-27").detail == "1 day(s) late"
    assert sent("2024-11", "2024-09-27").detail == "at least 28 day(s) late"
    assert sent("2024-10", "2024-09-27").detail == ("r.sent 2024-10 may be more than 7 days after r.published "
                                                   "2024-09-27: the document gives only the month")
    no_base = run({"r": {"sent": "2024-10-01"}}, {"fn": "date_by", "path": "r.sent", "after": "r.published", "days": 7})
    assert (no_base.outcome, no_base.absent) == (GAP, ("r.published",))
    assert no_base.detail == "missing r.published, to count from"


def interval(previous, published):
    data = {"a": {"previous_published": previous, "published": published}}
    return run(data, {"fn": "months_between", "from": "a.previous_published", "to": "a.published", "max": 12})


@pytest.mark.parametrize("previous, published, outcome", [
    ("2023-09", "2024-08", MET), ("2023-09", "2024-09", JUDGE), ("2023-09", "2024-10", GAP),
    ("2023-09", "2023-09", JUDGE), ("2023-09", "2023-08", GAP), ("2023", "2024", JUDGE), ("2023", "2025", GAP),
    ("2023", "2023", JUDGE), ("2023-09-29", "2024-09-29", MET), ("2023-09-29", "2024-09-30", GAP)])
def test_months_between_with_months_and_years(previous, published, outcome):
    assert interval(previous, published).outcome == outcome


def test_months_between_says_what_is_in_doubt():
    assert interval("2023-09", "2023-09").detail == ("a.published 2023-09 may be before a.previous_published "
                                                     "2023-09: the document gives only the month")
    three = {"fn": "months_between", "from": "a.first", "to": "a.implemented", "max": 3}
    assert run({"a": {"first": "2019-06", "implemented": 2019}}, three).detail == (
        "a.implemented 2019 may be before, or more than 3 months after a.first 2019-06: "
        "the document gives only the month and the year")
    assert interval("2023-09", "2023-08").detail == "2023-08 is before 2023-09"


def period(start, end):
    return run({"p": {"start": start, "end": end}}, {"fn": "period_months", "start": "p.start", "end": "p.end", "max": 12})


@pytest.mark.parametrize("start, end, outcome", [
    ("2023-04", "2024-03", MET), ("2022-04", "2023-09", GAP), ("2023-04", "2024-04", GAP), (2023, 2024, JUDGE),
    (2023, 2023, MET), (2022, 2024, GAP), ("2023-04-01", "2024-03", MET), ("2023-04", 2024, JUDGE)])
def test_period_months_with_months_and_years(start, end, outcome):
    assert period(start, end).outcome == outcome


def test_period_months_details():
    assert period("2022-04", "2023-09").detail == "covers about 18 months"
    assert period(2022, 2024).detail == "covers more than 12 months"
    assert period(2023, 2024).detail == ("the period 2023 to 2024 may be longer than 12 months: "
                                         "the document gives only the year")


def on(value, path="p.start", month=4, day=1):
    data = {"p": {path.split(".")[1]: value}}
    return run(data, {"fn": "date_is", "path": path, "month": month, "day": day})


@pytest.mark.parametrize("value, path, month, day, outcome", [
    ("2013-04-01", "p.start", 4, 1, MET), ("2013-04-02", "p.start", 4, 1, GAP), ("2013-05-01", "p.start", 4, 1, GAP),
    ("2013-04", "p.start", 4, 1, MET), ("2013-05", "p.start", 4, 1, GAP), (2013, "p.start", 4, 1, JUDGE),
    ("2014-03", "p.end", 3, 31, MET), ("2014-04", "p.end", 3, 31, GAP), (2014, "p.end", 3, 31, JUDGE),
    (2014, "p.end", 4, 1, GAP), ("2013-04", "p.when", 4, 1, JUDGE)])
def test_date_is_over_the_days_a_value_could_mean(value, path, month, day, outcome):
    assert on(value, path, month, day).outcome == outcome


def test_date_is_compares_the_day_as_well_as_the_month():
    assert on("2013-04-15").detail == "p.start is 2013-04-15, not 1 April"
    assert on(2013).detail == "p.start 2013 may not be 1 April: the document gives only the year"


def test_a_date_not_given_is_absent_and_one_given_wrongly_is_not():
    assert on(None).absent == ("p.start",)
    assert period(None, "2024-03").absent == ("p.start",)
    from_either = {"fn": "months_between", "from": ["a.first", "a.published"], "to": "a.implemented", "max": 3}
    assert run({"a": {"implemented": "2019-09"}}, from_either).absent == ("a.first", "a.published")
    assert run({"a": {"implemented": "2019-09"}}, from_either).detail == "missing a.first or a.published"


def validate(text: str) -> list[str]:
    return [problem.message for problem in validate_document(load_bytes(text.encode(), "t.yaml"))]


@pytest.mark.parametrize("written", ["2019-06-21", "2019-06", "2019", "'2019'"])
def test_the_schema_takes_a_day_a_month_or_a_year(written):
    assert validate(f"arrangements:\n  published: {written}\n") == []


@pytest.mark.parametrize("written, says", [
    ("June 2019", "'June 2019' is not a date; write dates as YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2024-12-31, 2024-12 or 2024)"),
    ("2019-13", "'2019-13' is not a date; write dates as YYYY-MM-DD, YYYY-MM or YYYY"),
    ("19", "expected a date, but YAML read 19 as a number (19); write the date as YYYY-MM-DD, YYYY-MM or YYYY"),
    ("yes", "expected a date, but YAML read yes as a yes/no value (true); write the date as YYYY-MM-DD"),
])
def test_a_date_in_the_wrong_form_says_which_forms_to_use(written, says):
    (message,) = validate(f"arrangements:\n  published: {written}\n")
    assert says in message and message.startswith("arrangements.published: ")


def test_a_period_of_months_ends_before_it_starts_only_when_every_day_does():
    assert validate("annual_report:\n  period: {start: 2023-04, end: 2023-04}\n") == []
    (message,) = validate("annual_report:\n  period: {start: 2023-04, end: 2023-03}\n")
    assert "ends (2023-03) before it starts (2023-04)" in message


def edition_of(published: str) -> str:
    data = yaml.safe_load(f"partnership: {{kind: safeguarding_partnership}}\narrangements: {{published: {published}}}\n")
    return choose(data).edition.name


def test_the_edition_of_a_month_or_a_year_is_the_one_in_force_throughout_it():
    assert edition_of("2024-06") == "2023" and edition_of("2021") == "2018"
    with pytest.raises(WtcheckError, match="only a month, and both the 2018 and the 2023 editions"):
        edition_of("2023-12")


def test_the_edges_where_the_day_a_month_or_a_year_leaves_open_decides():
    # each of these is the one day where the span touches the limit: not a gap, for a person to judge
    assert sent("2024-10", "2024-09-24").outcome == JUDGE            # sent 1 October is exactly 7 days late
    assert period(2023, "2024-11").outcome == JUDGE                 # 1 December 2023 to 30 November 2024 is 12 months
    assert interval("2023-09", "2024-09-30").outcome == JUDGE        # 30 September to 30 September is 12 months
    assert interval("2023-09-29", "2023-09-29").outcome == MET       # the same day is not before it
    assert interval("2023-09-30", "2023-09").outcome == JUDGE        # September 2023 may be the 30th
    assert period("2022-04-01", 2024).detail == "covers more than 12 months"
    assert period("2022-10-15", "2024-03-14").detail == "covers about 17 months"  # a month counts once it is full
    assert on("2024-02-29", "p.start", 2, 29).outcome == MET         # a day of a leap year can be asked for
