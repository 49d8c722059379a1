"""The five editions of Working Together, and which one applies to a document.

In-force dates and transition windows come from the requirement catalogue
(``shared/domain/CATALOGUE.md``, section 0): LSCBs kept their statutory
functions until the safeguarding partners' arrangements began, which had to
be published by 29 June 2019 and in place by 29 September 2019; the 2023
edition asked partners to update their arrangements by 31 December 2024.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from wtcheck.core.errors import WtcheckError

LSCB, PARTNERSHIP = "lscb", "safeguarding_partnership"


@dataclass(frozen=True)
class Edition:
    """One edition: its name, era, and the date it came into force."""

    name: str
    era: str
    in_force: dt.date
    title: str


EDITIONS: dict[str, Edition] = {
    edition.name: edition for edition in (
        Edition("2010", LSCB, dt.date(2010, 3, 17), "Working Together to Safeguard Children 2010"),
        Edition("2013", LSCB, dt.date(2013, 4, 15), "Working Together to Safeguard Children 2013"),
        Edition("2015", LSCB, dt.date(2015, 3, 26), "Working Together to Safeguard Children 2015"),
        # 2018: published 4 July 2018; the move to safeguarding partners began on 29 June 2018,
        # when Children Act 2004 s16E came fully into force (research/confirmations.md item 11).
        Edition("2018", PARTNERSHIP, dt.date(2018, 6, 29), "Working Together to Safeguard Children 2018"),
        Edition("2023", PARTNERSHIP, dt.date(2023, 12, 15), "Working Together to Safeguard Children 2023"),
    )
}

PARTNER_PUBLISH_BY = dt.date(2019, 6, 29)
PARTNER_IN_PLACE_BY = dt.date(2019, 9, 29)
UPDATE_2023_BY = dt.date(2024, 12, 31)


@dataclass(frozen=True)
class Choice:
    """The edition chosen for a document, and why, in words for the report."""

    edition: Edition
    reason: str


def choose(data: dict[str, Any], requested: str | None = None) -> Choice:
    """Pick the edition to check ``data`` against.

    A requested edition (the command line or the configuration) wins, then
    the document's own ``edition:``, then the edition in force on its publication date for its
    era (LSCB or safeguarding partners). Raise :class:`WtcheckError` when
    none of these decides it.
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
    return _by_date(when, era, field)


def era_of(data: dict[str, Any]) -> str | None:
    """LSCB or safeguarding partnership, as the document says or shows; None if it does not."""
    kind = (data.get("partnership") or {}).get("kind") if isinstance(data.get("partnership"), dict) else None
    if kind in (LSCB, PARTNERSHIP):
        return kind
    if data.get("board"):
        return LSCB
    if data.get("safeguarding_partners"):
        return PARTNERSHIP
    return None


ERA_WORDS = {LSCB: "a Local Safeguarding Children Board", PARTNERSHIP: "safeguarding partners"}


def _named(data: dict[str, Any], name: str, reason: str) -> Choice:
    """An edition named by the user or the document, with a warning if it is for the other era."""
    edition = _edition(name)
    era = era_of(data)
    if era is not None and era != edition.era:
        reason += (f"; note that the document describes {ERA_WORDS[era]}, but the {name} edition is for "
                   f"{ERA_WORDS[edition.era]}, so most of its rules will not fit")
    return Choice(edition, reason)


def _edition(name: str) -> Edition:
    try:
        return EDITIONS[name]
    except KeyError:
        raise WtcheckError(f"unknown edition {name!r}; choose one of {', '.join(EDITIONS)}") from None


def _publication_date(data: dict[str, Any]) -> tuple[str, dt.date] | None:
    for section, field in (("arrangements", "published"), ("annual_report", "published")):
        block = data.get(section)
        value = block.get(field) if isinstance(block, dict) else None
        if isinstance(value, str):
            try:
                return f"{section}.{field}", dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def _in_force(era: str, when: dt.date) -> Edition | None:
    candidates = [e for e in EDITIONS.values() if e.era == era and e.in_force <= when]
    return candidates[-1] if candidates else None


def _by_date(when: dt.date, era: str | None, field: str) -> Choice:
    dated = f"{field} is {when}"
    if era is None:
        if PARTNER_IN_PLACE_BY < when:
            era = PARTNERSHIP
        elif when < EDITIONS["2018"].in_force:
            era = LSCB
        else:
            raise WtcheckError(f"{dated}, inside the 2018-2019 transition when both LSCBs and safeguarding "
                               "partnerships were lawful; say which this is with partnership.kind "
                               "(lscb or safeguarding_partnership), or pass --edition")
    edition = _in_force(era, when)
    if era == LSCB:
        if edition is None:
            raise WtcheckError(f"{dated}, before the 2010 edition, the earliest wtcheck knows; pass --edition")
        reason = f"{dated}; the {edition.name} edition was the one in force for LSCBs then"
        if EDITIONS["2018"].in_force <= when <= PARTNER_IN_PLACE_BY:
            reason += (" (LSCBs kept their statutory functions under the 2015 edition until the "
                       f"safeguarding partners' arrangements began, at the latest {PARTNER_IN_PLACE_BY:%d %B %Y})")
        elif when > PARTNER_IN_PLACE_BY:
            reason = (f"{dated}, after LSCBs had to give way to safeguarding partners ({PARTNER_IN_PLACE_BY:%d %B %Y}); "
                      "the document describes an LSCB, so it is checked against the 2015 edition, the last for "
                      "LSCBs (an LSCB could still finish its serious case reviews for up to 12 months)")
        return Choice(edition, reason)
    if edition is None:
        edition = EDITIONS["2018"]
        return Choice(edition, f"{dated}, before the 2018 edition came into force, but only the 2018 and 2023 "
                               "editions describe safeguarding partners, so the 2018 edition is used")
    reason = f"{dated}; the {edition.name} edition was in force for safeguarding partners then"
    if edition.name == "2018" and when <= PARTNER_IN_PLACE_BY:
        reason += (f" (partners had to publish arrangements by {PARTNER_PUBLISH_BY:%d %B %Y} and have them "
                   f"in place by {PARTNER_IN_PLACE_BY:%d %B %Y})")
    if edition.name == "2023" and when <= UPDATE_2023_BY:
        reason += (f" (partners had until {UPDATE_2023_BY:%d %B %Y} to update their arrangements to it; "
                   "pass --edition 2018 to check arrangements not yet updated)")
    return Choice(edition, reason)
