"""Reading a PDF for drafting, with pypdfium2 (Google's PDFium, the engine Chrome uses).

PDFium gives the text of each page as runs with their boxes and fonts; the layout
is rebuilt from those positions, page by page:

- running headers and footers (a line repeated at the top or bottom of many pages,
  a bare page number) and footnote markers (small raised digits) are left out;
- a page set in two columns is read down the left column, then the right;
- runs on one line far apart are cells: consecutive lines of cells in the same
  columns are a table (a cell that wraps onto the next line stays in its cell);
- larger or bold short lines, and the PDF's bookmarks, are headings (levels by size);
- small text at the foot of a page is a note (a footnote);
- the rest are paragraphs and list items (lines starting with a bullet or a number).

Each block carries its page: the page label the PDF prints, else its number.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from wtcheck.draft.document import HEADING, ITEM, NOTE, PARAGRAPH, Document, Outline, clean, own_title
from wtcheck.draft.reading import MAX_PAGES, DocumentError

_BULLET = re.compile(r"^(?:[•●▪■◦○◆►▶✓✔·‣⁃*]|-(?=\s)|o(?=\s)|\(?[0-9]{1,2}[.)](?=\s)|\(?[a-z][.)](?=\s))\s*")
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[0-9ivxlc]{1,5}(?:\s*(?:of|/)\s*[0-9]{1,5})?$|^[-–]\s*[0-9]{1,4}\s*[-–]$", re.I)
_LEADER = re.compile(r"(?:\.\s*){4,}\s*[0-9ivx]{1,4}\s*$|…\s*[0-9]{1,4}\s*$")
_BAD_TITLES = re.compile(r"^\(?(?:anonymous|untitled|unspecified)\)?$|microsoft|\.docx?$|\.pdf$|^document\d*$", re.I)
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demibold", ",bd")


@dataclass
class _Run:
    """A run of text on a page, with its box (PDF points, y upwards) and font."""

    left: float
    bottom: float
    right: float
    top: float
    text: str
    size: float
    bold: bool

    @property
    def middle(self) -> float:
        return (self.bottom + self.top) / 2


@dataclass
class _Line:
    """Runs on one line, left to right, joined into cells where they are far apart."""

    cells: list[_Run] = field(default_factory=list)

    @property
    def top(self) -> float:
        return max(cell.top for cell in self.cells)

    @property
    def bottom(self) -> float:
        return min(cell.bottom for cell in self.cells)

    @property
    def left(self) -> float:
        return self.cells[0].left

    @property
    def size(self) -> float:
        return max(cell.size for cell in self.cells)

    @property
    def bold(self) -> bool:
        return all(cell.bold for cell in self.cells)

    @cached_property
    def text(self) -> str:
        return clean(" ".join(cell.text for cell in self.cells))


def read_pdf(raw: bytes, name: str) -> Document:
    """Read a PDF."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise DocumentError("is protected by a password; save an unprotected copy and draft from that", name) from None
        raise DocumentError(f"cannot be read as a PDF ({exc}); open it and save it again, or draft from the web "
                            "page or Word version", name) from None
    try:
        count = len(pdf)
        if count > MAX_PAGES:
            raise DocumentError(f"has {count} pages, more than wtcheck's limit of {MAX_PAGES}; draft from the "
                                "arrangements or yearly report itself", name)
        try:
            pages = [_page_runs(pdf, index) for index in range(count)]
        except pdfium.PdfiumError as exc:
            raise DocumentError(f"has a page that cannot be read ({exc}); open it and save it again, or draft "
                                "from the web page or Word version", name) from None
        labels = [_label(pdf, index) for index in range(count)]
        bookmarks = _bookmarks(pdf)
        try:
            title = clean(str(pdf.get_metadata_value("Title") or ""))
        except Exception:  # broken metadata: no title from it
            title = ""
    finally:
        pdf.close()
    layout = _Layout(pages, labels, bookmarks)
    outline = layout.outline()
    if not title or _BAD_TITLES.search(title):
        title = layout.first_heading()
    return Document(name, "pdf", own_title(title, layout.first_heading()), outline.blocks, count)


def _label(pdf: Any, index: int) -> str:
    try:
        label = str(pdf.get_page_label(index) or "").strip()
    except Exception:  # a broken label tree: number the pages instead
        label = ""
    return label or str(index + 1)


def _bookmarks(pdf: Any) -> dict[int, list[tuple[str, int]]]:
    """Bookmark titles by the page they point at, with their depth (0 the outermost)."""
    found: dict[int, list[tuple[str, int]]] = {}
    try:
        for number, item in enumerate(pdf.get_toc(max_depth=6)):
            if number > 2000:
                break
            if hasattr(item, "get_title"):  # pypdfium2 5
                destination = item.get_dest()
                title, page = item.get_title(), destination.get_index() if destination is not None else None
            else:  # pypdfium2 4
                title, page = item.title, item.page_index
            if page is not None and title:
                found.setdefault(page, []).append((clean(title), item.level))
    except Exception:  # a broken outline: no bookmarks
        return {}
    return found


def _page_runs(pdf: Any, index: int) -> tuple[float, float, list[_Run]]:
    """A page's size and its runs of text: read from its text objects (fast), or, where some of its
    text is inside a form object, from PDFium's text rectangles."""
    page = pdf[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            runs = _object_runs(page, textpage)
            if runs is None:
                runs = _rect_runs(textpage)
        finally:
            textpage.close()
    finally:
        page.close()
    return width, height, runs


def _object_runs(page: Any, textpage: Any) -> list[_Run] | None:
    """The runs of the page's text objects (one per text-showing operator, with its font), or None
    when the page has text in a form object, which this does not read."""
    import pypdfium2.raw as pdfium_c

    base_name = getattr(pdfium_c, "FPDFFont_GetBaseFontName", None) or getattr(pdfium_c, "FPDFFont_GetFamilyName", None)
    if base_name is None:
        return None
    runs = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    size = ctypes.c_float()
    matrix = pdfium_c.FS_MATRIX()
    names: dict[int, tuple[str, int]] = {}
    buffer = ctypes.create_string_buffer(256)
    for number in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        item = pdfium_c.FPDFPage_GetObject(page.raw, number)
        kind = pdfium_c.FPDFPageObj_GetType(item)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            return None
        if kind != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        length = pdfium_c.FPDFTextObj_GetText(item, textpage.raw, None, 0)
        if length <= 2:
            continue
        text_buffer = ctypes.create_string_buffer(length)
        pdfium_c.FPDFTextObj_GetText(item, textpage.raw, ctypes.cast(text_buffer, ctypes.POINTER(ctypes.c_ushort)), length)
        text = text_buffer.raw[:length - 2].decode("utf-16-le", errors="ignore").replace("\x00", "")
        if not text.strip():
            continue
        pdfium_c.FPDFPageObj_GetBounds(item, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top))
        pdfium_c.FPDFTextObj_GetFontSize(item, ctypes.byref(size))
        pdfium_c.FPDFPageObj_GetMatrix(item, ctypes.byref(matrix))
        scale = (matrix.c ** 2 + matrix.d ** 2) ** 0.5 or 1.0
        font = pdfium_c.FPDFTextObj_GetFont(item)
        key = ctypes.cast(font, ctypes.c_void_p).value or 0
        if key not in names:
            length = base_name(font, buffer, len(buffer))
            names[key] = (buffer.raw[:max(0, length - 1)].decode("latin-1").lower(), pdfium_c.FPDFFont_GetWeight(font))
        font_name, weight = names[key]
        bold = any(word in font_name for word in _BOLD_NAMES) or weight >= 600
        runs.append(_Run(left.value, bottom.value, right.value, top.value, text, size.value * scale or
                         (top.value - bottom.value), bold))
    return runs


def _rect_runs(textpage: Any) -> list[_Run]:
    """The runs of PDFium's text rectangles, each with the font of its first character."""
    import pypdfium2.raw as pdfium_c

    runs = []
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int(0)
    for number in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(number)
        text = textpage.get_text_bounded(left, bottom, right, top)
        if not text or not text.strip():
            continue
        char = textpage.get_index(left + min(1.0, (right - left) / 2), (bottom + top) / 2, 2, 2)
        size, bold = 0.0, False
        if char is not None and char >= 0:
            size = float(pdfium_c.FPDFText_GetFontSize(textpage.raw, char))
            length = pdfium_c.FPDFText_GetFontInfo(textpage.raw, char, buffer, len(buffer), ctypes.byref(flags))
            font = buffer.raw[:max(0, length - 1)].decode("latin-1").lower()
            weight = pdfium_c.FPDFText_GetFontWeight(textpage.raw, char)
            bold = any(word in font for word in _BOLD_NAMES) or weight >= 600 or bool(flags.value & (1 << 18))
        runs.append(_Run(left, bottom, right, top, text, size or (top - bottom), bold))
    return runs


class _Layout:
    """Rebuilds reading order, tables, headings and notes from the runs of every page."""

    def __init__(self, pages: list[tuple[float, float, list[_Run]]], labels: list[str],
                 bookmarks: dict[int, list[tuple[str, int]]]) -> None:
        self.pages = pages
        self.labels = labels
        self.bookmarks = bookmarks
        sizes: Counter[float] = Counter()
        for _, _, runs in pages:
            for run in runs:
                sizes[round(run.size, 1)] += len(run.text)
        self.body = sizes.most_common(1)[0][0] if sizes else 10.0
        self.repeated = self._running_lines()
        self.heading_sizes = sorted({round(run.size) for _, _, runs in pages for run in runs
                                     if run.size >= self.body * 1.15 and len(run.text) < 200}, reverse=True)
        self._first_heading = ""

    def first_heading(self) -> str:
        """The largest text on the first pages: the document's title when its metadata gives none."""
        return self._first_heading

    def outline(self) -> Outline:
        outline = Outline()
        for index, (width, height, runs) in enumerate(self.pages):
            label = self.labels[index]
            lines = [line for line in _lines(_without_markers(runs), self.body)
                     if not self._is_running(line, height)]
            for region in _columns(lines, width):
                self._blocks(region, outline, label, height, self.bookmarks.get(index, []))
            if not self._first_heading and index < 3:
                heads = [block for block in outline.blocks if block.kind == HEADING]
                if heads:
                    self._first_heading = min(heads, key=lambda block: block.level).text
        return outline

    def _running_lines(self) -> set[str]:
        """Lines repeated near the top or bottom of many pages: running headers and footers."""
        if len(self.pages) < 3:
            return set()
        seen: Counter[str] = Counter()
        for _, height, runs in self.pages:
            texts = {_shape(line.text) for line in _lines(runs, self.body)
                     if line.top > height * 0.9 or line.bottom < height * 0.1}
            seen.update(texts)
        return {text for text, count in seen.items() if count >= max(3, len(self.pages) // 2)}

    def _is_running(self, line: _Line, height: float) -> bool:
        near_edge = line.top > height * 0.9 or line.bottom < height * 0.1
        return near_edge and (_shape(line.text) in self.repeated or bool(_PAGE_NUMBER.match(line.text)))

    def _level(self, line: _Line) -> int | None:
        """The heading level of a line, or None if it is not a heading."""
        text = line.text
        if len(text) > 160 or _LEADER.search(text) or not re.search(r"[A-Za-z]", text):
            return None
        rounded = round(line.size)
        if line.size >= self.body * 1.15 and rounded in self.heading_sizes:
            return self.heading_sizes.index(rounded) + 1
        if line.bold and len(line.cells) == 1 and line.size >= self.body * 0.95 and len(text.split()) <= 14 \
                and not text.endswith((".", ",", ";")):
            return len(self.heading_sizes) + 1
        return None

    def _blocks(self, lines: list[_Line], outline: Outline, label: str, height: float,
                bookmarks: list[tuple[str, int]]) -> None:
        """The blocks of one column or region, in order."""
        marked = {title.casefold(): level for title, level in bookmarks}
        index = 0
        paragraph: list[_Line] = []

        def flush() -> None:
            if paragraph:
                text = _joined(paragraph)
                kind = ITEM if _BULLET.match(paragraph[0].text) else PARAGRAPH
                if paragraph[0].size <= self.body * 0.85 and paragraph[0].top < height * 0.35:
                    kind = NOTE
                outline.add(kind, _BULLET.sub("", text, count=1) if kind == ITEM else text, label)
                paragraph.clear()

        while index < len(lines):
            line = lines[index]
            if _LEADER.search(line.text):
                index += 1
                continue
            table = _table(lines, index)
            if table is not None:
                flush()
                rows, header, index = table
                outline.table(rows, header, label)
                continue
            level = marked.get(line.text.casefold())
            level = level + 1 if level is not None else self._level(line)
            if level is not None:
                flush()
                text = line.text
                while index + 1 < len(lines) and self._continues_heading(line, lines[index + 1]):
                    index += 1
                    text += " " + lines[index].text
                outline.heading(text, level, label)
                index += 1
                continue
            if paragraph and not _same_paragraph(paragraph[-1], line):
                flush()
            paragraph.append(line)
            index += 1
        flush()

    def _continues_heading(self, line: _Line, following: _Line) -> bool:
        return (abs(following.size - line.size) < 0.5 and following.bold == line.bold
                and line.bottom - following.top < line.size * 0.6 and len(following.cells) == 1
                and self._level(following) is not None and not _BULLET.match(following.text))


def _shape(text: str) -> str:
    """A line's text with its numbers blanked, so 'Page 3' and 'Page 4' are the same running line."""
    return re.sub(r"[0-9]+", "#", text.casefold())


def _without_markers(runs: list[_Run]) -> list[_Run]:
    """The runs, without footnote markers: short digits or symbols, small and raised above their line."""
    kept = []
    for run in runs:
        if len(run.text.strip()) <= 3 and re.fullmatch(r"\s*[0-9*†‡]{1,3}\s*", run.text):
            beside = [other for other in runs if other is not run and other.size > run.size * 1.2
                      and other.bottom - 1 <= run.bottom <= other.top and abs(other.middle - run.middle) < other.size]
            if beside and run.middle > min(other.middle for other in beside):
                continue
        kept.append(run)
    return kept


def _lines(runs: list[_Run], body: float) -> list[_Line]:
    """Runs grouped into lines, top to bottom, each left to right, with near runs joined into cells."""
    ordered = sorted(runs, key=lambda run: (-run.top, run.left))
    rows: list[list[_Run]] = []
    for run in ordered:
        for row in reversed(rows[-4:]):
            first = row[0]
            overlap = min(first.top, run.top) - max(first.bottom, run.bottom)
            if overlap > 0.5 * min(first.top - first.bottom, run.top - run.bottom):
                row.append(run)
                break
        else:
            rows.append([run])
    lines = []
    for row in rows:
        row.sort(key=lambda run: run.left)
        line = _Line([row[0]])
        for run in row[1:]:
            last = line.cells[-1]
            gap = run.left - last.right
            if gap < max(last.size, run.size, body) * 1.1:
                touching = gap < min(last.size, run.size) * 0.12 and not last.text.endswith(" ")
                text = last.text + run.text if touching else last.text.rstrip() + " " + run.text.lstrip()
                line.cells[-1] = _Run(last.left, min(last.bottom, run.bottom), max(last.right, run.right),
                                      max(last.top, run.top), text, max(last.size, run.size), last.bold and run.bold)
            else:
                line.cells.append(run)
        lines.append(line)
    return lines


def _columns(lines: list[_Line], width: float) -> list[list[_Line]]:
    """The page's lines in reading order: a stretch of lines set in two columns is read left
    column first. A column is told from a table by its lines: in a column most lines fill it."""
    regions: list[list[_Line]] = []
    stretch: list[_Line] = []
    split = _gutter(lines, width)
    if split is None:
        return [lines]
    for line in lines:
        crosses = any(cell.left < split < cell.right for cell in line.cells)
        if crosses:
            if stretch:
                regions.extend(_split(stretch, split))
                stretch = []
            regions.append([line])
        else:
            stretch.append(line)
    if stretch:
        regions.extend(_split(stretch, split))
    merged: list[list[_Line]] = []
    for region in regions:
        if merged and len(region) == 1 and len(merged[-1]) >= 1 and not _two_sided(merged[-1], split):
            merged[-1].extend(region)
        else:
            merged.append(region)
    return merged


def _two_sided(lines: list[_Line], split: float) -> bool:
    return any(cell.left >= split for line in lines for cell in line.cells)


def _split(lines: list[_Line], split: float) -> list[list[_Line]]:
    left = [_Line([cell for cell in line.cells if cell.right <= split]) for line in lines]
    right = [_Line([cell for cell in line.cells if cell.left >= split]) for line in lines]
    if not _fills(left) or not _fills(right):
        return [lines]
    return [[line for line in left if line.cells], [line for line in right if line.cells]]


def _fills(lines: list[_Line]) -> bool:
    """Whether lines read as a column of text: at least six, most of them nearly as wide as the widest."""
    widths = [line.cells[-1].right - line.cells[0].left for line in lines if line.cells]
    if len(widths) < 6:
        return False
    widest = max(widths)
    return sum(width >= widest * 0.7 for width in widths) >= len(widths) * 0.6


def _gutter(lines: list[_Line], width: float) -> float | None:
    """Where a page set in two columns divides (no text crosses it, text on both sides), or None."""
    cells = [cell for line in lines for cell in line.cells]
    if len(cells) < 12:
        return None
    for step in range(0, 21):
        for sign in (1, -1):
            split = width * (0.5 + sign * step * 0.01)
            crossing = sum(1 for cell in cells if cell.left < split < cell.right)
            left = sum(1 for cell in cells if cell.right <= split and cell.right - cell.left > width * 0.25)
            right = sum(1 for cell in cells if cell.left >= split and cell.right - cell.left > width * 0.25)
            if crossing <= len(cells) * 0.1 and left >= 6 and right >= 6:
                return split
    return None


def _table(lines: list[_Line], start: int) -> tuple[list[list[str]], bool, int] | None:
    """A table starting at ``lines[start]``: its rows, whether the first is a header, and the index
    after it; None unless two or more consecutive lines share columns of cells."""
    first = lines[start]
    if len(first.cells) < 2:
        return None
    columns = [[cell.left, cell.right] for cell in first.cells]
    rows: list[list[list[str]]] = [[[cell.text] for cell in first.cells]]
    last = first
    index = start + 1
    while index < len(lines):
        line = lines[index]
        places = _places(columns, line.cells)
        if places is None:
            break
        gap = last.bottom - line.top
        wrapped = gap < min(last.size, line.size) * 0.45 and len(line.cells) < len(columns)
        if len(line.cells) == 1 and not wrapped:
            break
        if not wrapped:
            rows.append([[] for _ in columns])
        for place, cell in zip(places, line.cells, strict=True):
            rows[-1][place].append(cell.text)
            columns[place] = [min(columns[place][0], cell.left), max(columns[place][1], cell.right)]
        last = line
        index += 1
    if len(rows) < 2:
        return None
    texts = [[clean(" ".join(parts)) for parts in row] for row in rows]
    return texts, first.bold and not all(line.bold for line in lines[start + 1:index]), index


def _places(columns: list[list[float]], cells: list[_Run]) -> list[int] | None:
    """The column each cell is in (the one it overlaps most, left- or right-aligned), or None if a
    cell is in none, or two cells are in one."""
    places = []
    for cell in cells:
        overlaps = [(min(right, cell.right) - max(left, cell.left), place) for place, (left, right) in enumerate(columns)]
        best, place = max(overlaps)
        if best < -4:
            return None
        places.append(place)
    return places if len(set(places)) == len(places) else None


def _same_paragraph(previous: _Line, line: _Line) -> bool:
    gap = previous.bottom - line.top
    return (abs(previous.size - line.size) < 0.6 and previous.bold == line.bold
            and -2 <= gap < max(previous.size, line.size) * 0.8 and not _BULLET.match(line.text)
            and len(line.cells) == 1 and len(previous.cells) == 1)


def _joined(lines: list[_Line]) -> str:
    text = ""
    for line in lines:
        part = line.text
        joined = text.endswith("-") and part[:1].islower()  # a word broken at the end of the line
        text = text[:-1] + part if joined else (f"{text} {part}" if text else part)
    return text
