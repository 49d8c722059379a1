"""Reading documents for ``wtcheck draft``: every read guarded, nothing fetched, one clear line for what cannot be read."""

from __future__ import annotations

import dataclasses
import io
import os
import re
import socket
import subprocess
import sys
import zipfile

import pytest
from typer.testing import CliRunner

from wtcheck.cli import app
from wtcheck.core.errors import WtcheckError
from wtcheck.core.loading import LoadError
from wtcheck.draft import reading, word
from wtcheck.draft.reading import DocumentError, read_document

from conftest import ROOT, run_wtcheck

PAGE = ("<html><head><title>Larkmere Safeguarding Arrangements</title></head><body>"
        "<h1>Larkmere Safeguarding Arrangements</h1><h2>Our safeguarding partners</h2>"
        "<p>The safeguarding partners are Larkmere Borough Council, NHS Larkmere Integrated Care Board and "
        "Larkmere Police. Funding: £12,500 – the council’s share.</p></body></html>")


def _texts(path):
    return " ".join(block.text for block in read_document(path).blocks)


@pytest.mark.parametrize("encoded", [
    PAGE.encode("utf-8"),
    b"\xef\xbb\xbf" + PAGE.encode("utf-8"),
    PAGE.replace("<head>", '<head><meta charset="windows-1252">').encode("cp1252"),
    PAGE.encode("cp1252"),
    PAGE.encode("utf-16"),
], ids=["utf-8", "bom", "cp1252-declared", "cp1252-undeclared", "utf-16"])
def test_a_page_is_read_in_the_encoding_it_was_saved_in(tmp_path, encoded):
    path = tmp_path / "page.html"
    path.write_bytes(encoded)
    text = _texts(path)
    assert "£12,500 - the council's share" in text
    assert read_document(path).title == "Larkmere Safeguarding Arrangements"


class _NoNetwork(Exception):
    pass


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise _NoNetwork("wtcheck tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_nothing_a_page_links_to_is_fetched(tmp_path, no_network):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-TEXT")
    path = tmp_path / "page.html"
    path.write_text(f'<!DOCTYPE html SYSTEM "http://example.org/evil.dtd" [<!ENTITY x SYSTEM "file://{secret}">]>'
                    '<html><head><link rel="stylesheet" href="http://example.org/s.css">'
                    '<script src="http://example.org/s.js"></script></head><body>'
                    '<img src="http://example.org/pixel.png"><iframe src="http://example.org/frame"></iframe>'
                    f'<object data="file://{secret}"></object><p>&x; Larkmere Police is a safeguarding partner.</p>'
                    "</body></html>")
    text = _texts(path)
    assert "SECRET-TEXT" not in text and "Larkmere Police" in text


def _docx(path, footnotes: bytes | None = None, document: bytes | None = None, extra: dict | None = None):
    import docx

    made = docx.Document()
    made.add_heading("Larkmere Safeguarding Arrangements", 1)
    made.add_paragraph("The safeguarding partners are Larkmere Borough Council and Larkmere Police.")
    buffer = io.BytesIO()
    made.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml" and document is not None:
                data = document
            target.writestr(item, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
        if footnotes is not None:
            target.writestr("word/footnotes.xml", footnotes)
    return path


def test_a_word_document_never_resolves_an_entity(tmp_path, no_network):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-TEXT")
    doctype = f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'.encode()
    namespace = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = (doctype + b"<w:document " + namespace + b"><w:body><w:p><w:r><w:t>&x; Larkmere Police</w:t></w:r></w:p>"
            b"</w:body></w:document>")
    path = _docx(tmp_path / "entity.docx", document=body)
    try:
        text = _texts(path)
    except DocumentError as refused:
        text = str(refused)
    assert "SECRET-TEXT" not in text


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, monkeypatch):
    path = _docx(tmp_path / "big.docx", extra={"word/media/padding.bin": b"\0" * 200_000})
    monkeypatch.setattr(word, "MAX_UNPACKED", 100_000)
    with pytest.raises(DocumentError, match="unpacks to more than wtcheck's limit"):
        read_document(path)


@pytest.mark.parametrize("content, message", [
    (b"%PDF-1.4\n garbage that is no PDF", "cannot be read as a PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old-style Office document (.doc); save it as .docx or PDF"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "is a PNG image; wtcheck reads text"),
    (b"   \n  ", "is empty: there is nothing to draft from"),
    (b"\x00\x01\x02binary" * 10, "is a binary file"),
    (b"PK\x03\x04 not really a zip", "is a damaged zip file"),
])
def test_what_is_not_a_document_gets_one_line(tmp_path, content, message):
    path = tmp_path / "document.bin"
    path.write_bytes(content)
    with pytest.raises(DocumentError, match=re.escape(message)):
        read_document(path)


@pytest.mark.parametrize("name", ["arrangements.yaml", "Board.YML"])
def test_a_yaml_description_given_to_draft_is_sent_to_validate(tmp_path, name):
    path = tmp_path / name
    path.write_text("partnership:\n  name: Kestrelford Safeguarding Children Partnership\n")
    with pytest.raises(DocumentError, match="is a YAML file, not a published document.*run wtcheck validate"):
        read_document(path)


def test_a_web_page_saved_with_a_yaml_name_is_still_read(tmp_path):
    path = tmp_path / "page.yaml"
    path.write_text("<html><body><h1>Kestrelford Safeguarding Arrangements</h1></body></html>")
    assert read_document(path).blocks


def test_a_workbook_is_not_a_word_document(tmp_path):
    path = tmp_path / "budget.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(DocumentError, match="is an Excel workbook, not a Word document"):
        read_document(path)


def test_a_pdf_with_a_password_gets_one_line(tmp_path):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    page = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("user", "owner", canPrint=1))
    page.drawString(72, 720, "Larkmere Police")
    page.save()
    with pytest.raises(DocumentError, match="is protected by a password; save an unprotected copy"):
        read_document(path)


def test_only_regular_files_of_a_sane_size_are_read(tmp_path, monkeypatch):
    with pytest.raises(LoadError, match="is a folder, not an HTML, PDF or Word"):
        read_document(tmp_path)
    with pytest.raises(LoadError, match="no such file"):
        read_document(tmp_path / "missing.pdf")
    with pytest.raises(LoadError, match="is a web address; wtcheck never fetches anything"):
        read_document("https://example.org/arrangements.pdf")
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.html"
        os.mkfifo(fifo)
        with pytest.raises(LoadError, match="is a named pipe, not a regular file"):
            read_document(fifo)
    large = tmp_path / "large.html"
    large.write_text(PAGE * 40)
    monkeypatch.setattr(reading, "DOCUMENT", dataclasses.replace(reading.DOCUMENT, limit=1000))
    with pytest.raises(LoadError, match="is larger than wtcheck's limit"):
        read_document(large)


def test_a_document_that_cannot_be_read_stops_draft_in_one_line(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.7 not a pdf")
    done = run_wtcheck("draft", "notes.pdf", cwd=tmp_path)
    assert done.code == 2 and done.out == ""
    assert done.err.startswith("wtcheck: notes.pdf: cannot be read as a PDF") and done.err.count("\n") == 1
    assert not (tmp_path / "arrangements.yaml").exists()


def test_a_page_written_to_be_hard_to_read_takes_no_time(tmp_path):
    nested = "<div>" * 50_000 + "Larkmere Police" + "</div>" * 50_000
    words = " ".join(["Alpha Beta Gamma"] * 60_000)
    path = tmp_path / "hard.html"
    path.write_text(f"<html><body><h2>Safeguarding partners</h2>{nested}<p>{words} Council</p>"
                    f"<table>{'<tr><td>£1,000</td><td>Safeguarding partner Police</td></tr>' * 3000}</table></body></html>")
    done = run_wtcheck("draft", "hard.html", "-o", "out.yaml", cwd=tmp_path)  # run_wtcheck fails a run over 60 s
    assert done.code in (0, 2), done.err
    assert "Traceback" not in done.err


def test_validate_does_not_load_the_document_readers():
    code = ("import sys\nfrom typer.testing import CliRunner\nfrom wtcheck.cli import app\n"
            f"CliRunner().invoke(app, ['validate', {str(ROOT / 'samples' / '2023-complete.yaml')!r}])\n"
            "print(sorted(m for m in ('pypdfium2', 'docx', 'lxml', 'reportlab', 'wtcheck.draft') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]"


def test_draft_with_an_unreadable_document_writes_nothing(tmp_path):
    target = tmp_path / "out.yaml"
    result = CliRunner().invoke(app, ["draft", str(tmp_path / "missing.html"), "-o", str(target)])
    assert isinstance(result.exception, WtcheckError) and "no such file" in str(result.exception)
    assert not target.exists()


def test_a_pdfs_bookmarks_are_its_headings_and_its_printed_page_labels_its_pages(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "labelled.pdf"
    page = canvas.Canvas(str(path))
    page.addPageLabel(0, style="ROMAN_LOWER")
    page.drawString(72, 760, "Contents")
    page.showPage()
    page.addPageLabel(1, style="ARABIC", start=1)
    page.setFont("Helvetica", 10)
    page.drawString(72, 760, "Escalation")  # no larger than the text: a heading only by its bookmark
    page.bookmarkPage("escalation")
    page.addOutlineEntry("Escalation", "escalation", level=0)
    page.drawString(72, 740, "Practitioners who disagree use the Larkmere escalation policy in three steps.")
    page.showPage()
    page.save()
    blocks = read_document(path).blocks
    heading = next(block for block in blocks if block.text == "Escalation")
    paragraph = next(block for block in blocks if block.text.startswith("Practitioners"))
    assert heading.kind == "heading" and paragraph.headings == ("Escalation",)
    assert [block.page for block in blocks] == ["i", "1", "1"]


def test_text_kept_in_a_pdf_form_is_read_as_well(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "form.pdf"
    page = canvas.Canvas(str(path))
    page.beginForm("header")
    page.setFont("Helvetica-Bold", 16)
    page.drawString(72, 780, "Our safeguarding partners")
    page.endForm()
    page.doForm("header")
    page.setFont("Helvetica", 10)
    page.drawString(72, 750, "The safeguarding partners are Larkmere Borough Council and Larkmere Police.")
    page.showPage()
    page.save()
    blocks = read_document(path).blocks
    assert [(block.kind, block.text) for block in blocks] == [
        ("heading", "Our safeguarding partners"),
        ("paragraph", "The safeguarding partners are Larkmere Borough Council and Larkmere Police.")]
