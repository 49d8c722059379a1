"""Citations for people: where in the guidance a rule comes from, and the evidence it rests on.

A rule's citation names the guidance (edition, chapter, section heading, and a
paragraph or page only where a source gives one) and its ``basis``: keys of
``rulesets/sources.yaml``, each with where in that source and any caveat. The
ruleset loader resolves the keys (:func:`resolve_basis`), so the report model
carries each source's public title, kind and web address; :func:`citation_segments`
is the one place that words a citation for readers, and every format (HTML,
Markdown, terminal, ``rules``/``explain``, SARIF help) renders from it. A
quotation or paraphrase by a third party reads as secondary, and what no source
confirms reads as not confirmed. The citation's ``source`` and each source's
``trace`` (the project's seed files and research notes) are for maintainers and
are never shown.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from wtcheck.core.errors import WtcheckError
from wtcheck.core.loading import LoadError, load_file
from wtcheck.core.resources import data_dir

SECONDARY_KINDS = ("quotation", "paraphrase")
"""Kinds of source shown to readers as secondary evidence."""

Segment = tuple[str, "str | None"]
"""A piece of citation text and the web address it names (None for plain text)."""


@lru_cache(maxsize=None)
def sources() -> dict[str, dict[str, str]]:
    """The bundled source table (``rulesets/sources.yaml``), validated; key -> source."""
    from wtcheck.core.schema import describe_errors

    try:
        document = load_file(data_dir("rulesets") / "sources.yaml", "rulesets/sources.yaml")
    except LoadError as exc:
        raise WtcheckError(f"bundled source table is broken: {exc}") from None
    problems = describe_errors("sources", document)
    if problems:
        raise WtcheckError(f"bundled source table is broken: {problems[0]}")
    return document.data["sources"]


def resolve_basis(basis: list[dict[str, str]]) -> list[dict[str, str]]:
    """A citation's basis with each source key resolved to its public title, kind and address;
    a ``KeyError`` names a key the source table does not have."""
    table = sources()
    resolved = []
    for item in basis:
        entry = dict(item)
        if "source" in item:
            source = table[item["source"]]
            entry.update({"title": source["title"], "kind": source["kind"]})
            if "url" in source:
                entry["url"] = source["url"]
        resolved.append(entry)
    return resolved


def guidance_reference(citation: dict[str, Any]) -> str:
    """The guidance a rule comes from: ``Working Together to Safeguard Children 2023, chapter 2
    "Multi-agency safeguarding arrangements", section "Funding"``, with a paragraph or page where given."""
    parts = [f"Working Together to Safeguard Children {citation['edition']}"]
    chapter = citation.get("chapter")
    if chapter:
        number, _, name = chapter.partition(" ")
        parts.append(f'chapter {number} "{name}"' if number.isdigit() and name else f"chapter {chapter}")
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
    the guidance reference, then ``Sources:`` and the basis, strongest first."""
    segments: list[Segment] = [(guidance_reference(citation) + ". Sources: ", None)]
    for number, item in enumerate(citation.get("basis", [])):
        if number:
            segments.append(("; ", None))
        segments.append(basis_item(item))
    segments.append((".", None))
    return segments


def citation_text(citation: dict[str, Any]) -> str:
    """The whole citation in one line of text, each web address in angle brackets after what it names."""
    return "".join(text + (f" <{url}>" if url else "") for text, url in citation_segments(citation))
