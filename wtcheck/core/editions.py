"""The editions of Working Together, read from the rulesets' headers, and which one applies to a document.

Each ruleset's header says all there is to know about its edition: its name,
title and era, when it was published and came into force (each date with how
sure it is), which edition it replaced, and the transition window in which
arrangements under the replaced edition were still lawful, with what to say of
a document dated in it. Nothing here names an edition: adding one is adding a
ruleset.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from wtcheck.core import cache
from wtcheck.core.dates import Span, span
from wtcheck.core.errors import WtcheckError
from wtcheck.core.resources import cached, ruleset_names
from wtcheck.core.resources import edition_names as edition_names  # the editions there are, by name
from wtcheck.core.ruleset import raw_ruleset
from wtcheck.core.vocabulary import ERA_PLURALS, ERA_WORDS, LSCB, PARTNERSHIP, UNCONFIRMED


@dataclass(frozen=True)
class Dated:
    """A date and how sure wtcheck is of it (primary, secondary, unconfirmed)."""

    date: dt.date
    confidence: str


@dataclass(frozen=True)
class Transition:
    """The window after an edition came into force in which the replaced edition's arrangements still stood."""

    until: dt.date
    confidence: str
    within: str
    """Said of a document checked against the new edition and dated within the window."""
    replaced_within: str | None = None
    """When the replaced edition is of the other era: said of a document of that era dated within the window."""
    replaced_after: str | None = None
    """When the replaced edition is of the other era: said of a document of that era dated after it."""


@dataclass(frozen=True)
class Edition:
    """One edition, as its ruleset's header describes it."""

    name: str
    era: str
    title: str
    published: Dated
    in_force: Dated
    ruleset: str
    replaces: str | None = None
    transition: Transition | None = None


@dataclass(frozen=True)
class Choice:
    """The edition chosen for a document, and why, in words for the report."""

    edition: Edition
    reason: str


@cached
def editions() -> dict[str, Edition]:
    """Every edition, in the order they came into force (the headers as the user's cache keeps them
    for these bundled files, else read from the rulesets and kept)."""
    kept = cache.read("editions")
    try:
        read = [_edition(header) for header in kept] if isinstance(kept, list) else None
    except (KeyError, TypeError, ValueError, AttributeError):
        read = None  # not what this wtcheck keeps: read again
    if read is None:
        headers = [_header(raw_ruleset(name).data) for name in ruleset_names()]
        read = [_edition(header) for header in headers]
        cache.write("editions", headers)
    return {edition.name: edition for edition in sorted(read, key=lambda edition: edition.in_force.date)}


def _header(data: dict[str, Any]) -> dict[str, Any]:
    """A ruleset's header: everything but its rules and how they are inherited."""
    return {key: value for key, value in data.items() if key not in ("rules", "remove", "change", "recite")}


def edition(name: str) -> Edition:
    """The edition called ``name``; raise :class:`WtcheckError` for one wtcheck does not know."""
    try:
        return editions()[str(name)]
    except KeyError:
        raise WtcheckError(f"unknown edition {name!r}; choose one of {', '.join(editions())}") from None


def current(on: dt.date, era: str = PARTNERSHIP) -> Edition:
    """The edition of ``era`` in force on ``on`` (the oldest of the era before it has any)."""
    of_era = [found for found in editions().values() if found.era == era]
    in_force = [found for found in of_era if found.in_force.date <= on]
    return (in_force or of_era)[-1]


def _edition(header: dict[str, Any]) -> Edition:
    transition = header.get("transition")
    return Edition(
        name=header["edition"], era=header["era"], title=header["title"],
        published=_dated(header["published"]), in_force=_dated(header["in_force"]), ruleset=header["ruleset"],
        replaces=header.get("replaces"),
        transition=Transition(dt.date.fromisoformat(transition["until"]), transition["confidence"],
                              " ".join(transition["within"].split()),
                              _words(transition.get("replaced_within")), _words(transition.get("replaced_after")))
        if transition else None)


def _dated(fact: dict[str, str]) -> Dated:
    return Dated(dt.date.fromisoformat(fact["date"]), fact["confidence"])


def _words(text: str | None) -> str | None:
    return " ".join(text.split()) if text else None


def choose(data: dict[str, Any], requested: str | None = None, *, as_of: dt.date | None = None) -> Choice:
    """Pick the edition to check ``data`` against.

    A requested edition (the command line or the configuration) wins, then
    the document's own ``edition:``, then the edition in force on its publication date for its
    era (LSCB or safeguarding partners). Checked ``as_of`` a day, a document dated later gets the
    edition in force on that day, and the reason says whether a transition window was still
    open on it. Raise :class:`WtcheckError` when none of these decides it.
    """
    if requested is not None:
        return _named(data, requested, f"the {requested} edition was asked for (--edition, or edition in the settings)")
    stated = data.get("edition")
    if stated is not None:
        return _named(data, str(stated), f"the document names the {stated} edition ('edition:')")
    dated = _publication_date(data)
    if dated is None:
        raise WtcheckError("cannot tell which edition of Working Together applies: the document has no "
                           "'edition:' and no publication date (arrangements.published or "
                           "annual_report.published); add one, or pass --edition")
    field, when = dated
    era = era_of(data)
    if when.exact:
        return _by_date(when.earliest, era, f"{field} is {when.earliest}", as_of)
    dated_as = f"{field} is {when.written}, a {when.precision}"
    first, last = _by_date(when.earliest, era, dated_as, as_of), _by_date(when.latest, era, dated_as, as_of)
    if first.edition != last.edition:
        raise WtcheckError(f"{field} is {when.written}, only a {when.precision}, and both the {first.edition.name} and "
                           f"the {last.edition.name} editions were in force during it; give the day, or say which "
                           "edition with 'edition:' (or pass --edition)")
    return first


def era_of(data: dict[str, Any]) -> str | None:
    """LSCB or safeguarding partnership, as the document says or shows; None if it does not."""
    kind = (data.get("partnership") or {}).get("kind") if isinstance(data.get("partnership"), dict) else None
    if kind in (LSCB, PARTNERSHIP):
        return str(kind)
    if data.get("board"):
        return LSCB
    if data.get("safeguarding_partners"):
        return PARTNERSHIP
    return None


def _named(data: dict[str, Any], name: str, reason: str) -> Choice:
    """An edition named by the user or the document, with a warning if it is for the other era."""
    chosen = edition(name)
    era = era_of(data)
    if era is not None and era != chosen.era:
        reason += (f"; note that the document describes {ERA_WORDS[era]}, but the {name} edition is for "
                   f"{ERA_WORDS[chosen.era]}, so most of its rules will not fit")
    return Choice(chosen, reason)


def _publication_date(data: dict[str, Any]) -> tuple[str, Span] | None:
    """The first publication date the document gives, as the days it could mean (a day, a month or a year)."""
    for section, field in (("arrangements", "published"), ("annual_report", "published")):
        block = data.get(section)
        when = span(block.get(field)) if isinstance(block, dict) else None
        if when is not None:
            return f"{section}.{field}", when
    return None


def _era_change(era: str) -> Edition | None:
    """The edition of another era that replaced an edition of ``era`` (the end of ``era``), if any."""
    names = {found.name for found in editions().values() if found.era == era}
    return next((found for found in editions().values() if found.era != era and found.replaces in names), None)


def _era_on(when: dt.date, dated: str) -> str:
    """The era a document dated ``when`` must be of, when it does not say; raise inside a transition
    between eras, when both were lawful."""
    lawful = []
    for era in dict.fromkeys(found.era for found in editions().values()):
        began = any(found.in_force.date <= when for found in editions().values() if found.era == era)
        ended_by = _era_change(era)
        ended = ended_by is not None and when > (ended_by.transition.until if ended_by.transition
                                                  else ended_by.in_force.date)
        if began and not ended:
            lawful.append(era)
    if len(lawful) > 1:
        changes = [change for change in map(_era_change, lawful) if change is not None]
        window = f" ({changes[0].in_force.date} to {changes[0].transition.until})" if changes and changes[0].transition else ""
        raise WtcheckError(f"{dated}, inside the transition{window} when both {' and '.join(ERA_PLURALS[e] for e in lawful)} "
                           "were lawful; say which this is with partnership.kind (lscb or safeguarding_partnership), "
                           "or pass --edition")
    return lawful[0] if lawful else next(iter(editions().values())).era


def _by_date(when: dt.date, era: str | None, dated: str, as_of: dt.date | None = None) -> Choice:
    then = "then"
    if as_of is not None and as_of < when:
        when, dated, then = as_of, f"{dated}, after {as_of}, the day checked as of", f"on {as_of}"
    era = era or _era_on(when, dated)
    every = list(editions().values())
    of_era = [found for found in every if found.era == era]
    in_force = [found for found in of_era if found.in_force.date <= when]
    if not in_force:
        if not any(found.in_force.date <= when for found in every):
            raise WtcheckError(f"{dated}, before the {every[0].name} edition, the earliest wtcheck knows; pass --edition")
        first = of_era[0]
        return Choice(first, f"{dated}, before the {first.name} edition came into force, but only the "
                             f"{_listed([found.name for found in of_era])} editions describe {ERA_PLURALS[era]}, "
                             f"so the {first.name} edition is used")
    chosen = in_force[-1]
    reason = f"{dated}; the {chosen.name} edition was the one in force for {ERA_PLURALS[era]} {then}"
    ended_by = _era_change(era)
    window = ended_by.transition if ended_by else None
    if ended_by is not None and window is not None and ended_by.in_force.date <= when:
        if when <= window.until and window.replaced_within:
            reason += f" ({window.replaced_within}){_window_as_of(window.until, as_of)}"
        elif when > window.until and window.replaced_after:
            reason = f"{dated}, {window.replaced_after}"
    elif chosen.transition is not None and when <= chosen.transition.until:
        reason += f" ({chosen.transition.within}){_window_as_of(chosen.transition.until, as_of)}"
    if chosen.in_force.confidence == UNCONFIRMED:
        reason += (f"; the date the {chosen.name} edition came into force is not confirmed: wtcheck takes it "
                   f"as {chosen.in_force.date}")
    return Choice(chosen, reason)


def _window_as_of(until: dt.date, as_of: dt.date | None) -> str:
    """What a transition window that ends ``until`` was on the day checked as of, if one was given."""
    if as_of is None:
        return ""
    if as_of <= until:
        return f"; on {as_of}, the day checked as of, that window was still open (it closed on {until})"
    return f"; that window closed on {until}, before {as_of}, the day checked as of"


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
