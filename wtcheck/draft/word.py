"""Reading a Word document (.docx) for drafting, with python-docx.

A .docx is a zip of XML parts. Before python-docx opens it, its list of parts is
checked (at most ``MAX_PARTS`` parts and ``MAX_UNPACKED`` bytes unpacked, so a zip
bomb is refused), and its XML is read by lxml with entities never resolved and the
network off; nothing it links to (images, templates) is fetched. Paragraphs are
read in body order with their style (``Heading 1``-``9`` and ``Title`` are headings,
list styles and numbered paragraphs are items), tables as rows of cells (a merged
cell once), and the footnotes and endnotes as notes at the end.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from wtcheck.draft.document import ITEM, NOTE, PARAGRAPH, Document, Outline, clean, own_title
from wtcheck.draft.reading import DocumentError

MAX_PARTS = 5000
"""Most parts (files in the zip) a .docx may have."""
MAX_UNPACKED = 512 * 1024 * 1024
"""Most bytes a .docx may unpack to."""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BAD_TITLE = re.compile(r"^(?:document\s*\d*|untitled|title|microsoft word.*|.*\.docx?)$", re.IGNORECASE)
"""Titles Word leaves in a file's properties that are not the document's."""
_HEADING_STYLE = re.compile(r"^(?:heading|überschrift|titre|kop)\s*([1-9])$", re.I)


def read_docx(raw: bytes, name: str) -> Document:
    """Read a Word document."""
    _check_zip(raw, name)
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        word = docx.Document(io.BytesIO(raw))
    except (KeyError, ValueError, zipfile.BadZipFile, Exception) as exc:  # python-docx raises many kinds
        if isinstance(exc, DocumentError):
            raise
        raise DocumentError(f"cannot be read as a Word document ({_reason(exc)}); open it in Word and save it "
                            "again as .docx, or draft from the PDF", name) from None
    outline = Outline()
    styles = {style.style_id: style.name or "" for style in word.styles}
    title = clean(word.core_properties.title or "")
    first_title = ""
    for element in _body_elements(word.element.body):
        if element.tag == f"{_W}p":
            kind, level = _paragraph_kind(element, styles)
            text = _paragraph_text(element)
            if kind == PARAGRAPH and _bold_heading(element, text):
                kind, level = "heading", 6
            if kind == "heading":
                outline.heading(text, level)
                if not first_title and clean(text) and len(outline.blocks) <= 10:
                    first_title = clean(text)
            else:
                outline.add(kind, text)
        elif element.tag == f"{_W}tbl":
            rows, header = _table(element)
            outline.table(rows, header)
    for reltype in (RT.FOOTNOTES, RT.ENDNOTES):
        for note in _notes(word, reltype):
            outline.add(NOTE, note)
    if _BAD_TITLE.search(title):
        title = ""
    return Document(name, "docx", own_title(title, first_title), outline.blocks)


def _check_zip(raw: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            parts = archive.infolist()
    except zipfile.BadZipFile:
        raise DocumentError("is a damaged zip file, so not a Word document wtcheck can read; open it in Word and "
                            "save it again", name) from None
    if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_UNPACKED:
        raise DocumentError(f"unpacks to more than wtcheck's limit ({MAX_PARTS} parts, {MAX_UNPACKED // 2**20} MiB); "
                            "draft from the arrangements or yearly report itself", name)
    names = {part.filename for part in parts}
    if "word/document.xml" not in names:
        kind = "an Excel workbook" if "xl/workbook.xml" in names else (
            "a PowerPoint presentation" if "ppt/presentation.xml" in names else "a zip archive")
        raise DocumentError(f"is {kind}, not a Word document; draft from the arrangements or yearly report "
                            "(HTML, PDF or .docx)", name)


def _reason(exc: Exception) -> str:
    return str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__


def _body_elements(body: Any) -> list[Any]:
    """The body's paragraphs and tables in order, looking inside content controls."""
    found = []
    stack = list(reversed(list(body)))
    while stack:
        element = stack.pop()
        if element.tag in (f"{_W}p", f"{_W}tbl"):
            found.append(element)
        elif element.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            stack.extend(reversed(list(element)))
    return found


def _paragraph_kind(element: Any, styles: dict[str, str]) -> tuple[str, int]:
    properties = element.find(f"{_W}pPr")
    style_id = ""
    if properties is not None:
        style = properties.find(f"{_W}pStyle")
        style_id = style.get(f"{_W}val", "") if style is not None else ""
        outline_level = properties.find(f"{_W}outlineLvl")
        if outline_level is not None and (outline_level.get(f"{_W}val") or "").isdigit():
            return "heading", int(outline_level.get(f"{_W}val")) + 1
    style_name = styles.get(style_id, style_id)
    heading = _HEADING_STYLE.match(style_name.strip())
    if heading:
        return "heading", int(heading.group(1))
    if style_name.strip().lower() in ("title",):
        return "heading", 1
    numbered = properties is not None and properties.find(f"{_W}numPr") is not None
    if numbered or style_name.lower().startswith(("list", "bullet")):
        return ITEM, 0
    return PARAGRAPH, 0


def _bold_heading(element: Any, text: str) -> bool:
    """A short paragraph all in bold, not ending as a sentence: a heading written without a heading style."""
    words = text.split()
    if not words or len(words) > 14 or text.rstrip().endswith((".", ",", ";", ":")):
        return False
    runs = [run for run in element.iter(f"{_W}r") if "".join(node.text or "" for node in run.iter(f"{_W}t")).strip()]
    if not runs:
        return False
    for run in runs:
        properties = run.find(f"{_W}rPr")
        bold = properties.find(f"{_W}b") if properties is not None else None
        if bold is None or bold.get(f"{_W}val") in ("0", "false"):
            return False
    return True


def _paragraph_text(element: Any) -> str:
    """A paragraph's text: its runs, tabs and breaks as spaces; footnote references left out."""
    parts = []
    for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}noBreakHyphen"):
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}noBreakHyphen":
            parts.append("-")
        else:
            parts.append(" ")
    return "".join(parts)


def _table(element: Any) -> tuple[list[list[str]], bool]:
    rows = []
    header = False
    for number, row in enumerate(element.findall(f"{_W}tr")):
        cells = []
        for cell in row.findall(f"{_W}tc"):
            properties = cell.find(f"{_W}tcPr")
            merge = properties.find(f"{_W}vMerge") if properties is not None else None
            text = " ".join(_paragraph_text(paragraph) for paragraph in cell.iter(f"{_W}p"))
            if merge is not None and merge.get(f"{_W}val") != "restart":
                text = ""  # the lower part of a merged cell: its text is in the cell above
            cells.append(text)
        if number == 0:
            row_properties = row.find(f"{_W}trPr")
            header = row_properties is not None and row_properties.find(f"{_W}tblHeader") is not None
            header = header or all(_bold_heading(paragraph, _paragraph_text(paragraph))
                                   for cell in row.findall(f"{_W}tc") for paragraph in cell.iter(f"{_W}p")
                                   if _paragraph_text(paragraph).strip())
        rows.append(cells)
    return rows, header


def _notes(word: Any, reltype: str) -> list[str]:
    """The footnotes (or endnotes) of the document, read with entities never resolved."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    notes = []
    for relationship in word.part.rels.values():
        if relationship.reltype != reltype or relationship.is_external:
            continue
        try:
            root = etree.fromstring(relationship.target_part.blob, parser)
        except etree.XMLSyntaxError:
            continue
        for note in root.iter(f"{_W}footnote", f"{_W}endnote"):
            if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = " ".join(_paragraph_text(paragraph) for paragraph in note.iter(f"{_W}p"))
            if text.strip():
                notes.append(text)
    return notes
