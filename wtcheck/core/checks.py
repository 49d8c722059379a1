"""The generic check functions rules name in their ``check:`` (and ``applies_if:``).

Each function takes the document's data and the check's options and returns a
:class:`Result`: an outcome (``met``, ``partial``, ``gap`` or ``judge`` for
"present, but a person must judge it"), the path the outcome is about, a
short detail naming what is missing, and the other places it looked at. A
rule never prints; it only answers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wtcheck.core.items import item
from wtcheck.core.loading import YamlPath, format_path
from wtcheck.core.paths import MISSING, resolve
from wtcheck.core.registers import Body, register
from wtcheck.core.text import brief
from wtcheck.core.vocabulary import FAILING, GAP, JUDGE, MET, PARTIAL


@dataclass(frozen=True)
class Result:
    """What one check found."""

    outcome: str
    path: YamlPath
    detail: str = ""
    sources: tuple[YamlPath, ...] = ()
    """Other places the check looked at (the list items it examined, the parts of a
    combined check), so a finding can show the evidence given there."""


Check = Callable[[dict[str, Any], dict[str, Any]], Result]
CHECKS: dict[str, Check] = {}


def check(name: str) -> Callable[[Check], Check]:
    """Register a check function under the name rules use."""
    def register(function: Check) -> Check:
        CHECKS[name] = function
        return function
    return register


def run(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """Run the check described by ``spec`` (``{fn: name, ...options}``)."""
    return CHECKS[spec["fn"]](data, spec)


def is_present(value: Any) -> bool:
    """True for a value that says something: not missing, null, blank, or empty."""
    if value is MISSING or value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, dict)):
        if isinstance(value, dict) and set(value) <= {"summary", "evidence"}:
            return is_present(value.get("summary"))
        return bool(value)
    return True


def _absent(path: str) -> str:
    """The detail for an item that is not given: which item, in words and by its path."""
    return f"missing {item(path)}"


def _joined(details: list[str]) -> str:
    """Details of several checks in one, each once."""
    return "; ".join(dict.fromkeys(detail for detail in details if detail))


def _outcome(found: int, needed: int) -> str:
    return MET if found >= needed else (PARTIAL if found else GAP)


def _item_key(item: Any, field: str | None) -> Any:
    if isinstance(item, dict):
        return item.get(field or "topic")
    return item


@check("present")
def present(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """The item at ``path`` is given and not empty."""
    return _given(data, spec["path"], MET)


@check("judge")
def judge(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """The item is given, but whether it is good enough needs a person to judge."""
    return _given(data, spec["path"], JUDGE)


def _given(data: dict[str, Any], path: str, outcome: str) -> Result:
    value, reached = resolve(data, path)
    return Result(outcome, reached) if is_present(value) else Result(GAP, reached, _absent(path))


@check("equals")
def equals(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """The item at ``path`` equals ``value`` (for yes/no items, ``true`` or ``false``)."""
    value, reached = resolve(data, spec["path"])
    if value is MISSING or value is None:
        return Result(GAP, reached, _absent(spec["path"]))
    return _compared(value == spec["value"], reached, spec["path"], value)


@check("one_of")
def one_of(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """The item at ``path`` is one of ``values``."""
    value, reached = resolve(data, spec["path"])
    if not is_present(value):
        return Result(GAP, reached, _absent(spec["path"]))
    return _compared(value in spec["values"], reached, spec["path"], value)


def _compared(meets: bool, reached: YamlPath, path: str, value: Any) -> Result:
    return Result(MET, reached) if meets else Result(GAP, reached, f"{item(path)} is {_show(value)}")


@check("count")
def count(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """The list at ``path`` has at least ``min`` items (matching ``where``, if given)."""
    value, reached = resolve(data, spec["path"])
    items = value if isinstance(value, list) else []
    where = spec.get("where", {})
    matching = [item for item in items if _matches_all(item, where)]
    needed = spec["min"]
    wanted = f" ({', '.join(f'{key}: {_alternatives(value)}' for key, value in where.items())})" if where else ""
    return Result(_outcome(len(matching), needed), reached,
                  f"{len(matching)} of at least {needed} given in {item(spec['path'])}{wanted}")


@check("includes")
def includes(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """The list at ``path`` includes ``values`` (all of them, or ``require: any``).

    Items may be plain values or mappings; for mappings the value compared is
    ``field`` (default ``topic``).
    """
    value, reached = resolve(data, spec["path"])
    items = value if isinstance(value, list) else []
    given = {_item_key(item, spec.get("field")) for item in items}
    wanted = spec["values"]
    found = [want for want in wanted if want in given]
    if spec.get("require", "all") == "any":
        return Result(MET if found else GAP, reached,
                      f"none of {', '.join(wanted)} in {item(spec['path'])}" if not found else "")
    missing = [want for want in wanted if want not in given]
    detail = f"missing from {item(spec['path'])}: {', '.join(missing)}" if missing else ""
    return Result(_outcome(len(found), len(wanted)), reached, detail)


@check("each_has")
def each_has(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """For each of ``values``, the list at ``path`` has an item whose ``key`` is that
    value (or, for a list of alternatives, one of them) and, if ``field`` is given,
    every such item has ``field`` present. A value is missing when no item has it or
    any item with it lacks the field; the result points at the first such item."""
    value, reached = resolve(data, spec["path"])
    items = value if isinstance(value, list) else []
    missing: list[str] = []
    looked_at: set[int] = set()
    lacking: set[int] = set()
    for wanted in spec["values"]:
        choices = wanted if isinstance(wanted, list) else [wanted]
        matching = {index for index, item in enumerate(items)
                    if isinstance(item, dict) and item.get(spec["key"]) in choices}
        incomplete = {index for index in matching
                      if "field" in spec and not is_present(resolve(items[index], spec["field"])[0])}
        if incomplete or not matching:
            missing.append(" or ".join(choices))
        looked_at |= matching
        lacking |= incomplete
    wanted_count = len(spec["values"])
    what = item(spec["field"], spec["path"]) if "field" in spec else f"an entry in {item(spec['path'])}"
    detail = f"missing {what} for {spec['key']}: {', '.join(missing)}" if missing else ""
    path = (*reached, min(lacking)) if lacking else reached
    return Result(_outcome(wanted_count - len(missing), wanted_count), path, detail,
                  tuple((*reached, index) for index in sorted(looked_at)))


@check("every")
def every(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """The list at ``path`` is not empty and every item has one of ``fields`` present
    and matches ``where`` (fields and values, as for ``count``). Items matching
    ``except`` are left out."""
    value, reached = resolve(data, spec["path"])
    skipped = spec.get("except", {})
    items = [(index, item) for index, item in enumerate(value if isinstance(value, list) else [])
             if not (skipped and _matches_all(item, skipped))]
    if not items:
        return Result(GAP, reached, _absent(spec["path"]))
    wanted = (" or ".join(item(field, spec["path"]) for field in spec.get("fields", []))
              or ", ".join(f"{key}: {_show(want)}" for key, want in spec["where"].items()))
    lacking = [str(index + 1) for index, entry in items if not _item_complete(entry, spec)]
    detail = f"item(s) {', '.join(lacking)} of {item(spec['path'])} lack {wanted}" if lacking else ""
    return Result(_outcome(len(items) - len(lacking), len(items)), reached, detail,
                  tuple((*reached, index) for index, _ in items))


def _item_complete(item: Any, spec: dict[str, Any]) -> bool:
    has_field = not spec.get("fields") or any(is_present(resolve(item, field)[0]) for field in spec["fields"])
    return has_field and _matches_all(item, spec.get("where", {}))


@check("each")
def each(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """The list at ``path`` is not empty and ``check``, its paths taken from each item, is met for
    every item (met for some: partial). The result points at the first item that fails, where its
    check does, and the detail names each failing item and what it lacks."""
    value, reached = resolve(data, spec["path"])
    items = value if isinstance(value, list) else []
    if not items:
        return Result(GAP, reached, _absent(spec["path"]))
    results = [(index, run(item if isinstance(item, dict) else {}, spec["check"])) for index, item in enumerate(items)]
    looked_at = tuple((*reached, index, *path) for index, result in results for path in (result.path, *result.sources))
    failing = [(index, result) for index, result in results if result.outcome in FAILING]
    if not failing:
        judged = any(result.outcome == JUDGE for _, result in results)
        return Result(JUDGE if judged else MET, reached, sources=looked_at)
    whole = len(failing) == len(results) and all(result.outcome == GAP for _, result in failing)
    first, result = failing[0]
    return Result(GAP if whole else PARTIAL, (*reached, first, *result.path),
                  _joined([f"item {index + 1}: {result.detail}" for index, result in failing]), looked_at)


@check("at_most")
def at_most(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """The number at ``path`` is given and no more than ``max``."""
    value, reached = resolve(data, spec["path"])
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return Result(GAP, reached, _absent(spec["path"]))
    return _compared(value <= spec["max"], reached, spec["path"], value)


@check("differs")
def differs(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """The items at the two ``paths`` are both given and are not the same."""
    first, reached = resolve(data, spec["paths"][0])
    second = resolve(data, spec["paths"][1])[0]
    if not (is_present(first) and is_present(second)):
        absent = [path for path, value in zip(spec["paths"], (first, second), strict=True) if not is_present(value)]
        return Result(GAP, reached, _joined([_absent(path) for path in absent]))
    same = str(first).strip().casefold() == str(second).strip().casefold()
    return Result(GAP if same else MET, reached, f"both are {_show(first)}" if same else "")


@check("date_by")
def date_by(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """The date at ``path`` falls within fixed dates (``earliest``, ``latest``), or,
    with ``after`` and ``days``, no more than ``days`` days after the date at ``after``."""
    value, reached = resolve(data, spec["path"])
    when = _date(value)
    if when is None:
        return Result(GAP, reached, _absent(spec["path"]))
    if "after" not in spec:
        earliest = dt.date.fromisoformat(spec.get("earliest", "0001-01-01"))
        latest = dt.date.fromisoformat(spec.get("latest", "9999-12-31"))
        if when < earliest:
            return Result(GAP, reached, f"{when} is before {earliest}")
        return Result(MET if when <= latest else GAP, reached, f"{when} is after {latest}" if when > latest else "")
    base = _date(resolve(data, spec["after"])[0])
    if base is None:
        return Result(GAP, reached, f"missing {item(spec['after'])}, to count from")
    late = (when - base).days - spec["days"]
    return Result(MET if late <= 0 else GAP, reached, f"{late} day(s) late" if late > 0 else "")


@check("period_months")
def period_months(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """The period from ``start`` to ``end`` (inclusive) lasts at most ``max`` months."""
    start_value, reached = resolve(data, spec["start"])
    start, end = _date(start_value), _date(resolve(data, spec["end"])[0])
    if start is None or end is None:
        absent = [path for path, day in ((spec["start"], start), (spec["end"], end)) if day is None]
        return Result(GAP, reached, _joined([_absent(path) for path in absent]))
    same_day = _add_months(start, spec["max"])
    # The period ends the day before the same date N months on; where that month is too short
    # (a period from 29 February or 31 January), it ends on the month's last day.
    limit = same_day - dt.timedelta(days=1) if same_day.day == start.day else same_day
    months = (end.year - start.year) * 12 + end.month - start.month + (1 if end.day >= start.day else 0)
    return Result(MET if end <= limit else GAP, reached, f"covers about {months} months" if end > limit else "")


@check("months_between")
def months_between(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """The date at ``to`` is on or after the date at ``from``, and at most ``max``
    months after it. ``from`` may list several paths: the first one given is used."""
    to_value, reached = resolve(data, spec["to"])
    sources = spec["from"] if isinstance(spec["from"], list) else [spec["from"]]
    earlier = next((day for day in (_date(resolve(data, path)[0]) for path in sources) if day), None)
    later = _date(to_value)
    if earlier is None or later is None:
        absent = [" or ".join(item(path) for path in paths) for paths, day in ((sources, earlier), ([spec["to"]], later))
                  if day is None]
        return Result(GAP, reached, _joined([f"missing {what}" for what in absent]))
    if later < earlier:
        return Result(GAP, reached, f"{later} is before {earlier}")
    limit = _add_months(earlier, spec["max"])
    return Result(MET if later <= limit else GAP, reached,
                  f"{later} is more than {spec['max']} months after {earlier}" if later > limit else "")


@check("date_is")
def date_is(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """The date at ``path`` falls on ``day`` of ``month`` (in any year), e.g. 1 April."""
    value, reached = resolve(data, spec["path"])
    when = _date(value)
    if when is None:
        return Result(GAP, reached, _absent(spec["path"]))
    wanted = dt.date(2000, spec["month"], spec["day"])
    if (when.month, when.day) == (wanted.month, wanted.day):
        return Result(MET, reached)
    return Result(GAP, reached, f"{item(spec['path'])} is {when}, not {wanted.day} {wanted:%B}")


@check("none_match")
def none_match(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """No text at ``path`` matches ``pattern``: the value itself, or each item of a list, or, with
    ``fields``, those fields of the value or of each item. What is not text (or not given) matches
    nothing. The result points at the first text that matches, and names it."""
    value, reached = resolve(data, spec["path"])
    items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
    pattern = re.compile(spec["pattern"])
    for index, entry in items:
        base = reached if index is None else (*reached, index)
        for field in spec.get("fields") or [None]:
            text, within = (entry, ()) if field is None else resolve(entry, field)
            if isinstance(text, str) and pattern.search(text):
                where = (*base, *within)
                return Result(GAP, where, f"{format_path(where)} is {_show(brief(text))}", (base,))
    return Result(MET, reached, sources=tuple((*reached, index) for index, _ in items if index is not None))


@check("on_register")
def on_register(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """Every name at ``path`` that a register knows is of a body that existed on the document's date
    (the first of the ``dated_by`` paths given). ``path`` holds a name, a list of names or, with
    ``field``, a list of mappings whose ``field`` is the name; ``register`` names the register, or
    ``registers`` maps the value of each mapping's ``key`` to one (a mapping whose key is not listed
    is passed over). A name no register knows is passed over too: it may be spelt another way, or
    be newer than the register."""
    value, reached = resolve(data, spec["path"])
    day = next((found for found in (_date(resolve(data, path)[0]) for path in spec["dated_by"]) if found), None)
    if day is None or value is MISSING:
        return Result(MET, reached)
    named = [(reached, value)] if isinstance(value, str) else [((*reached, index), entry)
                                                               for index, entry in enumerate(value or [])]
    details = []
    for _, entry in named:
        name, chosen = _named_body(entry, spec)
        if name is None or chosen is None:
            continue
        bodies = register(chosen).find(name)
        if bodies and not any(body.in_force(day) for body in bodies):
            details.append(_not_in_force(name, bodies, day, chosen))
    return Result(GAP if details else MET, reached, "; ".join(details), tuple(place for place, _ in named))


def _named_body(item: Any, spec: dict[str, Any]) -> tuple[str | None, str | None]:
    """The name an item gives, and the register to look it up in."""
    name = item.get(spec["field"]) if isinstance(item, dict) and "field" in spec else item
    chosen = spec.get("register")
    if "registers" in spec:
        chosen = spec["registers"].get(item.get(spec["key"])) if isinstance(item, dict) else None
    return (name if isinstance(name, str) and name.strip() else None), chosen


def _not_in_force(name: str, bodies: tuple[Body, ...], day: dt.date, register_name: str) -> str:
    """Why ``name`` is not a body in force on ``day``, in words for the detail."""
    if not any(body.eligible for body in bodies):
        return f"{name} is on the register only to be refused: {bodies[0].note.split(';')[0]}"
    ended = [body for body in bodies if body.end is not None and body.end < day]
    if ended:
        last = max(ended, key=lambda body: body.end or dt.date.min)
        successors = [found.name for code in last.successors
                      if (found := register(register_name).by_code(code)) is not None]
        now = f" (replaced by {', '.join(successors)})" if successors else ""
        return f"{name}: {last.name} ended on {last.end}, before {day}{now}"
    first = min((body for body in bodies if body.start is not None), key=lambda body: body.start or dt.date.max)
    return f"{name}: {first.name} began on {first.start}, after {day}"


@check("all")
def all_of(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """Every check in ``checks`` is met; some met gives ``partial``."""
    results = [run(data, sub) for sub in spec["checks"]]
    failing = [result for result in results if result.outcome in FAILING]
    if not failing:
        return Result(JUDGE if any(r.outcome == JUDGE for r in results) else MET, results[0].path,
                      sources=_looked_at(results))
    outcome = GAP if len(failing) == len(results) and all(r.outcome == GAP for r in failing) else PARTIAL
    return Result(outcome, failing[0].path, _joined([result.detail for result in failing]), _looked_at(results))


@check("any")
def any_of(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """At least one check in ``checks`` is met."""
    results = [run(data, sub) for sub in spec["checks"]]
    for outcome in (MET, JUDGE, PARTIAL):
        chosen = next((result for result in results if result.outcome == outcome), None)
        if chosen:
            return chosen
    return Result(GAP, results[0].path, _joined([result.detail for result in results]), _looked_at(results))


def _looked_at(results: list[Result]) -> tuple[YamlPath, ...]:
    """Every place the parts of a combined check looked at."""
    return tuple(path for result in results for path in (result.path, *result.sources))


def _matches_all(item: Any, where: dict[str, Any]) -> bool:
    return all(_matches(item, field, wanted) for field, wanted in where.items())


def _matches(item: Any, field: str, wanted: Any) -> bool:
    """Whether ``item[field]`` is ``wanted`` (or one of a list of them); a list-valued
    field matches when any of its entries does."""
    if not isinstance(item, dict):
        return False
    actual = item.get(field)
    accepted = wanted if isinstance(wanted, list) else [wanted]
    return any(entry in accepted for entry in actual) if isinstance(actual, list) else actual in accepted


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _add_months(day: dt.date, months: int) -> dt.date:
    import calendar  # only the checks of periods need it

    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _alternatives(wanted: Any) -> str:
    """What a ``where`` asks of a field, in words: ``school or college``, ``yes``, ``strategic``."""
    return " or ".join(_alternatives(item) for item in wanted) if isinstance(wanted, list) else (
        _show(wanted) if isinstance(wanted, bool) else str(wanted))


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return repr(value) if isinstance(value, str) else str(value)
