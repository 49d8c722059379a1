"""Finding a description's values in one document, by the cues.

The document's blocks become units: sentences (of paragraphs, list items, notes and
headings) and table rows (with their table's header row). Each field has one
reader below; every reader keeps to what the document says in so many words and
refuses to guess: a value is drafted only where a cue says what it is (a heading,
a column, the words around it), and left out where two readings are possible.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from wtcheck.core.editions import edition_names
from wtcheck.draft.cues import Cues, cue_book
from wtcheck.draft.document import HEADING, ITEM, NOTE, PARAGRAPH, TABLE, Block, Document
from wtcheck.draft.facts import QUOTE_LENGTH, Citation, Draft, Found, Partner
from wtcheck.draft.names import Finder, Mention, Post, finder, number, parse_month

ANNUAL_REPORT = "annual_report"
ARRANGEMENTS = "arrangements"
STATEMENTS = {"escalation": "escalation.procedure", "reviews": "reviews.process", "training": "ways_of_working.training",
              "voice_of_children_and_families": "ways_of_working.voice_of_children_and_families"}
"""The statements drafted from a section of the document: the section's cue, and where its summary goes."""
SUMMARY_LENGTH = 300
"""Longest summary drafted for a statement."""
MAX_AGENCIES = 300
"""Most relevant agencies drafted from one document (a list longer than that is not a list of agencies)."""
MAX_CONTRIBUTIONS = 60
"""Most contributions drafted from one document."""

_NUMBERING = re.compile(r"^(?:(?:section|part|chapter|appendix|annex)\s+)?(?:[0-9]{1,2}(?:\.[0-9]{1,2})*|[A-Z]|[ivx]{1,4})"
                        r"[.):]?\s*(?:[-:]\s*)?\s(?=[A-Za-z])", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(£])")
_ABBREVIATION = re.compile(r"(?:\b(?:e\.g|i\.e|etc|Dr|Mr|Mrs|Ms|St|No|Nos|Cllr|Prof|para|paras|p|pp|vol|cf|approx|incl)"
                           r"|\b[A-Z])\.$")


@dataclass(frozen=True)
class Unit:
    """A sentence, or a table row (its cells, and the header row of its table)."""

    text: str
    block: Block
    cells: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    lead_in: str = ""
    """For a list item: the sentence that opens its list ("The delegated partners are:")."""

    @property
    def context(self) -> str:
        """The words that say what the unit is about: its lead-in, then its own."""
        return f"{self.lead_in} {self.text}" if self.lead_in else self.text


def extract(document: Document) -> Draft:
    """Every value the cues find in ``document``."""
    return _Reader(document).draft


class _Reader:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.book = cue_book()
        self.find: Finder = finder()
        self.sections = self.book.group("sections")
        self._sections: dict[tuple[str, ...], dict[str, int]] = {}
        self.context = self.book.group("context")
        self.units = list(_units(document))
        self.kind = self._kind()
        self.draft = Draft([document.file], {document.file: self.kind})
        if not any(block.text.strip() for block in document.blocks):
            self.draft.note(f"{document.file}: no text could be read from it (a scanned document holds pictures of "
                            "text, which wtcheck does not read); draft from a version with text, or fill it in by hand")
        self._name()
        self._titles_and_dates()
        self._partners()
        self._chair()
        self._scrutineer()
        self._agencies()
        self._report()
        self._funding()
        self._thresholds()
        self._statements()
        self._editions()

    # ------------------------------------------------------------- citations
    def cite(self, unit: Unit | Block, start: int = 0, end: int | None = None) -> Citation:
        block = unit.block if isinstance(unit, Unit) else unit
        text = unit.text
        path = (*block.headings, block.text) if block.kind == HEADING and block.text else block.headings
        return Citation(self.document.name, self.document.file, block.page, " > ".join(path),
                        _quote(text, start, len(text) if end is None else end))

    def found(self, value: object, unit: Unit | Block, start: int = 0, end: int | None = None) -> Found:
        return Found(value, self.cite(unit, start, end))

    def sections_of(self, block: Block) -> dict[str, int]:
        """The sections the headings above a block put it in (read once per heading path)."""
        found = self._sections.get(block.headings)
        if found is None:
            found = self._sections[block.headings] = _sections(block.headings, self.sections)
        return found

    def in_section(self, block: Block, name: str) -> bool:
        return name in self.sections_of(block)

    def innermost(self, block: Block) -> str | None:
        """The section of the nearest heading above the block that has one."""
        found = self.sections_of(block)
        return max(found, key=lambda section: found[section]) if found else None

    # --------------------------------------------------------------- the kind
    def _kind(self) -> str | None:
        documents = self.book.group("documents")
        heads = [block.text for block in self.document.blocks[:40] if block.kind == HEADING][:3]
        for text in (self.document.title, *heads, re.sub(r"[_-]+", " ", self.document.file.rsplit("/", 1)[-1])):
            if documents[ANNUAL_REPORT].search(text):
                return ANNUAL_REPORT
            if documents[ARRANGEMENTS].search(text):
                return ARRANGEMENTS
        return None

    # ----------------------------------------------------- name, kind, areas
    def _name(self) -> None:
        names = self.book.list("partnership_names")
        counted: Counter[str] = Counter()
        first: dict[str, tuple[Unit, int, int]] = {}
        title = Block(HEADING, self.document.title)
        for unit in [Unit(self.document.title, title), *self.units]:
            for match in names.finditer(unit.text):
                accepted = self.find.partnership_name(match, names)
                if accepted is None:
                    continue
                name, start = accepted
                weight = 5 if unit.block is title or unit.block.kind == HEADING else 1
                counted[name] += weight
                cited = unit if unit.block is not title else Unit(unit.text, self._title_unit())
                first.setdefault(name, (cited, start, start + len(name)))
        if not counted:
            return
        best = max(counted, key=lambda name: (counted[name], -list(first).index(name)))
        unit, start, end = first[best]
        self.draft.give("partnership.name", self.found(best, unit, start, end))
        lscb = self.book.list("lscb_words")
        if lscb.search(best):
            self.draft.give("partnership.kind", self.found("lscb", unit, start, end))
        elif "Partnership" in best:
            self.draft.give("partnership.kind", self.found("safeguarding_partnership", unit, start, end))

    def _title_unit(self) -> Block:
        first = next((block for block in self.document.blocks if block.kind == HEADING), None)
        if first is not None and first.text == self.document.title:
            return first
        return Block(HEADING, self.document.title, page="1" if self.document.format == "pdf" else None)

    # ------------------------------------------------------- titles, dates
    def _titles_and_dates(self) -> None:
        documents = self.book.group("documents")
        if self.kind is not None and self.document.title and documents[self.kind].search(self.document.title):
            self.draft.give(f"{self.kind}.title", self.found(self.document.title, self._title_unit()))
        published = self.book.list("published")
        first_published = self.book.list("first_published")
        refused = self.book.list("not_published")
        dates: list[Found] = []
        for unit in self.units:
            text = unit.text
            early = first_published.search(text)
            if early and self.kind == ARRANGEMENTS:
                day = _day(early.group("date"))
                if day:
                    self.draft.give("arrangements.first_published",
                                    self.found(day.isoformat(), unit, early.start(), early.end()))
            for match in published.finditer(text):
                if early and early.start() <= match.start() < early.end():
                    continue
                if not self._about_itself(unit, match.start()):
                    continue
                if refused.search(text[max(0, match.start() - 40):match.start("date")]):
                    continue
                day = _day(match.group("date"))
                if day is not None:
                    dates.append(self.found(day.isoformat(), unit, match.start(), match.end()))
        if not dates:
            return
        if self.kind is None:
            self.draft.note(f"{self.document.file}: a publication date ({dates[0].value}) was found, but the title "
                            "does not say whether this is the arrangements or the yearly report; it is not drafted")
            return
        if len({found.value for found in dates}) > 1:
            self.draft.note(f"{self.document.file}: it gives several publication dates "
                            f"({', '.join(sorted({found.value for found in dates}))}); none is drafted")
            return
        self.draft.give(f"{self.kind}.published", dates[0])

    def _about_itself(self, unit: Unit, start: int) -> bool:
        """Whether a date or period in a unit is the document's own: written as a label ("Published:",
        a row of a document control table), said of "this report" or "these arrangements", or on
        the document's first lines."""
        if unit.cells or start <= 2 or unit.block.kind == HEADING:
            return True
        if self.book.list("self_words").search(unit.text):
            return True
        return unit.block in self.document.blocks[:12] and len(unit.text.split()) <= 12

    # -------------------------------------------------------------- partners
    def _partners(self) -> None:
        for unit in self.units:
            if unit.cells:
                self._partner_row(unit)
        post_as = self.book.group("post_as")
        for unit in self.units:
            if unit.cells:
                continue
            text, about = unit.text, unit.context
            context = self.context["partners"].search(about) or (
                self.in_section(unit.block, "partners") and unit.block.kind in (ITEM, NOTE)
                and not self.in_section(unit.block, "funding") and not self.in_section(unit.block, "relevant_agencies"))
            if not context or _about_chair(unit.lead_in) or self.context["not_partners"].search(unit.lead_in):
                continue
            refused = self.context["not_partners"].search(text)
            if refused:  # what follows "work closely with", "as well as", ... is about other bodies
                text = text[:refused.start()]
            chair = _about_chair(text)
            if chair:  # and what follows "chaired by" is about the chair
                text = text[:chair.start()]
            mentions = self.find.bodies(text)
            for mention in mentions:
                self.draft.partner(mention.role, self.found(mention.name, unit, mention.start, mention.end))
            lead, delegate = post_as["lead"].search(about), post_as["delegate"].search(about)
            said = "lead" if lead and not delegate else "delegate" if delegate and not lead else None
            for post in self.find.posts(text):
                role = _role_of(post, text, mentions, self.find)
                role_as = said or post.role_as
                if role is None or (role_as == "delegate" and said != "delegate" and not delegate):
                    continue  # a delegate is drafted only where the document says it is one
                holder = self.draft.partner(role, _organisation_for(self, role, mentions, unit))
                self._post(holder, role_as, post, text, unit)

    def _partner_row(self, unit: Unit) -> None:
        header = unit.header
        partner_table = self.in_section(unit.block, "partners") or any(
            self.context["partner_column"].search(cell) or self.book.group("post_as")["lead"].search(cell)
            or self.book.group("post_as")["delegate"].search(cell) for cell in header)
        if not partner_table or self.in_section(unit.block, "funding") or self.in_section(unit.block, "relevant_agencies"):
            return
        if any(self.context["amount_column"].search(cell) or self.context["share_column"].search(cell)
               for cell in header if not self.context["partner_column"].search(cell)):
            return
        mentions = [(index, mention) for index, cell in enumerate(unit.cells) for mention in self.find.bodies(cell)]
        roles = {mention.role for _, mention in mentions}
        role = next(iter(roles)) if len(roles) == 1 else None
        if not mentions:
            role = self.find.partner_word(unit.cells[0])
        if role is None:
            return
        organisation = None
        for index, mention in mentions:
            organisation = Found(mention.name, self.cite(Unit(unit.cells[index], unit.block)))
            break
        holder = self.draft.partner(role, organisation)
        post_as = self.book.group("post_as")
        delegates_said = any(post_as["delegate"].search(cell) for cell in header)
        people = [person for person in map(self.find.person, unit.cells) if person]
        posts_in_row = []
        for index, cell in enumerate(unit.cells):
            column = header[index] if index < len(header) else ""
            said = "lead" if post_as["lead"].search(column) else "delegate" if post_as["delegate"].search(column) else None
            posts = [post for post in self.find.posts(cell) if role in post.roles]
            for post in posts:
                role_as = said or post.role_as
                if role_as == "delegate" and not delegates_said:
                    continue  # a table of members is not a table of delegates
                self._post(holder, role_as, post, cell, unit)
                posts_in_row.append(role_as)
            if not posts and said:
                person = self.find.person(cell)
                if person:
                    chosen = holder.lead if said == "lead" else holder.delegate
                    if "name" not in chosen:
                        chosen["name"] = self.found(person, unit)
        if len(posts_in_row) == 1 and len(people) == 1:  # "Alex Example | Chief Executive | Larkmere Council"
            chosen = holder.lead if posts_in_row[0] == "lead" else holder.delegate
            chosen.setdefault("name", self.found(people[0], unit))

    def _post(self, holder: Partner, role_as: str, post: Post, text: str, unit: Unit) -> None:
        chosen = holder.lead if role_as == "lead" else holder.delegate
        if "title" in chosen:
            return
        person = self.find.person_beside(text, post)
        chosen["title"] = self.found(post.title, unit)
        if person:
            chosen["name"] = self.found(person, unit)

    # ------------------------------------------------------ chair, scrutiny
    def _signed(self) -> list[Unit]:
        """A person's name alone on a line and the short line after it, as one ("Jo Example, Independent
        Chair"): how a foreword is signed."""
        found = []
        blocks = self.document.blocks
        for block, following in zip(blocks, blocks[1:], strict=False):
            if block.kind == PARAGRAPH and following.kind in (PARAGRAPH, HEADING) and len(following.text.split()) <= 10 \
                    and self.find.person(block.text):
                found.append(Unit(f"{block.text}, {following.text}", following))
        return found

    def _chair(self) -> None:
        cues = self.book.list("chair")
        refused = self.book.list("not_chair")
        for unit in [*self.units, *self._signed()]:
            text = unit.text
            if "hair" not in text or refused.search(text):
                continue
            match = cues.search(text)
            if not match:
                continue
            name = match.group("name").strip()
            post = self.find.posts(name)
            if not (post and post[0].title == name) and not self.find.is_person(name):
                continue
            holder = "chair.title" if post and post[0].title == name else "chair.name"  # a post is not a name
            self.draft.give(holder, self.found(name, unit, match.start(), match.end()))
            if match.group("independent"):
                self.draft.give("chair.independent", self.found(True, unit, match.start(), match.end()))
            return

    def _scrutineer(self) -> None:
        cues = self.book.list("scrutineer")
        for unit in [*self.units, *self._signed()]:
            match = cues.search(unit.text)
            if match and self.find.is_person(match.group("name")):
                at = (unit, match.start(), match.end())
                self.draft.give("independent_scrutiny.scrutineer.name", self.found(match.group("name"), *at))
                title = match.groupdict().get("title")
                if title:
                    self.draft.give("independent_scrutiny.scrutineer.title", self.found(title, *at))
                self.draft.give("independent_scrutiny.independent", self.found(True, *at))
                return
        posts = self.book.list("scrutineer_post")
        for unit in self.units:
            match = posts.search(unit.text)
            if match:
                at = (unit, match.start(), match.end())
                self.draft.give("independent_scrutiny.scrutineer.title", self.found(match.group("title"), *at))
                self.draft.give("independent_scrutiny.independent", self.found(True, *at))
                return

    # ----------------------------------------------------- relevant agencies
    def _agencies(self) -> None:
        seen: set[str] = set()

        def add(name: str, unit: Unit, sector: str | None = None, listed: bool = False) -> None:
            name = name.strip(" .;,:")
            key = name.casefold()
            if not _agency_like(name, listed) or key in seen or len(seen) >= MAX_AGENCIES:
                return
            seen.add(key)
            entry = {"name": Found(name, self.cite(Unit(name, unit.block)))}
            sector = sector or _sector(name)
            if sector:
                entry["sector"] = Found(sector, self.cite(Unit(name, unit.block)))
            self.draft.agencies.append(entry)

        for unit in self.units:
            block = unit.block
            in_section = self.innermost(block) == "relevant_agencies"
            if unit.cells and in_section:
                column = _column(unit.header, self.context["agency_column"]) if unit.header else 0
                sector_column = _column(unit.header, self.context["sector_column"]) if unit.header else None
                if column is not None and column < len(unit.cells):
                    sector = _sector(unit.cells[sector_column]) if sector_column is not None \
                        and sector_column < len(unit.cells) else None
                    for name in _cell_items(unit.cells[column]):
                        add(name, unit, sector)
            elif block.kind == ITEM and (in_section or self.context["agencies"].search(unit.lead_in)):
                add(_agency_name(unit.text), unit)
            elif not unit.cells:
                listed = self.context["agencies"].search(unit.text)
                if listed:
                    for part in _listed(unit.text[listed.end():]):
                        add(part, unit, listed=True)

    # --------------------------------------------------------------- funding
    def _funding(self) -> None:
        for block in self.document.blocks:
            if block.kind == TABLE:
                self._funding_table(block)
        for unit in self.units:
            if unit.cells:
                continue
            in_funding = self.in_section(unit.block, "funding")
            if not (in_funding or self.context["funding"].search(unit.text)):
                continue
            self._funding_sentence(unit)
        self._funding_period()

    def _funding_table(self, block: Block) -> None:
        rows = [list(row) for row in block.rows]
        header = rows[0] if _is_header(block, self.find) else []
        body = rows[1:] if header else rows
        in_funding = self.in_section(block, "funding")
        columns: dict[str, int | None] = {"amount": None, "share": None, "label": None}
        said = any(self.context[name].search(cell) for cell in header
                   for name in ("amount_column", "share_column", "contributor_column"))
        if not (in_funding or said) or not body:
            return
        if any(self.context["spending"].search(cell) for cell in header) and not any(
                self.context["contributor_column"].search(cell) for cell in header):
            return
        width = max(len(row) for row in rows)
        money_columns = [index for index in range(width)
                         if sum(bool(self.find.amounts(_cell(row, index)) or (
                             header and "£" in _cell(header, index) and _plain_number(_cell(row, index)) is not None))
                             for row in body) >= max(1, len(body) // 2)]
        share_columns = [index for index in range(width) if index not in money_columns and (
            sum(bool(self.find.shares(_cell(row, index))) for row in body) >= max(1, len(body) // 2)
            or (header and self.context["share_column"].search(_cell(header, index))
                and any(_plain_number(_cell(row, index)) is not None for row in body)))]
        if len(money_columns) > 1:
            money_columns = self._year_column(header, money_columns, block)
        if not money_columns and not share_columns:
            return
        labels = [index for index in range(width) if index not in money_columns and index not in share_columns]
        if not labels:
            return
        columns["label"] = labels[0]
        columns["amount"] = money_columns[0] if len(money_columns) == 1 else None
        columns["share"] = share_columns[0] if len(share_columns) == 1 else None
        found: list[dict[str, Found]] = []
        for row in body:
            label = _cell(row, columns["label"])
            cited = self.cite(Unit(" | ".join(cell for cell in row if cell), block))
            pounds = bool(header) and "£" in _cell(header, columns["amount"])
            amount = _money(self.find, _cell(row, columns["amount"]), pounds)
            share = _share(self.find, _cell(row, columns["share"]), bool(header))
            if not label or (amount is None and share is None):
                continue
            if self.context["total"].search(label):
                if amount is not None:
                    self.draft.give("funding.total", Found(number(amount), cited))
                continue
            mentions = self.find.bodies(label)
            role = mentions[0].role if len(mentions) == 1 and mentions[0].name == label.strip() else None
            role = role or (self.find.partner_word(label) if not mentions else None)
            if role is None and not (mentions or any(self.context["contributor_column"].search(cell) for cell in header)):
                continue
            if len(label.split()) > 10 or self.context["spending"].search(label):
                continue
            entry = {"contributor": Found(label, cited)}
            if role is not None:
                entry["partner"] = Found(role, cited)
                entry["kind"] = Found("safeguarding_partner", cited)
            if amount is not None:
                entry["amount"] = Found(number(amount), cited)
            if share is not None:
                entry["share"] = Found(number(share), cited)
            found.append(entry)
        self._contributions(found)

    def _year_column(self, header: list[str], columns: list[int], block: Block) -> list[int]:
        """Of several columns of amounts, the one for the yearly report's period, if a column's
        header names that financial year; else none (which year is meant would be a guess)."""
        period = self.draft.values.get("annual_report.period")
        years = self.book.list("financial_years")
        for index in columns:
            match = years.search(_cell(header, index))
            if period is not None and match and _financial_year(match) == period.value:
                self.draft.give("funding.period", Found(period.value, self.cite(Unit(_cell(header, index), block))))
                return [index]
        named = ", ".join(_cell(header, index) for index in columns)
        self.draft.note(f"{self.document.file}: a funding table gives amounts for several columns ({named}); "
                        "no amount from it is drafted, as which one is meant is not said")
        return []

    def _funding_sentence(self, unit: Unit) -> None:
        text = unit.text
        mentions = self.find.bodies(text)
        amounts = self.find.amounts(text)
        if not amounts and not self.find.shares(text):
            return
        total = self.context["total_amount"].search(text)
        if total and (not mentions or total.end() <= mentions[0].start):
            amount = self.find.amounts(total.group("amount"))
            if amount:
                self.draft.give("funding.total", self.found(number(amount[0][0]), unit, total.start(), total.end()))
        elif not mentions and self.context["total"].search(text) and len(amounts) == 1:
            self.draft.give("funding.total", self.found(number(amounts[0][0]), unit, amounts[0][1], amounts[0][2]))
        if not mentions:
            return
        found = []
        for index, mention in enumerate(mentions):
            end = mentions[index + 1].start if index + 1 < len(mentions) else len(text)
            boundary = re.search(r";|\.\s|,?\s+(?:and|while|whereas|but)\s+(?:the|each|all|other|every)\b|,\s+the\s",
                                 text[mention.end:end])
            stop = mention.end + boundary.start() if boundary else end
            segment = text[mention.end:stop]
            listed = re.match(r"\s*(?:[:(-]\s*)?(?:£|[0-9.]+\s?%)", segment)  # "Larkmere Council £195,000;"
            if not self.context["funding"].search(segment) and not listed:
                continue
            money = [amount for amount in amounts if mention.end <= amount[1] < stop]
            shares = [share for share in self.find.shares(text) if mention.end <= share[1] < stop]
            if len(money) > 1 or len(shares) > 1 or not (money or shares):
                continue
            cited = self.cite(unit, mention.start, stop)
            entry = {"contributor": Found(mention.name, cited), "partner": Found(mention.role, cited),
                     "kind": Found("safeguarding_partner", cited)}
            if money:
                entry["amount"] = Found(number(money[0][0]), cited)
            if shares:
                entry["share"] = Found(number(shares[0][0]), cited)
            found.append(entry)
        self._contributions(found)

    def _contributions(self, found: list[dict[str, Found]]) -> None:
        known = {entry["contributor"].value.casefold() for entry in self.draft.contributions}
        fresh = [entry for entry in found if entry["contributor"].value.casefold() not in known]
        shares = [entry["share"].value for entry in self.draft.contributions + fresh if "share" in entry]
        if sum(shares) > 100:  # as the schema: shares over 100% cannot all be right
            self.draft.note(f"{self.document.file}: the shares of the budget found add up to {sum(shares):g}%; "
                            "they are not drafted")
            for entry in self.draft.contributions + fresh:
                entry.pop("share", None)
        self.draft.contributions.extend(fresh[:max(0, MAX_CONTRIBUTIONS - len(self.draft.contributions))])

    def _funding_period(self) -> None:
        periods = self.book.list("periods")
        years = self.book.list("financial_years")
        words = self.book.list("financial_year_words")
        candidates: list[Unit] = []
        headings = {block.headings[-1] for block in self.document.blocks if block.headings
                    and self.in_section(block, "funding")}
        for block in self.document.blocks:
            if block.kind == HEADING and block.text in headings:
                candidates.append(Unit(block.text, block))
        candidates += [unit for unit in self.units if self.in_section(unit.block, "funding")
                       or (unit.cells and any(self.context["amount_column"].search(cell) for cell in unit.header))]
        for unit in candidates:
            texts = [unit.text, *unit.header]
            for text in texts:
                match = periods.search(text)
                period = _period(match) if match else None
                if period is None:
                    year = years.search(text)
                    if year and words.search(text):
                        period = _financial_year(year)
                if period is not None:
                    self.draft.give("funding.period", Found(period, self.cite(Unit(text, unit.block))))
                    return

    # ---------------------------------------------------------- yearly report
    def _report(self) -> None:
        if self.kind != ANNUAL_REPORT:
            return
        periods = self.book.list("periods")
        said = self.book.list("report_period")
        title = self._title_unit()
        for unit in [Unit(self.document.title, title), *self.units]:
            if unit.cells or self.in_section(unit.block, "funding") or self.context["funding"].search(unit.text):
                continue
            match = periods.search(unit.text)
            if match and (unit.block is title or said.search(unit.text) or (
                    unit.block in self.document.blocks[:12] and len(unit.text.split()) <= 12)):
                period = _period(match)
                if period is not None:
                    self.draft.give("annual_report.period", self.found(period, unit, match.start(), match.end()))
                    break
        send = self.book.list("recipients", "send")
        readers = self.book.group("recipients", "to")
        seen = {found.value for found in self.draft.recipients}
        refused = self.book.list("recipients", "not")
        for unit in self.units:
            match = send.search(unit.text)
            if not match or refused.search(unit.text) or not re.search(r"\breport\b", unit.text, re.IGNORECASE):
                continue
            rest = unit.text[match.start():]
            named = [name for name, cues in readers.items() if cues.search(rest)]
            if "foundations" in named:
                named = [name for name in named if name != "what_works_centre"]
            for name in named:
                if name not in seen:
                    seen.add(name)
                    self.draft.recipients.append(self.found(name, unit))

    # ------------------------------------------------------------ thresholds
    def _thresholds(self) -> None:
        groups = self.book.group("thresholds")
        for unit in self.units:
            text = unit.text
            if not (groups["context"].search(text) or self.in_section(unit.block, "thresholds")):
                continue
            match = groups["titles"].search(text)
            quoted = groups["quoted"].search(text)
            if quoted and groups["context"].search(text) and (not match or quoted.start() <= match.start() < quoted.end()):
                self.draft.give("thresholds.title", self.found(quoted.group("name"), unit, quoted.start(), quoted.end()))
                return
            if match:
                name, start = self.find.trim(match.group("name"), match.start("name"), groups["titles"])
                if name and not name.islower():
                    self.draft.give("thresholds.title", self.found(name, unit, start, start + len(name)))
                    return

    # ------------------------------------------------------------ statements
    def _statements(self) -> None:
        for section, path in STATEMENTS.items():
            for block in self.document.blocks:
                if block.kind not in (PARAGRAPH, ITEM) or len(block.text.split()) < 8:
                    continue
                if self.innermost(block) == section:
                    self.draft.give(path, self.found(_summary(block.text), block))
                    break

    # -------------------------------------------------------------- editions
    def _editions(self) -> None:
        cues = self.book.list("edition")
        names = set(edition_names())
        for unit in self.units:
            for match in cues.finditer(unit.text):
                if match.group("year") in names:
                    self.draft.editions.append(self.found(match.group("year"), unit, match.start(), match.end()))


# ------------------------------------------------------------------ units
def _units(document: Document) -> Iterator[Unit]:
    lead_in = ""
    for block in document.blocks:
        if block.kind != ITEM:
            last = sentences(block.text)[-1] if block.kind == PARAGRAPH and block.text else ""
            lead_in = last if last.endswith(":") or re.search(r"\b(?:are|include|includes|is)$", last) else ""
        if block.kind == TABLE:
            rows = block.rows
            header = rows[0] if _is_header(block, finder()) else ()
            for row in rows[1:] if header else rows:
                cells = tuple(row)
                text = " | ".join(cell for cell in cells if cell)
                if len(cells) == 2 and cells[0] and cells[1] and not header:
                    text = f"{cells[0]}: {cells[1]}"
                yield Unit(text, block, cells, tuple(header))
        else:
            for sentence in sentences(block.text):
                for part in re.split(r"\s+\|\s+", sentence):  # "Version 2 | Published 16 December 2024"
                    if part:
                        yield Unit(part, block, lead_in=lead_in if block.kind == ITEM else "")


def sentences(text: str) -> list[str]:
    """``text`` cut into sentences (not after an abbreviation or an initial)."""
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start:match.start()]
        if _ABBREVIATION.search(before):
            continue
        parts.append(before.strip())
        start = match.end()
    parts.append(text[start:].strip())
    return [part for part in parts if part]


def _is_header(block: Block, find: Finder) -> bool:
    """Whether a table's first row is its header: marked so, or its cells are short words without
    amounts, names of bodies or dates, under which the other rows have some."""
    if block.header:
        return True
    first = block.rows[0]
    if any(find.amounts(cell) or find.shares(cell) or find.bodies(cell) or find.dates(cell) or len(cell.split()) > 8
           for cell in first):
        return False
    columns = [cues for name, cues in cue_book().group("context").items() if name.endswith("_column")]
    if all(cell and len(cell.split()) <= 4 and any(cues.search(cell) for cues in columns) for cell in first):
        return True
    rest = [cell for row in block.rows[1:] for cell in row]
    return any(find.amounts(cell) or find.shares(cell) or find.bodies(cell) for cell in rest)


@cache
def _stripped(heading: str) -> str:
    return _NUMBERING.sub("", heading).strip()


def _sections(headings: tuple[str, ...], cues: dict[str, Cues]) -> dict[str, int]:
    """The sections the headings put a block in, each with the depth of its nearest heading."""
    found: dict[str, int] = {}
    for depth, heading in enumerate(headings):
        text = _stripped(heading)
        for name, section in cues.items():
            if section.search(text):
                found[name] = depth
    return found


def _quote(text: str, start: int, end: int) -> str:
    """The words around ``text[start:end]``, at most ``QUOTE_LENGTH`` characters."""
    if len(text) <= QUOTE_LENGTH:
        return text
    middle = (start + end) // 2
    left = max(0, min(middle - QUOTE_LENGTH // 2, len(text) - QUOTE_LENGTH))
    cut = text[left:left + QUOTE_LENGTH]
    if left:
        cut = "..." + cut.split(" ", 1)[-1]
    if left + QUOTE_LENGTH < len(text):
        cut = cut.rsplit(" ", 1)[0] + "..."
    return cut


def _summary(text: str) -> str:
    """The first sentence (two, if the first is short) of a paragraph, at most ``SUMMARY_LENGTH``."""
    parts = sentences(text)
    summary = parts[0]
    if len(summary) < 60 and len(parts) > 1:
        summary += " " + parts[1]
    if len(summary) > SUMMARY_LENGTH:
        summary = summary[:SUMMARY_LENGTH].rsplit(" ", 1)[0] + "..."
    return summary


def _about_chair(text: str) -> re.Match[str] | None:
    return re.search(r"\b(?:\w+\s+){0,2}chair(?:ed|s|ing|person)?\b", text, re.IGNORECASE)


def _role_of(post: Post, text: str, mentions: list[Mention], find: Finder) -> str | None:
    """Whose post this is: its own when only one partner has it, else the body named with it
    ("Chief Executive of Kestrelford Borough Council", "the ICB's Chief Executive")."""
    if len(post.roles) == 1:
        return post.roles[0]
    after = text[post.end:post.end + 60]
    link = re.match(r"\s*(?:of|for|at|,|-|\()\s*(?:the\s+)?", after)
    if link:
        at = post.end + link.end()
        for mention in mentions:
            if mention.start == at and mention.role in post.roles:
                return mention.role
        generic = re.match(r"(council|local\s+authority|ICB|integrated\s+care\s+board|CCG|clinical\s+commissioning\s+group)\b",
                           text[at:at + 40], re.IGNORECASE)
        if generic:
            word = generic.group(1).lower()
            role = "local_authority" if word in ("council", "local authority") else (
                "ccg" if word.startswith(("ccg", "clinical")) else "icb")
            return role if role in post.roles else None
    before = text[max(0, post.start - 60):post.start]
    for mention in mentions:
        if mention.end <= post.start and re.fullmatch(r"(?:'s)?\s*(?:[-:,(]\s*)?(?:the\s+)?", text[mention.end:post.start]) \
                and mention.role in post.roles:
            return mention.role
    if re.search(r"\b(?:ICB|CCG)(?:'s)?\s*$", before):
        role = "ccg" if re.search(r"CCG(?:'s)?\s*$", before) else "icb"
        return role if role in post.roles else None
    return None


def _organisation_for(reader: _Reader, role: str, mentions: list[Mention], unit: Unit) -> Found | None:
    for mention in mentions:
        if mention.role == role:
            return reader.found(mention.name, unit, mention.start, mention.end)
    return None


def _day(text: str) -> dt.date | None:
    from wtcheck.draft.names import parse_date

    return parse_date(text)


def _period(match: re.Match[str]) -> dict[str, str] | None:
    start = parse_month(match.group("from"), last=False)
    end = parse_month(match.group("to"), last=True)
    if start is None or end is None or end <= start or (end - start).days > 731:
        return None
    return {"start": start.isoformat(), "end": end.isoformat()}


def _financial_year(match: re.Match[str]) -> dict[str, str] | None:
    first = int(match.group("from"))
    second = match.group("to")
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if last != first + 1:
        return None
    return {"start": f"{first}-04-01", "end": f"{last}-03-31"}


def _cell(row: list[str] | tuple[str, ...], index: int | None) -> str:
    return row[index] if index is not None and index < len(row) else ""


def _plain_number(text: str) -> float | None:
    text = text.strip()
    if re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]{1,2})?|[0-9]+(?:\.[0-9]{1,2})?", text):
        return float(text.replace(",", ""))
    return None


def _money(find: Finder, text: str, pounds_column: bool) -> float | None:
    amounts = find.amounts(text)
    if len(amounts) == 1:
        return amounts[0][0]
    return _plain_number(text) if pounds_column and not amounts else None


def _share(find: Finder, text: str, has_header: bool) -> float | None:
    shares = find.shares(text)
    if len(shares) == 1:
        return shares[0][0]
    plain = _plain_number(text) if has_header else None
    return plain if plain is not None and plain <= 100 else None


def _column(header: tuple[str, ...], cues: Cues) -> int | None:
    for index, cell in enumerate(header):
        if cues.search(cell):
            return index
    return None


def _agency_name(text: str) -> str:
    """An item's name: the words before a colon, dash or ", including" (and before a bracket, where
    what the bracket says makes the item long)."""
    name = re.split(r"\s*(?::\s|\s-\s|,\s+(?:including|such\s+as|e\.g\.)\s)", text, maxsplit=1)[0]
    return name if len(name.split()) <= 8 else name.split(" (", 1)[0]


def _agency_like(name: str, listed: bool = False) -> bool:
    """Whether text can be an agency's name: short, not a sentence, starting with a capital unless
    it is an item of a list the document says is of relevant agencies."""
    words = name.split()
    return (1 <= len(words) <= 12 and len(name) <= 100 and (listed or name[:1].isupper())
            and not re.search(r"\b(?:must|should|will|shall|are|is|have|has|were|was)\b", name))


def _cell_items(text: str) -> list[str]:
    """The agencies a table cell names: one, or several separated by semicolons, bullets or commas
    (commas only where each part is a name of its own, not "schools, including academies")."""
    parts = [part.strip() for part in re.split(r"\s*(?:;|•|\s-\s)\s*", text) if part.strip()]
    if len(parts) == 1 and text.count(",") >= 1 and not re.search(r",\s+(?:including|such\s+as|e\.g\.)", text):
        commas = [part.strip() for part in re.split(r",\s*(?:and\s+)?|\s+and\s+(?=[A-Z])", text) if part.strip()]
        if all(part[:1].isupper() for part in commas):
            return commas
    return parts


def _listed(text: str) -> list[str]:
    """The items of a list written in a sentence: "A, B, C and D" (the last "and" joins the last two
    items; an item may hold an "and" of its own, as "schools and colleges" does)."""
    text = text.strip().rstrip(".")
    parts = [part.strip() for part in re.split(r"\s*[;,]\s*", text) if part.strip()]
    if len(parts) > 1:
        if parts[-1].startswith("and "):  # "A, B, and C"
            parts[-1] = parts[-1][4:]
        elif " and " in parts[-1]:
            parts[-1:] = parts[-1].rsplit(" and ", 1)
    return [part.strip() for part in parts if part.strip()]


def _sector(name: str) -> str | None:
    for sector, cues in cue_book().group("sectors").items():
        if cues.search(name):
            return sector
    return None
