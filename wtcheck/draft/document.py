"""A document read for drafting, in one plain shape whatever its format.

A :class:`Document` is a list of :class:`Block` in reading order: headings (with
a level), paragraphs, list items, tables (rows of cells, the header row first
when there is one) and notes (footnotes). Each block knows where it stands: the
page (PDF: the printed page label, else the page number) and the headings above
it, so every fact found in it can say where it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

HEADING = "heading"
PARAGRAPH = "paragraph"
ITEM = "item"
TABLE = "table"
NOTE = "note"

_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "‛": "'", "`": "'", "“": '"', "”": '"', "„": '"',
                         "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-",
                         "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": "", "\ufeff": "", "\u00ad": "",
                         **{marker: "" for marker in "¹²³⁴⁵⁶⁷⁸⁹⁰*†‡"}})
"""Straight quotes and dashes for curly ones; footnote markers (superscript digits, daggers) left out."""


def clean(text: str) -> str:
    """``text`` with its spaces made plain and single, curly quotes and dashes made straight,
    and invisible characters (soft hyphens, zero-width spaces) left out."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    text = text.translate(_QUOTES)
    return _SPACES.sub(" ", text).strip()


def own_title(title: str, heading: str) -> str:
    """A document's own title: a site's or publisher's name after a separator left off ("Our
    arrangements | Larkmere SCP" -> "Our arrangements"); the main heading where there is no title."""
    parts = [part.strip() for part in re.split(r"\s+(?:\||::)\s+|\s+-\s+(?=[A-Za-z])", title) if part.strip()]
    if not parts:
        return heading
    if heading and any(part.casefold() == heading.casefold() for part in parts):
        return heading
    return parts[0] if len(parts) > 1 else title


@dataclass(frozen=True)
class Block:
    """One piece of a document: a heading, paragraph, list item, table or note."""

    kind: str
    text: str = ""
    """The block's text (a table's is its cells, row by row, separated by ' | ')."""
    level: int = 0
    """A heading's level: 1 for the largest."""
    rows: tuple[tuple[str, ...], ...] = ()
    """A table's rows of cell texts."""
    header: bool = False
    """A table's first row is a header row (``<th>``, a repeated or bold first row)."""
    page: str | None = None
    """The page it is on (PDF only): the printed page label, else the page number."""
    headings: tuple[str, ...] = ()
    """The headings above it, outermost first."""


@dataclass
class Document:
    """A document read for drafting: its file name, title, format and blocks."""

    file: str
    format: str
    """``html``, ``pdf`` or ``docx``."""
    title: str = ""
    blocks: list[Block] = field(default_factory=list)
    pages: int = 0

    @property
    def name(self) -> str:
        """How evidence names the document: its title, else its file name."""
        return self.title or self.file


class Outline:
    """Builds a document's blocks in reading order, keeping the heading path of each."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._path: list[tuple[int, str]] = []

    def heading(self, text: str, level: int, page: str | None = None) -> None:
        """A heading at ``level`` (1 the largest): it closes the headings at its level and below."""
        text = clean(text)
        if not text:
            return
        while self._path and self._path[-1][0] >= level:
            self._path.pop()
        self.blocks.append(Block(HEADING, text, level, page=page, headings=self.headings()))
        self._path.append((level, text))

    def add(self, kind: str, text: str, page: str | None = None) -> None:
        """A paragraph, list item or note."""
        text = clean(text)
        if text:
            self.blocks.append(Block(kind, text, page=page, headings=self.headings()))

    def table(self, rows: list[list[str]], header: bool, page: str | None = None) -> None:
        """A table: its rows of cells (empty rows and columns left out)."""
        cleaned = [tuple(clean(cell) for cell in row) for row in rows]
        cleaned = [row for row in cleaned if any(row)]
        if not cleaned:
            return
        if len(cleaned) == 1 or max(len(row) for row in cleaned) == 1:
            for row in cleaned:  # a one-row or one-column "table" is layout, not data
                self.add(PARAGRAPH, " ".join(cell for cell in row if cell), page)
            return
        text = " | ".join(" | ".join(cell for cell in row if cell) for row in cleaned)
        self.blocks.append(Block(TABLE, text, rows=tuple(cleaned), header=header, page=page, headings=self.headings()))

    def headings(self) -> tuple[str, ...]:
        """The heading path at this point of the document."""
        return tuple(text for _, text in self._path)
