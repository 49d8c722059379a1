"""Citations in words: the one place that says, for readers, where in the guidance a rule comes from
and the evidence it rests on.

Every format (HTML, Markdown, terminal, ``rules``/``explain``, SARIF help) words a
citation through :func:`citation_segments`. A quotation or paraphrase by a third
party reads as secondary, and what no source confirms reads as not confirmed.
"""

from __future__ import annotations

from typing import Any

SECONDARY_KINDS = ("quotation", "paraphrase")
"""Kinds of source shown to readers as secondary evidence."""

Segment = tuple[str, "str | None"]
"""A piece of citation text and the web address it names (None for plain text)."""


def guidance_reference(citation: dict[str, Any]) -> str:
    """The guidance a rule comes from: the edition's title (or a document published with it),
    ``chapter 2 "Multi-agency safeguarding arrangements"``, ``section "Funding"``, with a paragraph
    or page where given; a chapter or section no source gives is left out."""
    title = f"Working Together to Safeguard Children {citation['edition']}"
    parts = [f"{citation['document']} (published with {title})" if citation.get("document") else title]
    chapter = citation.get("chapter")
    if chapter:
        number, _, name = chapter.partition(" ")
        parts.append(f'chapter {number} "{name}"' if number.isdigit() and name else f"chapter {chapter}")
    if citation.get("section"):
        parts.append(f'section "{citation["section"]}"')
    if citation.get("paragraph"):
        parts.append(f"paragraph {citation['paragraph']}")
    if citation.get("page"):
        parts.append(f"page {citation['page']}")
    text = ", ".join(parts)
    if citation.get("carried_from"):
        text += f" (carried over from the {citation['carried_from']} edition)"
    return text


def basis_item(item: dict[str, str]) -> Segment:
    """One item of a resolved basis in words, and its web address."""
    if "title" not in item:
        return f"not confirmed: {item['note']}", None
    text = item["title"]
    if item.get("at"):
        text += f", {item['at']}"
    if item.get("note"):
        text += f" ({item['note']})"
    if item["kind"] in SECONDARY_KINDS:
        text = f"secondary: {text}"
    return text, item.get("url")


def citation_segments(citation: dict[str, Any]) -> list[Segment]:
    """The whole citation for people, as pieces of text with the web address each names:
    the guidance reference (the first piece), then ``Sources:`` and the basis, strongest first."""
    segments: list[Segment] = [(guidance_reference(citation) + ". ", None), ("Sources: ", None)]
    for number, item in enumerate(citation.get("basis", [])):
        if number:
            segments.append(("; ", None))
        segments.append(basis_item(item))
    segments.append((".", None))
    return segments


def citation_text(citation: dict[str, Any]) -> str:
    """The whole citation in one line of text, each web address in angle brackets after what it names."""
    return "".join(text + (f" <{url}>" if url else "") for text, url in citation_segments(citation))
