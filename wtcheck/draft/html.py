"""Reading a saved web page (HTML) for drafting, with lxml.

The bytes are decoded as the page says (a byte-order mark, else a ``<meta charset>``
in its first 2 KiB, else UTF-8 if they are UTF-8, else Windows-1252) and parsed by
lxml's HTML parser with the network off; nothing the page links to (styles,
scripts, images, frames) is fetched or read. Headings are ``<h1>``-``<h6>`` (and a
short paragraph that is all bold, as pages often write a heading); scripts, styles,
navigation and forms are left out; a footnote marker (``<sup>`` holding a number
or a link) is dropped from the text it follows, and footnotes are read where they stand.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from wtcheck.draft.document import ITEM, NOTE, PARAGRAPH, Document, Outline, clean, own_title

_SKIPPED = frozenset({"script", "style", "noscript", "template", "nav", "select", "option", "svg", "iframe",
                      "object", "embed", "head", "title", "meta", "link", "input", "textarea", "canvas", "map"})
"""Elements whose text is not the page's (a form is not skipped: some sites wrap a whole page in one)."""
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "aside", "header", "footer", "blockquote", "li",
                     "dd", "dt", "figcaption", "caption", "address", "pre", "ul", "ol", "dl", "table", "body",
                     "center", "details", "summary", "figure", "hr", "br", "tr", "td", "th", "form", "fieldset"})
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_NOTE_MARK = re.compile(r"^\[?\(?\s*[0-9ivx*†‡]{1,3}\s*\)?\]?$")
_BOLD_HEADING_MAX = 90


def decode(raw: bytes) -> str:
    """The page's text, decoded as it says, else as UTF-8, else as Windows-1252."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom):].decode(encoding, errors="replace")
    declared = _CHARSET.search(raw[:2048])
    if declared:
        try:
            return raw.decode(codecs.lookup(declared.group(1).decode("ascii")).name, errors="replace")
        except LookupError:
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read_html(raw: bytes, name: str) -> Document:
    """Read a saved web page."""
    import lxml.html
    from lxml import etree

    text = decode(raw)
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, recover=True,
                                  huge_tree=False, default_doctype=False)
    try:
        root = lxml.html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", text) or "<p></p>", parser=parser)
    except (etree.ParserError, ValueError):
        root = lxml.html.document_fromstring("<p></p>", parser=parser)
    title = clean(" ".join(root.xpath("//title//text()")))
    walker = _Walker()
    body = root.find("body")
    walker.walk(body if body is not None else root)
    outline = walker.outline
    first = next((block.text for block in outline.blocks if block.kind == "heading" and block.level == 1), "")
    return Document(name, "html", own_title(title, first), outline.blocks)


class _Walker:
    """Walks the page's elements in order, writing headings, paragraphs, items, tables and notes."""

    def __init__(self) -> None:
        self.outline = Outline()
        self.depth = 0

    def walk(self, element: Any) -> None:
        """Every block under ``element``, in reading order (without recursion, so no page is too deep)."""
        stack: list[Any] = [element]
        while stack:
            node = stack.pop()
            tag = _tag(node)
            if tag in _SKIPPED:
                continue
            if tag in _HEADINGS:
                self.outline.heading(_text(node), _HEADINGS[tag])
                continue
            if tag == "table":
                self._table(node)
                continue
            if tag == "summary":  # the heading of a section that opens and closes
                self.outline.heading(_text(node), 5)
                continue
            if tag == "dl":
                self._definitions(node)
                continue
            if tag in ("p", "li", "dt", "dd", "caption", "figcaption", "address", "pre", "blockquote") \
                    and not _has_blocks(node):
                self._paragraph(node, tag)
                continue
            loose = _loose_text(node)
            if loose:
                self.outline.add(PARAGRAPH, loose)
            stack.extend(reversed([child for child in node if isinstance(child.tag, str)]))

    def _paragraph(self, node: Any, tag: str) -> None:
        text = _text(node)
        if not text:
            return
        if tag == "p" and _all_bold(node) and len(text) <= _BOLD_HEADING_MAX and not text.endswith((".", ":", ";")):
            self.outline.heading(text, 6)
            return
        kind = ITEM if tag == "li" else PARAGRAPH
        if _is_note(node):
            kind = NOTE
        self.outline.add(kind, text)

    def _definitions(self, node: Any) -> None:
        """A list of terms and what they are ("Published" / "28 November 2024"), as "term: value"."""
        term = ""
        for child in node.iter("dt", "dd"):
            if _tag(child) == "dt":
                if term:
                    self.outline.add(PARAGRAPH, term)
                term = _text(child)
            else:
                value = _text(child)
                self.outline.add(PARAGRAPH, f"{term}: {value}" if term else value)
                term = ""
        if term:
            self.outline.add(PARAGRAPH, term)

    def _table(self, node: Any) -> None:
        rows: list[list[str]] = []
        header = False
        for index, row in enumerate(node.iter("tr")):
            if _inside_nested_table(row, node):
                continue
            cells = [cell for cell in row if _tag(cell) in ("td", "th")]
            if index == 0:
                header = bool(cells) and (all(_tag(cell) == "th" for cell in cells)
                                          or row.getparent() is not None and _tag(row.getparent()) == "thead")
            rows.append([_text(cell) for cell in cells])
        self.outline.table(rows, header)


def _tag(node: Any) -> str:
    return node.tag.lower() if isinstance(node.tag, str) else ""


def _has_blocks(node: Any) -> bool:
    return any(_tag(child) in _BLOCKS or _tag(child) in _HEADINGS for child in node.iterdescendants()
               if _tag(child) not in ("br",))


def _loose_text(node: Any) -> str:
    """Text written directly in a container (not in a block inside it)."""
    parts = [node.text or ""]
    for child in node:
        tag = _tag(child)
        if tag not in _BLOCKS and tag not in _HEADINGS and tag not in _SKIPPED and not _has_blocks(child):
            parts.append(_text(child))
        parts.append(child.tail or "")
    return clean(" ".join(parts))


def _text(node: Any) -> str:
    """The text of an element, without footnote markers, scripts or styles."""
    parts: list[str] = []
    stack: list[tuple[Any, bool]] = [(node, False)]
    while stack:
        current, tail_only = stack.pop()
        if tail_only:
            parts.append(current.tail or "")
            continue
        tag = _tag(current)
        if current is not node:
            stack.append((current, True))
        if tag in _SKIPPED or (tag == "sup" and _is_marker(current)):
            continue
        if tag in ("br", "p", "div", "li", "td", "th", "tr"):
            parts.append(" ")
        parts.append(current.text or "")
        stack.extend((child, False) for child in reversed([child for child in current if isinstance(child.tag, str)]))
    return clean(" ".join(part for part in parts if part))


def _is_marker(node: Any) -> bool:
    """A ``<sup>`` that marks a footnote: a short number or symbol, or a link."""
    text = "".join(node.itertext()).strip()
    return bool(_NOTE_MARK.match(text)) or (node.find(".//a") is not None and len(text) <= 4)


def _all_bold(node: Any) -> bool:
    own = (node.text or "").strip() or any((child.tail or "").strip() for child in node)
    children = [child for child in node if isinstance(child.tag, str)]
    return not own and len(children) == 1 and _tag(children[0]) in ("b", "strong")


def _is_note(node: Any) -> bool:
    """A footnote: an element (or one around it) whose id, class or role says so."""
    current = node
    for _ in range(4):
        if current is None:
            return False
        marks = " ".join(str(current.get(attribute, "")) for attribute in ("id", "class", "role")).lower()
        if "footnote" in marks or "endnote" in marks or re.search(r"\bfn[-_]?\d", marks):
            return True
        current = current.getparent()
    return False


def _inside_nested_table(row: Any, table: Any) -> bool:
    parent = row.getparent()
    while parent is not None and parent is not table:
        if _tag(parent) == "table":
            return True
        parent = parent.getparent()
    return False
