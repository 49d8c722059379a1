"""Putting drafts together: several documents into one description, each value with its evidence.

Values are merged in the order the documents were given: the first document that
gives a single value (the partnership's name, a date) is the one drafted, and a
later one that disagrees is noted for the summary; lists (partners, agencies,
recipients) are joined; the funding (its period, contributions and total) is
taken whole from the first document that gives any, so one budget's figures are
never mixed with another's. Each part of the description that the schema gives
an ``evidence`` gets one, naming the document, the page (PDF) or heading path,
and the words each value was read in. What the drafter looks for but did not
find becomes a placeholder, with the schema's own words for what it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wtcheck.core.schema import schema
from wtcheck.draft.facts import Citation, Draft, Found, normal, where
from wtcheck.draft.names import area_of, known_body

DRAFTED = (
    "partnership.name", "partnership.local_authority_areas", "arrangements.title", "arrangements.published",
    "safeguarding_partners", "chair", "relevant_agencies.agencies", "independent_scrutiny.scrutineer",
    "funding.period", "funding.contributions", "funding.total", "thresholds.title", "reviews.process",
    "ways_of_working.training", "ways_of_working.voice_of_children_and_families", "escalation.procedure",
    "annual_report.title", "annual_report.published", "annual_report.period", "annual_report.sent_to",
)
"""Everything ``draft`` looks for, in the order of the schema's sections."""
PARTNERSHIP_ONLY = ("safeguarding_partners", "relevant_agencies", "independent_scrutiny")
"""Sections only safeguarding partnerships have (not LSCBs)."""
ROLE_WORDS = {"local_authority": "the local authority", "icb": "the integrated care board", "ccg": "the CCG",
              "police": "the police"}
FUNDING = ("funding.period", "funding.total")


@dataclass
class DraftModel:
    """The drafted description and what to say about it."""

    files: list[str]
    description: dict[str, Any]
    """The description's data, in the schema's order, with evidence."""
    found: list[tuple[str, str, str]] = field(default_factory=list)
    """Each value drafted: its place, the value in words, where it was read."""
    missing: list[tuple[str, str]] = field(default_factory=list)
    """Each item looked for and not found: its place, and what it is (the schema's words)."""
    notes: list[str] = field(default_factory=list)
    editions: list[str] = field(default_factory=list)
    lscb: bool = False


def merge(drafts: list[Draft]) -> Draft:
    """One draft from several, in the order given."""
    merged = Draft([file for draft in drafts for file in draft.files],
                   {file: kind for draft in drafts for file, kind in draft.kinds.items()})
    funded = next((draft for draft in drafts if draft.contributions or any(path in draft.values for path in FUNDING)), None)
    for draft in drafts:
        for text in draft.notes:
            merged.note(text)
        for path, found in draft.values.items():
            if path.startswith("funding.") and draft is not funded and funded is not None:
                merged.note(f"{path} is also given in {found.cited.file}; the funding (period, contributions, "
                            f"total) is drafted whole from {funded.files[0]}, so as not to mix two budgets")
                continue
            merged.give(path, found)
        if draft.contributions and draft is not funded and funded is not None:
            merged.note(f"funding.contributions are also given in {draft.files[0]}; they are drafted from "
                        f"{funded.files[0]} only")
        for partner in draft.partners:
            into = merged.partner(partner.role, partner.organisation)
            for side in ("lead", "delegate"):
                for key, found in getattr(partner, side).items():
                    getattr(into, side).setdefault(key, found)
        names = {normal(agency["name"].value) for agency in merged.agencies}
        merged.agencies += [agency for agency in draft.agencies if normal(agency["name"].value) not in names]
        if draft is funded:
            merged.contributions = list(draft.contributions)
        seen = {found.value for found in merged.recipients}
        merged.recipients += [found for found in draft.recipients if found.value not in seen]
        merged.editions += draft.editions
    return merged


def assemble(drafts: list[Draft]) -> DraftModel:
    """The description drafted from ``drafts`` (one per document, in the order given)."""
    draft = merge(drafts)
    lscb = draft.values.get("partnership.kind", Found("", _NOWHERE)).value == "lscb"
    if lscb:  # an LSCB's funders are board partners, not safeguarding partners
        for contribution in draft.contributions:
            if "kind" in contribution:
                contribution["kind"] = Found("board_partner", contribution["kind"].cited)
    builder = _Builder(draft)
    description = builder.description(lscb)
    notes = list(draft.notes)
    if not description:  # a description needs something in it: the section to fill in first
        description = {"partnership": {}}
        notes.append("nothing was found in the documents: check that they are the partnership's published "
                     "arrangements or yearly report, and that they hold text (not pictures of text)")
    model = DraftModel(draft.files, description, builder.found, notes=notes, lscb=lscb)
    model.missing = _missing(description, lscb)
    model.editions = sorted({found.value for found in draft.editions})
    for partner in draft.partners:
        if partner.organisation is not None:
            body = known_body(partner.role, partner.organisation.value)
            if body is not None and body.end is not None:
                model.notes.append(f"{partner.organisation.value}: the register says {body.name} ended on {body.end}; "
                                   "check the document's date (validate says so if it is before)")
    return model


_NOWHERE = Citation("", "", None, "", "")


class _Builder:
    """Builds the description's data, in the schema's order, with evidence."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.values = draft.values
        self.found: list[tuple[str, str, str]] = []

    def take(self, path: str) -> Found | None:
        found = self.values.get(path)
        if found is not None:
            self.record(path, found)
        return found

    def record(self, path: str, found: Found) -> None:
        value = found.value
        shown = " to ".join(value.values()) if isinstance(value, dict) else (
            str(value).lower() if isinstance(value, bool) else str(value))
        self.found.append((path, shown, where(found.cited)))

    def description(self, lscb: bool) -> dict[str, Any]:
        sections = {
            "partnership": self.partnership(),
            "arrangements": self.section("arrangements", ("title", "published", "first_published")),
            "safeguarding_partners": None if lscb else self.partners(),
            "chair": self.section("chair", ("name", "title", "independent")),
            "relevant_agencies": None if lscb else self.agencies(),
            "independent_scrutiny": None if lscb else self.scrutiny(),
            "funding": self.funding(),
            "thresholds": self.section("thresholds", ("title",)),
            "reviews": self.statements("reviews", ("process",)),
            "ways_of_working": self.statements("ways_of_working", ("training", "voice_of_children_and_families")),
            "escalation": self.statements("escalation", ("procedure",)),
            "annual_report": self.report(),
        }
        order = list(schema("arrangements")["properties"])
        return {name: sections[name] for name in order if sections.get(name)}

    def section(self, name: str, keys: tuple[str, ...]) -> dict[str, Any] | None:
        data: dict[str, Any] = {}
        cited: list[tuple[str, Citation]] = []
        for key in keys:
            found = self.take(f"{name}.{key}")
            if found is not None:
                data[key] = found.value
                cited.append((key, found.cited))
        if not data:
            return None
        data["evidence"] = evidence(cited)
        return data

    def partnership(self) -> dict[str, Any] | None:
        data: dict[str, Any] = {}
        cited: list[tuple[str, Citation]] = []
        for key in ("name", "kind"):
            found = self.take(f"partnership.{key}")
            if found is not None:
                data[key] = found.value
                cited.append((key, found.cited))
        areas: list[str] = []
        for partner in self.draft.partners:
            if partner.role == "local_authority" and partner.organisation is not None:
                area = area_of(partner.organisation.value)
                if area and area not in areas:
                    areas.append(area)
                    cited.append((f"area {area}", partner.organisation.cited))
                    self.record("partnership.local_authority_areas", Found(area, partner.organisation.cited))
        if areas:
            data["local_authority_areas"] = areas
        if data:
            data["evidence"] = evidence(cited)
        return data or None

    def partners(self) -> list[dict[str, Any]] | None:
        entries = []
        for partner in self.draft.partners:
            entry: dict[str, Any] = {"partner": partner.role}
            cited: Citation | None = None
            if partner.organisation is not None:
                entry["organisation"] = partner.organisation.value
                cited = partner.organisation.cited
                self.record(f"safeguarding_partners[{partner.role}].organisation", partner.organisation)
            for side in ("lead", "delegate"):
                person = self.person(getattr(partner, side), f"safeguarding_partners[{partner.role}].{side}")
                if person:
                    entry[side] = person
                    cited = cited or next(iter(getattr(partner, side).values())).cited
            if cited is not None:
                entry["evidence"] = evidence([("partner", cited)])
            entries.append(entry)
        return entries or None

    def person(self, parts: dict[str, Found], path: str) -> dict[str, Any] | None:
        if not parts:
            return None
        data: dict[str, Any] = {key: parts[key].value for key in ("name", "title") if key in parts}
        for key in data:
            self.record(f"{path}.{key}", parts[key])
        data["evidence"] = evidence([(key, parts[key].cited) for key in ("name", "title") if key in parts])
        return data

    def agencies(self) -> dict[str, Any] | None:
        agencies = []
        for agency in self.draft.agencies:
            entry: dict[str, Any] = {key: agency[key].value for key in ("name", "sector") if key in agency}
            entry["evidence"] = evidence([("name", agency["name"].cited)])
            self.record("relevant_agencies.agencies", agency["name"])
            agencies.append(entry)
        return {"agencies": agencies} if agencies else None

    def scrutiny(self) -> dict[str, Any] | None:
        parts = {key: self.values[f"independent_scrutiny.scrutineer.{key}"] for key in ("name", "title")
                 if f"independent_scrutiny.scrutineer.{key}" in self.values}
        data: dict[str, Any] = {}
        scrutineer = self.person(parts, "independent_scrutiny.scrutineer")
        if scrutineer:
            data["scrutineer"] = scrutineer
        independent = self.take("independent_scrutiny.independent")
        if independent is not None:
            data["independent"] = independent.value
            data["evidence"] = evidence([("independent", independent.cited)])
        return data or None

    def funding(self) -> dict[str, Any] | None:
        data: dict[str, Any] = {}
        period = self.take("funding.period")
        if period is not None:
            data["period"] = {**period.value, "evidence": evidence([("period", period.cited)])}
        contributions = []
        for contribution in self.draft.contributions:
            entry: dict[str, Any] = {key: contribution[key].value
                                     for key in ("contributor", "partner", "kind", "amount", "share") if key in contribution}
            entry["evidence"] = evidence([("contribution", contribution["contributor"].cited)])
            for key in ("amount", "share"):
                if key in contribution:
                    self.record(f"funding.contributions[{entry['contributor']}].{key}", contribution[key])
            contributions.append(entry)
        if contributions:
            data["contributions"] = contributions
        total = self.take("funding.total")
        if total is not None:
            data["total"] = total.value
            data["evidence"] = evidence([("total", total.cited)])
        return data or None

    def statements(self, name: str, keys: tuple[str, ...]) -> dict[str, Any] | None:
        data = {}
        for key in keys:
            found = self.take(f"{name}.{key}")
            if found is not None:
                data[key] = {"summary": found.value, "evidence": evidence([(key, found.cited)], quote=False)}
        return data or None

    def report(self) -> dict[str, Any] | None:
        data: dict[str, Any] = {}
        cited: list[tuple[str, Citation]] = []
        for key in ("title", "published"):
            found = self.take(f"annual_report.{key}")
            if found is not None:
                data[key] = found.value
                cited.append((key, found.cited))
        period = self.take("annual_report.period")
        if period is not None:
            data["period"] = {**period.value, "evidence": evidence([("period", period.cited)])}
        sent = []
        for found in self.draft.recipients:
            sent.append({"recipient": found.value, "evidence": evidence([("recipient", found.cited)])})
            self.record("annual_report.sent_to", found)
        if sent:
            data["sent_to"] = sent
        if cited:
            data["evidence"] = evidence(cited)
        return data or None


def evidence(cited: list[tuple[str, Citation]], *, quote: bool = True) -> dict[str, Any]:
    """The ``evidence`` of a part of the description from the citations of its values: the
    document, page(s) and section(s) they were read in, and each value's words."""
    documents = list(dict.fromkeys(citation.document for _, citation in cited))
    pages = list(dict.fromkeys(citation.page for _, citation in cited if citation.page))
    sections = list(dict.fromkeys(citation.section for _, citation in cited if citation.section))
    data: dict[str, Any] = {"document": "; ".join(documents)}
    if pages:
        data["page"] = int(pages[0]) if len(pages) == 1 and pages[0].isdigit() else ", ".join(pages)
    if sections:
        data["section"] = "; ".join(sections)
    if quote:
        quotes = list(dict.fromkeys(citation.quote for _, citation in cited))
        if len(quotes) == 1:
            data["note"] = f"“{quotes[0]}”"
        else:
            data["note"] = "; ".join(f"{label}: “{citation.quote}”" for label, citation in cited)
    return data


def _missing(description: dict[str, Any], lscb: bool) -> list[tuple[str, str]]:
    """Each item ``draft`` looks for that the description lacks, with the schema's words for it."""
    properties = schema("arrangements")["properties"]
    missing = []
    for path in DRAFTED:
        section, _, item = path.partition(".")
        if lscb and section in PARTNERSHIP_ONLY:
            continue
        given = description.get(section)
        if item and isinstance(given, dict) and item in given:
            continue
        if not item and given:
            continue
        node = properties[section]
        if item:
            node = node.get("properties", {}).get(item, {})
        missing.append((path, str(node.get("description") or properties[section].get("description", ""))))
    if not lscb:
        for partner in description.get("safeguarding_partners", []):
            words = ROLE_WORDS[partner["partner"]]
            for key, about in (("organisation", "the body's name"), ("lead", "the lead (name or post)"),
                               ("delegate", "the delegate (name or post)")):
                if key not in partner:
                    missing.append((f"safeguarding_partners[{partner['partner']}].{key}", f"{words}: {about}"))
    return missing
