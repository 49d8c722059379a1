"""What drafting finds in a document: each value with where it was found.

A :class:`Draft` holds the values found in one document, each a :class:`Found`
with its :class:`Citation` (the document, page or heading path, a short quote).
Several drafts are merged by :mod:`wtcheck.draft.assemble`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wtcheck.core.registers import key
from wtcheck.core.text import brief

QUOTE_LENGTH = 160
"""Longest quote a citation keeps."""


ONE_HOLDER = {"chair.name": "chair.title", "chair.title": "chair.name"}
"""Paths that say who holds one role, each with the other: the chair by name, or by post."""

@dataclass(frozen=True)
class Citation:
    """Where a value was read: the document (its title, else its file), its file, the page
    (PDF), the heading path, and the words it was read in."""

    document: str
    file: str
    page: str | None
    section: str
    quote: str


@dataclass(frozen=True)
class Found:
    """A value and where it was read."""

    value: Any
    cited: Citation


@dataclass
class Partner:
    """One safeguarding partner as a document names it."""

    role: str
    organisation: Found | None = None
    lead: dict[str, Found] = field(default_factory=dict)
    """``name`` and ``title`` of the lead, where given."""
    delegate: dict[str, Found] = field(default_factory=dict)


@dataclass
class Draft:
    """Everything one document (or, merged, several) gave."""

    files: list[str]
    kinds: dict[str, str | None]
    """Each file's kind: ``annual_report``, ``arrangements`` or None when its title does not say."""
    values: dict[str, Found] = field(default_factory=dict)
    """Single values by their place in the description (``partnership.name``, ``annual_report.period``)."""
    partners: list[Partner] = field(default_factory=list)
    agencies: list[dict[str, Found]] = field(default_factory=list)
    contributions: list[dict[str, Found]] = field(default_factory=list)
    recipients: list[Found] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What the summary should say besides what was found: values that disagree, values passed over."""
    editions: list[Found] = field(default_factory=list)
    """The editions of Working Together the documents say they follow."""

    def give(self, path: str, found: Found) -> None:
        """Set a single value unless one is set already (the first found wins); a different value
        found later is noted. A role's holder is drafted once, by a name or by a post: a name found
        after a post (or a post after a name) is noted, not added, so two documents' holders never mix."""
        other = ONE_HOLDER.get(path)
        if path not in self.values and other in self.values:
            self.note(f"{path}: {_shown(found.value)} ({where(found.cited)}) differs from {other} "
                      f"{_shown(self.values[other].value)} ({where(self.values[other].cited)}); the first is drafted")
            return
        if path not in self.values:
            self.values[path] = found
        elif _same(self.values[path].value, found.value) is False:
            self.note(f"{path}: {_shown(found.value)} ({where(found.cited)}) differs from "
                      f"{_shown(self.values[path].value)} ({where(self.values[path].cited)}); the first is drafted")

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def partner(self, role: str, organisation: Found | None = None) -> Partner:
        """The partner of this kind (for local authorities, with this body), added if new."""
        for partner in self.partners:
            if partner.role != role:
                continue
            if organisation is None or partner.organisation is None:
                if organisation is not None:
                    partner.organisation = organisation
                return partner
            if key(partner.organisation.value) == key(organisation.value):  # one body, however it is written
                return partner
            if role != "local_authority":
                self.note(f"{role}: {organisation.value} ({where(organisation.cited)}) is named as well as "
                          f"{partner.organisation.value}; the first is drafted")
                return partner
        created = Partner(role, organisation)
        self.partners.append(created)
        return created


def where(cited: Citation) -> str:
    """A citation's place in words: ``report.pdf p. 4``, or the nearest heading: ``page.html, 3 Our partners``."""
    if cited.page:
        return f"{cited.file} p. {cited.page}"
    return f"{cited.file}, {cited.section.rsplit(' > ', 1)[-1]}" if cited.section else cited.file


def normal(value: Any) -> Any:
    """A value as compared: text in lower case with only letters and digits, else the value."""
    if isinstance(value, str):
        return " ".join("".join(char if char.isalnum() else " " for char in value.casefold().replace("&", "and")).split())
    if isinstance(value, dict):
        return {key: normal(item) for key, item in value.items()}
    return value


def _same(first: Any, second: Any) -> bool:
    return bool(normal(first) == normal(second))


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return " to ".join(str(item) for item in value.values())
    return repr(brief(value, 60)) if isinstance(value, str) else str(value)
