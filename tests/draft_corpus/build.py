"""The draft corpus: fictional partnerships' documents, written by hand as HTML, made into PDF and Word.

``build(folder)`` writes each ``*.html`` here as itself, as a PDF (reportlab: headings
in larger type, tables with ruled cells, a running footer with the page number, a
cover page, a ``columns-2`` block set in two columns, footnotes in small type at the
end) and as a .docx (python-docx: Word's heading styles, list styles and tables, the
``columns-2`` block in a two-column section, footnotes as real Word footnotes).
Nothing generated is kept in the repository. ``score`` compares a drafted
description with the fields a document's ``*.expected.yaml`` lists.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
FORMATS = ("html", "pdf", "docx")


def sources() -> list[Path]:
    """The hand-written documents."""
    return sorted(HERE.glob("*.html"))


def expected(source: Path) -> dict[str, Any]:
    """What drafting must find in a document (the same in every format)."""
    return yaml.safe_load(source.with_suffix(".expected.yaml").read_text(encoding="utf-8"))["fields"]


def build(folder: Path, repeat: int = 1) -> dict[tuple[str, str], Path]:
    """Every document in every format, written to ``folder``: (name, format) -> path. ``repeat``
    writes each PDF's body that many times (for timing a long document)."""
    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    for source in sources():
        name = source.stem
        html = folder / f"{name}.html"
        html.write_bytes(source.read_bytes())
        made[(name, "html")] = html
        page = _parse(source)
        made[(name, "pdf")] = _pdf(page, folder / f"{name}.pdf", repeat)
        made[(name, "docx")] = _docx(page, folder / f"{name}.docx")
    return made


# --------------------------------------------------------------- the HTML read
@dataclass
class _Page:
    title: str
    body: Any
    notes: dict[str, str]


def _parse(source: Path) -> _Page:
    import lxml.html

    from wtcheck.draft.html import decode

    root = lxml.html.document_fromstring(decode(source.read_bytes()))
    notes = {}
    for aside in root.xpath("//aside[contains(@class, 'footnotes')]"):
        for note in aside.xpath(".//*[@id]"):
            notes[note.get("id")] = re.sub(r"^\s*[0-9]+\.\s*", "", note.text_content().strip())
    for script in root.xpath("//script|//style|//nav|//aside[contains(@class, 'footnotes')]"):
        script.getparent().remove(script)
    return _Page(root.findtext(".//title") or "", root.find("body"), notes)


def _blocks(element: Any) -> list[tuple[str, Any]]:
    """The page's blocks in order, with the two-column block marked."""
    found = []
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "div" and "columns-2" in (child.get("class") or ""):
            found.append(("columns", child))
        elif tag in ("div", "main", "header", "footer", "section", "article"):
            found += _blocks(child)
        elif tag:
            found.append((tag, child))
    return found


def _inline(element: Any, notes: dict[str, str], markup: str) -> list[tuple[str, str]]:
    """An element's text as runs: (kind, text), kind being text, bold, italic or a note's id."""
    runs: list[tuple[str, str]] = [("text", element.text or "")]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "sup":
            link = child.find("a")
            target = (link.get("href") or "").lstrip("#") if link is not None else ""
            runs.append(("note", target) if target in notes else ("sup", child.text_content()))
        elif tag in ("strong", "b"):
            runs.append(("bold", child.text_content()))
        elif tag in ("em", "i"):
            runs.append(("italic", child.text_content()))
        else:
            runs.append(("text", child.text_content()))
        runs.append(("text", child.tail or ""))
    return [(kind, re.sub(r"\s+", " ", text)) for kind, text in runs if text]


# ------------------------------------------------------------------------ PDF
def _pdf(page: _Page, target: Path, repeat: int) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    styles = getSampleStyleSheet()
    small = ParagraphStyle("note", parent=styles["BodyText"], fontSize=7.5, leading=9)
    bullet = ParagraphStyle("bullet", parent=styles["BodyText"], leftIndent=14, bulletIndent=4)
    bold = ParagraphStyle("th", parent=styles["BodyText"], fontName="Helvetica-Bold")
    width, height = A4
    footer = page.title

    def draw_footer(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(50, 28, f"{footer} | Page {document.page}")
        canvas.restoreState()

    document = BaseDocTemplate(str(target), pagesize=A4, title=page.title, author="Fictional partnership", invariant=1)
    gap = 16
    document.addPageTemplates([
        PageTemplate("one", [Frame(50, 50, width - 100, height - 100)], onPage=draw_footer),
        PageTemplate("two", [Frame(50, 50, (width - 100 - gap) / 2, height - 100),
                             Frame(50 + (width - 100 + gap) / 2, 50, (width - 100 - gap) / 2, height - 100)],
                     onPage=draw_footer),
    ])
    story: list[Any] = []
    used_notes: list[str] = []

    def text(element: Any) -> str:
        parts = []
        for kind, run in _inline(element, page.notes, "pdf"):
            run = run.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            if kind == "bold":
                parts.append(f"<b>{run}</b>")
            elif kind == "italic":
                parts.append(f"<i>{run}</i>")
            elif kind == "note":
                used_notes.append(run)
                parts.append(f"<super>{len(used_notes)}</super>")
            elif kind == "sup":
                parts.append(f"<super>{run}</super>")
            else:
                parts.append(run)
        return "".join(parts).strip()

    def add(blocks: list[tuple[str, Any]], first: bool) -> None:
        for tag, element in blocks:
            if tag == "columns":
                story.extend([NextPageTemplate("two"), PageBreak()])
                add(_blocks(element), False)
                story.extend([NextPageTemplate("one"), PageBreak()])
            elif tag in ("h1", "h2", "h3", "h4"):
                if tag == "h2" and first and story:
                    story.append(PageBreak())
                story.append(Paragraph(text(element), styles[{"h1": "Title", "h2": "Heading2", "h3": "Heading3",
                                                                 "h4": "Heading4"}[tag]]))
            elif tag == "p":
                story.append(Paragraph(text(element), styles["BodyText"]))
            elif tag in ("ul", "ol"):
                for number, item in enumerate(element.findall("li"), start=1):
                    story.append(Paragraph(text(item), bullet, bulletText="•" if tag == "ul" else f"{number}."))
            elif tag == "table":
                rows = [[Paragraph(text(cell), bold if cell.tag == "th" else styles["BodyText"])
                         for cell in row.findall("*")] for row in element.iter("tr")]
                table = Table(rows, repeatRows=1 if element.find("thead") is not None else 0)
                table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "#444444"),
                                           ("VALIGN", (0, 0), (-1, -1), "TOP")]))
                story.extend([table, Spacer(1, 8)])

    for _ in range(repeat):
        add(_blocks(page.body), True)
    if used_notes:
        story.append(Spacer(1, 12))
        for number, note in enumerate(dict.fromkeys(used_notes), start=1):
            story.append(Paragraph(f"{number} {page.notes[note]}", small))
    document.build(story)
    return target


_FILLER = ("In {month} the {group} met to review {topic}, heard from practitioners in {team} and agreed {count} "
           "actions, each with an owner and a date, reported back to the executive group at its next meeting.")
_WORDS = {"month": ["April", "June", "September", "November", "January", "March"],
          "group": ["learning subgroup", "quality assurance subgroup", "case review group", "exploitation subgroup"],
          "topic": ["neglect", "the front door", "missing children", "early help", "online harm", "transitions"],
          "team": ["the early help hubs", "the children's disability team", "school nursing", "the youth service"],
          "count": ["three", "four", "five", "six"]}


def long_pdf(source: Path, target: Path, pages: int) -> int:
    """A PDF of at least ``pages`` dense pages: the document's own content, then sections of
    ordinary prose and tables of the kind a yearly report is full of. Returns its page count."""
    import random

    import pypdfium2

    page = _parse(source)
    made = 0
    sections = max(1, pages // 2)
    for _ in range(4):
        chance = random.Random(2026)
        extra = "".join(
            f"<h3>{number}.{part} Work of the subgroups</h3>"
            + "".join("<p>" + " ".join(_FILLER.format(**{key: chance.choice(values) for key, values in _WORDS.items()})
                                       for _ in range(5)) + "</p>" for _ in range(4))
            + "<table><thead><tr><th>Course</th><th>Sessions</th><th>Attendees</th></tr></thead><tbody>"
            + "".join(f"<tr><td>{chance.choice(_WORDS['topic']).capitalize()} training</td><td>{chance.randint(2, 20)}"
                      f"</td><td>{chance.randint(20, 400)}</td></tr>" for _ in range(8)) + "</tbody></table>"
            for number in range(20, 20 + sections) for part in (1, 2))
        import lxml.html

        body = lxml.html.fragment_fromstring(extra, create_parent="div")
        page.body.append(body)
        _pdf(page, target, 1)
        page.body.remove(body)
        made = len(pypdfium2.PdfDocument(str(target)))
        if made >= pages:
            return made
        sections = int(sections * pages / max(made, 1)) + 1
    return made


# ----------------------------------------------------------------------- Word
def _docx(page: _Page, target: Path) -> Path:
    import docx
    from docx.enum.section import WD_SECTION
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    word = docx.Document()
    word.core_properties.title = page.title
    notes: list[str] = []

    def runs(paragraph: Any, element: Any) -> None:
        for kind, run in _inline(element, page.notes, "docx"):
            if kind == "note":
                notes.append(page.notes[run])
                reference = OxmlElement("w:r")
                properties = OxmlElement("w:rPr")
                style = OxmlElement("w:vertAlign")
                style.set(qn("w:val"), "superscript")
                properties.append(style)
                reference.append(properties)
                mark = OxmlElement("w:footnoteReference")
                mark.set(qn("w:id"), str(len(notes)))
                reference.append(mark)
                paragraph._p.append(reference)
                continue
            added = paragraph.add_run(run)
            added.bold = kind == "bold" or None
            added.italic = kind == "italic" or None
            if kind == "sup":
                added.font.superscript = True

    def columns(count: int) -> None:
        section = word.add_section(WD_SECTION.CONTINUOUS)
        cols = section._sectPr.find(qn("w:cols"))
        if cols is None:
            cols = OxmlElement("w:cols")
            section._sectPr.append(cols)
        cols.set(qn("w:num"), str(count))

    def add(blocks: list[tuple[str, Any]]) -> None:
        for tag, element in blocks:
            if tag == "columns":
                columns(2)
                add(_blocks(element))
                columns(1)
            elif tag in ("h1", "h2", "h3", "h4"):
                heading = word.add_heading("", level=int(tag[1]))
                runs(heading, element)
            elif tag == "p":
                runs(word.add_paragraph(), element)
            elif tag in ("ul", "ol"):
                for item in element.findall("li"):
                    runs(word.add_paragraph(style="List Bullet" if tag == "ul" else "List Number"), item)
            elif tag == "table":
                rows = list(element.iter("tr"))
                width = max(len(row.findall("*")) for row in rows)
                table = word.add_table(rows=len(rows), cols=width)
                table.style = "Table Grid"
                for number, row in enumerate(rows):
                    for index, cell in enumerate(row.findall("*")):
                        target_cell = table.cell(number, index)
                        runs(target_cell.paragraphs[0], cell)
                        if cell.tag == "th":
                            for run in target_cell.paragraphs[0].runs:
                                run.bold = True
                if element.find("thead") is not None:
                    properties = table.rows[0]._tr.get_or_add_trPr()
                    properties.append(OxmlElement("w:tblHeader"))

    add(_blocks(page.body))
    if notes:
        body = "".join(f'<w:footnote w:id="{number}"><w:p><w:r><w:footnoteRef/></w:r>'
                       f'<w:r><w:t xml:space="preserve"> {_xml(note)}</w:t></w:r></w:p></w:footnote>'
                       for number, note in enumerate(notes, start=1))
        xml = ('<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
               '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
               '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
               f'</w:footnote>{body}</w:footnotes>')
        part = Part(PackURI("/word/footnotes.xml"),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                    xml.encode("utf-8"), word.part.package)
        word.part.relate_to(part, RT.FOOTNOTES)
    word.save(str(target))
    return target


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------------- score
_IDENTITY = ("contributor", "name", "recipient", "partner")


def fields(description: dict[str, Any]) -> list[tuple[str, Any]]:
    """A description as (field, value) pairs: a list of mappings by each item's identity
    (``safeguarding_partners[police].lead.title``), a list's entries each a field of their own
    (``relevant_agencies.agencies[]``), a statement by its summary; evidence left out."""
    pairs: list[tuple[str, Any]] = []

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            if set(value) <= {"summary", "evidence"} and "summary" in value:
                pairs.append((path, value["summary"]))
                return
            for key, item in value.items():
                if key != "evidence":
                    walk(item, f"{path}.{key}" if path else key)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    identity = next((key for key in _IDENTITY if key in item), None)
                    name = item.get(identity) if identity else None
                    pairs.append((f"{path}[]", name))
                    walk({key: item for key, item in item.items() if key != identity}, f"{path}[{name}]")
                else:
                    pairs.append((f"{path}[]", item))
        else:
            pairs.append((path, value))

    walk(copy.deepcopy(description), "")
    return pairs


def _normal(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(re.sub(r"[^a-z0-9]+", " ", value.lower().replace("&", " and ")).split())
    return value


def _matches(spec: Any, value: Any) -> bool:
    if isinstance(spec, dict) and "contains" in spec:
        return isinstance(value, str) and _normal(spec["contains"]) in _normal(value)
    if hasattr(spec, "isoformat"):
        spec = spec.isoformat()
    return bool(_normal(spec) == _normal(value))


def expected_pairs(wanted: dict[str, Any]) -> list[tuple[str, Any]]:
    return [(key, item) for key, spec in wanted.items() for item in (spec if key.endswith("[]") else [spec])]


def score(description: dict[str, Any], wanted: dict[str, Any]) -> tuple[int, int, int, list[str]]:
    """True positives, false positives and false negatives of a draft against what was wanted,
    with a line for each mistake."""
    drafted = fields(description)
    expect = expected_pairs(wanted)
    unmatched = list(expect)
    true, false = 0, []
    for key, value in drafted:
        hit = next((pair for pair in unmatched if pair[0] == key and _matches(pair[1], value)), None)
        if hit is not None:
            unmatched.remove(hit)
            true += 1
        else:
            false.append(f"drafted, not expected: {key} = {value!r}")
    missed = [f"expected, not drafted: {key} = {spec!r}" for key, spec in unmatched]
    return true, len(false), len(missed), false + missed
