"""Reading a local document for drafting: the guards every read gets, then the reader for its kind.

A document is read like every file wtcheck reads (:func:`wtcheck.core.reading.read_bytes`:
a regular file only, never more than ``MAX_DOCUMENT_BYTES``, nothing that can block), its kind
told from its first bytes (a PDF, a Word .docx, or HTML), never from a web address: wtcheck
reads no URL, resolves no external entity and fetches no image. What it cannot read gets one
line naming the file and saying what to do.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from wtcheck.core.errors import WtcheckError
from wtcheck.core.reading import Kind, LoadError, read_bytes
from wtcheck.draft.document import HEADING, Document

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
"""Largest document wtcheck reads (64 MiB: a long yearly report full of pictures is a few MiB)."""
MAX_PAGES = 1000
"""Most pages of a PDF wtcheck reads."""
MAX_BLOCKS = 200_000
"""Most headings, paragraphs and tables a document may hold."""

DOCUMENT = Kind("HTML, PDF or Word (.docx)", MAX_DOCUMENT_BYTES, "a long yearly report full of pictures is a few MiB",
                "draft from the arrangements or yearly report itself", "an")
"""What a document to draft from should be."""

_OTHER_KINDS = ((b"\xd0\xcf\x11\xe0", "an old-style Office document (.doc); save it as .docx or PDF and draft from that"),
                (b"{\\rtf", "a rich text (.rtf) document; save it as .docx or PDF and draft from that"),
                (b"\x89PNG", "a PNG image; wtcheck reads text, not pictures"),
                (b"\xff\xd8\xff", "a JPEG image; wtcheck reads text, not pictures"))


class DocumentError(LoadError):
    """A document cannot be read for drafting."""


def read_document(path: str | Path) -> Document:
    """Read one local document; raise :class:`DocumentError` (one line, naming it) if it cannot be."""
    name = str(path)
    if "://" in name:
        raise DocumentError("is a web address; wtcheck never fetches anything: save the page or document "
                            "and draft from the saved file", name)
    raw = read_bytes(Path(path), DOCUMENT, name)
    try:
        document = _reader(raw, name)(raw, name)
    except WtcheckError:
        raise
    except RecursionError:
        raise DocumentError("is nested too deeply to read; save it again from the program that made it", name) from None
    except MemoryError:
        raise DocumentError("is too large to read in memory; draft from a smaller document", name) from None
    if len(document.blocks) > MAX_BLOCKS:
        raise DocumentError(f"holds more than {MAX_BLOCKS:,} paragraphs and tables; draft from the arrangements "
                            "or yearly report itself", name)
    document.title = _title(document)
    return document


def _title(document: Document) -> str:
    """The document's title: its main heading where that says what the document is ("... Safeguarding
    Arrangements", "... Annual Report") and the title its file carries does not say it as well."""
    from wtcheck.draft.cues import cue_book

    heads = [block for block in document.blocks[:15] if block.kind == HEADING]
    if not heads:
        return document.title
    main = min(heads, key=lambda block: block.level).text
    kinds = cue_book().group("documents").values()
    if main != document.title and any(cues.search(main) for cues in kinds) and not any(
            cues.search(document.title) and main in document.title for cues in kinds):
        return main
    return document.title


def _reader(raw: bytes, name: str) -> Callable[[bytes, str], Document]:
    """The function that reads a document of this kind (imported only now: each needs its library)."""
    if raw.startswith(b"%PDF-") or raw[:1024].lstrip().startswith(b"%PDF-"):
        from wtcheck.draft.pdf import read_pdf

        return read_pdf
    if raw.startswith(b"PK\x03\x04"):
        from wtcheck.draft.word import read_docx

        return read_docx
    for signature, kind in _OTHER_KINDS:
        if raw.startswith(signature):
            raise DocumentError(f"is {kind}", name)
    if not raw.strip():
        raise DocumentError("is empty: there is nothing to draft from", name)
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(f"is a binary file, not an {DOCUMENT.language} document", name)
    if name.lower().endswith((".yaml", ".yml")) and b"<" not in raw[:4096]:
        raise DocumentError("is a YAML file, not a published document: draft reads the arrangements or yearly report "
                            "(HTML, PDF or Word); to check a description, run wtcheck validate", name)
    from wtcheck.draft.html import read_html

    return read_html
