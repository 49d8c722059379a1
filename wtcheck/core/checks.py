"""The generic check functions rules name in their ``check:`` (and ``applies_if:``).

Each function takes the document's data and the check's options and returns a
:class:`Result`: an outcome (``met``, ``partial``, ``gap`` or ``judge`` for
"present, but a person must judge it"), the path the outcome is about, a
short detail naming what is missing (or, for ``judge``, what the person must
decide), the other places it looked at, and which of the items it needed were
not given at all. A rule never prints; it only answers.

Dates may be as precise as the document gives them (:mod:`wtcheck.core.dates`):
a date check is met when it holds for every day a value could mean, a gap when
it holds for none, and ``judge`` when it depends on the day the document does
not give, with a detail saying so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import Any

from wtcheck.core.dates import DAY, Span, add_months, role_of, span
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
    absent: tuple[str, ...] = ()
    """The rule paths of items the outcome turned on that the document does not give at all
    (missing, or null), as against items it gives as false, empty or otherwise: what the engine
    needs to tell "the description says this rule does not apply" from "it does not say"."""


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


def _not_given(value: Any) -> bool:
    """The document does not give the item at all (as against giving it as false, blank or empty)."""
    return value is MISSING or value is None


def _absent(path: str) -> str:
    """The detail for an item that is not given: which item, in words and by its path."""
    return f"missing {item(path)}"


def _missing(reached: YamlPath, path: str) -> Result:
    """A gap because the item at ``path`` is not given."""
    return Result(GAP, reached, _absent(path), absent=(path,))


def _joined(details: list[str]) -> str:
    """Details of several checks in one, each once."""
    return "; ".join(dict.fromkeys(detail for detail in details if detail))


def _outcome(found: int, needed: int) -> str:
    return MET if found >= needed else (PARTIAL if found else GAP)


def _item_key(item: Any, field: str | None) -> Any:
    if isinstance(item, dict):
        return item.get(field or "topic")
    return item


def _list_at(data: dict[str, Any], path: str) -> tuple[list[Any], YamlPath, tuple[str, ...]]:
    """The list at ``path`` (empty when it is not a list), where it is, and ``(path,)`` when it is
    not given at all (an empty list is given: it says there are none)."""
    value, reached = resolve(data, path)
    return (value if isinstance(value, list) else []), reached, ((path,) if _not_given(value) else ())


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
    if is_present(value):
        return Result(outcome, reached)
    return _missing(reached, path) if _not_given(value) else Result(GAP, reached, _absent(path))


ROLE_KEYS = ("name", "title", "organisation")
"""What identifies who holds a role: a person's name, a post (job title) or an organisation."""


def is_held(value: Any) -> bool:
    """A role is held when the description gives a name, a post or an organisation for it, or
    says it is held by someone whose name is not published (``name_published: false``)."""
    if not isinstance(value, dict):
        return False
    return any(is_present(value.get(key)) for key in ROLE_KEYS) or value.get("name_published") is False


@check("held")
def held(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """The role at ``path`` is held: a person, a post or an organisation is given for it."""
    value, reached = resolve(data, spec["path"])
    if is_held(value):
        return Result(MET, reached)
    return Result(GAP, reached, f"{_absent(spec['path'])}: give a name, a post (title) or an organisation",
                  absent=(spec["path"],) if _not_given(value) else ())


@check("equals")
def equals(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """The item at ``path`` equals ``value`` (for yes/no items, ``true`` or ``false``)."""
    value, reached = resolve(data, spec["path"])
    if _not_given(value):
        return _missing(reached, spec["path"])
    return _compared(value == spec["value"], reached, spec["path"], value)


@check("one_of")
def one_of(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """The item at ``path`` is one of ``values``."""
    value, reached = resolve(data, spec["path"])
    if not is_present(value):
        return _missing(reached, spec["path"]) if _not_given(value) else Result(GAP, reached, _absent(spec["path"]))
    return _compared(value in spec["values"], reached, spec["path"], value)


def _compared(meets: bool, reached: YamlPath, path: str, value: Any) -> Result:
    return Result(MET, reached) if meets else Result(GAP, reached, f"{item(path)} is {_show(value)}")


@check("count")
def count(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """The list at ``path`` has at least ``min`` items (matching ``where``, if given)."""
    items, reached, absent = _list_at(data, spec["path"])
    where = spec.get("where", {})
    matching = [item for item in items if _matches_all(item, where)]
    needed = spec["min"]
    wanted = f" ({', '.join(f'{key}: {_alternatives(value)}' for key, value in where.items())})" if where else ""
    return Result(_outcome(len(matching), needed), reached,
                  f"{len(matching)} of at least {needed} given in {item(spec['path'])}{wanted}", absent=absent)


@check("includes")
def includes(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """The list at ``path`` includes ``values`` (all of them, or ``require: any``).

    Items may be plain values or mappings; for mappings the value compared is
    ``field`` (default ``topic``).
    """
    items, reached, absent = _list_at(data, spec["path"])
    given = {_item_key(item, spec.get("field")) for item in items}
    wanted = spec["values"]
    found = [want for want in wanted if want in given]
    if spec.get("require", "all") == "any":
        return Result(MET if found else GAP, reached,
                      f"none of {', '.join(wanted)} in {item(spec['path'])}" if not found else "", absent=absent)
    missing = [want for want in wanted if want not in given]
    detail = f"missing from {item(spec['path'])}: {', '.join(missing)}" if missing else ""
    return Result(_outcome(len(found), len(wanted)), reached, detail, absent=absent)


@check("each_has")
def each_has(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """For each of ``values``, the list at ``path`` has an item whose ``key`` is that
    value (or, for a list of alternatives, one of them) and, if ``field`` is given,
    every such item has ``field`` present (with ``held: true``, held as a role: a name,
    a post or an organisation). A value is missing when no item has it or any item
    with it lacks the field; the result points at the first such item."""
    items, reached, absent = _list_at(data, spec["path"])
    has_field = is_held if spec.get("held") else is_present
    missing: list[str] = []
    looked_at: set[int] = set()
    lacking: set[int] = set()
    for wanted in spec["values"]:
        choices = wanted if isinstance(wanted, list) else [wanted]
        matching = {index for index, item in enumerate(items)
                    if isinstance(item, dict) and item.get(spec["key"]) in choices}
        incomplete = {index for index in matching
                      if "field" in spec and not has_field(resolve(items[index], spec["field"])[0])}
        if incomplete or not matching:
            missing.append(" or ".join(choices))
        looked_at |= matching
        lacking |= incomplete
    wanted_count = len(spec["values"])
    what = item(spec["field"], spec["path"]) if "field" in spec else f"an entry in {item(spec['path'])}"
    detail = f"missing {what} for {spec['key']}: {', '.join(missing)}" if missing else ""
    path = (*reached, min(lacking)) if lacking else reached
    return Result(_outcome(wanted_count - len(missing), wanted_count), path, detail,
                  tuple((*reached, index) for index in sorted(looked_at)), absent)


@check("every")
def every(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """The list at ``path`` is not empty and every item has one of ``fields`` present
    and matches ``where`` (fields and values, as for ``count``). Items matching
    ``except`` are left out."""
    listed, reached, absent = _list_at(data, spec["path"])
    skipped = spec.get("except", {})
    items = [(index, item) for index, item in enumerate(listed) if not (skipped and _matches_all(item, skipped))]
    if not items:
        return Result(GAP, reached, _absent(spec["path"]), absent=absent)
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
        return Result(GAP, reached, _absent(spec["path"]), absent=(spec["path"],) if _not_given(value) else ())
    return _compared(value <= spec["max"], reached, spec["path"], value)


# ------------------------------------------------------------------ dates

def _dated(data: dict[str, Any], path: str) -> tuple[Span | None, YamlPath, Any]:
    """The span of days the date at ``path`` could mean (None if it gives no date), where it is,
    and the value as given."""
    value, reached = resolve(data, path)
    return span(value, role_of(path)), reached, value


def _undated(reached: YamlPath, absentees: list[tuple[str, Any]]) -> Result:
    """A gap because dates are not given: ``absentees`` pairs each path (or paths, joined by
    'or') with its value; those not given at all are ``absent``."""
    return Result(GAP, reached, _joined(["missing " + " or ".join(item(part) for part in path.split(" or "))
                                         for path, _ in absentees]),
                  absent=tuple(part for path, value in absentees if _not_given(value) for part in path.split(" or ")))


def _verdict(every_day: bool, no_day: bool) -> str:
    """Met when it holds for every day the dates could mean, a gap when for none, else judge."""
    return MET if every_day else (GAP if no_day else JUDGE)


def _only(*spans: Span) -> str:
    """What the document leaves open, for a judge detail: 'the document gives only the month'."""
    vague = sorted({given.precision for given in spans if given.precision != DAY}, key=("month", "year").index)
    return f"the document gives only the {' and the '.join(vague)}"


@check("date_by")
def date_by(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """The date at ``path`` falls within fixed dates (``earliest``, ``latest``), or,
    with ``after`` and ``days``, no more than ``days`` days after the date at ``after``."""
    when, reached, value = _dated(data, spec["path"])
    if when is None:
        return _undated(reached, [(spec["path"], value)])
    if "after" not in spec:
        return _within(when, reached, spec)
    base_value = resolve(data, spec["after"])[0]
    base = span(base_value, role_of(spec["after"]))
    if base is None:
        return Result(GAP, reached, f"missing {item(spec['after'])}, to count from",
                      absent=(spec["after"],) if _not_given(base_value) else ())
    days = spec["days"]
    least, most = (when.earliest - base.latest).days, (when.latest - base.earliest).days
    outcome = _verdict(most <= days, least > days)
    if outcome == GAP:
        late = least - days
        return Result(GAP, reached, f"{late} day(s) late" if when.exact and base.exact else f"at least {late} day(s) late")
    if outcome == JUDGE:
        return Result(JUDGE, reached, f"{item(spec['path'])} {when.written} may be more than {days} days after "
                                      f"{item(spec['after'])} {base.written}: {_only(when, base)}")
    return Result(MET, reached)


def _within(when: Span, reached: YamlPath, spec: dict[str, Any]) -> Result:
    earliest = dt.date.fromisoformat(spec.get("earliest", "0001-01-01"))
    latest = dt.date.fromisoformat(spec.get("latest", "9999-12-31"))
    early = [day < earliest for day in when.days]
    late = [day > latest for day in when.days]
    inside = [not (before or after) for before, after in zip(early, late, strict=True)]
    outcome = _verdict(all(inside), not any(inside))
    if outcome == GAP:
        return Result(GAP, reached, f"{when.written} is before {earliest}" if all(early) else f"{when.written} is after {latest}")
    if outcome == JUDGE:
        sides = [f"before {earliest}" if any(early) else "", f"after {latest}" if any(late) else ""]
        doubts = " or ".join(side for side in sides if side)
        return Result(JUDGE, reached, f"{item(spec['path'])} {when.written} may be {doubts}: {_only(when)}")
    return Result(MET, reached)


def _period_limit(start: dt.date, months: int) -> dt.date:
    """The last day of a period of ``months`` months from ``start``: the day before the same date
    ``months`` months on, or, where that month is too short (a period from 29 February or 31
    January), that month's last day."""
    same_day = add_months(start, months)
    return same_day - dt.timedelta(days=1) if same_day.day == start.day else same_day


@check("period_months")
def period_months(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """The period from ``start`` to ``end`` (inclusive) lasts at most ``max`` months."""
    start, reached, start_value = _dated(data, spec["start"])
    end, _, end_value = _dated(data, spec["end"])
    if start is None or end is None:
        return _undated(reached, [(path, value) for path, value, given in
                                  ((spec["start"], start_value, start), (spec["end"], end_value, end)) if given is None])
    months = spec["max"]
    outcome = _verdict(end.latest <= _period_limit(start.earliest, months),
                       end.earliest > _period_limit(start.latest, months))
    if outcome == GAP:
        if start.exact and end.exact:
            first, last = start.earliest, end.earliest
            covered = (last.year - first.year) * 12 + last.month - first.month + (1 if last.day >= first.day else 0)
            return Result(GAP, reached, f"covers about {covered} months")
        return Result(GAP, reached, f"covers more than {months} months")
    if outcome == JUDGE:
        return Result(JUDGE, reached, f"the period {start.written} to {end.written} may be longer than {months} months: "
                                      f"{_only(start, end)}")
    return Result(MET, reached)


@check("months_between")
def months_between(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """The date at ``to`` is on or after the date at ``from``, and at most ``max``
    months after it. ``from`` may list several paths: the first one given is used."""
    later, reached, later_value = _dated(data, spec["to"])
    sources = spec["from"] if isinstance(spec["from"], list) else [spec["from"]]
    values = [resolve(data, path)[0] for path in sources]
    earlier_path, earlier = next(((path, given) for path, value in zip(sources, values, strict=True)
                                  if (given := span(value, role_of(path))) is not None), ("", None))
    if earlier is None or later is None:
        absentees = [(" or ".join(sources), None if all(map(_not_given, values)) else "")] if earlier is None else []
        return _undated(reached, absentees + ([(spec["to"], later_value)] if later is None else []))
    months = spec["max"]
    never_before, before = later.earliest >= earlier.latest, later.latest < earlier.earliest
    within, beyond = later.latest <= add_months(earlier.earliest, months), later.earliest > add_months(earlier.latest, months)
    outcome = _verdict(never_before and within, before or beyond)
    if outcome == GAP:
        return Result(GAP, reached, f"{later.written} is before {earlier.written}" if before else
                      f"{later.written} is more than {months} months after {earlier.written}")
    if outcome == JUDGE:
        doubts = ", or ".join(doubt for doubt, doubtful in (("before", not never_before),
                                                            (f"more than {months} months after", not within)) if doubtful)
        return Result(JUDGE, reached, f"{item(spec['to'])} {later.written} may be {doubts} "
                                      f"{item(earlier_path)} {earlier.written}: {_only(later, earlier)}")
    return Result(MET, reached)


@check("date_is")
def date_is(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """The date at ``path`` falls on ``day`` of ``month`` (in any year), e.g. 1 April."""
    when, reached, value = _dated(data, spec["path"])
    if when is None:
        return _undated(reached, [(spec["path"], value)])
    wanted = dt.date(2000, spec["month"], spec["day"])
    falls = [(day.month, day.day) == (wanted.month, wanted.day) for day in when.days]
    outcome = _verdict(all(falls), not any(falls))
    if outcome == GAP:
        return Result(GAP, reached, f"{item(spec['path'])} is {when.written}, not {wanted.day} {wanted:%B}")
    if outcome == JUDGE:
        return Result(JUDGE, reached, f"{item(spec['path'])} {when.written} may not be {wanted.day} {wanted:%B}: {_only(when)}")
    return Result(MET, reached)


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
    when = next((found for found in (span(resolve(data, path)[0]) for path in spec["dated_by"]) if found), None)
    if when is None or value is MISSING:
        return Result(MET, reached)
    named = [(reached, value)] if isinstance(value, str) else [((*reached, index), entry)
                                                               for index, entry in enumerate(value or [])]
    details = []
    for _, entry in named:
        name, chosen = _named_body(entry, spec)
        if name is None or chosen is None:
            continue
        bodies = register(chosen).find(name)
        if bodies and not any(body.in_force(day) for body in bodies for day in (when.earliest, when.latest, *when.days)):
            details.append(_not_in_force(name, bodies, when, chosen))
    return Result(GAP if details else MET, reached, "; ".join(details), tuple(place for place, _ in named))


def _named_body(item: Any, spec: dict[str, Any]) -> tuple[str | None, str | None]:
    """The name an item gives, and the register to look it up in."""
    name = item.get(spec["field"]) if isinstance(item, dict) and "field" in spec else item
    chosen = spec.get("register")
    if "registers" in spec:
        chosen = spec["registers"].get(item.get(spec["key"])) if isinstance(item, dict) else None
    return (name if isinstance(name, str) and name.strip() else None), chosen


def _not_in_force(name: str, bodies: tuple[Body, ...], when: Span, register_name: str) -> str:
    """Why ``name`` is not a body in force on any day ``when`` could mean, in words for the detail."""
    if not any(body.eligible for body in bodies):
        reasons = sorted({body.note.partition(";")[0] for body in bodies})
        return f"{name} is on the register only to be refused: {'; '.join(reasons)}"
    ended = [body for body in bodies if body.end is not None and body.end < when.earliest]
    if ended:
        last = max(ended, key=attrgetter("end"))
        successors = [found.name for code in last.successors
                      if (found := register(register_name).by_code(code)) is not None]
        now = f" (replaced by {', '.join(successors)})" if successors else ""
        return f"{name}: {last.name} ended on {last.end}, before {when.written}{now}"
    first = min((body for body in bodies if body.start is not None), key=attrgetter("start"))
    return f"{name}: {first.name} began on {first.start}, after {when.written}"


# ------------------------------------------------------------ combinations

@check("all")
def all_of(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """Every check in ``checks`` is met; some met gives ``partial``; none failing but some
    to judge gives ``judge``, with what to judge."""
    results = [run(data, sub) for sub in spec["checks"]]
    failing = [result for result in results if result.outcome in FAILING]
    if not failing:
        judged = [result for result in results if result.outcome == JUDGE]
        return Result(JUDGE if judged else MET, results[0].path, _joined([result.detail for result in judged]),
                      sources=_looked_at(results))
    outcome = GAP if len(failing) == len(results) and all(r.outcome == GAP for r in failing) else PARTIAL
    return Result(outcome, failing[0].path, _joined([result.detail for result in failing]), _looked_at(results),
                  _absentees(failing))


@check("any")
def any_of(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """At least one check in ``checks`` is met (else the best: judge, then partial)."""
    results = [run(data, sub) for sub in spec["checks"]]
    for outcome in (MET, JUDGE, PARTIAL):
        chosen = next((result for result in results if result.outcome == outcome), None)
        if chosen:
            return chosen
    return Result(GAP, results[0].path, _joined([result.detail for result in results]), _looked_at(results),
                  _absentees(results))


@check("judge_if")
def judge_if(data: dict[str, Any], spec: dict[str, Any]) -> Result:
    """What ``check`` finds, except that met becomes ``judge``, with ``detail`` saying what the
    person must decide: for what partly meets a requirement (a delegate's sign-off for the lead's)."""
    result = run(data, spec["check"])
    return replace(result, outcome=JUDGE, detail=spec["detail"]) if result.outcome == MET else result


def _looked_at(results: list[Result]) -> tuple[YamlPath, ...]:
    """Every place the parts of a combined check looked at."""
    return tuple(path for result in results for path in (result.path, *result.sources))


def _absentees(results: list[Result]) -> tuple[str, ...]:
    """The items not given that any of ``results`` turned on, each once."""
    return tuple(dict.fromkeys(path for result in results for path in result.absent))


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


def _alternatives(wanted: Any) -> str:
    """What a ``where`` asks of a field, in words: ``school or college``, ``yes``, ``strategic``."""
    return " or ".join(_alternatives(item) for item in wanted) if isinstance(wanted, list) else (
        _show(wanted) if isinstance(wanted, bool) else str(wanted))


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return repr(value) if isinstance(value, str) else str(value)
