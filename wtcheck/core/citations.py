"""The sources rules rest on: ``rulesets/sources.yaml``, and each citation's ``basis`` resolved against it.

A rule's citation names the guidance (edition, chapter, section heading, and a
paragraph or page only where a source gives one) and its ``basis``: keys of
``rulesets/sources.yaml``, each with where in that source and any caveat. The
ruleset loader resolves the keys (:func:`resolve_basis`), so the models carry
each source's public title, kind and web address; :mod:`wtcheck.formats.citations`
words them for readers. The citation's ``source`` and each source's ``trace``
(the project's seed files and research notes) are for maintainers and are never shown.
"""

from __future__ import annotations

from wtcheck.core.errors import WtcheckError
from wtcheck.core.loading import LoadError, load_file
from wtcheck.core.resources import cached, data_dir


@cached
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
    table: dict[str, dict[str, str]] = document.data["sources"]
    return table


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
