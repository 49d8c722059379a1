"""Dates as precise as the document gives them: a day (``2019-06-21``), a month (``2019-06``) or a
year (``2019``, as text or as the number YAML reads), and the days each could mean.

A month or a year is a span of days, not a day. The date checks reason over every day a value
could mean: a requirement is met when it holds for all of them, a gap when it holds for none,
and otherwise a person must judge. As a period's start or end (a key named ``start`` or ``end``)
a month means the whole month (start ``2021-04`` is 1 April, end ``2022-03`` is 31 March), and a
year leaves the month open (start ``2021`` is the first day of some month of that year, end
``2022`` the last day of some month).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

POINT: Final = "point"
"""A date that stands for one day: a publication date, the day a report was sent."""
START: Final = "start"
"""The first day of a period."""
END: Final = "end"
"""The last day of a period."""

DAY: Final = "day"
MONTH: Final = "month"
YEAR: Final = "year"

_WRITTEN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", re.ASCII)


@dataclass(frozen=True)
class Span:
    """The days a written date could mean, in order."""

    written: str
    """The date as the document gives it."""
    precision: str
    """``day``, ``month`` or ``year``: how much of the date the document gives."""
    days: tuple[dt.date, ...]

    @property
    def earliest(self) -> dt.date:
        """The first day the date could mean."""
        return self.days[0]

    @property
    def latest(self) -> dt.date:
        """The last day the date could mean."""
        return self.days[-1]

    @property
    def exact(self) -> bool:
        """Whether the date can mean only one day."""
        return len(self.days) == 1


def role_of(path: str) -> str:
    """Whether the date at a rule path is a period's ``start``, its ``end``, or a ``point``."""
    last = path.rpartition(".")[2]
    return last if last in (START, END) else POINT


def span(value: Any, role: str = POINT) -> Span | None:
    """The days ``value`` could mean as a date in ``role``; None when it is not a date (a number
    YAML read, such as ``2019``, is one when its digits are a year; a yes/no or a list never is)."""
    return _span(value.strip() if isinstance(value, str) else str(value), role)


@lru_cache(maxsize=1024)
def _span(text: str, role: str) -> Span | None:
    match = _WRITTEN.fullmatch(text)
    if not match:
        return None
    year = int(match[1])
    try:
        if match[2] is None:
            return Span(text, YEAR, _year(year, role))
        if match[3] is None:
            return Span(text, MONTH, _month(year, int(match[2]), role))
        return Span(text, DAY, (dt.date(year, int(match[2]), int(match[3])),))
    except ValueError:
        return None


def _month(year: int, month: int, role: str) -> tuple[dt.date, ...]:
    last = calendar.monthrange(year, month)[1]
    if role == START:
        return (dt.date(year, month, 1),)
    if role == END:
        return (dt.date(year, month, last),)
    return tuple(dt.date(year, month, day) for day in range(1, last + 1))


def _year(year: int, role: str) -> tuple[dt.date, ...]:
    if role == POINT:
        first = dt.date(year, 1, 1)
        return tuple(first + dt.timedelta(days=offset) for offset in range((dt.date(year, 12, 31) - first).days + 1))
    return tuple(day for month in range(1, 13) for day in _month(year, month, role))


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months on, or that month's last day where it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
