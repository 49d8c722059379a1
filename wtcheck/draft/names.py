"""Finding the things a description names in a piece of text: bodies, posts, people, dates, money.

Each finder applies the cues (:mod:`wtcheck.draft.cues`) and then refuses what it
cannot be sure of: a run of capitals is a body only if it ends as a body's name
ends and is not one of the bodies that only look like partners; a person only if
no word of it is a word of bodies, posts or places (nor an area the registers
know); a date only if the day exists. Bodies the registers know
(:mod:`wtcheck.core.registers`) are recognised with their code and dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from wtcheck.core.registers import Body, key, register
from wtcheck.core.resources import cached
from wtcheck.draft.cues import MAX_TEXT, CueBook, Cues, cue_book

REGISTERS = {"local_authority": "local_authorities_upper_tier_england", "icb": "integrated_care_boards_england",
             "ccg": "ccgs_england", "police": "police_forces_england"}
"""The register each partner's bodies are in."""

_MONTHS = {name: number for number, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
     ("december", "dec")], start=1) for name in names}
_SMALL = {"of", "and", "the", "&"}
_GENERIC = {"local_authority": frozenset({"county", "city", "borough", "metropolitan", "district", "council", "london",
                                          "royal", *_SMALL}),
            "icb": frozenset({"nhs", "integrated", "care", "board", "icb", *_SMALL}),
            "ccg": frozenset({"nhs", "clinical", "commissioning", "group", "ccg", *_SMALL}),
            "police": frozenset({"police", "constabulary", "service", "force", *_SMALL})}
"""Words every name of a partner's kind of body may have: a name of nothing else names no body."""
_POST_STEP = re.compile(r"(?:,\s*|\s+(?:and|&)\s+|\s+)(?P<word>[A-Z][a-z]+(?:'s)?)\b")
_CONNECTORS = frozenset({"of", "and", "the", "for", "to", "in", "on", "at", "by", "with", "from", "&", "-", "a", "an"})


@dataclass(frozen=True)
class Mention:
    """A body named in a text: which partner's kind of body, its name as written, where."""

    role: str
    name: str
    start: int
    end: int

    @property
    def body(self) -> Body | None:
        """The register's row for it, if the register knows the name."""
        return known_body(self.role, self.name)


@dataclass(frozen=True)
class Post:
    """A post named in a text: as written, whose post it may be, lead or delegate, where."""

    title: str
    roles: tuple[str, ...]
    role_as: str
    start: int
    end: int


class Finder:
    """The finders, with the cues compiled once."""

    def __init__(self, book: CueBook) -> None:
        self.book = book
        self.organisations = book.group("organisations")
        self.not_partners = book.list("not_partners")
        self.partner_words = book.group("partner_words")
        self.person_pattern = re.compile(book.tokens["person"])
        self.money = re.compile(book.tokens["money"], re.IGNORECASE)
        self.share = re.compile(book.tokens["share"], re.IGNORECASE)
        self.date = re.compile(book.tokens["date"], re.IGNORECASE)
        self.month_year = re.compile(book.tokens["month_year"], re.IGNORECASE)
        self.areas = _register_areas()
        self.icb_names = _icb_names()
        self.register_names = _register_names()

    # ----------------------------------------------------------------- bodies
    def bodies(self, text: str) -> list[Mention]:
        """The partners' bodies named in ``text``, left to right (where two overlap, the longer)."""
        text = text[:MAX_TEXT]
        found: list[Mention] = []
        for role, cues in self.organisations.items():
            for match in cues.finditer(text):
                accepted = self.body_name(role, match, cues)
                if accepted is not None:
                    name, start = accepted
                    found.append(Mention(role, name, start, start + len(name)))
        for match in self.icb_names.finditer(text):
            found.append(Mention("icb", match.group(0), match.start(), match.end()))
        for role, pattern in self.register_names.items():
            for match in pattern.finditer(text):
                found.append(Mention(role, match.group(0), match.start(), match.end()))
        kept: list[Mention] = []
        for mention in sorted(found, key=lambda item: (item.body is None, item.start, -(item.end - item.start))):
            if not any(mention.start < other.end and other.start < mention.end for other in kept):
                kept.append(mention)
        return sorted(kept, key=lambda item: item.start)

    def body_name(self, role: str, match: re.Match[str], cues: Cues) -> tuple[str, int] | None:
        """The body a cue's match names, and where it starts; None if the match is not one: nothing
        but words every such name has ("County Council"), or a body that only looks like a partner."""
        name, start = self.trim(match.group("name"), match.start("name"), cues)
        name, start = self._known_ending(role, name, start)
        if not any(word.lower() not in _GENERIC[role] and word not in self.book.name_stop_words for word in name.split()):
            return None
        if self.not_partners.search(match.string[start:match.end("name") + 30]):
            return None
        return name, start

    def partnership_name(self, match: re.Match[str], cues: Cues) -> tuple[str, int] | None:
        """The partnership's name a cue's match gives, and where it starts; None unless a word of
        its own comes before the words every partnership's name has ("Local Safeguarding Children
        Board" alone names none)."""
        name, start = self.trim(match.group("name"), match.start("name"), cues)
        words = name.split()
        if len(words) < 3 or words[0] in self.book.name_stop_words:
            return None
        return name, start

    def _known_ending(self, role: str, name: str, start: int) -> tuple[str, int]:
        """A name the register does not know that ends with one it does, after an 'and' ("Cheshire
        and Merseyside and Leeds City Council"): the known one."""
        if known_body(role, name) is not None:
            return name, start
        for joint in re.finditer(r"\s(?:and|&)\s", name):
            rest = name[joint.end():]
            if known_body(role, rest) is not None:
                return rest, start + joint.end()
        return name, start

    def trim(self, name: str, start: int, cues: Cues) -> tuple[str, int]:
        """``name`` without the words in front of it that are not part of it ("Chief Executive of
        Kestrelford Borough Council" -> "Kestrelford Borough Council"): the shortest ending, after
        stop words only, that is still a whole name by ``cues``."""
        words = list(re.finditer(r"\S+", name))
        best = (name, start)
        for index, word in enumerate(words):
            if index and all(self.skippable(part.group(0)) for part in words[:index]):
                rest = name[word.start():]
                if any(cue.pattern.fullmatch(rest) for cue in cues.cues):
                    best = (rest, start + word.start())
            if not self.skippable(word.group(0)):
                break
        return best

    def skippable(self, word: str) -> bool:
        """A word a name does not start with: a stop word, or a small word such as 'of'."""
        return word in self.book.name_stop_words or word.lower() in _CONNECTORS

    def partner_word(self, text: str) -> str | None:
        """The partner a whole cell names without its body's name ("Police", "Local authority")."""
        for role, cues in self.partner_words.items():
            if cues.search(text.strip()):
                return role
        return None

    # ------------------------------------------------------------------ posts
    def posts(self, text: str) -> list[Post]:
        """The partners' posts named in ``text``, left to right (where two overlap, the longer)."""
        text = text[:MAX_TEXT]
        found = [self._extended(Post(match.group(0), cue.roles, cue.role_as, match.start(), match.end()), text)
                 for cue in self.book.posts.cues for match in cue.pattern.finditer(text)]
        kept: list[Post] = []
        for post in sorted(found, key=lambda item: (item.start, -(item.end - item.start))):
            if kept and post.start < kept[-1].end:
                continue
            kept.append(post)
        return kept

    def _extended(self, post: Post, text: str) -> Post:
        """A post read on while the words after it are words of posts ("Executive Director of Children,
        Families and Lifelong Learning"), never into a body's name or a person's."""
        end = post.end
        while True:
            step = _POST_STEP.match(text, end)
            if not step or step.group("word") not in self.book.post_words:
                break
            end = step.end()
        if end == post.end:
            return post
        return Post(text[post.start:end], post.roles, post.role_as, post.start, end)

    # ----------------------------------------------------------------- people
    def person(self, text: str) -> str | None:
        """``text`` as a person's name, if all of it is one (honorifics and letters after it kept)."""
        text = text.strip(" ,;:()-")
        match = self.person_pattern.fullmatch(text)
        return text if match and self.is_person(text) else None

    def is_person(self, name: str) -> bool:
        """Whether a run of capitals can be a person's name: two or more words, none of them a word of
        bodies, posts, places or headings, and not an area the registers know."""
        words = [word.strip(",.") for word in name.split()]
        named = [word for word in words if word not in ("OBE", "MBE", "CBE", "QPM", "KPM", "DL", "KC", "QC")
                 and not re.fullmatch(r"(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Cllr|Councillor|Sir|Dame|Lord|Lady|"
                                      r"Revd|Rev)\.?|[A-Z]\.", word)]
        if len(named) < 2:
            return False
        if any(word in self.book.person_not_words or word.removesuffix("'s") in self.book.person_not_words
               for word in named):
            return False
        return key(" ".join(named)) not in self.areas

    def person_beside(self, text: str, post: Post) -> str | None:
        """The name written next to a post: "Alex Example, Chief Executive", "Chief Constable Eli
        Example", "Chief Executive: Alex Example", "Alex Example (Chief Executive)"."""
        before = text[max(0, post.start - 80):post.start]
        after = text[post.end:post.end + 80]
        pattern = self.book.tokens["person"]
        ahead = re.match(rf"\s*(?:[:,(]\s*|-\s+)?({pattern})", after)
        if ahead and self.is_person(ahead.group(1)) and not re.match(r"\s+(?:of|for|at)\b", after):
            return ahead.group(1).strip()
        behind = re.search(rf"({pattern})\s*(?:,|\(|-|:)?\s*(?:the\s+|our\s+)?(?:(?:Interim|Acting)\s+)?$", before)
        if behind and self.is_person(behind.group(1)):
            candidate = behind.group(1).strip()
            words = candidate.split()
            while words and self.skippable(words[0]):
                words = words[1:]
            candidate = " ".join(words)
            if self.is_person(candidate):
                return candidate
        return None

    # ------------------------------------------------------------ dates, money
    def dates(self, text: str) -> list[tuple[dt.date, int, int]]:
        """Every full date in ``text`` with where it is."""
        found = []
        for match in self.date.finditer(text[:MAX_TEXT]):
            day = parse_date(match.group(0))
            if day is not None:
                found.append((day, match.start(), match.end()))
        return found

    def amounts(self, text: str) -> list[tuple[float, int, int]]:
        """Every amount of money in ``text`` (in pounds) with where it is."""
        found = []
        for match in self.money.finditer(text[:MAX_TEXT]):
            amount = parse_money(match.group(0))
            if amount is not None:
                found.append((amount, match.start(), match.end()))
        return found

    def shares(self, text: str) -> list[tuple[float, int, int]]:
        """Every percentage in ``text`` with where it is."""
        found = []
        for match in self.share.finditer(text[:MAX_TEXT]):
            value = float(re.match(r"[0-9.]+", match.group(0)).group(0))  # type: ignore[union-attr]
            if 0 <= value <= 100:
                found.append((value, match.start(), match.end()))
        return found


@cached
def finder() -> Finder:
    """The finders over the bundled cues."""
    return Finder(cue_book())


def known_body(role: str, name: str) -> Body | None:
    """The register's row for a partner's body named ``name``, if the register knows it (the one
    in force most recently, where it had several codes)."""
    rows = register(REGISTERS[role]).find(name)
    return max(rows, key=lambda body: body.end or dt.date.max) if rows else None


def area_of(name: str) -> str:
    """The area a council's name names: the register's area (``Leeds City Council`` -> ``Leeds``),
    else the name without the words for a council (``Kestrelford Borough Council`` -> ``Kestrelford``)."""
    body = known_body("local_authority", name)
    if body is not None and body.area:
        area = body.area
        for suffix in (", City of", ", County of"):
            area = area.removesuffix(suffix)
        return area
    area = re.sub(r"^(?:(?:the\s+)?(?:London|Royal)\s+Borough\s+of|City\s+of|Council\s+of\s+the)\s+", "", name)
    area = re.sub(r"\s+(?:(?:Metropolitan\s+(?:Borough|District)|Borough|City|County)\s+)?Council$", "", area)
    return area.strip()


def parse_date(text: str) -> dt.date | None:
    """A date written ``28 November 2024``, ``28th of November 2024``, ``November 28, 2024``,
    ``28/11/2024`` (day first, as in England) or ``2024-11-28``; None if the day does not exist."""
    text = text.strip().rstrip(".")
    try:
        iso = re.fullmatch(r"((?:19|20)[0-9]{2})-([01][0-9])-([0-3][0-9])", text)
        if iso:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        numeric = re.fullmatch(r"([0-3]?[0-9])[/.]([01]?[0-9])[/.]((?:19|20)[0-9]{2})", text)
        if numeric:
            return dt.date(int(numeric.group(3)), int(numeric.group(2)), int(numeric.group(1)))
        words = re.findall(r"[A-Za-z]+|[0-9]+", text)
        numbers = [int(word) for word in words if word.isdigit()]
        months = [_MONTHS[word.lower()] for word in words if word.lower() in _MONTHS]
        if len(months) == 1 and len(numbers) == 2:
            day, year = (numbers[0], numbers[1]) if numbers[1] > 31 else (numbers[1], numbers[0])
            return dt.date(year, months[0], day)
    except ValueError:
        return None
    return None


def parse_month(text: str, last: bool) -> dt.date | None:
    """A month (``April 2024``) as its first day, or its last with ``last``; a full date as itself."""
    full = parse_date(text)
    if full is not None:
        return full
    words = re.findall(r"[A-Za-z]+|[0-9]+", text)
    months = [_MONTHS[word.lower()] for word in words if word.lower() in _MONTHS]
    years = [int(word) for word in words if word.isdigit() and len(word) == 4]
    if len(months) != 1 or len(years) != 1:
        return None
    first = dt.date(years[0], months[0], 1)
    if not last:
        return first
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def parse_money(text: str) -> float | None:
    """An amount in pounds: ``£189,000``, ``£189,000.50``, ``£189k``, ``£1.2m``, ``£1.2 million``."""
    match = re.search(r"([0-9][0-9,]*(?:\.[0-9]+)?)\s*(k|m|million|thousand)?", text, re.IGNORECASE)
    if not match:
        return None
    digits = match.group(1)
    if "," in digits and not re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?", digits):
        return None
    value = float(digits.replace(",", ""))
    scale = (match.group(2) or "").lower()
    value *= {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6}.get(scale, 1)
    return value


def number(value: float) -> int | float:
    """A whole number as an int (``189000``), else the float."""
    return int(value) if float(value).is_integer() else round(value, 2)


@cached
def _register_areas() -> frozenset[str]:
    """The keys of every area and body the registers know: never a person's name."""
    keys: set[str] = set()
    for name in REGISTERS.values():
        for body in register(name).bodies:
            keys.update(key(known) for known in body.names)
    return frozenset(keys)


@cached
def _register_names() -> dict[str, re.Pattern[str]]:
    """Each partner's bodies by their own names in the registers, as written there (so "Bournemouth,
    Christchurch and Poole Council" is found whole, though a comma stops the patterns' names)."""
    patterns = {}
    for role, name in REGISTERS.items():
        names = sorted({body.name for body in register(name).bodies if body.eligible and "," in body.name
                        or "&" in body.name}, key=len, reverse=True)
        alternatives = "|".join(re.escape(known) for known in names) or "(?!)"
        patterns[role] = re.compile(rf"(?<![A-Za-z])(?:{alternatives})(?![A-Za-z])")
    return patterns


@cached
def _icb_names() -> re.Pattern[str]:
    """``NHS`` and an ICB's short name, as ICBs call themselves ("NHS Cheshire and Merseyside")."""
    names = sorted({body.names[-1] for body in register(REGISTERS["icb"]).bodies if len(body.names) > 1},
                   key=len, reverse=True)
    alternatives = "|".join(re.escape(name) for name in names) or "(?!)"
    return re.compile(rf"\bNHS\s+(?:{alternatives})\b(?!\s+(?:Integrated|ICB|Foundation|Trust|Hospital|Teaching|CCG))")
